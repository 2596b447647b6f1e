"""Input checks shared by every public helper.

Each check names the offending argument and says what was wrong, so a learner
sees ``kernel must be 2-D, got shape (3,)`` instead of a traceback from inside
numpy. None of them modifies its input.
"""

from __future__ import annotations

import numbers

import numpy as np

# Array kinds that hold real numbers: bool, unsigned int, signed int, float.
_REAL_KINDS = "buif"


def as_real_2d(value, name: str) -> np.ndarray:
    """Return ``value`` as a non-empty 2-D float64 array, or raise naming ``name``.

    The result may share memory with ``value`` when it already is float64;
    callers only ever read from it.

    Raises
    ------
    TypeError
        If ``value`` holds complex numbers or anything that is not a number.
    ValueError
        If ``value`` is ragged, not 2-D or empty.
    """
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular 2-D array: {error}") from None
    if array.dtype.kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex dtype {array.dtype}")
    if array.dtype.kind == "O":
        # A list mixing, say, ints and Fractions: accept it if it is all real numbers.
        # Checked element by element because astype(float) quietly turns None into NaN.
        for v in array.flat:
            if not isinstance(v, numbers.Real):
                raise TypeError(f"{name} must hold real numbers, got non-numeric value {v!r}")
        array = array.astype(np.float64)
    elif array.dtype.kind not in _REAL_KINDS:
        raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
    if array.ndim != 2:
        raise ValueError(f"{name} must be 2-D, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    return array.astype(np.float64, copy=False)


def check_choice(value, name: str, allowed: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise a ValueError listing them."""
    if not isinstance(value, str) or value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value


def check_shape(shape, name: str) -> tuple[int, int]:
    """Return ``shape`` as a pair of positive ints, or raise naming ``name``."""
    try:
        rows, cols = (int(n) for n in shape)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair of positive integers, got {shape!r}") from None
    if rows < 1 or cols < 1 or (rows, cols) != tuple(shape):
        raise ValueError(f"{name} must be a pair of positive integers, got {shape!r}")
    return rows, cols


def check_int(value, name: str, minimum: int) -> int:
    """Return ``value`` as an int if it is an integer >= ``minimum``, else raise naming it.

    ``True`` and ``False`` are refused: they are ints to Python but never a
    size, a seed or a count that a learner meant.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


# Padding and stride beyond this are never meant: the padded image alone would not fit in
# memory. Refusing them here gives a message instead of numpy's allocation or overflow error.
MAX_SIZE = 1 << 20


def check_pair(value, name: str, minimum: int) -> tuple[int, int]:
    """Return ``value`` as a (rows, columns) pair of ints >= ``minimum``, or raise naming it.

    A single integer means the same on both axes; a pair (tuple, list or 1-D
    array of two integers) gives one per axis. Values above :data:`MAX_SIZE`
    are refused too.
    """
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = tuple(value.tolist())
    items = value if isinstance(value, (tuple, list)) else (value, value)
    if len(items) != 2 or any(
        isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < minimum for n in items
    ):
        raise ValueError(
            f"{name} must be an integer >= {minimum} or a pair of them (rows, columns), "
            f"got {value!r}"
        )
    if max(items) > MAX_SIZE:
        raise ValueError(f"{name} must be at most {MAX_SIZE} pixels, got {value!r}")
    return int(items[0]), int(items[1])
