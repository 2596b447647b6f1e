"""Speed and memory of helpers.correlate2d against scipy, printed as ratios in one run.

Targets (from the foundation issue), on a 1000x1000 float64 image:

* 3x3 kernel: at most 0.8x the time of ``scipy.ndimage.correlate`` (zero
  border, same-size output, compared with our ``mode="same"``) and at most
  0.5x ``scipy.signal.correlate2d`` (``mode="valid"`` both);
* 5x5 and 21x21: at most 1.5x the faster of ``scipy.ndimage.correlate`` and
  ``scipy.signal.fftconvolve`` (``mode="same"`` throughout);
* with a stride (``mode="valid"``): 3x3 at stride 2 at most 0.6x
  ``scipy.ndimage.correlate`` with every second row and column kept, and
  11x11 at stride 4 (AlexNet's first layer) at most 0.8x the faster of
  ``scipy.ndimage.correlate`` and ``scipy.signal.fftconvolve`` with every
  fourth kept: SciPy has no stride, so it computes every position; we compute
  only the kept ones and should be clearly faster;
* peak extra memory during a call at most 1.5x the output's size.

Times are the best of several interleaved repeats, so a burst of load on a
shared machine does not land on one side only. ``correlate2d_loops`` is timed
once, for contrast. Exit status 1 if a target is missed.

Usage: ``python benchmarks/run.py [--size N] [--repeat R]``
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc

import numpy as np
from scipy import ndimage, signal

from helpers import correlate2d, correlate2d_loops

TIME_TARGETS = {  # (kernel size, reference) -> largest acceptable ratio ours / reference
    (3, "scipy.ndimage.correlate"): 0.8,
    (3, "scipy.signal.correlate2d"): 0.5,
    (5, "faster of ndimage / fftconvolve"): 1.5,
    (21, "faster of ndimage / fftconvolve"): 1.5,
    (3, "stride 2: ndimage, every 2nd"): 0.6,
    (11, "stride 4: faster, every 4th"): 0.8,
}
MEMORY_TARGET = 1.5


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
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    image = rng.standard_normal((args.size, args.size))
    kernels = {n: rng.standard_normal((n, n)) for n in (3, 5, 11, 21)}
    rows = []  # (kernel, what, ours, reference, ratio, target)

    k3 = kernels[3]
    t = best_times(
        {
            "ours same": lambda: correlate2d(image, k3, "same"),
            "ndimage": lambda: ndimage.correlate(image, k3, mode="constant"),
            "ours valid": lambda: correlate2d(image, k3, "valid"),
            "signal": lambda: signal.correlate2d(image, k3, "valid"),
        },
        args.repeat,
    )
    rows.append((3, "scipy.ndimage.correlate", t["ours same"], t["ndimage"]))
    rows.append((3, "scipy.signal.correlate2d", t["ours valid"], t["signal"]))
    start = time.perf_counter()
    correlate2d_loops(image, k3)
    loops = time.perf_counter() - start

    for n in (5, 21):
        k = kernels[n]
        t = best_times(
            {
                "ours": lambda k=k: correlate2d(image, k, "same"),
                "ndimage": lambda k=k: ndimage.correlate(image, k, mode="constant"),
                "fft": lambda k=k: signal.fftconvolve(image, k[::-1, ::-1], mode="same"),
            },
            max(3, args.repeat // 3),
        )
        rows.append((n, "faster of ndimage / fftconvolve", t["ours"], min(t["ndimage"], t["fft"])))

    for n, step in ((3, 2), (11, 4)):
        k, half = kernels[n], n // 2
        t = best_times(
            {
                "ours": lambda k=k, step=step: correlate2d(image, k, stride=step),
                "ndimage": lambda k=k, half=half, step=step: ndimage.correlate(
                    image, k, mode="constant"
                )[half:-half:step, half:-half:step],
                "fft": lambda k=k, step=step: signal.fftconvolve(image, k[::-1, ::-1], "valid")[
                    ::step, ::step
                ],
            },
            max(3, args.repeat // 3),
        )
        what = "stride 2: ndimage, every 2nd" if n == 3 else "stride 4: faster, every 4th"
        reference = t["ndimage"] if n == 3 else min(t["ndimage"], t["fft"])
        rows.append((n, what, t["ours"], reference))

    print(f"correlate2d on a {args.size}x{args.size} float64 image (best of repeats)\n")
    print(
        f"{'kernel':>6}  {'reference':<32} {'ours ms':>8} {'ref ms':>8} {'ratio':>6} {'target':>7}"
    )
    missed = []
    for n, what, ours, ref in rows:
        ratio, target = ours / ref, TIME_TARGETS[(n, what)]
        flag = "ok" if ratio <= target else "MISSED"
        if flag != "ok":
            missed.append(f"{n}x{n} vs {what}")
        print(
            f"{n:>4}x{n:<2} {what:<32} {ours * 1e3:8.1f} {ref * 1e3:8.1f} {ratio:6.2f} "
            f"{'<= ' + str(target):>7} {flag}"
        )
    print(
        f"\ncorrelate2d_loops, 3x3 valid: {loops:.2f} s, "
        f"{loops / rows[1][2]:.0f}x the time of correlate2d (shown for contrast)"
    )

    print(
        f"\npeak extra memory in one call, in multiples of the output (target <= {MEMORY_TARGET})"
    )
    for n in (3, 5, 21):
        for mode in ("valid", "same", "full"):
            extra, out = peak_extra_bytes(
                lambda n=n, mode=mode: correlate2d(image, kernels[n], mode)
            )
            flag = "ok" if extra <= MEMORY_TARGET * out else "MISSED"
            if flag != "ok":
                missed.append(f"memory {n}x{n} {mode}")
            print(f"  {n:>2}x{n:<2} {mode:<5}  {extra / out:5.2f}x  ({extra / 1e6:5.1f} MB) {flag}")
    for n, step in ((3, 2), (11, 4)):
        extra, out = peak_extra_bytes(
            lambda n=n, step=step: correlate2d(image, kernels[n], stride=step)
        )
        flag = "ok" if extra <= MEMORY_TARGET * out else "MISSED"
        if flag != "ok":
            missed.append(f"memory {n}x{n} stride {step}")
        label = f"valid, stride {step}"
        print(f"  {n:>2}x{n:<2} {label:<5}  {extra / out:5.2f}x  ({extra / 1e6:5.1f} MB) {flag}")

    if missed:
        print("\nmissed targets: " + "; ".join(missed))
        return 1
    print("\nall targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
