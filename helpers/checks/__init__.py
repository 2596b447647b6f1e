"""Instant feedback for the exercises in the notebooks.

A checker takes the learner's answer, compares it with a value computed by the
tested helpers (never typed in by hand), and prints one line: what is right, or
what is wrong with a hint. Checkers never raise, whatever they are given, so a
learner's cell always shows feedback rather than a traceback.

This module holds the generic checkers (a number, an array, a choice); each
chapter's exercises live in ``helpers.checks.chNN`` and return ``None`` so a
cell shows only the printed line. Chapter 01's checkers are re-exported here.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

RIGHT = "✓ Right:"
NOT_YET = "✗ Not yet:"
NO_ANSWER = "… No answer yet:"

__all__ = [
    "NOT_YET",
    "NO_ANSWER",
    "RIGHT",
    "as_numbers",
    "check_array",
    "check_choice",
    "check_conv_weights",
    "check_dense_memory",
    "check_dense_weights",
    "check_number",
]


def _unanswered(answer) -> bool:
    if answer is ... or answer is None:
        print(f"{NO_ANSWER} replace ... with your answer and run the cell again.")
        return True
    return False


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


# Array kinds that hold real numbers (bool is left out: True is not a brightness).
_NUMBER_KINDS = "iuf"


def as_numbers(answer) -> np.ndarray | None:
    """``answer`` as a float64 array, or None if it is not made only of real numbers.

    Strings, None, ragged lists, complex numbers and booleans all give None,
    without a warning. NaN and infinities are numbers: they come through (and
    match nothing).

    Examples
    --------
    >>> as_numbers([[1, 0, -1]])
    array([[ 1.,  0., -1.]])
    >>> as_numbers("236") is None, as_numbers([[1, 2], [3]]) is None
    (True, True)
    """
    if answer is None or answer is ... or isinstance(answer, (str, bytes, bool)):
        return None
    if isinstance(answer, numbers.Number) and not isinstance(answer, numbers.Real):
        return None
    try:
        array = np.asarray(answer)
    except (TypeError, ValueError):
        return None
    if array.dtype.kind not in _NUMBER_KINDS:
        return None
    return array.astype(np.float64)


def _one_line(text: str, width: int = 60) -> str:
    """``text`` on one line, shortened to ``width``: feedback is always a single line."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _shown(value) -> str:
    """A short one-line repr of whatever the learner gave."""
    return _one_line(repr(value))


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
        True for a right answer.

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
    if _unanswered(answer):
        return False
    if not _is_number(answer):
        print(f"{NOT_YET} the answer should be a number, got {_shown(answer)}. {hint}")
        return False
    try:
        value = float(answer)
    except OverflowError:  # an int with hundreds of digits
        value = math.inf if answer > 0 else -math.inf
    if not math.isfinite(value) and not isinstance(answer, numbers.Integral):
        print(f"{NOT_YET} {_shown(answer)} is not a finite number. {hint}")
        return False
    if abs(value - expected) <= rel_tol * abs(expected):
        shown = f"{answer:,}" if isinstance(answer, numbers.Integral) else f"{answer:,.6g}"
        print(f"{RIGHT} {shown}. {explain}")
        return True
    direction = "too small" if value < expected else "too large"
    print(f"{NOT_YET} {_one_line(f'{answer:,}')} is {direction}. {hint}")
    return False


def check_array(answer, expected, *, explain: str, hint: str, atol: float = 1e-9) -> bool:
    """Print feedback on an array answer (a kernel, a result) and return whether it was right.

    The learner may give nested lists or any array. Wrong shapes, non-numbers
    and wrong values each get their own message; for wrong values the message
    says how many entries differ and where the first one is, plus the hint.

    Parameters
    ----------
    answer : object
        What the learner wrote; ``...`` or ``None`` mean "not yet".
    expected : array_like
        The right array.
    explain, hint : str
        Shown after a right or a wrong answer.
    atol : float
        Absolute tolerance per entry.

    Returns
    -------
    bool
        True for a right answer.

    Examples
    --------
    >>> check_array([[1, 0, -1]], [[1, 0, -1]], explain="Left minus right.", hint="")
    ✓ Right: Left minus right.
    True
    >>> check_array([[1, 0, 1]], [[1, 0, -1]], explain="", hint="Mind the sign.")
    ✗ Not yet: 1 of 3 entries differ, the first at row 0, column 2. Mind the sign.
    False
    >>> check_array([1, 0, -1], [[1, 0, -1]], explain="", hint="")
    ✗ Not yet: the shape should be (1, 3), got (3,).
    False
    """
    if _unanswered(answer):
        return False
    expected = np.asarray(expected, dtype=float)
    given = as_numbers(answer)
    if given is None:
        print(f"{NOT_YET} the answer should be an array of numbers, got {_shown(answer)}. {hint}")
        return False
    if given.shape != expected.shape:
        print(f"{NOT_YET} the shape should be {expected.shape}, got {given.shape}.")
        return False
    wrong = ~np.isclose(given, expected, rtol=0, atol=atol)
    if wrong.any():
        first = tuple(int(i) for i in np.argwhere(wrong)[0])
        where = f"row {first[0]}, column {first[1]}" if len(first) == 2 else f"index {first}"
        count = int(wrong.sum())
        print(f"{NOT_YET} {count} of {wrong.size} entries differ, the first at {where}. {hint}")
        return False
    print(f"{RIGHT} {explain}")
    return True


def check_choice(answer, right: str, *, options: dict[str, str], explain: str) -> bool:
    """Print feedback on a multiple-choice answer and return whether it was right.

    Parameters
    ----------
    answer : object
        The learner's letter, such as ``"b"`` (case and spaces ignored).
    right : str
        The right letter; a key of ``options``.
    options : dict of str to str
        Each letter with the reason that option is wrong (for the right one,
        ignored): a wrong choice is told why it is wrong.
    explain : str
        Shown after the right choice.

    Returns
    -------
    bool
        True for the right choice.

    Examples
    --------
    >>> opts = {"a": "Zero means no change.", "b": ""}
    >>> check_choice("B", "b", options=opts, explain="Bright to dark is positive.")
    ✓ Right: (b). Bright to dark is positive.
    True
    >>> check_choice("a", "b", options=opts, explain="")
    ✗ Not yet: (a) is not it. Zero means no change.
    False
    >>> check_choice("z", "b", options=opts, explain="")
    ✗ Not yet: choose one of 'a', 'b'.
    False
    """
    if _unanswered(answer):
        return False
    letter = answer.strip().lower() if isinstance(answer, str) else None
    if letter not in options:
        print(f"{NOT_YET} choose one of {', '.join(repr(k) for k in options)}.")
        return False
    if letter != right:
        print(f"{NOT_YET} ({letter}) is not it. {options[letter]}")
        return False
    print(f"{RIGHT} ({letter}). {explain}")
    return True


# Chapter 01's checkers, kept importable as helpers.checks.check_... for its notebook.
from .ch01 import check_conv_weights, check_dense_memory, check_dense_weights  # noqa: E402
