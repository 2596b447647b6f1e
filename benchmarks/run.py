"""Speed and memory of helpers.correlate2d against SciPy, printed as ratios in one run.

Targets, on a 1000x1000 float64 image (``--size`` changes it):

* 3x3, 5x5, 11x11 and 21x21 kernels: at most 1.0x the time of
  ``scipy.ndimage.correlate`` (zero border, same-size output, compared with our
  ``mode="same"``). Both are direct methods: every weight meets every pixel.
* with a stride: at most 0.6x ``scipy.ndimage.correlate`` computing every
  position (SciPy has no stride; we compute only the kept positions).
* peak extra memory during one call at most 1.5x the output's size, for every
  mode, padding, stride and input dtype (no image-sized padded or converted copy).
* ``conv2d``, a layer of 16 3x3 filters on a (3, 512, 512) image with padding 1:
  at most 1.0x the time of SciPy doing the same channel sums (``ndimage.correlate``
  per channel pair, added up), and peak extra memory at most 1.5x its output.

Times are the best of several interleaved repeats, so a burst of load on a
shared machine does not land on one side only. ``correlate2d_loops``, the
readable version, is timed on a corner of the image, for contrast. Exit status
1 if a target is missed (``--no-time-targets`` reports times without judging
them, for runs on toy sizes; ``--memory-target`` changes the memory target).

Usage: ``python benchmarks/run.py [--size N] [--repeat R] [--no-time-targets]``
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc

import numpy as np
from scipy import ndimage

from helpers import conv2d, correlate2d, correlate2d_loops

TIME_TARGET = 1.0  # ours / scipy.ndimage.correlate, same-size output
STRIDE_TARGET = 0.6  # ours with a stride / ndimage computing every position
MEMORY_TARGET = 1.5  # peak extra bytes / output bytes
STRIDES = ((3, 2), (5, 2), (11, 4))
# The layer row: (C_in, H, W) input, C_out filters of f x f, padding keeping the size.
LAYER = {"channels": 3, "size": 512, "filters": 16, "kernel": 3}
# (kernel, mode, padding, stride, dtype): every mode, padding, stride and input dtype.
MEMORY_CASES = [
    (3, "valid", 0, 1, "float64"),
    (3, "same", 0, 1, "float64"),
    (3, "full", 0, 1, "float64"),
    (21, "valid", 0, 1, "float64"),
    (21, "same", 0, 1, "float64"),
    (21, "full", 0, 1, "float64"),
    (3, "same", 0, 2, "float64"),
    (3, "valid", 10, 2, "float64"),
    (11, "valid", 0, 4, "float64"),
    (11, "valid", 5, 4, "float64"),
    (11, "full", 0, 4, "float64"),
    (3, "valid", 0, 1, "uint8"),
    (5, "same", 0, 1, "float32"),
    (3, "valid", 1, 2, "bool"),
    (11, "valid", 0, 4, "uint8"),
]


def best_times(functions: dict, repeat: int) -> dict[str, float]:
    """Best wall time of each function over ``repeat`` interleaved rounds."""
    for function in functions.values():
        function()  # warm caches and lazy imports
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def peak_extra_bytes(function) -> tuple[int, int]:
    """(peak bytes allocated during the call beyond its result, result bytes)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    result = function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak - result.nbytes, result.nbytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="image side (default 1000)")
    parser.add_argument("--repeat", type=int, default=15, help="timing rounds (default 15)")
    parser.add_argument(
        "--no-time-targets", action="store_true", help="report times without judging them"
    )
    parser.add_argument("--memory-target", type=float, default=MEMORY_TARGET)
    parser.add_argument("--only", choices=("time", "memory"), help="run one half of the report")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    image = rng.standard_normal((args.size, args.size))
    kernels = {n: rng.standard_normal((n, n)) for n in (3, 5, 11, 21)}
    missed = []

    def judge(ratio: float, target: float, what: str) -> str:
        if args.no_time_targets:
            return "(not judged)"
        if ratio <= target:
            return "ok"
        missed.append(what)
        return "MISSED"

    print(f"correlate2d on a {args.size}x{args.size} float64 image\n")
    if args.only != "memory":
        report_times(args, image, kernels, judge)
    if args.only != "time":
        missed.extend(report_memory(args, image, kernels))
    missed.extend(report_layer(args, judge))
    if missed:
        print("\nMISSED targets: " + "; ".join(missed))
        return 1
    print("\nall targets met" + (" (times not judged)" if args.no_time_targets else ""))
    return 0


def report_times(args, image, kernels, judge) -> None:
    """Print each time ratio against scipy.ndimage.correlate, and the loop version's contrast."""
    print(f"{'kernel':>7}  {'against (best of repeats)':<44} {'ours ms':>8} {'ref ms':>8} ratio")
    for n, k in kernels.items():
        t = best_times(
            {
                "ours": lambda k=k: correlate2d(image, k, "same"),
                "ndimage": lambda k=k: ndimage.correlate(image, k, mode="constant"),
            },
            args.repeat if n < 11 else max(3, args.repeat // 3),
        )
        ratio = t["ours"] / t["ndimage"]
        flag = judge(ratio, TIME_TARGET, f"{n}x{n}")
        what = "scipy.ndimage.correlate, same size"
        print(
            f"{n:>4}x{n:<2}  {what:<44} {t['ours'] * 1e3:8.1f} {t['ndimage'] * 1e3:8.1f} "
            f"{ratio:6.2f} <= {TIME_TARGET} {flag}"
        )
    for n, step in STRIDES:
        k = kernels[n]
        t = best_times(
            {
                "ours": lambda k=k, step=step: correlate2d(image, k, stride=step),
                "ndimage": lambda k=k: ndimage.correlate(image, k, mode="constant"),
            },
            max(3, args.repeat // 3),
        )
        ratio = t["ours"] / t["ndimage"]
        flag = judge(ratio, STRIDE_TARGET, f"{n}x{n} stride {step}")
        what = f"stride {step} vs ndimage computing every position"
        print(
            f"{n:>4}x{n:<2}  {what:<44} {t['ours'] * 1e3:8.1f} {t['ndimage'] * 1e3:8.1f} "
            f"{ratio:6.2f} <= {STRIDE_TARGET} {flag}"
        )

    corner = image[:100, :100]
    start = time.perf_counter()
    correlate2d_loops(corner, kernels[3])
    loops = time.perf_counter() - start
    fast = best_times({"ours": lambda: correlate2d(corner, kernels[3])}, 5)["ours"]
    print(
        f"\ncorrelate2d_loops, 3x3 valid on a 100x100 corner: {loops * 1e3:.0f} ms, "
        f"{loops / fast:.0f}x the time of correlate2d (shown for contrast)"
    )


def report_memory(args, image, kernels) -> list[str]:
    """Print each memory case; return the ones that missed the target."""
    missed = []
    print(
        "\npeak extra memory in one call, in multiples of the output "
        f"(target <= {args.memory_target})"
    )
    for n, mode, padding, step, dtype in MEMORY_CASES:
        x = image.astype(dtype) if dtype != "bool" else image > 0
        extra, out = peak_extra_bytes(
            lambda x=x, n=n, mode=mode, padding=padding, step=step: correlate2d(
                x, kernels[n], mode, padding=padding, stride=step
            )
        )
        label = f"{n}x{n} {mode}, padding {padding}, stride {step}, {dtype}"
        flag = "ok" if extra <= args.memory_target * out else "MISSED"
        if flag != "ok":
            missed.append(f"memory {label}")
        print(f"  {label:<44} {extra / out:5.2f}x  ({extra / 1e6:6.2f} MB) {flag}")
    return missed


def scipy_layer(x, weight):
    """SciPy doing conv2d's channel sums: ndimage.correlate per channel pair, added up."""
    out = np.zeros((weight.shape[0], *x.shape[1:]))
    for o, kernels in enumerate(weight):
        for channel, kernel in zip(x, kernels, strict=True):
            out[o] += ndimage.correlate(channel, kernel, mode="constant")
    return out


def report_layer(args, judge) -> list[str]:
    """Time and memory of conv2d on a colour image with 16 filters; the memory misses."""
    rng = np.random.default_rng(1)
    size = min(args.size, LAYER["size"])
    x = rng.standard_normal((LAYER["channels"], size, size))
    f = LAYER["kernel"]
    weight = rng.standard_normal((LAYER["filters"], LAYER["channels"], f, f))
    padding = (f - 1) // 2
    shape = f"({LAYER['channels']}, {size}, {size}), {LAYER['filters']} {f}x{f} filters"
    print(f"\nconv2d on {shape}, padding {padding}")
    missed = []
    if args.only != "memory":
        t = best_times(
            {
                "ours": lambda: conv2d(x, weight, padding=padding),
                "scipy": lambda: scipy_layer(x, weight),
            },
            max(3, args.repeat // 3),
        )
        ratio = t["ours"] / t["scipy"]
        flag = judge(ratio, TIME_TARGET, "conv2d")  # judge records a miss itself
        print(
            f"  {'vs SciPy doing the same channel sums':<44} {t['ours'] * 1e3:8.1f} "
            f"{t['scipy'] * 1e3:8.1f} {ratio:6.2f} <= {TIME_TARGET} {flag}"
        )
    if args.only != "time":
        extra, out = peak_extra_bytes(lambda: conv2d(x, weight, padding=padding))
        flag = "ok" if extra <= args.memory_target * out else "MISSED"
        if flag != "ok":
            missed.append("memory conv2d")
        print(
            f"  {'peak extra memory, in outputs':<44} {extra / out:5.2f}x  "
            f"({extra / 1e6:6.2f} MB) {flag}"
        )
    return missed


if __name__ == "__main__":
    sys.exit(main())
