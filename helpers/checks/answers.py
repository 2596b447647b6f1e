"""Reading a learner's answer safely, and writing it back in plain words.

Nothing here raises or warns, whatever the answer is: strings, None, ragged or nested lists,
NaN, ``10**5000``, Fractions, Decimals, 0-d arrays, objects whose ``__float__`` raises.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal

import numpy as np

from ..colours import format_number


def read_number(answer) -> float | None:
    """``answer`` as a float, or None if it is not one real number.

    Python and numpy numbers, 0-d arrays, Fractions and Decimals are numbers; bools, strings,
    sequences and complex numbers are not. An integer too large for a float becomes an
    infinity of its sign.

    Examples
    --------
    >>> from fractions import Fraction
    >>> read_number(28), read_number(np.array(28)), read_number(Fraction(1, 4))
    (28.0, 28.0, 0.25)
    >>> read_number("28") is None, read_number(True) is None, read_number(10**5000)
    (True, True, inf)
    """
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer[()]
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (numbers.Real, Decimal)):
        return None
    try:
        return float(answer)
    except OverflowError:
        return math.inf if answer > 0 else -math.inf
    except Exception:  # an object whose __float__ raises
        return None


def read_array(answer) -> np.ndarray | None:
    """``answer`` as a float64 array, or None if it is not made only of real numbers.

    Examples
    --------
    >>> read_array([[1, 0, -1]])
    array([[ 1.,  0., -1.]])
    >>> read_array("236") is None, read_array([[1, 2], [3]]) is None, read_array([True]) is None
    (True, True, True)
    """
    if isinstance(answer, numbers.Number) and not isinstance(answer, numbers.Real):
        return None
    try:
        array = np.asarray(answer)
        if array.dtype.kind == "O":  # Fractions, Decimals, huge ints: each read as a number
            values = [read_number(v) for v in array.flat]
            if any(v is None for v in values):
                return None
            return np.array(values, dtype=np.float64).reshape(array.shape)
        if array.dtype.kind not in "iuf":  # no str, complex or bool (True is not a brightness)
            return None
        return array.astype(np.float64)
    except Exception:  # ragged lists, objects that refuse to become arrays
        return None


def matches(answer, candidate, tolerance: float = 1e-9) -> bool:
    """Whether ``answer`` has the shape and, within ``tolerance``, the values of ``candidate``.

    Examples
    --------
    >>> matches([0, -30, -30, 0], [0.0, -30.0, -30.0, 0.0]), matches(None, [0])
    (True, False)
    """
    given, wanted = read_array(answer), read_array(candidate)
    if given is None or wanted is None or given.shape != wanted.shape:
        return False
    return bool(np.allclose(given, wanted, rtol=tolerance, atol=tolerance))


def shown(value, width: int = 60) -> str:
    """A short one-line repr of whatever the learner gave, safe for any object.

    Examples
    --------
    >>> shown("nine"), shown(10**5000)
    ("'nine'", 'an integer of 5001 digits')
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value).bit_length() > 200:
        digits = int(abs(value).bit_length() * math.log10(2)) + 1
        return f"an integer of {digits} digits"
    try:
        text = " ".join(repr(value).split())
    except Exception:
        text = f"a {type(value).__name__}"
    return text if len(text) <= width else text[: width - 1] + "…"


def plain(value: float) -> str:
    """A number in plain notation with thousands separators: ``1,228,800``, ``0.000123``.

    Whole numbers are written whole; others with six significant digits. Numbers too large or
    too small for that fall back to :func:`helpers.colours.format_number`.

    Examples
    --------
    >>> plain(1228800.0), plain(0.25), plain(24.1), plain(-0.0), plain(1e300)
    ('1,228,800', '0.25', '24.1', '0', '1e+300')
    """
    if not math.isfinite(value) or (value != 0 and not 1e-4 <= abs(value) < 1e15):
        return format_number(value)
    if value.is_integer():
        return f"{int(value):,}"
    decimals = max(0, 5 - math.floor(math.log10(abs(value))))
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
