"""Exercise checkers for chapter 05, flipped images and the sign of an edge.

Every expected value is computed here with the tested helpers (the course's
filters, :func:`helpers.conv.correlate2d` and :mod:`helpers.pitfalls`), never
typed in. Typical wrong answers get a hint of their own.
"""

from __future__ import annotations

import numpy as np

from ..conv import correlate2d
from ..kernels import VERTICAL
from ..pitfalls import uint8_difference
from . import check_choice, check_number
from ._answers import check_numbers, hint_for

__all__ = [
    "check_mirrored_row",
    "check_sign_meaning",
    "check_uint8_difference",
    "check_why_float64",
]

# Exercise 1: dark (0) on the left, bright on the right, with this brightness.
MIRRORED_BRIGHTNESS = 25
# Exercise 3: the two pixels subtracted in uint8, left minus right.
UINT8_PAIR = (200, 220)


def mirrored_image(brightness: float = MIRRORED_BRIGHTNESS) -> np.ndarray:
    """Six rows of ``[0, 0, 0, b, b, b]``: the article's mirrored step with brightness ``b``.

    Examples
    --------
    >>> mirrored_image()[0]
    array([ 0.,  0.,  0., 25., 25., 25.])
    """
    return np.tile(np.repeat([0.0, float(brightness)], 3), (6, 1))


def check_mirrored_row(answer) -> None:
    """Exercise: one output row of the vertical filter on six rows of ``[0, 0, 0, 25, 25, 25]``.

    Parameters
    ----------
    answer : object
        The learner's row of 4 numbers. Any input is safe.

    Examples
    --------
    >>> check_mirrored_row([0, -75, -75, 0])
    ✓ Right: The windows across the edge hold 0s on the left and 25s on the right:
    3 rows x (0 - 25) = -75. Dark to bright from left to right is negative.
    >>> check_mirrored_row([0, 75, 75, 0])
    ✗ Not yet: 2 of 4 entries differ, the first at index (1,). The size is right; now the
    sign. The filter adds the left column and subtracts the right one, and here the
    right side is the bright one.
    """
    image = mirrored_image()
    expected = correlate2d(image, VERTICAL)[0]
    mistakes = [
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
            correlate2d(mirrored_image(10), VERTICAL)[0],
            "That is the article's image, with 10s. "
            "Here the bright side holds 25, and the response grows with it.",
        ),
    ]
    check_numbers(
        answer,
        expected,
        explain=f"The windows across the edge hold 0s on the left and {MIRRORED_BRIGHTNESS}s on "
        f"the right: 3 rows x (0 - {MIRRORED_BRIGHTNESS}) = {expected.min():.0f}. Dark to bright "
        "from left to right is negative.",
        hint=hint_for(
            answer,
            mistakes,
            "Put the window at each of the 4 positions along a row; in each of its 3 rows, "
            "take the left pixel minus the right pixel, and add up the three.",
        ),
    )


def check_sign_meaning(answer) -> None:
    """Exercise: what a response of -30 from the vertical-edge filter means.

    Parameters
    ----------
    answer : object
        The learner's letter, ``"a"`` to ``"e"``. Any input is safe.

    Examples
    --------
    >>> check_sign_meaning("c")
    ✓ Right: (c). The filter adds the window's left column and subtracts its right column,
    so -30 means the right column adds up to 30 more than the left: the picture gets
    brighter from left to right, as in the mirrored step (-30 where 0s meet 10s).
    >>> check_sign_meaning("b")
    ✗ Not yet: (b) is not it. No edge gives 0. A large number of either sign is an edge;
    the sign only says which way the brightness changes.
    """
    mirrored = correlate2d(mirrored_image(10), VERTICAL)
    check_choice(
        answer,
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


def check_uint8_difference(answer) -> None:
    """Exercise: what ``200 - 220`` gives when both numbers are uint8 pixels.

    Parameters
    ----------
    answer : object
        The learner's number. Any input is safe.

    Examples
    --------
    >>> check_uint8_difference(236)
    ✓ Right: 236. uint8 keeps results modulo 256, so -20 becomes 256 - 20 = 236: a small
    dark-to-bright step turns into one of the largest values an 8-bit pixel can hold.
    >>> check_uint8_difference(-20)
    ✗ Not yet: -20 is too small. That is the true difference, but uint8 cannot hold a
    negative number: going below 0 wraps around to the top of 0..255.
    """
    left, right = UINT8_PAIR
    pixels = np.array([[left, 0, right]], dtype=np.uint8)  # left and right of one window row
    expected = int(uint8_difference(pixels)[0, 0])
    true_difference = left - right
    mistakes = [
        (
            true_difference,
            "That is the true difference, but uint8 cannot hold a negative "
            "number: going below 0 wraps around to the top of 0..255.",
        ),
        (
            0,
            "That is what clamping (saturating) gives, as some image libraries do when they "
            "write an 8-bit result. NumPy's uint8 arithmetic wraps around instead.",
        ),
        (
            -true_difference,
            "The subtraction is left minus right, 200 - 220, which goes "
            "below 0; uint8 has no negative numbers.",
        ),
        (expected - 1, "Close: count again. -1 becomes 255, so -d becomes 256 - d."),
    ]
    check_number(
        answer,
        expected,
        explain=f"uint8 keeps results modulo 256, so {true_difference} becomes "
        f"256 - {-true_difference} = {expected}: a small dark-to-bright step turns into one of "
        "the largest values an 8-bit pixel can hold.",
        hint=hint_for(
            answer,
            mistakes,
            "uint8 holds 0 to 255 and keeps every result modulo 256: add 256 to a negative one.",
        ),
    )


def check_why_float64(answer) -> None:
    """Exercise: why ``helpers.correlate2d`` computes in float64, even for a uint8 photo.

    Parameters
    ----------
    answer : object
        The learner's letter, ``"a"`` to ``"d"``. Any input is safe.

    Examples
    --------
    >>> check_why_float64("b")
    ✓ Right: (b). On uint8 pixels the vertical-edge filter can give anything from -765
    to 765. float64 holds every whole number in that range exactly, negative ones included,
    so nothing wraps around and nothing is clamped.
    >>> check_why_float64("c")
    ✗ Not yet: (c) is not it. Image files store 8-bit integers (0 to 255), like
    photograph_uint8; float64 is what the course converts them to.
    """
    largest = 255 * float(VERTICAL[VERTICAL > 0].sum())
    check_choice(
        answer,
        "b",
        options={
            "a": "It is not faster: float64 numbers take 8 bytes each, eight times a uint8 "
            "pixel. Speed is not the reason.",
            "b": "",
            "c": "Image files store 8-bit integers (0 to 255), like photograph_uint8; float64 "
            "is what the course converts them to.",
            "d": "float64 does not change the values: a response of -30 stays -30. It only "
            "gives them a type that can hold them.",
        },
        explain=f"On uint8 pixels the vertical-edge filter can give anything from "
        f"{-largest:.0f} to {largest:.0f}. float64 holds every whole number in that range "
        "exactly, negative ones included, so nothing wraps around and nothing is clamped.",
    )
