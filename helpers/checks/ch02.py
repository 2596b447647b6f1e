"""Exercise checkers for chapter 02, cross-correlation versus convolution (the kernel flip).

Every expected value is computed here from the tested helpers
(:mod:`helpers.conv`, :mod:`helpers.images`), never typed in. Wrong answers
that come from a typical slip (flipping only one axis, transposing, sliding
the kernel unturned) get a hint about that slip.
"""

from __future__ import annotations

import numpy as np

from ..conv import convolve2d, correlate2d
from ..images import flip_example
from . import _is_number, check_array, check_choice, check_number

__all__ = [
    "EXERCISE_KERNEL",
    "check_correlation_swap",
    "check_flipped_kernel",
    "check_top_left_convolution",
    "check_why_libraries_skip_the_flip",
]

#: The asymmetric kernel of exercise 1: nine different numbers, so every way of
#: reflecting it gives a different array and each slip can be recognised.
EXERCISE_KERNEL = np.arange(1.0, 10.0).reshape(3, 3)
EXERCISE_KERNEL.flags.writeable = False


def _same_array(answer, reference: np.ndarray) -> bool:
    """True if the answer is numerically this array; False for anything else, never raising."""
    try:
        given = np.asarray(answer)
    except (TypeError, ValueError):  # ragged nested lists
        return False
    if given.dtype.kind not in "biuf" or given.shape != reference.shape:
        return False
    return bool(np.allclose(given, reference))


def check_flipped_kernel(answer) -> None:
    """Exercise: the kernel that convolution effectively slides, for :data:`EXERCISE_KERNEL`.

    Convolving with ``k`` is cross-correlating with ``k`` turned by 180
    degrees, ``k[::-1, ::-1]``; the checker compares the answer with that.

    Parameters
    ----------
    answer : object
        The learner's 3x3 kernel (nested lists or an array); ``...`` or
        ``None`` mean "not yet".

    Examples
    --------
    >>> check_flipped_kernel([[9, 8, 7], [6, 5, 4], [3, 2, 1]])
    ✓ Right: turning by 180 degrees reverses the rows and the columns, so the
    top-left weight 1 ends up bottom-right and 9 top-left.
    >>> check_flipped_kernel([[3, 2, 1], [6, 5, 4], [9, 8, 7]])
    ✗ Not yet: 6 of 9 entries differ, the first at row 0, column 0. That
    reverses each row (a mirror left to right); a half turn also reverses the
    order of the rows.
    """
    k = EXERCISE_KERNEL
    slips = [
        (
            k,
            "That is the kernel as written: correlation slides it unchanged, convolution turns it.",
        ),
        (
            k[:, ::-1],
            "That reverses each row (a mirror left to right); a half turn also reverses "
            "the order of the rows.",
        ),
        (
            k[::-1, :],
            "That reverses the order of the rows (a mirror top to bottom); a half turn "
            "also reverses each row.",
        ),
        (
            k.T,
            "That is the transpose, a mirror across the diagonal; a half turn keeps the "
            "centre where it is and sends each corner to the opposite corner.",
        ),
    ]
    hint = "Turn the kernel by 180 degrees: reverse the order of the rows and reverse each row."
    for wrong, why in slips:
        if _same_array(answer, wrong):
            hint = why
            break
    check_array(
        answer,
        k[::-1, ::-1],
        explain="turning by 180 degrees reverses the rows and the columns, so the "
        "top-left weight 1 ends up bottom-right and 9 top-left.",
        hint=hint,
    )


def check_top_left_convolution(answer) -> None:
    """Exercise: the top-left number of ``convolve2d(image, EXERCISE_KERNEL)``.

    ``image`` is the 5x5 image of :func:`flip_example`; the kernel is
    :data:`EXERCISE_KERNEL`, whose half turn exercise 1 asks for.

    Parameters
    ----------
    answer : object
        The learner's number; ``...`` or ``None`` mean "not yet".

    Examples
    --------
    >>> check_top_left_convolution(82)
    ✓ Right: 82. The top-left 3x3 window times the turned kernel [[9, 8, 7],
    [6, 5, 4], [3, 2, 1]], summed.
    >>> check_top_left_convolution(68)
    ✗ Not yet: 68 is too small. 68 is the cross-correlation: the kernel as
    written. Turn it by 180 degrees first.
    """
    image, _ = flip_example()
    kernel = EXERCISE_KERNEL
    expected = float(convolve2d(image, kernel)[0, 0])
    correlation = float(correlate2d(image, kernel)[0, 0])
    turned = " ".join(np.array2string(kernel[::-1, ::-1].astype(int), separator=", ").split())
    if _is_number(answer) and answer == correlation:
        hint = (
            f"{correlation:g} is the cross-correlation: the kernel as written. "
            "Turn it by 180 degrees first."
        )
    else:
        hint = (
            "Multiply the top-left 3x3 window of the image by the kernel turned by "
            "180 degrees, entry by entry, and add the nine products."
        )
    check_number(
        answer,
        expected,
        explain=f"The top-left 3x3 window times the turned kernel {turned}, summed.",
        hint=hint,
    )


def check_why_libraries_skip_the_flip(answer) -> None:
    """Exercise: choose why CNN libraries can compute cross-correlation instead of convolution.

    Parameters
    ----------
    answer : object
        The learner's letter, ``"a"`` to ``"d"``; ``...`` or ``None`` mean
        "not yet".

    Examples
    --------
    >>> check_why_libraries_skip_the_flip("c")
    ✓ Right: (c). Whatever kernel a convolution would need, correlation can use
    its half turn, and training finds that turned kernel just as easily.
    >>> check_why_libraries_skip_the_flip("b")
    ✗ Not yet: (b) is not it. They do not: on flip_example the top-left numbers
    are 12 (correlation) and 18 (convolution).
    """
    image, kernel = flip_example()
    correlation = correlate2d(image, kernel)[0, 0]
    convolution = convolve2d(image, kernel)[0, 0]
    options = {
        "a": "Learned kernels are usually not symmetric (edge detectors are not), and "
        "nothing in training makes them so.",
        "b": "They do not: on flip_example the top-left numbers are "
        f"{correlation:g} (correlation) and {convolution:g} (convolution).",
        "c": "",
        "d": "Correlation is not commutative, and commutativity is about swapping image "
        "and kernel, not about turning the kernel.",
    }
    check_choice(
        answer,
        "c",
        options=options,
        explain="Whatever kernel a convolution would need, correlation can use its half "
        "turn, and training finds that turned kernel just as easily.",
    )


def _relations() -> dict[str, object]:
    """The candidate relations between correlate2d(a, b, "full") and correlate2d(b, a, "full")."""
    return {
        "a": lambda p, q: p.shape == q.T.shape and np.array_equal(q, p.T),
        "b": lambda p, q: np.array_equal(q, -p),
        "c": lambda p, q: np.array_equal(q, p[::-1, ::-1]),
        "d": lambda p, q: np.array_equal(q, p[:, ::-1]),
    }


def check_correlation_swap(answer) -> None:
    """Exercise: how ``correlate2d(b, a, "full")`` relates to ``correlate2d(a, b, "full")``.

    ``a`` and ``b`` are the image and the kernel of :func:`flip_example`. The
    right letter is the one whose relation holds on that pair, found by
    computing both correlations.

    Parameters
    ----------
    answer : object
        The learner's letter, ``"a"`` to ``"d"``; ``...`` or ``None`` mean
        "not yet".

    Examples
    --------
    >>> check_correlation_swap("c")
    ✓ Right: (c). Swapping the two arrays reverses the direction of the shift
    between them, so every entry moves to the opposite position: a half turn of
    the whole result.
    >>> check_correlation_swap("d")
    ✗ Not yet: (d) is not it. Swapping the arrays reverses the shift between
    them in both directions, down the rows as well as along the columns.
    """
    a, b = flip_example()
    p, q = correlate2d(a, b, "full"), correlate2d(b, a, "full")
    holds = [letter for letter, relation in _relations().items() if relation(p, q)]
    right = holds[0] if len(holds) == 1 else "c"
    options = {
        "a": "A transpose swaps rows with columns; swapping the arrays does not.",
        "b": "No sign changes: every product k[i, j] * x[...] is the same number either "
        "way, only in a different place.",
        "c": "",
        "d": "Swapping the arrays reverses the shift between them in both directions, "
        "down the rows as well as along the columns.",
    }
    check_choice(
        answer,
        right,
        options=options,
        explain="Swapping the two arrays reverses the direction of the shift between "
        "them, so every entry moves to the opposite position: a half turn of the "
        "whole result.",
    )
