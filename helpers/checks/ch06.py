"""Exercises of chapter 06, Sobel and Scharr."""

from __future__ import annotations

import numpy as np

from ..conv import correlate2d
from ..edges import rotation_error
from ..kernels import SCHARR_HORIZONTAL, SCHARR_VERTICAL, SOBEL_HORIZONTAL, SOBEL_VERTICAL
from .records import Exercise, exercise


@exercise
def check_sobel_step() -> Exercise:
    """Exercise: the Sobel response across a step from 20 (left) to 5 (right)."""
    step = np.array([[20, 20, 20, 5, 5, 5]] * 3)
    response = correlate2d(step, SOBEL_VERTICAL)
    return Exercise(
        "number",
        float(response.max()),
        explain="Each of the 1 + 2 + 1 = 4 rows of the filter sees a drop of 15.",
        hint="The left column minus the right column is 15 in every row; "
        "Sobel weighs the three rows 1, 2, 1.",
    )


@exercise
def check_scharr_horizontal() -> Exercise:
    """Exercise: write Scharr's horizontal-edge kernel (bright on top is positive)."""
    return Exercise(
        "array",
        SCHARR_HORIZONTAL,
        explain="the transpose of the vertical Scharr filter: the smoothing [3, 10, 3] runs "
        "along the row, the derivative [1, 0, -1] down the columns.",
        hint="Start from the vertical Scharr kernel and transpose it; "
        "the top row should be positive.",
        mistakes=(
            (SCHARR_VERTICAL, "That is the vertical-edge kernel: transpose it."),
            (-SCHARR_HORIZONTAL, "Right weights, wrong sign: bright on top is positive."),
            (SOBEL_HORIZONTAL, "That is Sobel's: Scharr smooths with 3, 10, 3."),
        ),
    )


@exercise
def check_sobel_scale() -> Exercise:
    """Exercise: the factor between a Sobel response and the brightness drop per pixel."""
    falling = np.tile(-np.arange(6.0), (3, 1))  # brightness drops by 1 per pixel to the right
    return Exercise(
        "number",
        float(correlate2d(falling, SOBEL_VERTICAL)[0, 0]),
        explain="The derivative [1, 0, -1] spans 2 pixels, and the smoothing 1 + 2 + 1 adds up "
        "to 4: 2 x 4 = 8.",
        hint="Apply SOBEL_VERTICAL to an image whose brightness drops by exactly 1 per pixel "
        "to the right, and read one output.",
    )


#: The four filter pairs of exercise 4, in the order the chapter introduces them.
PAIR_NAMES = ("central", "prewitt", "sobel", "scharr")
#: Exercise 4's orderings to choose from, smallest mean direction error first.
RANKINGS = {
    "a": ("scharr", "sobel", "central", "prewitt"),
    "b": ("scharr", "sobel", "prewitt", "central"),
    "c": ("central", "prewitt", "sobel", "scharr"),
    "d": ("sobel", "scharr", "prewitt", "central"),
}


@exercise
def check_direction_ranking() -> Exercise:
    """Exercise 4: rank the four pairs by their mean direction error, before measuring it."""
    errors = {name: rotation_error(name) for name in PAIR_NAMES}
    measured = tuple(sorted(PAIR_NAMES, key=errors.get))
    (right,) = (letter for letter, order in RANKINGS.items() if order == measured)
    shown = ", ".join(f"{name} {errors[name]:.3f}" for name in measured)
    return Exercise(
        "choice",
        right,
        explain=f"Measured on the ring pattern (radians): {shown}. Weighting the centre row "
        "more (Sobel's 1, 2, 1; Scharr's 3, 10, 3) evens out how the pair responds to each "
        "direction; Prewitt's flat 1, 1, 1 smooths without that, and ends up slightly worse "
        "than no smoothing at all.",
        options={
            "a": "",
            "b": "Prewitt's flat smoothing does not help direction: it comes out last, "
            "slightly worse than the plain difference.",
            "c": "More weight on the centre row makes directions more accurate, not less.",
            "d": "Scharr's weights 3, 10, 3 were chosen to make directions as even as "
            "possible: it comes first.",
        },
    )


def _piece_cases() -> list[tuple[np.ndarray, np.ndarray]]:
    """Sobel's, Scharr's and Prewitt's pieces, then seeded random ones of other lengths."""
    rng = np.random.default_rng(6)
    derivative = np.array([1.0, 0.0, -1.0])
    cases = [(np.array(s, dtype=float), derivative) for s in ([1, 2, 1], [3, 10, 3], [1, 1, 1])]
    for rows, cols in [(3, 3), (1, 3), (5, 3), (3, 5), (2, 4), (1, 1), (4, 2)] * 2:
        cases.append((rng.integers(1, 6, size=rows).astype(float), rng.integers(-3, 4, size=cols)))
    return cases


@exercise
def check_sobel_from_pieces() -> Exercise:
    """Exercise (write it): vertical_kernel(smoothing, derivative) from its two 1-D pieces."""
    return Exercise(
        "function",
        lambda smoothing, derivative: np.outer(smoothing, derivative),
        explain="The outer product puts the smoothing down the rows and the derivative along "
        "each row: with [1, 2, 1] and [1, 0, -1] it is Sobel, with [3, 10, 3] Scharr.",
        hint="Row i of the kernel is smoothing[i] times the derivative: np.outer(smoothing, "
        "derivative).",
        mistakes=(
            (
                lambda s, d: np.outer(d, s),
                "That is the horizontal-edge kernel: the derivative runs down the rows. Swap "
                "the two arguments of np.outer.",
            ),
            (
                lambda s, d: np.outer(s, np.asarray(d)[::-1]),
                "The derivative is reversed, so the sign of every edge flips: keep [1, 0, -1] "
                "as it is (left minus right).",
            ),
            (
                lambda s, d: np.asarray(s) * np.asarray(d),
                "Multiplying entry by entry gives one row; the kernel needs every smoothing "
                "weight times every derivative weight: an outer product.",
            ),
        ),
        cases=_piece_cases,
    )
