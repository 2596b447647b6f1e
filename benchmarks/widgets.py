"""Time one update of each course widget, against the 30 ms target and against matplotlib.

An *update* is what happens when a learner moves a control: the widget's
observer recomputes (``correlate2d``, edge strengths), maps the result to
colour levels, encodes the PNG(s) and hands the new values to ipywidgets.
It is timed from Python by setting the control's ``value``, exactly as a
front end's message would, so ipywidgets' own bookkeeping is included;
only the network trip to the browser is not.

Target (from the widgets issue): at most 30 ms per update on a 512x512
image. The sliding-window stepper draws small HTML tables of every number,
so it is timed on its own 6x6 example.

Reference: **matplotlib figure re-render**, the usual way to redraw a
picture in a notebook, timed on the same work as the explorer's cell edit:
compute the output, draw input and output with ``imshow`` and a colour bar,
and save the figure as PNG bytes (Agg backend, 100 dpi, 10.5 x 5 inches).
Variants: a new figure per update (what ``interact`` with ``plt.show``
does), one reused figure updated with ``set_data``/``set_clim``, and the
same with matplotlib's PNG written at zlib level 1 instead of its default 6.

Each row is the median wall time of N updates (after a warm-up), with the
best one and the median CPU time of the process shown too: on a shared
machine busy with other jobs, wall time includes waiting for a CPU and the
CPU column shows what the update itself costs. The load average is printed
for context. Exit status 1 if a wall-time median misses the target.

Usage: ``python benchmarks/widgets.py [--size 512] [--updates 40]``
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
import warnings

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from helpers import PRESETS, book_on_table, correlate2d, photograph
from helpers.plotting import DIVERGING_CMAP
from helpers.render import palette, png_bytes, signed_levels
from helpers.widgets import EdgeComparer, KernelExplorer, SlidingWindowStepper

TARGET_MS = 30.0


def test_image(size: int) -> np.ndarray:
    """A size x size picture: the middle of the photograph, or the synthetic scene if larger."""
    photo = photograph()
    if size <= min(photo.shape):
        top, left = (photo.shape[0] - size) // 2, (photo.shape[1] - size) // 2
        return photo[top : top + size, left : left + size].copy()
    return book_on_table(size)


def median_and_best(update, count: int) -> tuple[float, float]:
    """Median and best wall time of ``update(i)`` for i = 0 .. count-1, in milliseconds."""
    return timed(update, count)[:2]


def timed(update, count: int) -> tuple[float, float, float]:
    """Median wall time, best wall time and median CPU time of ``update(i)``, in ms.

    CPU time counts only this process's own work, so on a machine busy with
    other jobs it stays close to what the update costs on an idle one.
    """
    update(-1)  # warm-up: lazy imports, caches, first encoder set-up
    wall, cpu = [], []
    for i in range(count):
        start, start_cpu = time.perf_counter(), time.process_time()
        update(i)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1e3, min(wall) * 1e3, statistics.median(cpu) * 1e3


def setter(control, values):
    """An update function that sets ``control.value`` to the values in turn."""
    values = list(values)
    return lambda i: setattr(control, "value", values[i % len(values)])


def widget_rows(image: np.ndarray, count: int) -> list[tuple[str, str, float, float, float]]:
    """(widget, action, median, best, CPU median) in ms for every control worth timing."""
    rows = []
    explorer = KernelExplorer(images={"photo": image}, preset="sobel vertical")
    controls = explorer.controls
    cell_values = [0.0, 1.0, 2.0, -1.0, 0.5]
    presets = [name for name in PRESETS if name != "identity"]
    size = image.shape[0]
    actions = {
        "edit a kernel cell": setter(controls["cell_0_0"], cell_values),
        "choose a preset": setter(controls["preset"], presets),
        "toggle the mirror": setter(controls["mirror"], [True, False]),
        "correlation <-> convolution": setter(
            controls["operation"], ["convolution", "correlation"]
        ),
        "toggle absolute value": setter(controls["absolute"], [True, False]),
        "move the inspected pixel": setter(controls["row"], range(0, size - 2, 7)),
    }
    for action, update in actions.items():
        rows.append(("KernelExplorer", action, *timed(update, count)))

    comparer = EdgeComparer(images={"photo": image})
    slider = comparer.controls["threshold"]
    thresholds = np.linspace(0.0, slider.max, 17)[1:-1]
    rows.append(
        (
            "EdgeComparer",
            "move the threshold (3 pairs)",
            *timed(setter(slider, thresholds), count),
        )
    )

    stepper = SlidingWindowStepper(example="step edge 6x6")
    rows.append(
        (
            "SlidingWindowStepper",
            "next position (6x6 example)",
            *timed(setter(stepper.controls["position"], range(1, 17)), count),
        )
    )
    return rows


def deflate_png(levels: np.ndarray, level: int) -> bytes:
    """The same palette PNG with Pillow's ordinary deflate, for comparison."""
    picture = Image.frombuffer("P", levels.shape[::-1], levels, "raw", "P", 0, 1)
    picture.putpalette(palette().tobytes())
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=level)
    return buffer.getvalue()


def breakdown(image: np.ndarray, count: int) -> list[tuple[str, float, float, int | None]]:
    """The parts of the explorer's cell edit, each timed alone (with PNG sizes)."""
    kernel = np.array(PRESETS["sobel vertical"])
    output = correlate2d(image, kernel)
    levels, _ = signed_levels(output)
    levels = np.ascontiguousarray(levels)
    return [
        (
            "correlate2d, 3x3 valid",
            *median_and_best(lambda i: correlate2d(image, kernel), count),
            None,
        ),
        (
            "signed_levels (colour scale)",
            *median_and_best(lambda i: signed_levels(output), count),
            None,
        ),
        (
            "png_bytes: palette PNG, zlib run-length (used)",
            *median_and_best(lambda i: png_bytes(levels), count),
            len(png_bytes(levels)),
        ),
        (
            "  instead: deflate level 1",
            *median_and_best(lambda i: deflate_png(levels, 1), count),
            len(deflate_png(levels, 1)),
        ),
        (
            "  instead: no compression (level 0)",
            *median_and_best(lambda i: deflate_png(levels, 0), count),
            len(deflate_png(levels, 0)),
        ),
    ]


def matplotlib_new_figure(image: np.ndarray, kernel: np.ndarray) -> bytes:
    """Reference: compute, then draw a brand-new figure and save it as PNG."""
    output = correlate2d(image, kernel)
    limit = float(np.abs(output).max()) or 1.0
    fig = Figure(figsize=(10.5, 5.0), dpi=100, layout="constrained")
    ax_in, ax_out = fig.subplots(1, 2)
    ax_in.imshow(image, cmap="gray")
    picture = ax_out.imshow(output, cmap=DIVERGING_CMAP, vmin=-limit, vmax=limit)
    fig.colorbar(picture, ax=ax_out)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


class ReusedFigure:
    """Reference: one figure, updated in place with set_data/set_clim, saved as PNG."""

    def __init__(self, image: np.ndarray, kernel: np.ndarray) -> None:
        self.image = image
        output = correlate2d(image, kernel)
        self.fig = Figure(figsize=(10.5, 5.0), dpi=100, layout="constrained")
        ax_in, ax_out = self.fig.subplots(1, 2)
        ax_in.imshow(image, cmap="gray")
        self.picture = ax_out.imshow(output, cmap=DIVERGING_CMAP)
        self.fig.colorbar(self.picture, ax=ax_out)

    def update(self, kernel: np.ndarray, fast_png: bool = False) -> bytes:
        output = correlate2d(self.image, kernel)
        limit = float(np.abs(output).max()) or 1.0
        self.picture.set_data(output)
        self.picture.set_clim(-limit, limit)
        buffer = io.BytesIO()
        options = {"pil_kwargs": {"compress_level": 1}} if fast_png else {}
        self.fig.savefig(buffer, format="png", **options)
        return buffer.getvalue()


def reference_rows(image: np.ndarray, count: int) -> list[tuple[str, float, float]]:
    base = np.array(PRESETS["sobel vertical"])
    kernels = []
    for value in (0.0, 1.0, 2.0, -1.0, 0.5):
        kernel = base.copy()
        kernel[0, 0] = value
        kernels.append(kernel)
    reused = ReusedFigure(image, base)
    return [
        (
            "matplotlib figure re-render: new figure per update",
            *median_and_best(lambda i: matplotlib_new_figure(image, kernels[i % 5]), count),
        ),
        (
            "matplotlib figure re-render: one figure, set_data",
            *median_and_best(lambda i: reused.update(kernels[i % 5]), count),
        ),
        (
            "  the same, PNG at zlib level 1",
            *median_and_best(lambda i: reused.update(kernels[i % 5], fast_png=True), count),
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=512, help="image side (default 512)")
    parser.add_argument("--updates", type=int, default=40, help="updates per row (default 40)")
    parser.add_argument("--target-ms", type=float, default=TARGET_MS, help="the target per update")
    args = parser.parse_args()
    warnings.simplefilter("error")  # a warning during an update is a bug worth seeing

    image = test_image(args.size)
    count = max(1, args.updates)
    print(
        f"One widget update on a {image.shape[0]}x{image.shape[1]} image "
        f"(median of {count}; target <= {args.target_ms:g} ms)\n"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} over the last minute\n")
    header = (
        f"{'widget':<21} {'action':<31} {'median':>8} {'best':>8} {'CPU':>8} {'median/target':>14}"
    )
    print(header)
    missed = []
    rows = widget_rows(image, count)
    for widget, action, median, best, cpu in rows:
        ratio = median / args.target_ms
        flag = "ok" if median <= args.target_ms else "MISSED"
        if flag != "ok":
            missed.append(f"{widget}: {action}")
        print(
            f"{widget:<21} {action:<31} {median:6.1f}ms {best:6.1f}ms {cpu:6.1f}ms "
            f"{ratio:13.2f}x  {flag}"
        )

    print("\nWhere the explorer's time goes (each part alone):")
    for part, median, best, size in breakdown(image, count):
        kilobytes = "" if size is None else f"  {size / 1000:6.0f} kB"
        print(f"  {part:<52} {median:6.1f}ms {best:6.1f}ms{kilobytes}")

    cell_edit = next(row[2] for row in rows if row[1] == "edit a kernel cell")
    print("\nReference: the same cell edit re-rendered through matplotlib")
    for name, median, best in reference_rows(image, max(5, count // 4)):
        print(
            f"  {name:<52} {median:6.1f}ms {best:6.1f}ms  "
            f"explorer is {median / cell_edit:4.1f}x faster"
        )

    if missed:
        print("\nmissed targets: " + "; ".join(missed))
        if load > (os.cpu_count() or 1):
            print(
                "(the machine is busier than it has CPUs: compare the CPU column, which is "
                "what an update costs when it has a CPU to itself)"
            )
        return 1
    print("\nall updates within the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
