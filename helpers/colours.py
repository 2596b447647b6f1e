"""Colours and numbers: the one place that says how the course draws and writes a value.

Every picture of the course takes its colours from here, whether matplotlib draws it
(:mod:`helpers.plotting`), the widgets' PNG renderer encodes it (:mod:`helpers.render`) or
an HTML table shows it (:mod:`helpers.widgets`); every number written in a figure or a
table goes through :func:`format_number`, with fixed decimals where a measure needs them
(only a loss on a log scale is written in powers of ten). Signed results (filter responses) are
centred at zero with symmetric limits ``(-m, m)``: white means "no response", red a
positive one and blue a negative one, and equal magnitudes get equally strong colours
whatever their sign. All the colour maps vary in lightness from one end to the other, so
they still read correctly for the common forms of colour-blindness and in greyscale print.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import to_rgb

from ._validate import as_real_values

__all__ = [
    "DIVERGING_CMAP",
    "GRID_COLOUR",
    "HIGHLIGHT_COLOUR",
    "IMAGE_CMAP",
    "MISSING_COLOUR",
    "PICTURE_PERCENTILE",
    "SEQUENTIAL_CMAP",
    "STRENGTH_CMAP",
    "format_number",
    "limit_label",
    "picture_limit",
    "signed_limit",
    "symmetric_limits",
    "text_colour",
    "unsigned_limits",
]

#: Signed values: ColorBrewer's red-blue map (reversed so positive is red),
#: listed by ColorBrewer as colour-blind safe. Always centred at zero.
DIVERGING_CMAP = "RdBu_r"
#: Non-negative matrices (small images, kernels of 0s and 1s, counts): grey
#: levels, black for 0 and white for the largest value, so a bright pixel looks
#: bright as in a photograph (a blue map would make it dark, like a negative
#: response), and the colour-blind read it as everyone else does.
SEQUENTIAL_CMAP = "gray"
#: Pictures: plain grey levels, as a camera would record them.
IMAGE_CMAP = "gray"
#: Edge strength and angle error: dark for small, bright for large.
STRENGTH_CMAP = "magma"
#: Outline of the kernel's window (Okabe-Ito orange).
HIGHLIGHT_COLOUR = "#E69F00"
#: Cells holding NaN, or not computed yet: a mid grey that no colour map above
#: uses for a number.
MISSING_COLOUR = "0.6"
#: Lines between the cells of an enlarged small image.
GRID_COLOUR = "0.3"

#: Signed pictures saturate at this percentile of |value| (see :func:`picture_limit`).
PICTURE_PERCENTILE = 99.5
# Arrays with at most this many values are matrices whose every number matters: their
# colour scale runs to the largest one.
_SMALL = 400

# Text on a cell whose relative luminance is above this is black, else white
# (the crossover where both have the same WCAG contrast ratio).
_LUMINANCE_THRESHOLD = 0.179


def signed_limit(values) -> float:
    """The ``m`` of the symmetric colour limits ``(-m, m)`` of a signed array of any shape.

    ``m`` is the largest absolute finite value, so that the strongest response gets the
    strongest colour. When nothing finite is non-zero (an all-zero output, or only NaN) it
    is 1.0, so that the scale never collapses and zero is still drawn in the middle colour.
    Like every helper, it and :func:`picture_limit` and :func:`unsigned_limits` raise a
    TypeError for complex or non-numeric values or a masked array.

    Examples
    --------
    >>> signed_limit([[0, 30], [-10, 5]])
    30.0
    >>> signed_limit([[0.0, float("nan")], [-2.5, float("inf")]])
    2.5
    >>> signed_limit([[0, 0], [0, 0]])
    1.0
    """
    array = as_real_values(values, "values")
    if array.dtype.kind == "b" or array.size == 0:
        return 1.0
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        array = array[np.isfinite(array)]
        if array.size == 0:
            return 1.0
    # The largest and smallest, not abs(): no array-sized temporary, and no
    # overflow for the most negative integer.
    m = max(abs(float(array.max())), abs(float(array.min())))
    return m if m > 0.0 else 1.0


def picture_limit(values) -> float:
    """The ``m`` of a signed picture's colour scale: the 99.5th percentile of ``|value|``.

    In a photo's response a handful of very strong edges would otherwise set the
    scale and leave every ordinary edge nearly white. Values beyond ``m`` are
    drawn at the ends of the scale. Arrays of at most 400 values (matrices whose
    every number is shown) keep :func:`signed_limit`, and so does an array whose
    percentile is 0 (mostly zeros).

    Examples
    --------
    >>> import numpy as np
    >>> response = np.r_[np.arange(1000.0) % 10, 500.0].reshape(7, 143)
    >>> signed_limit(response), picture_limit(response)
    (500.0, 9.0)
    >>> picture_limit([[0, 30, 30, 0]] * 4)  # a small matrix: its largest value
    30.0
    """
    array = np.abs(as_real_values(values, "values").astype(np.float64, copy=False))
    finite = array[np.isfinite(array)]
    if finite.size <= _SMALL:
        return signed_limit(values)
    m = float(np.percentile(finite, PICTURE_PERCENTILE))
    return m if m > 0.0 else signed_limit(values)


def limit_label(values, limit: float) -> str:
    """A colour bar's note on its scale: empty, or how a picture's scale was clipped.

    Examples
    --------
    >>> limit_label([[0, 30]], 30.0)
    ''
    >>> limit_label([[0, 30]], 12.5)
    'clipped at ±12.5 (99.5th percentile)'
    """
    if limit >= signed_limit(values):
        return ""
    return f"clipped at ±{format_number(limit)} ({PICTURE_PERCENTILE:g}th percentile)"


def symmetric_limits(values) -> tuple[float, float]:
    """Colour limits ``(-m, m)`` that centre a diverging colour map at zero, ``m`` from
    :func:`signed_limit`.

    Examples
    --------
    >>> symmetric_limits([[0, 30], [-10, 5]])
    (-30.0, 30.0)
    >>> symmetric_limits([[0, 0]])
    (-1.0, 1.0)
    """
    m = signed_limit(values)
    return -m, m


def unsigned_limits(values, *, from_zero: bool = True) -> tuple[float, float]:
    """Colour limits of an unsigned array: its smallest and largest finite values.

    With ``from_zero`` the scale starts at 0 at the latest, as for a matrix of counts. A
    constant array gets ``(v, v + 1)``, so that it is drawn in the scale's first colour
    rather than collapsing the scale; one with nothing finite gets ``(0, 1)``.

    Examples
    --------
    >>> unsigned_limits([[10, 20], [30, 40]]), unsigned_limits([[10, 40]], from_zero=False)
    ((0.0, 40.0), (10.0, 40.0))
    >>> unsigned_limits([[7, 7]], from_zero=False)
    (7.0, 8.0)
    """
    array = as_real_values(values, "values").astype(np.float64, copy=False)
    finite = array[np.isfinite(array)]
    if finite.size == 0:
        return 0.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    if from_zero:
        low = min(low, 0.0)
    if high <= low:  # a constant array: give the map some room
        high = low + 1.0
    return low, high


def text_colour(colour) -> str:
    """``"black"`` or ``"white"``, whichever contrasts more with a cell of this colour.

    ``colour`` is any matplotlib colour: a name, a hex string, or an RGB(A) tuple of floats
    in ``[0, 1]``. The choice follows the cell's relative luminance (WCAG).

    Examples
    --------
    >>> text_colour("white"), text_colour("#053061"), text_colour((0.9, 0.9, 0.2))
    ('black', 'white', 'black')
    """
    linear = [
        channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
        for channel in to_rgb(colour)
    ]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "black" if luminance > _LUMINANCE_THRESHOLD else "white"


def format_number(value, decimals: int | None = None) -> str:
    """Write a number for a figure, a table or a message: ``30``, ``-0.5``, ``0.333``, ``1e+308``.

    Parameters
    ----------
    value : real number
        Any real number, including numpy scalars, huge Python ints and NaN.
    decimals : int, optional
        Write exactly this many decimals (``"0.5"`` with 1). By default whole
        numbers are written without decimals (``30``, not ``30.0``), numbers
        from 1000 to 10 million rounded to whole numbers, and others with
        three significant digits.

    Returns
    -------
    str
        Never ``-0``: a value that rounds to zero is written without a sign.
        NaN and infinities are ``nan``, ``inf`` and ``-inf``.

    Examples
    --------
    >>> [format_number(v) for v in (30.0, -0.0, 1 / 3, -2.5, 1234.56, 1e308, float("nan"))]
    ['30', '0', '0.333', '-2.5', '1235', '1e+308', 'nan']
    >>> format_number(-0.04, decimals=1), format_number(10**400), format_number(-25 * 10**400)
    ('0.0', '1e+400', '-2.5e+401')
    >>> format_number(999.4), format_number(999.9)
    ('999', '1000')
    """
    try:
        number = float(value)
    except OverflowError:  # an integer (or fraction) beyond float64: three digits of it
        magnitude = abs(int(value))
        exponent = int(math.log10(magnitude))
        leading = magnitude // 10 ** (exponent - 2)
        if leading >= 1000:  # log10 rounded up past a power of ten
            leading, exponent = leading // 10, exponent + 1
        text = f"{leading / 100:.2f}".rstrip("0").rstrip(".")
        return f"{'-' if value < 0 else ''}{text}e+{exponent}"
    if not math.isfinite(number):
        return str(number)
    if decimals is not None:
        return f"{round(number, decimals) + 0.0:.{decimals}f}"  # + 0.0 turns -0.0 into 0.0
    if number.is_integer() and abs(number) < 1e15:
        return f"{number + 0.0:.0f}"
    if 999.5 <= abs(number) < 1e7:  # from 999.5, three digits would round up to 1e+03
        return f"{number:.0f}"
    return f"{number:.3g}"
