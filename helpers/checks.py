"""Instant feedback for the exercises in the notebooks.

Each checker takes the learner's answer, compares it with a value computed by
the tested helpers (never typed in by hand), and prints one line: what is
right, or what is wrong with a hint. Checkers never raise, whatever they are
given, so a learner's cell always shows feedback rather than a traceback.
Each returns ``None`` so nothing else is echoed below the message.
"""

from __future__ import annotations

import math
import numbers

from .parameters import conv_weights, dense_weights, format_bytes, weight_bytes

RIGHT = "✓ Right:"
NOT_YET = "✗ Not yet:"
NO_ANSWER = "… No answer yet:"

__all__ = [
    "check_conv_weights",
    "check_dense_memory",
    "check_dense_weights",
    "check_number",
]


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_number(answer, expected, *, explain: str, hint: str, rel_tol: float = 0.0) -> bool:
    """Print feedback on a numeric answer and return whether it was right.

    Parameters
    ----------
    answer : object
        What the learner wrote; ``...`` (Ellipsis) or ``None`` mean "not yet".
    expected : int or float
        The right value.
    explain : str
        Shown after a right answer: why it is right.
    hint : str
        Shown after a wrong answer: a nudge, not the answer.
    rel_tol : float
        Relative tolerance for answers computed with rounding.

    Returns
    -------
    bool
        True for a right answer. The notebook checkers wrap this and return
        None, so a cell shows only the printed line.

    Examples
    --------
    >>> check_number(9, 9, explain="3 x 3 = 9.", hint="Count the cells.")
    ✓ Right: 9. 3 x 3 = 9.
    True
    >>> check_number("nine", 9, explain="", hint="Count the cells.")
    ✗ Not yet: the answer should be a number, got 'nine'. Count the cells.
    False
    >>> check_number(..., 9, explain="", hint="")
    … No answer yet: replace ... with your answer and run the cell again.
    False
    """
    if answer is ... or answer is None:
        print(f"{NO_ANSWER} replace ... with your answer and run the cell again.")
        return False
    if not _is_number(answer):
        print(f"{NOT_YET} the answer should be a number, got {answer!r}. {hint}")
        return False
    if not math.isfinite(answer):
        print(f"{NOT_YET} {answer} is not a finite number. {hint}")
        return False
    if abs(answer - expected) <= rel_tol * abs(expected):
        shown = f"{answer:,}" if isinstance(answer, numbers.Integral) else f"{answer:,.6g}"
        print(f"{RIGHT} {shown}. {explain}")
        return True
    direction = "too small" if answer < expected else "too large"
    print(f"{NOT_YET} {answer:,} is {direction}. {hint}")
    return False


def check_dense_weights(answer) -> None:
    """Exercise: weights of a dense layer on a 64x64 RGB image with 100 units, no bias.

    Examples
    --------
    >>> check_dense_weights(64 * 64 * 3 * 100)
    ✓ Right: 1,228,800. Every one of the 12,288 input numbers has its own weight
    to each of the 100 units.
    """
    inputs = dense_weights((64, 64, 3), 1)
    check_number(
        answer,
        dense_weights((64, 64, 3), 100),
        explain=f"Every one of the {inputs:,} input numbers has its own weight "
        "to each of the 100 units.",
        hint="Count the input numbers first (rows x columns x channels), "
        "then give each of them one weight per unit.",
    )


def check_conv_weights(answer) -> None:
    """Exercise: weights of 16 filters of size 5x5 on an RGB image, with one bias each.

    Examples
    --------
    >>> check_conv_weights(5 * 5 * 16)
    ✗ Not yet: 400 is too small. Each filter spans all 3 colour channels,
    and each filter has one bias.
    """
    check_number(
        answer,
        conv_weights(5, in_channels=3, filters=16, bias=True),
        explain="5 x 5 x 3 weights per filter, plus 1 bias, times 16 filters, "
        "whatever the size of the image.",
        hint="Each filter spans all 3 colour channels, and each filter has one bias.",
    )


def check_dense_memory(answer) -> None:
    """Exercise: gigabytes of float64 weights for the article's dense layer.

    The layer: a 1000x1000 RGB photo into 1,000 units, no bias, weights stored
    as float64 (8 bytes each). Answers within 1% are accepted.

    Examples
    --------
    >>> check_dense_memory(24)
    ✓ Right: 24. 3,000,000,000 weights x 8 bytes = 24 GB, twice the float32 figure.
    """
    count = dense_weights((1000, 1000, 3), 1000)
    size = weight_bytes(count, "float64")
    check_number(
        answer,
        size / 1e9,
        explain=f"{count:,} weights x 8 bytes = {format_bytes(size)}, twice the float32 figure.",
        hint="float64 takes 8 bytes per number; 1 GB is 1,000,000,000 bytes.",
        rel_tol=0.01,
    )
