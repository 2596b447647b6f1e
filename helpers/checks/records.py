"""The :class:`Exercise` record, the :func:`exercise` decorator and the :func:`feedback` runner.

See :mod:`helpers.checks` for how they fit together.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .answers import matches, plain, read_array, read_number, shown

RIGHT = "✓ Right:"
NOT_YET = "✗ Not yet:"
NO_ANSWER = "… No answer yet:"
KINDS = ("number", "array", "choice", "function")

#: Every checker made by :func:`exercise`, by its module and name.
REGISTRY: dict[str, Callable] = {}


@dataclass(frozen=True)
class Exercise:
    """One exercise: what answer it expects, how it is compared, and what to say.

    Attributes
    ----------
    kind : {"number", "array", "choice", "function"}
    answer : object
        The right number, array or letter; for ``"function"`` the reference function
        from :mod:`helpers` that the learner's must agree with.
    explain, hint : str
        Shown after a right answer (why it is right), and after a wrong one that is not
        a known mistake (a nudge, not the answer).
    mistakes : tuple of (object, str)
        Known wrong answers, each with its own hint. For ``"function"``, each is
        ``(wrong_function, hint)``: a learner's function that agrees with
        ``wrong_function`` where it disagrees with ``answer`` gets that hint.
    options : mapping of str to str
        For ``"choice"``: every letter, with the reason it is wrong (ignored for the
        right one).
    tolerance : float
        Relative tolerance (and absolute, near zero) for numbers and arrays.
    cases, time_limit : callable, float
        For ``"function"``: returns the argument tuples to try, small ones first; and
        the seconds the learner's function may take on one case.
    """

    kind: str
    answer: object
    explain: str
    hint: str = ""
    mistakes: tuple = ()
    options: Mapping[str, str] = field(default_factory=dict)
    tolerance: float = 1e-9
    cases: Callable[[], list] | None = None
    time_limit: float = 2.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        texts = [self.explain, self.hint, *(h for _, h in self.mistakes), *self.options.values()]
        if not all(isinstance(text, str) for text in texts):
            raise TypeError("explain, hint and every mistake's and option's text must be str")
        if self.kind == "choice" and self.answer not in self.options:
            raise ValueError(f"the right letter {self.answer!r} must be one of the options")
        if self.kind == "function" and (not callable(self.answer) or self.cases is None):
            raise ValueError("a function exercise needs a reference function and cases")


def exercise(build: Callable[[], Exercise]) -> Callable:
    """Turn a function that builds an :class:`Exercise` into the checker a notebook calls.

    The checker takes the learner's answer, prints one line of feedback and
    returns None; ``checker.record()`` gives the record (built once).
    """
    record = functools.cache(build)

    @functools.wraps(build)
    def check(answer=...) -> None:
        print(feedback(record(), answer))

    check.record = record
    REGISTRY[f"{build.__module__}.{build.__name__}"] = check
    return check


def feedback(record: Exercise, answer) -> str:
    """The feedback on ``answer``: one line starting with RIGHT, NOT_YET or NO_ANSWER.

    Examples
    --------
    >>> record = Exercise("number", 28, explain="n - f + 1.", hint="Count positions.",
    ...                   mistakes=((27, "Add 1 to n - f."),))
    >>> feedback(record, 28)
    '✓ Right: 28. n - f + 1.'
    >>> feedback(record, 27)
    '✗ Not yet: 27 is too small. Add 1 to n - f.'
    >>> feedback(record, ...)
    '… No answer yet: replace ... with your answer and run the cell again.'
    """
    if answer is ... or answer is None:
        return f"{NO_ANSWER} replace ... with your answer and run the cell again."
    try:
        return _KIND_FEEDBACK[record.kind](record, answer)
    except Exception as error:  # a checker must never hand a learner a traceback
        return f"{NOT_YET} this answer could not be checked ({type(error).__name__}: {error})."


def known_hint(record: Exercise, answer) -> str:
    """The hint of the first known mistake ``answer`` matches, else the record's hint."""
    for wrong, hint in record.mistakes:
        if matches(answer, wrong, record.tolerance):
            return hint
    return record.hint


def _number(record: Exercise, answer) -> str:
    value = read_number(answer)
    if value is None:
        return f"{NOT_YET} the answer should be a number, got {shown(answer)}. {record.hint}"
    if math.isnan(value):
        return f"{NOT_YET} {shown(answer)} is not a number. {record.hint}"
    expected = float(record.answer)
    if math.isclose(value, expected, rel_tol=record.tolerance, abs_tol=1e-12):
        return f"{RIGHT} {plain(value)}. {record.explain}"
    direction = "too small" if value < expected else "too large"
    return f"{NOT_YET} {plain(value)} is {direction}. {known_hint(record, answer)}"


def _array(record: Exercise, answer) -> str:
    given = read_array(answer)
    expected = np.asarray(record.answer, dtype=np.float64)
    if given is None:
        return (
            f"{NOT_YET} the answer should be an array of numbers, such as [[0, 1], [2, 3]], "
            f"got {shown(answer)}. {record.hint}"
        )
    if given.shape != expected.shape:
        return f"{NOT_YET} the shape should be {expected.shape}, got {given.shape}."
    wrong = ~np.isclose(given, expected, rtol=record.tolerance, atol=record.tolerance)
    if wrong.any():
        first = tuple(int(i) for i in np.argwhere(wrong)[0])
        where = f"row {first[0]}, column {first[1]}" if len(first) == 2 else f"index {first}"
        return (
            f"{NOT_YET} {int(wrong.sum())} of {wrong.size} entries differ, the first at {where}. "
            f"{known_hint(record, answer)}"
        )
    return f"{RIGHT} {record.explain}"


def _choice(record: Exercise, answer) -> str:
    letter = answer.strip().lower() if isinstance(answer, str) else None
    if letter not in record.options:
        return f"{NOT_YET} choose one of {', '.join(repr(k) for k in record.options)}."
    if letter != record.answer:
        return f"{NOT_YET} ({letter}) is not it. {record.options[letter]}"
    return f"{RIGHT} ({letter}). {record.explain}"


def _function(record: Exercise, answer) -> str:
    from .functions import function_feedback  # runs learners' code: kept apart

    return function_feedback(record, answer)


_KIND_FEEDBACK = {"number": _number, "array": _array, "choice": _choice, "function": _function}
