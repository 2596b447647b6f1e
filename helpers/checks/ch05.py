"""Exercises of chapter 05, flipped images and the sign of an edge."""

from __future__ import annotations

import numpy as np

from ..conv import correlate2d
from ..images import step_edge_mirrored
from ..kernels import VERTICAL
from ..pitfalls import uint8_difference
from .ch04 import step_image
from .records import Exercise, exercise


@exercise
def check_mirrored_row() -> Exercise:
    """Exercise: one output row of the vertical filter on six rows of ``[0, 0, 0, 25, 25, 25]``."""
    bright = 25
    image = step_image(0, bright)
    expected = correlate2d(image, VERTICAL)[0]
    return Exercise(
        "array",
        expected,
        explain=f"The windows across the edge hold 0s on the left and {bright}s on the right: "
        f"3 rows x (0 - {bright}) = {expected.min():.0f}. Dark to bright from left to right "
        "is negative.",
        hint="Put the window at each of the 4 positions along a row; in each of its 3 rows, "
        "take the left pixel minus the right pixel, and add up the three.",
        mistakes=(
            (
                -expected,
                "The size is right; now the sign. The filter adds the left column and "
                "subtracts the right one, and here the right side is the bright one.",
            ),
            (
                correlate2d(image[:1], VERTICAL[:1])[0],
                "That is one row of the window. The filter "
                "has three rows of [1, 0, -1], and each adds the same difference.",
            ),
            (
                correlate2d(step_edge_mirrored(), VERTICAL)[0],
                "That is the article's image, with 10s. "
                "Here the bright side holds 25, and the response grows with it.",
            ),
        ),
    )


@exercise
def check_sign_meaning() -> Exercise:
    """Exercise: what a response of -30 from the vertical-edge filter means."""
    mirrored = correlate2d(step_edge_mirrored(), VERTICAL)
    return Exercise(
        "choice",
        "c",
        options={
            "a": "The output is not a brightness but a difference between the window's left "
            "and right columns. The pixels themselves are never negative here.",
            "b": "No edge gives 0. A large number of either sign is an edge; the sign only "
            "says which way the brightness changes.",
            "c": "",
            "d": "That gives a positive response: the filter computes left minus right.",
            "e": "The vertical-edge filter compares left with right; a horizontal edge, where "
            "left and right neighbours are alike, gives about 0.",
        },
        explain="The filter adds the window's left column and subtracts its right column, so "
        "-30 means the right column adds up to 30 more than the left: the picture gets brighter "
        f"from left to right, as in the mirrored step ({mirrored.min():.0f} where 0s meet 10s).",
    )


@exercise
def check_uint8_difference() -> Exercise:
    """Exercise: what ``200 - 220`` gives when both numbers are uint8 pixels."""
    left, right = 200, 220
    pixels = np.array([[left, 0, right]], dtype=np.uint8)  # left and right of one window row
    expected = int(uint8_difference(pixels)[0, 0])
    true_difference = left - right
    return Exercise(
        "number",
        expected,
        explain=f"uint8 keeps results modulo 256, so {true_difference} becomes "
        f"256 - {-true_difference} = {expected}: a small dark-to-bright step turns into one of "
        "the largest values an 8-bit pixel can hold.",
        hint="uint8 holds 0 to 255 and keeps every result modulo 256: add 256 to a negative one.",
        mistakes=(
            (
                true_difference,
                "That is the true difference, but uint8 cannot hold a negative "
                "number: going below 0 wraps around to the top of 0..255.",
            ),
            (
                0,
                "That is what clamping (saturating) gives, as some image libraries do when "
                "they write an 8-bit result. NumPy's uint8 arithmetic wraps around instead.",
            ),
            (
                -true_difference,
                "The subtraction is left minus right, 200 - 220, which goes "
                "below 0; uint8 has no negative numbers.",
            ),
            (expected - 1, "Close: count again. -1 becomes 255, so -d becomes 256 - d."),
        ),
    )


@exercise
def check_most_negative_response() -> Exercise:
    """Exercise: the most negative response VERTICAL can give on a uint8 photo (0 to 255)."""
    rows = int(VERTICAL.shape[0])
    darkest = -255 * float(VERTICAL[VERTICAL > 0].sum())  # 0s on the left, 255s on the right
    return Exercise(
        "number",
        darkest,
        explain=f"0s under the left column and 255s under the right one: {rows} rows x "
        f"(0 - 255) = {darkest:.0f}. uint8 holds only 0 to 255, so it cannot hold that (nor "
        f"+{-darkest:.0f}): correlate2d computes in float64, where both are exact.",
        hint="Put the darkest pixels (0) where the filter adds and the brightest (255) where "
        "it subtracts.",
        mistakes=(
            (-255, f"That is one row of the window; the filter has {rows} rows of [1, 0, -1]."),
            (
                0,
                "uint8 arithmetic would clamp or wrap it, but the filter's response is "
                "negative: dark on the left, bright on the right.",
            ),
            (
                -darkest,
                "That is the largest response, bright on the left; the most negative "
                "is the other way round.",
            ),
        ),
    )


def _direction(response, threshold):
    """+1 where response >= threshold (bright to dark), -1 where <= -threshold, else 0."""
    values = np.asarray(response, dtype=np.float64)
    return np.where(values >= threshold, 1.0, np.where(values <= -threshold, -1.0, 0.0))


def _direction_cases() -> list[tuple]:
    rng = np.random.default_rng(5)
    cases = [
        (np.array([[0.0, 30.0, 30.0, 0.0]]), 10),
        (np.array([[0.0, -30.0, -30.0, 0.0]]), 10),
        (np.array([[-10, -9, 0, 9, 10]]), 10),
    ]
    for _ in range(15):
        shape = tuple(int(n) for n in rng.integers(1, 7, size=2))
        cases.append((rng.integers(-40, 41, size=shape), int(rng.integers(1, 25))))
    return cases


@exercise
def check_edge_direction() -> Exercise:
    """Exercise (write it): edge_direction(response, threshold) as +1, -1 or 0 per pixel."""
    return Exercise(
        "function",
        _direction,
        explain="The sign of a response is the direction of the change: positive from bright "
        "to dark (left to right for the vertical filter), negative from dark to bright, and "
        "responses smaller than the threshold are no edge at all.",
        hint="+1 where response >= threshold, -1 where response <= -threshold, 0 elsewhere "
        "(np.where can do each part).",
        mistakes=(
            (
                lambda r, t: -_direction(r, t),
                "The signs are swapped: the filter is positive where the brighter side is on the "
                "left, a change from bright to dark.",
            ),
            (
                lambda r, t: np.sign(np.asarray(r, dtype=float)),
                "Every small response counts as an edge here: within ±threshold report 0.",
            ),
            (
                lambda r, t: np.where(np.abs(np.asarray(r, dtype=float)) >= t, 1.0, 0.0),
                "The absolute value finds edges but loses their direction: dark to bright "
                "should be -1.",
            ),
            (
                lambda r, t: _direction(np.asarray(r, dtype=float) * (np.abs(r) != t), t),
                "A response of exactly ±threshold counts as an edge: use >= and <=.",
            ),
        ),
        cases=_direction_cases,
    )
