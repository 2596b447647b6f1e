"""Exercises of chapter 08, padding and stride."""

from __future__ import annotations

import math

import numpy as np

from ..conv import correlate2d
from ..images import step_edge
from ..kernels import VERTICAL
from ..padding import leftover, output_size, pad, same_padding
from .records import Exercise, exercise


@exercise
def check_strided_size() -> Exercise:
    """Exercise: output rows for a 64x64 image, 3x3 kernel, padding 1, stride 2."""
    n, f, p, s = 64, 3, 1, 2  # a typical downsampling layer
    expected = output_size(n, f, p, s)
    ratio = (n + 2 * p - f) / s
    return Exercise(
        "number",
        expected,
        explain=f"floor(({n} + {2 * p} - {f}) / {s}) + 1 = floor({ratio:g}) + 1 = {expected}: "
        'stride 2 with "same" padding halves the size.',
        hint="Use floor((n + 2p - f) / s) + 1 with n = 64, f = 3, p = 1, s = 2.",
        mistakes=(
            (
                math.ceil(ratio) + 1,
                f"({n} + {2 * p} - {f}) / {s} = {ratio:g} has no half position: round "
                "down before adding 1.",
            ),
            (
                output_size(n, f, p, 1),
                "That is the size with stride 1; the stride divides the distance the "
                "window can travel.",
            ),
            (ratio, "Round down to a whole number of steps, then add 1 for the first position."),
            (
                math.floor(ratio),
                "Add 1: the formula counts the steps, and the first position comes before "
                "any step. (If you left out the padding, add 2p = 2 to n as well.)",
            ),
        ),
    )


@exercise
def check_same_padding() -> Exercise:
    """Exercise: the padding that keeps a 50x50 image 50x50 under a 7x7 kernel (stride 1)."""
    n, f = 50, 7
    expected = same_padding(f)

    def size_with(p) -> str:
        return f"with p = {p:g} the output is {output_size(n, f, int(p))} wide"

    return Exercise(
        "number",
        expected,
        explain=f"p = ({f} - 1) / 2 = {expected} zeros on each side: "
        f"{n} + {2 * expected} - {f} + 1 = {output_size(n, f, expected)}.",
        hint=f"Find p with {n} + 2p - {f} + 1 = {n}.",
        mistakes=(
            (
                f - 1,
                f"{f - 1} is the total the kernel needs, but padding goes on both sides: "
                f"{size_with(f - 1)}.",
            ),
            (f, f"Too much: {size_with(f)}. The kernel's own size is not the padding."),
            (0, f"Without padding the output is {output_size(n, f)} wide: it shrinks."),
        ),
    )


@exercise
def check_leftover_columns() -> Exercise:
    """Exercise: columns an 11-wide image leaves unread under a 4-wide kernel at stride 3."""
    n, f, p, s = 11, 4, 0, 3
    expected = leftover(n, f, p, s)
    starts = list(range(0, n - f + 1, s))
    last_read = starts[-1] + f - 1
    unread = ", ".join(str(c) for c in range(last_read + 1, n))
    return Exercise(
        "number",
        expected,
        explain=f"Windows start at columns {', '.join(map(str, starts[:-1]))} and {starts[-1]} "
        f"and cover up to column {last_read}; one more step would start at {starts[-1] + s} "
        f"and need columns {starts[-1] + s}-{starts[-1] + s + f - 1}. "
        f"Column(s) {unread}: never read, ({n} - {f}) mod {s} = {expected}.",
        hint=f"List the columns where windows start (0, {s}, {2 * s}, ...) while a {f}-wide "
        f"window still fits in {n} columns, then see which columns the last one misses.",
        mistakes=(
            (
                s - expected,
                f"{s - expected} is how far one more step would hang past the edge; the "
                "question is how many columns are never read.",
            ),
            (
                output_size(n, f, p, s),
                "That is the number of window positions; count the columns after the "
                "last window instead.",
            ),
            (
                n - 1,
                f"{n - 1} is the index of the last column; the question asks how many "
                "columns are never read.",
            ),
        ),
    )


@exercise
def check_border_edge_choice() -> Exercise:
    """Exercise: why zero padding gives the step image's first column -30 (multiple choice)."""
    first = correlate2d(step_edge(), VERTICAL, padding=1)[1, 0]
    return Exercise(
        "choice",
        "c",
        options={
            "a": "The filter is the same at every position; it is what it sees that changes.",
            "b": "Stride 1 visits every position; no position is skipped or doubled here.",
            "c": "",
            "d": "The image has no edge at its left side: columns 0 to 2 are all 10.",
        },
        explain="Padding puts a column of zeros (black) left of the bright 10s, so the window "
        f"at column 0 sees dark on its left and bright on its right: {first:g}, a "
        "dark-to-bright edge that is not in the picture.",
    )


def _pad_cases() -> list[tuple]:
    rng = np.random.default_rng(8)
    cases = [(np.array([[1.0, 2.0], [3.0, 4.0]]), 1), (np.arange(6.0).reshape(2, 3), 0)]
    for rows, cols, p in [(1, 1, 2), (3, 3, 1), (2, 5, 3), (4, 1, 1), (5, 5, 2)] * 2:
        cases.append((rng.integers(-9, 10, size=(rows, cols)), p))
    return cases


@exercise
def check_pad() -> Exercise:
    """Exercise (write it): pad(image, p), p zeros on every side."""
    return Exercise(
        "function",
        pad,
        explain="A new array of shape (H + 2p, W + 2p) full of zeros, with the image copied "
        "into its middle: out[p:p + H, p:p + W] = image.",
        hint="Make np.zeros((H + 2 * p, W + 2 * p)) and copy the image into out[p:p + H, p:p + W].",
        mistakes=(
            (
                lambda x, p: pad(x, p)[p:, p:] if p else pad(x, 0),
                "The zeros are only after the image (bottom and right): put p before it too.",
            ),
            (
                lambda x, p: np.pad(np.asarray(x, dtype=float), p, mode="edge"),
                "The border repeats the image's outer pixels; zero padding fills it with 0.",
            ),
        ),
        cases=_pad_cases,
    )


def _size_cases() -> list[tuple[int, int, int, int]]:
    cases = [(7, 3, 0, 1), (7, 3, 0, 2), (227, 11, 0, 4), (10, 3, 0, 2), (64, 3, 1, 2)]
    cases += [(5, 5, 0, 1), (6, 3, 2, 3), (11, 4, 0, 3), (32, 5, 2, 1), (9, 2, 1, 4)]
    return cases


@exercise
def check_output_size() -> Exercise:
    """Exercise (write it): output_size(n, f, p, s) = floor((n + 2p - f) / s) + 1."""
    return Exercise(
        "function",
        output_size,
        explain="floor((n + 2p - f) / s) + 1: the number of whole steps of s pixels the window "
        "can take across the padded input, plus its first position. In Python: "
        "(n + 2 * p - f) // s + 1.",
        hint="(n + 2 * p - f) // s + 1: // rounds down, as the layers of PyTorch and "
        "TensorFlow do.",
        mistakes=(
            (
                lambda n, f, p, s: -((n + 2 * p - f) // -s) + 1,
                "That rounds up: a last step that would hang over the edge is not taken. "
                "Round down with //.",
            ),
            (
                lambda n, f, p, s: (n + 2 * p - f) / s + 1,
                "A count of positions is a whole number: use // (floor division), not /.",
            ),
            (
                lambda n, f, p, s: (n + p - f) // s + 1,
                "Padding adds p pixels on each side: 2p in all.",
            ),
            (
                lambda n, f, p, s: (n - f) // s + 1,
                "The padding is left out: it widens the input by p on each side, 2p in all.",
            ),
            (lambda n, f, p, s: (n + 2 * p - f) // s, "Add 1 for the window's first position."),
        ),
        cases=_size_cases,
    )


@exercise
def check_dilated_size() -> Exercise:
    """Exercise: output width for a 32-wide image, a 3x3 kernel with dilation 3, no padding."""
    n, f, p, s, d = 32, 3, 0, 1, 3
    expected = output_size(n, f, p, s, d)
    span = d * (f - 1) + 1
    return Exercise(
        "number",
        expected,
        explain=f"The dilated kernel spans d (f - 1) + 1 = {d} x {f - 1} + 1 = {span} pixels, "
        f"so floor(({n} + {2 * p} - {span}) / {s}) + 1 = {expected}.",
        hint=f"Use floor((n + 2p - d (f - 1) - 1) / s) + 1 with n = {n}, f = {f}, p = {p}, "
        f"s = {s}, d = {d}.",
        mistakes=(
            (
                output_size(n, f, p, s),
                f"That is the size without dilation: the three weights now sit {d} pixels "
                f"apart, so the kernel spans more than {f} pixels.",
            ),
            (
                n - d * f + 1,
                f"d x f = {d * f} counts {d} pixels per weight, but after the last weight there "
                "is no gap: the span is d (f - 1) + 1.",
            ),
            (n - d * (f - 1) - 1, "Almost: add 1 for the first position (the formula's + 1)."),
        ),
    )
