"""Exercise checkers for chapter 08, padding and stride."""

from __future__ import annotations

import math

from ..conv import correlate2d
from ..images import step_edge
from ..kernels import VERTICAL
from ..padding import leftover, output_size, same_padding
from . import check_choice, check_number
from ._answers import hint_for

__all__ = [
    "check_border_edge_choice",
    "check_dilated_size",
    "check_leftover_columns",
    "check_same_padding",
    "check_strided_size",
]

# Exercise 1: a typical downsampling layer.
STRIDED = {"n": 64, "f": 3, "padding": 1, "stride": 2}
# Exercise 2: the padding that keeps a 50x50 image 50x50 under a 7x7 kernel.
SAME = {"n": 50, "f": 7}
# Exercise 3: an 11-pixel-wide image, a 4-wide kernel, stride 3.
LEFTOVER = {"n": 11, "f": 4, "padding": 0, "stride": 3}
# Exercise 5: a dilated 3x3 kernel on a 32-wide image.
DILATED = {"n": 32, "f": 3, "padding": 0, "stride": 1, "dilation": 3}


def check_strided_size(answer) -> None:
    """Exercise: output rows for a 64x64 image, 3x3 kernel, padding 1, stride 2.

    Examples
    --------
    >>> check_strided_size(32)
    ✓ Right: 32. floor((64 + 2 - 3) / 2) + 1 = floor(31.5) + 1 = 32: stride 2 with "same"
    padding halves the size.
    >>> check_strided_size(33)
    ✗ Not yet: 33 is too large. (64 + 2 - 3) / 2 = 31.5 has no half position: round down
    before adding 1.
    """
    n, f, p, s = STRIDED["n"], STRIDED["f"], STRIDED["padding"], STRIDED["stride"]
    expected = output_size(n, f, p, s)
    ratio = (n + 2 * p - f) / s
    check_number(
        answer,
        expected,
        explain=f"floor(({n} + {2 * p} - {f}) / {s}) + 1 = floor({ratio:g}) + 1 = {expected}: "
        'stride 2 with "same" padding halves the size.',
        hint=hint_for(
            answer,
            [
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
                (
                    ratio,
                    "Round down to a whole number of steps, then add 1 for the first position.",
                ),
                (
                    math.floor(ratio),
                    "Add 1: the formula counts the steps, and the first position comes before "
                    "any step. (If you left out the padding, add 2p = 2 to n as well.)",
                ),
            ],
            "Use floor((n + 2p - f) / s) + 1 with n = 64, f = 3, p = 1, s = 2.",
        ),
    )


def check_same_padding(answer) -> None:
    """Exercise: the padding that keeps a 50x50 image 50x50 under a 7x7 kernel (stride 1).

    Examples
    --------
    >>> check_same_padding(3)
    ✓ Right: 3. p = (7 - 1) / 2 = 3 zeros on each side: 50 + 6 - 7 + 1 = 50.
    >>> check_same_padding(6)
    ✗ Not yet: 6 is too large. 6 is the total the kernel needs, but padding goes on both
    sides: with p = 6 the output is 56 wide.
    """
    n, f = SAME["n"], SAME["f"]
    expected = same_padding(f)

    def size_with(p) -> str:
        return f"with p = {p:g} the output is {output_size(n, f, int(p))} wide"

    check_number(
        answer,
        expected,
        explain=f"p = ({f} - 1) / 2 = {expected} zeros on each side: "
        f"{n} + {2 * expected} - {f} + 1 = {output_size(n, f, expected)}.",
        hint=hint_for(
            answer,
            [
                (
                    f - 1,
                    f"{f - 1} is the total the kernel needs, but padding goes on both sides: "
                    + size_with(f - 1)
                    + ".",
                ),
                (f, f"Too much: {size_with(f)}. The kernel's own size is not the padding."),
                (0, f"Without padding the output is {output_size(n, f)} wide: it shrinks."),
            ],
            f"Find p with {n} + 2p - {f} + 1 = {n}.",
        ),
    )


def check_leftover_columns(answer) -> None:
    """Exercise: columns an 11-wide image leaves unread under a 4-wide kernel at stride 3.

    Examples
    --------
    >>> check_leftover_columns(1)
    ✓ Right: 1. Windows start at columns 0, 3 and 6 and cover up to column 9; one more step
    would start at 9 and need columns 9-12. Column(s) 10: never read, (11 - 4) mod 3 = 1.
    """
    n, f, p, s = LEFTOVER["n"], LEFTOVER["f"], LEFTOVER["padding"], LEFTOVER["stride"]
    expected = leftover(n, f, p, s)
    starts = list(range(0, n - f + 1, s))
    last_read = starts[-1] + f - 1
    unread = ", ".join(str(c) for c in range(last_read + 1, n))
    check_number(
        answer,
        expected,
        explain=f"Windows start at columns {', '.join(map(str, starts[:-1]))} and {starts[-1]} "
        f"and cover up to column {last_read}; one more step would start at {starts[-1] + s} "
        f"and need columns {starts[-1] + s}-{starts[-1] + s + f - 1}. "
        f"Column(s) {unread}: never read, ({n} - {f}) mod {s} = {expected}.",
        hint=hint_for(
            answer,
            [
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
            ],
            f"List the columns where windows start (0, {s}, {2 * s}, ...) while a {f}-wide "
            f"window still fits in {n} columns, then see which columns the last one misses.",
        ),
    )


def check_border_edge_choice(answer) -> None:
    """Exercise: why zero padding gives the step image's first column -30 (multiple choice).

    Examples
    --------
    >>> check_border_edge_choice("c")
    ✓ Right: (c). Padding puts a column of zeros (black) left of the bright 10s, so the
    window at column 0 sees dark on its left and bright on its right: -30, a dark-to-bright
    edge that is not in the picture.
    """
    first = correlate2d(step_edge(), VERTICAL, padding=1)[1, 0]
    check_choice(
        answer,
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


def check_dilated_size(answer) -> None:
    """Exercise: output width for a 32-wide image, a 3x3 kernel with dilation 3, no padding.

    Examples
    --------
    >>> check_dilated_size(26)
    ✓ Right: 26. The dilated kernel spans d (f - 1) + 1 = 3 x 2 + 1 = 7 pixels, so
    floor((32 + 0 - 7) / 1) + 1 = 26.
    >>> check_dilated_size(30)
    ✗ Not yet: 30 is too large. That is the size without dilation: the three weights now
    sit 3 pixels apart, so the kernel spans more than 3 pixels.
    """
    n, f, p, s, d = (DILATED[key] for key in ("n", "f", "padding", "stride", "dilation"))
    expected = output_size(n, f, p, s, d)
    span = d * (f - 1) + 1
    check_number(
        answer,
        expected,
        explain=f"The dilated kernel spans d (f - 1) + 1 = {d} x {f - 1} + 1 = {span} pixels, "
        f"so floor(({n} + {2 * p} - {span}) / {s}) + 1 = {expected}.",
        hint=hint_for(
            answer,
            [
                (
                    output_size(n, f, p, s),
                    f"That is the size without dilation: the three weights now sit {d} "
                    f"pixels apart, so the kernel spans more than {f} pixels.",
                ),
                (
                    n - d * f + 1,
                    f"d x f = {d * f} counts {d} pixels per weight, but after the last weight "
                    f"there is no gap: the span is d (f - 1) + 1.",
                ),
                (
                    n - d * (f - 1) - 1,
                    "Almost: add 1 for the first position (the formula's + 1).",
                ),
            ],
            f"Use floor((n + 2p - d (f - 1) - 1) / s) + 1 with n = {n}, f = {f}, p = {p}, "
            f"s = {s}, d = {d}.",
        ),
    )
