"""Exercises of chapter 04, vertical and horizontal edges."""

from __future__ import annotations

import numpy as np

from ..conv import correlate2d
from ..images import checkerboard, step_edge
from ..kernels import HORIZONTAL, PREWITT_VERTICAL, SCHARR_VERTICAL, SOBEL_VERTICAL, VERTICAL
from .records import Exercise, exercise

# Exercise 3: the chapter's checkerboard with 40 in its bright squares.
BOARD_BRIGHTNESS = 40


def step_image(left: float, right: float) -> np.ndarray:
    """Six rows of ``[left, left, left, right, right, right]``: a step edge with other values.

    Examples
    --------
    >>> step_image(20, 5)[0]
    array([20., 20., 20.,  5.,  5.,  5.])
    """
    return np.tile(np.repeat([float(left), float(right)], 3), (6, 1))


@exercise
def check_step_row() -> Exercise:
    """Exercise: one output row of the vertical filter on six rows of ``[20, 20, 20, 5, 5, 5]``."""
    bright, dark = 20, 5
    image = step_image(bright, dark)
    expected = correlate2d(image, VERTICAL)[0]
    step = expected.max()
    return Exercise(
        "array",
        expected,
        explain=f"Each window that holds both {bright}s and {dark}s gives 3 rows x "
        f"({bright} - {dark}) = {step:.0f}; the windows on either side see a flat patch "
        "and give 0.",
        hint="Put the 3x3 window at each of the 4 positions along a row. In each of its "
        "3 rows, take the left pixel minus the right pixel, then add up the three.",
        mistakes=(
            (
                correlate2d(image[:1], VERTICAL[:1])[0],
                "That is one row of the window. The filter has three rows of [1, 0, -1], "
                "and each adds the same difference.",
            ),
            (
                -expected,
                "The size is right, the sign is not: the filter adds the left column and "
                "subtracts the right one, and here the bright side is on the left.",
            ),
        ),
    )


@exercise
def check_horizontal_kernel() -> Exercise:
    """Exercise: write the 3x3 filter that finds horizontal edges (bright on top is positive)."""
    return Exercise(
        "array",
        HORIZONTAL,
        explain="It is the vertical filter transposed: the top row minus the bottom row, "
        "positive where the brighter side is on top.",
        hint="Start from VERTICAL = [[1, 0, -1]] * 3: what it compares left to right, the "
        "horizontal filter compares top to bottom.",
        mistakes=(
            (
                VERTICAL,
                "That is the vertical-edge filter. Transpose it: its rows become its columns.",
            ),
            (
                -HORIZONTAL,
                "The right pattern with the sign flipped: the course's filters are "
                "positive where the brighter side is on top, so the +1s go in the top row.",
            ),
            (
                -VERTICAL,
                "That compares left with right (with the sign flipped), so it still finds "
                "vertical edges. A horizontal edge is a change from top to bottom.",
            ),
        ),
    )


def board_image() -> np.ndarray:
    """The chapter's checkerboard with ``BOARD_BRIGHTNESS`` in place of 10.

    Examples
    --------
    >>> board_image()[0]
    array([40., 40., 40.,  0.,  0.,  0.])
    """
    return checkerboard() * (BOARD_BRIGHTNESS / checkerboard().max())


@exercise
def check_checkerboard_value() -> Exercise:
    """Exercise: the horizontal filter's output at row 1, column 1 of a checkerboard of 40s."""
    board = board_image()
    row, col = 1, 1
    window = board[row : row + 3, col : col + 3]
    expected = float(correlate2d(board, HORIZONTAL)[row, col])
    top, bottom = window[0].sum(), window[2].sum()

    def show(values):
        return " + ".join(f"{v:.0f}" for v in values)

    return Exercise(
        "number",
        expected,
        explain=f"Top row of the window: {show(window[0])} = {top:.0f}; bottom row: "
        f"{show(window[2])} = {bottom:.0f}; {top:.0f} - {bottom:.0f} = {expected:.0f}.",
        hint="Write out the 3x3 window (rows 1 to 3, columns 1 to 3). The filter adds its "
        "top row, ignores its middle row and subtracts its bottom row.",
        mistakes=(
            (
                float(correlate2d(checkerboard(), HORIZONTAL)[row, col]),
                "That is the value for the chapter's board of 10s. Here the bright "
                "squares hold 40, and every product grows with them.",
            ),
            (
                -expected,
                "The size is right, the sign is not: the filter adds the top row of the "
                "window and subtracts the bottom row.",
            ),
            (
                3 * BOARD_BRIGHTNESS,
                "That is what a window with a fully bright top row and a fully dark bottom "
                "row gives. This window straddles the corner: look at each of its pixels.",
            ),
        ),
    )


@exercise
def check_horizontal_boundary_filter() -> Exercise:
    """Exercise: which filter responds along a horizon (bright sky above, dark sea below)?"""
    horizon = step_edge().T  # the article's edge turned on its side: 10 above, 0 below
    response = correlate2d(horizon, HORIZONTAL).max()
    return Exercise(
        "choice",
        "b",
        options={
            "a": "VERTICAL compares left with right. Along the horizon a pixel's left and "
            "right neighbours are alike (both sky or both sea), so it gives about 0.",
            "b": "",
            "c": "Only one of the two compares pixels above with pixels below; the other "
            "gives about 0 along a straight horizon.",
            "d": "The horizon is a sharp change of brightness from top to bottom: exactly "
            "what one of the two filters measures.",
        },
        explain="The horizon is a change from top to bottom. HORIZONTAL = VERTICAL.T adds "
        "the row above and subtracts the row below: bright sky over dark sea gives a large "
        f"positive response ({response:.0f} for a step from 10 to 0).",
    )


def _kernel_cases() -> list[tuple[np.ndarray]]:
    """The course's vertical-edge kernels, then seeded random ones, non-square among them."""
    rng = np.random.default_rng(4)
    named = [VERTICAL, SOBEL_VERTICAL, SCHARR_VERTICAL, PREWITT_VERTICAL]
    shapes = [(3, 3), (1, 3), (3, 5), (5, 5), (2, 4), (1, 1), (4, 3)]
    return [(np.array(k),) for k in named] + [
        (rng.integers(-5, 6, size=shape).astype(float),) for shape in shapes * 2
    ]


@exercise
def check_horizontal_from_vertical() -> Exercise:
    """Exercise (write it): horizontal(kernel), the horizontal-edge twin of a vertical one."""
    return Exercise(
        "function",
        lambda kernel: np.asarray(kernel).T,
        explain="The transpose turns rows into columns: what the vertical-edge kernel compares "
        "left to right, its transpose compares top to bottom, with the same signs.",
        hint="Rows become columns: kernel.T (or np.transpose(kernel)).",
        mistakes=(
            (
                lambda k: np.rot90(k),
                "np.rot90 turns a quarter anticlockwise: the +1s end up in the bottom row, so "
                "bright below would be positive. Transpose instead.",
            ),
            (
                lambda k: np.rot90(k, -1),
                "A quarter turn clockwise matches the transpose only for kernels that look the "
                "same upside down; the transpose is the twin for every kernel.",
            ),
            (
                lambda k: np.asarray(k)[::-1, ::-1],
                "That is a half turn: it flips the sign of an edge kernel and still compares "
                "left with right.",
            ),
            (lambda k: np.asarray(k), "That returns the kernel unchanged."),
        ),
        cases=_kernel_cases,
    )
