"""Input checks shared by every public helper.

Each check names the offending argument and says what was wrong, so a learner
sees ``kernel must be 2-D, got shape (3,)`` instead of a traceback from inside
numpy. None of them modifies its input. Sizes of every kind (shapes, padding,
strides, counts) go through :func:`check_int`, so they all take the same rule:
an integer, not a bool and not a float that happens to be whole; single real
numbers go through :func:`check_real`, positive ones (rates, steps, extents,
limits) through :func:`check_positive`, built on it.
"""

from __future__ import annotations

import contextlib
import math
import numbers

import numpy as np

# Array kinds that hold real numbers: bool, unsigned int, signed int, float.
_REAL_KINDS = "buif"

# Padding and stride beyond this are never meant: the padded image alone would not fit in
# memory. Refusing them here gives a message instead of numpy's allocation or overflow error.
MAX_SIZE = 1 << 20


def as_real_values(value, name: str) -> np.ndarray:
    """Return ``value`` as an array of real numbers of any shape, in its own dtype if it has one.

    The rule of "holds real numbers" that :func:`as_real_array` adds a shape check to,
    for the helpers that take any shape (colour limits, a bias, a batch). Bool, integer
    and float arrays come back as they are (no copy); nested lists of numbers, Fractions
    among them, become float64.

    Raises
    ------
    TypeError
        If ``value`` holds complex numbers or anything that is not a number (text,
        None, ...), or is a masked array (its mask would be silently ignored).
    ValueError
        If ``value`` is ragged, or holds an integer too large for float64.

    Examples
    --------
    >>> from fractions import Fraction
    >>> as_real_values([Fraction(1, 2), 2], "bias")
    array([0.5, 2. ])
    >>> as_real_values([[1, None]], "values")
    Traceback (most recent call last):
    ...
    TypeError: values must hold real numbers, got non-numeric value None
    """
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(
            f"{name} is a masked array, whose mask the computation would ignore; fill it first, "
            f"e.g. {name}.filled(0), or pass {name}.data to use the values under the mask"
        )
    try:
        array = np.asarray(value)
    except (ValueError, OverflowError) as error:  # ragged nested lists, huge ints
        raise ValueError(f"{name} must be a rectangular array of numbers: {error}") from None
    if array.dtype.kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex dtype {array.dtype}")
    if array.dtype.kind == "O":
        # A list mixing, say, ints and Fractions: accept it if it is all real numbers.
        # Checked element by element because astype(float) quietly turns None into NaN.
        for v in array.flat:
            if isinstance(v, bool) or not isinstance(v, numbers.Real):
                raise TypeError(f"{name} must hold real numbers, got non-numeric value {v!r}")
        try:
            array = array.astype(np.float64)
        except OverflowError:
            raise ValueError(
                f"{name} holds an integer too large for a 64-bit float (over about 1.8e308)"
            ) from None
    elif array.dtype.kind not in _REAL_KINDS:
        raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
    return array


def as_real_array(value, name: str, ndim=2) -> np.ndarray:
    """Return ``value`` as a non-empty 2-D array of real numbers, in its own dtype if it has one.

    ``ndim`` asks for another number of axes, or one of a tuple of them
    (``(3, 4)`` for an image with channels, batched or not).

    Bool, integer and float arrays come back as they are (no copy), so an
    engine can convert a few rows at a time instead of the whole image;
    nested lists of numbers become float64 (:func:`as_real_values`).

    Raises
    ------
    TypeError
        If ``value`` holds complex numbers or anything that is not a number,
        or is a masked array (its mask would be silently ignored).
    ValueError
        If ``value`` is ragged, not 2-D (or ``ndim``), empty, or holds an integer too large
        for float64.
    """
    array = as_real_values(value, name)
    allowed = ndim if isinstance(ndim, tuple) else (ndim,)
    if array.ndim not in allowed:
        wanted = " or ".join(f"{n}-D" for n in allowed)
        raise ValueError(f"{name} must be {wanted}, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    return array


def as_real_2d(value, name: str) -> np.ndarray:
    """Return ``value`` as a non-empty 2-D float64 array, or raise naming ``name``.

    The result may share memory with ``value`` when it already is float64;
    callers only ever read from it. Raises as :func:`as_real_array`.
    """
    return as_real_array(value, name).astype(np.float64, copy=False)


def check_choice(value, name: str, allowed: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise a ValueError listing them."""
    if not isinstance(value, str) or value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value


def check_int(value, name: str, minimum: int | None, maximum: int | None = None) -> int:
    """Return ``value`` as an int if it is an integer in ``[minimum, maximum]``, else raise.

    ``True`` and ``False`` are refused: they are ints to Python but never a
    size, a seed or a count that a learner meant; so are floats, even whole
    or infinite ones. ``minimum=None`` checks only that ``value`` is an integer,
    for a caller that explains its own range.

    Examples
    --------
    >>> check_int(3, "block", 1)
    3
    >>> check_int(2.0, "block", 1)
    Traceback (most recent call last):
    ...
    ValueError: block must be an integer >= 1, got 2.0
    >>> check_int(True, "row", None)
    Traceback (most recent call last):
    ...
    ValueError: row must be an integer, got True
    """
    integral = isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))
    if not integral or (minimum is not None and value < minimum):
        at_least = "" if minimum is None else f" >= {minimum}"
        raise ValueError(f"{name} must be an integer{at_least}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value!r}")
    return int(value)


def check_real(value, name: str, *, finite: bool = True) -> float:
    """Return ``value`` as a float if it is one real number, else raise naming ``name``.

    One rule for every scalar of the course: an instance of :class:`numbers.Real`
    (Python and numpy ints and floats, :class:`~fractions.Fraction`), not a bool, and
    finite unless ``finite=False``. Text such as ``"10"``, :class:`~decimal.Decimal`,
    complex numbers, None and arrays are refused, and so is an integer or fraction too
    large for a 64-bit float, as :func:`as_real_array` refuses it in an array.

    Examples
    --------
    >>> check_real(-2, "low")
    -2.0
    >>> check_real(float("nan"), "value", finite=False)
    nan
    >>> check_real(True, "value", finite=False)
    Traceback (most recent call last):
    ...
    ValueError: value must be a real number, got True
    >>> check_real(float("inf"), "high")
    Traceback (most recent call last):
    ...
    ValueError: high must be a finite real number, got inf
    """
    real = isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
    try:
        number = float(value) if real else math.nan
    except OverflowError:
        raise ValueError(f"{name} must be within a 64-bit float's range (about ±1.8e308)") from None
    if not real or (finite and not math.isfinite(number)):
        what = "a finite real number" if finite else "a real number"
        raise ValueError(f"{name} must be {what}, got {value!r}")
    return number


def check_positive(value, name: str, *, zero: bool = False) -> float:
    """Return ``value`` as a float if it is a positive finite real number, else raise.

    Rates, nudges, extents, noise levels and colour limits take this one rule,
    :func:`check_real`'s and above 0; ``zero=True`` lets 0 through too.

    Examples
    --------
    >>> check_positive(0.5, "learning_rate")
    0.5
    >>> check_positive(float("inf"), "step")
    Traceback (most recent call last):
    ...
    ValueError: step must be a positive finite number, got inf
    >>> check_positive(-1, "noise", zero=True)
    Traceback (most recent call last):
    ...
    ValueError: noise must be a finite number >= 0, got -1
    """
    try:
        number = check_real(value, name)
    except ValueError:
        number = math.nan
    if not (0 <= number if zero else 0 < number):
        what = "a finite number >= 0" if zero else "a positive finite number"
        raise ValueError(f"{name} must be {what}, got {value!r}")
    return number


def check_pair(value, name: str, minimum: int, maximum: int | None = MAX_SIZE) -> tuple[int, int]:
    """Return ``value`` as a (rows, columns) pair of ints >= ``minimum``, or raise naming it.

    A single integer means the same on both axes; a pair (tuple, list or 1-D
    array of two integers) gives one per axis. Values above ``maximum``
    (:data:`MAX_SIZE` unless told otherwise) are refused too.
    """
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = tuple(value.tolist())
    items = value if isinstance(value, (tuple, list)) else (value, value)
    try:
        if len(items) != 2:
            raise ValueError
        pair = tuple(check_int(n, name, minimum) for n in items)
    except ValueError:
        raise ValueError(
            f"{name} must be an integer >= {minimum} or a pair of them (rows, columns), "
            f"got {value!r}"
        ) from None
    for n in pair:  # the limit in check_int's words, as for one integer
        check_int(n, name, minimum, maximum)
    return pair


def check_box(box, name: str) -> tuple[int, int, int, int]:
    """Return ``box`` as ``(row, col, height, width)`` ints, or raise naming ``name``.

    The cells a box outlines: ``row`` and ``col`` (its top-left cell) integers
    >= 0, ``height`` and ``width`` integers >= 1, each by :func:`check_int`'s rule.

    Examples
    --------
    >>> check_box([0, 1, 2, 2], "window")
    (0, 1, 2, 2)
    >>> check_box((True, 0, 1, 1), "window")
    Traceback (most recent call last):
    ...
    ValueError: window must be four integers (row, col, height, width), row and col >= 0,
    height and width >= 1, got (True, 0, 1, 1)
    """
    try:
        row, col, height, width = box
        return (
            check_int(row, name, 0),
            check_int(col, name, 0),
            check_int(height, name, 1),
            check_int(width, name, 1),
        )
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be four integers (row, col, height, width), row and col >= 0, "
            f"height and width >= 1, got {box!r}"
        ) from None


def check_shape(shape, name: str) -> tuple[int, int]:
    """Return ``shape`` as a (rows, columns) pair of positive ints, or raise naming ``name``."""
    if isinstance(shape, (tuple, list, np.ndarray)):
        with contextlib.suppress(ValueError):
            return check_pair(shape, name, 1, maximum=None)
    raise ValueError(f"{name} must be a pair of positive integers (rows, columns), got {shape!r}")
