"""Exercise checkers for chapter 06, Sobel and Scharr."""

from __future__ import annotations

import numpy as np

from ..conv import correlate2d
from ..kernels import SCHARR_HORIZONTAL, SOBEL_VERTICAL
from . import check_array, check_choice, check_number

__all__ = [
    "check_scharr_horizontal",
    "check_sobel_scale",
    "check_sobel_step",
    "check_why_scharr",
]


def check_sobel_step(answer) -> None:
    """Exercise: the Sobel response across a step from 20 (left) to 5 (right).

    Examples
    --------
    >>> check_sobel_step(60)
    ✓ Right: 60. Each of the 1 + 2 + 1 = 4 rows of the filter sees a drop of 15.
    """
    step = np.array([[20, 20, 20, 5, 5, 5]] * 3)
    response = correlate2d(step, SOBEL_VERTICAL)
    check_number(
        answer,
        float(response.max()),
        explain="Each of the 1 + 2 + 1 = 4 rows of the filter sees a drop of 15.",
        hint="The left column minus the right column is 15 in every row; "
        "Sobel weighs the three rows 1, 2, 1.",
    )


def check_scharr_horizontal(answer) -> None:
    """Exercise: write Scharr's horizontal-edge kernel (bright on top is positive).

    Examples
    --------
    >>> check_scharr_horizontal([[3, 10, 3], [0, 0, 0], [-3, -10, -3]])
    ✓ Right: the transpose of the vertical Scharr filter: the smoothing [3, 10, 3] runs along
    the row, the derivative [1, 0, -1] down the columns.
    """
    check_array(
        answer,
        SCHARR_HORIZONTAL,
        explain="the transpose of the vertical Scharr filter: the smoothing [3, 10, 3] runs "
        "along the row, the derivative [1, 0, -1] down the columns.",
        hint="Start from the vertical Scharr kernel and transpose it; "
        "the top row should be positive.",
    )


def check_sobel_scale(answer) -> None:
    """Exercise: the factor between a Sobel response and the brightness drop per pixel.

    Examples
    --------
    >>> check_sobel_scale(8)
    ✓ Right: 8. The derivative [1, 0, -1] spans 2 pixels, and the smoothing 1 + 2 + 1 adds up
    to 4: 2 x 4 = 8.
    """
    falling = np.tile(-np.arange(6.0), (3, 1))  # brightness drops by 1 per pixel to the right
    check_number(
        answer,
        float(correlate2d(falling, SOBEL_VERTICAL)[0, 0]),
        explain="The derivative [1, 0, -1] spans 2 pixels, and the smoothing 1 + 2 + 1 adds up "
        "to 4: 2 x 4 = 8.",
        hint="Apply SOBEL_VERTICAL to an image whose brightness drops by exactly 1 per pixel "
        "to the right, and read one output.",
    )


def check_why_scharr(answer) -> None:
    """Exercise: choose why Scharr's direction estimates beat Sobel's.

    Examples
    --------
    >>> check_why_scharr("c")
    ✓ Right: (c). Scharr chose the weights 3, 10, 3 by optimising how evenly the pair responds
    to edges of every direction.
    """
    check_choice(
        answer,
        "c",
        options={
            "a": "Its bigger numbers scale both responses equally, so the direction "
            "atan2 computes does not change.",
            "b": "Both filters are 3x3: they see exactly the same pixels.",
            "c": "",
            "d": "Both are cross-correlation filters, applied the same way.",
        },
        explain="Scharr chose the weights 3, 10, 3 by optimising how evenly the pair responds "
        "to edges of every direction.",
    )
