"""Exercises of notebook 10, the widget playground: each answered with a widget, or by reasoning."""

from __future__ import annotations

from ..conv import correlate2d
from ..images import checkerboard, classic_5x5
from ..kernels import HORIZONTAL, SOBEL_VERTICAL, classic_5x5_kernel
from .records import Exercise, exercise


@exercise
def check_checkerboard_pixel() -> Exercise:
    """Exercise: the explorer's output at row 1, column 2 for the checkerboard and "horizontal"."""
    output = correlate2d(checkerboard(), HORIZONTAL)
    expected = float(output[1, 2])
    return Exercise(
        "number",
        expected,
        explain="The window covers rows 1-3 and columns 2-4: its top row adds up to 10, its "
        "bottom row to 20, and the filter takes top minus bottom.",
        hint="The window's top-left pixel is at row 1, column 2 of the image; add its top row "
        "and subtract its bottom row.",
        mistakes=(
            (
                -expected,
                "Right size, wrong sign: the filter takes the top row minus the bottom "
                "row, and here the bottom row is brighter.",
            ),
            (
                float(output[1, 0]),
                "That is the output at column 0; the window here starts at column 2.",
            ),
            (
                float(output[0, 2]),
                "That is row 0 of the output, where the window sees no change from top to "
                "bottom; this one starts at row 1.",
            ),
        ),
    )


@exercise
def check_correlation_for_convolution() -> Exercise:
    """Exercise: the kernel that, with correlation, gives what convolution gives with Sobel."""
    return Exercise(
        "array",
        SOBEL_VERTICAL[::-1, ::-1],  # tests check that correlating with it = convolving
        explain="convolution turns the kernel by 180 degrees before sliding it; for Sobel's "
        "vertical-edge kernel that is the same as changing its sign.",
        hint="Turn Sobel's kernel by 180 degrees: reverse the rows and reverse each row. Check "
        "it in the explorer: convolution with Sobel against correlation with your kernel.",
        mistakes=(
            (
                SOBEL_VERTICAL,
                "That is Sobel's kernel as written: correlation with it gives "
                "correlation's output, and convolution turns the kernel first.",
            ),
            (
                SOBEL_VERTICAL.T,
                "That is the transpose (rows become columns); a half turn "
                "reverses the order of the rows and of the columns instead.",
            ),
        ),
    )


@exercise
def check_stepper_value() -> Exercise:
    """Exercise: the number the stepper writes at position 6 of the classic 5x5 example."""
    output = correlate2d(classic_5x5(), classic_5x5_kernel())
    return Exercise(
        "number",
        float(output.flat[5]),  # positions count from 1, in reading order
        explain="Position 6 is the third cell of row 1 (positions 1-3 fill row 0), so the "
        "window's top-left pixel is at row 1, column 2.",
        hint="The output is 3x3, filled row by row: positions 1-3 are row 0 and 4-6 are row 1. "
        "Add up the image pixels under the X of ones.",
        mistakes=(
            (
                float(output.flat[4]),
                "That is position 5, the middle cell: positions count from "
                "1, along each row of the output.",
            ),
            (float(output.flat[6]), "That is position 7, the first cell of the last row."),
        ),
    )


@exercise
def check_why_sobel_marks_fewer() -> Exercise:
    """Exercise: why Sobel marks fewer ring pixels than Scharr at the same threshold."""
    return Exercise(
        "choice",
        "b",
        options={
            "a": "The comparer divides each pair's response by the sum of its absolute "
            "weights, so on a smooth ramp all pairs give the same strength.",
            "b": "",
            "c": "Both are 3x3 filters: they look at exactly the same nine pixels.",
            "d": "The comparer correlates with both pairs, and the magnitude ignores the sign.",
        },
        explain="Near the corners the rings are only a few pixels wide; averaging along the "
        "edge with weights 1, 2, 1 mixes in more of the neighbouring rings than 3, 10, 3 does, "
        "so Sobel sees them fainter.",
    )
