"""Reading a learner's answer safely, and recognising the usual wrong ones.

Chapter checkers use these to give a *specific* hint for a typical mistake
(a flipped sign, a forgotten row of the filter) before handing the answer to
the generic checkers in :mod:`helpers.checks`. Nothing here raises or warns,
whatever the answer is.
"""

from __future__ import annotations

import numpy as np

from . import NOT_YET, as_numbers, check_array


def matches(answer, candidate) -> bool:
    """Whether ``answer`` has the shape and (to 1e-9) the values of ``candidate``.

    Examples
    --------
    >>> matches([0, -30, -30, 0], [0.0, -30.0, -30.0, 0.0])
    True
    >>> matches([0, 30, 30, 0], [[0, 30, 30, 0]]), matches(None, [0])
    (False, False)
    """
    given = as_numbers(answer)
    wanted = np.asarray(candidate, dtype=np.float64)
    if given is None or given.shape != wanted.shape:
        return False
    return bool(np.allclose(given, wanted, rtol=0.0, atol=1e-9))


def hint_for(answer, mistakes, default: str) -> str:
    """The message of the first ``(candidate, message)`` pair that ``answer`` matches.

    Parameters
    ----------
    answer : object
        What the learner wrote.
    mistakes : iterable of (array_like, str)
        Typical wrong answers, each with the hint it deserves.
    default : str
        The hint for any other wrong answer.

    Examples
    --------
    >>> hint_for(-20, [(-20, "uint8 cannot go below 0.")], "Try again.")
    'uint8 cannot go below 0.'
    >>> hint_for(7, [(-20, "uint8 cannot go below 0.")], "Try again.")
    'Try again.'
    """
    for candidate, message in mistakes:
        if matches(answer, candidate):
            return message
    return default


def check_numbers(answer, expected, *, explain: str, hint: str) -> None:
    """:func:`helpers.checks.check_array`, first turning away answers that are not numbers.

    ``check_array`` reads its answer with ``numpy.asarray(answer, dtype=float)``,
    which accepts strings of digits and warns on complex numbers; here those
    get a one-line "not yet" instead. Prints one line, never raises.

    Examples
    --------
    >>> check_numbers(["0", "30"], [0, 30], explain="", hint="Use numbers.")
    ✗ Not yet: the answer should be numbers, such as [0, 1, 2], got ['0', '30']. Use numbers.
    >>> check_numbers([0, 30], [0, 30], explain="Left minus right.", hint="")
    ✓ Right: Left minus right.
    """
    if answer is not None and answer is not ... and as_numbers(answer) is None:
        shown = " ".join(repr(answer).split())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        print(f"{NOT_YET} the answer should be numbers, such as [0, 1, 2], got {shown}. {hint}")
        return
    check_array(answer, expected, explain=explain, hint=hint)
