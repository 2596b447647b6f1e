"""Fast pictures for widgets: arrays to palette PNG bytes through a precomputed colour table.

A widget that redraws on every slider move cannot afford a matplotlib figure per update
(see ``benchmarks/widgets.py``). Here each value becomes one byte, its level on a colour
scale (:func:`signed_levels`, :func:`unsigned_levels`); :func:`palette` samples a colour map
once into 256 RGB colours; and Pillow writes the bytes with that palette as an 8-bit PNG
(:func:`png_bytes`), with no per-pixel colour lookup in Python at all.

Levels ``0 .. LEVELS - 1`` are colours of the scale: an odd number of them puts zero
exactly on the middle one, :data:`ZERO_LEVEL`, drawn in the colour map's middle colour
(white for the course's red-blue map). The last three bytes of every palette are reserved:
:data:`MISSING`, :data:`GRID` and :data:`HIGHLIGHT`.
"""

from __future__ import annotations

import functools
import io
import math
import zlib

import matplotlib as mpl
import numpy as np
from matplotlib.colors import to_rgb
from PIL import Image

from ._validate import (
    as_real_2d,
    check_box,
    check_int,
    check_positive,
    check_real,
    check_shape,
)
from .colours import (
    DIVERGING_CMAP,
    GRID_COLOUR,
    HIGHLIGHT_COLOUR,
    MISSING_COLOUR,
    signed_limit,
    unsigned_limits,
)

__all__ = [
    "GRID",
    "HIGHLIGHT",
    "LEVELS",
    "MISSING",
    "ZERO_LEVEL",
    "block_size",
    "colour_bar_levels",
    "draw_outline",
    "palette",
    "png_bytes",
    "signed_levels",
    "unsigned_levels",
    "upscale",
]

#: Number of colour levels of a scale; bytes from LEVELS up are reserved.
LEVELS = 253
#: The level of zero on a diverging scale (the middle one).
ZERO_LEVEL = (LEVELS - 1) // 2
#: Reserved byte: NaN, or a cell the widget has not computed yet.
MISSING = 253
#: Reserved byte: lines between the cells of an upscaled small image.
GRID = 254
#: Reserved byte: outline of the kernel's window.
HIGHLIGHT = 255

# zlib settings of the PNG. Run-length matching only (Z_RLE: repeats of the
# previous byte, no search for longer-range repeats) is about twice as fast as
# ordinary deflate at level 1 on filter responses, edge maps and photos, and
# the files are no larger: responses are mostly runs of one colour. Measured
# in benchmarks/widgets.py; level 0 (no compression) is faster still but
# sends up to four times the bytes to the browser.
_COMPRESS_LEVEL = 1
_COMPRESS_TYPE = zlib.Z_RLE


@functools.lru_cache(maxsize=16)
def palette(cmap: str = DIVERGING_CMAP) -> np.ndarray:
    """The 256 colours of a palette PNG: a colour map sampled at LEVELS points, then reserved ones.

    Parameters
    ----------
    cmap : str, default :data:`helpers.colours.DIVERGING_CMAP`
        Name of a matplotlib colour map.

    Returns
    -------
    numpy.ndarray of uint8, shape (256, 3)
        Read-only and cached: row ``i`` is the RGB colour of byte ``i``, from the colour
        map's low end at 0 to its high end at ``LEVELS - 1``, then the reserved colours.

    Raises
    ------
    ValueError
        If matplotlib does not know the colour map.

    Examples
    --------
    >>> table = palette("RdBu_r")
    >>> table.shape, table.dtype
    ((256, 3), dtype('uint8'))
    >>> table[ZERO_LEVEL]  # the middle of the red-blue map: nearly white
    array([247, 246, 246], dtype=uint8)
    >>> table[HIGHLIGHT]  # the course's orange
    array([230, 159,   0], dtype=uint8)
    """
    try:
        colour_map = mpl.colormaps[cmap]
    except (KeyError, TypeError):
        raise ValueError(f"cmap must name a matplotlib colour map, got {cmap!r}") from None
    scale = colour_map(np.linspace(0.0, 1.0, LEVELS))[:, :3]
    reserved = [to_rgb(MISSING_COLOUR), to_rgb(GRID_COLOUR), to_rgb(HIGHLIGHT_COLOUR)]
    table = np.rint(np.vstack([scale, reserved]) * 255.0).astype(np.uint8)
    table.flags.writeable = False
    return table


def signed_levels(values, limit: float | None = None) -> tuple[np.ndarray, float]:
    """Bytes of a diverging scale centred at zero, with symmetric limits ``(-limit, limit)``.

    Symmetric limits give equal sizes equally strong colours whatever their sign.

    Parameters
    ----------
    values : array_like, shape (H, W)
        Real numbers; NaN becomes :data:`MISSING`. Never modified.
    limit : float, optional
        The value drawn at the ends of the scale (values beyond it are drawn there too).
        By default :func:`helpers.colours.signed_limit`'s, the rule of every figure of
        the course.

    Returns
    -------
    levels : numpy.ndarray of uint8, shape (H, W)
        :data:`ZERO_LEVEL` for 0, ``0`` for ``-limit`` and ``LEVELS - 1`` for ``+limit``,
        rounded to the nearest level.
    limit : float
        The limit used.

    Raises
    ------
    TypeError, ValueError
        If ``values`` is not a 2-D real array, or ``limit`` is not positive and finite.

    Examples
    --------
    The article's response to its 6x6 edge, and the same edge mirrored:

    >>> levels, limit = signed_levels([[0, 30, 30, 0], [0, -30, -30, 0]])
    >>> levels
    array([[126, 252, 252, 126],
           [126,   0,   0, 126]], dtype=uint8)
    >>> limit
    30.0

    An all-zero output is drawn in the middle colour, on a scale of ±1:

    >>> signed_levels([[0.0, 0.0]])
    (array([[126, 126]], dtype=uint8), 1.0)
    """
    array = as_real_2d(values, "values")
    limit = signed_limit(array) if limit is None else check_positive(limit, "limit")
    with np.errstate(invalid="ignore", over="ignore"):
        # values / limit lies in [-1, 1] without overflow, even near 1e308. Steps from
        # zero are rounded half away from zero, so that +v and -v get mirror levels.
        scaled = np.divide(array, limit)
        np.clip(scaled, -1.0, 1.0, out=scaled)
        scaled *= ZERO_LEVEL
        steps = np.abs(scaled)
        steps += 0.5
        np.floor(steps, out=steps)
        np.copysign(steps, scaled, out=steps)
        steps += ZERO_LEVEL
        levels = steps.astype(np.uint8)  # NaN casts to an arbitrary byte, replaced below
    levels[np.isnan(array)] = MISSING
    return levels, limit


def unsigned_levels(values, low: float | None = None, high: float | None = None) -> np.ndarray:
    """Bytes of a scale from ``low`` (level 0) to ``high`` (level ``LEVELS - 1``).

    Parameters
    ----------
    values : array_like, shape (H, W)
        As :func:`signed_levels`.
    low, high : float, optional
        The ends of the scale; by default :func:`helpers.colours.unsigned_limits` (from the
        smallest finite value). Values outside are drawn at the nearer end. When
        ``high <= low`` every finite value up to ``high`` gets level 0.

    Returns
    -------
    numpy.ndarray of uint8, shape (H, W)

    Raises
    ------
    TypeError, ValueError
        If ``values`` is not a 2-D real array (TypeError for complex or non-numeric
        values), or a ValueError if ``low`` or ``high`` is not a finite real number.

    Examples
    --------
    >>> unsigned_levels([[10, 10, 0], [5, 0, 10]])
    array([[252, 252,   0],
           [126,   0, 252]], dtype=uint8)
    >>> unsigned_levels([[0.5, 2.0]], low=0.0, high=1.0)
    array([[126, 252]], dtype=uint8)
    """
    array = as_real_2d(values, "values")
    if low is None or high is None:
        auto_low, auto_high = unsigned_limits(array, from_zero=False)
        low = auto_low if low is None else low
        high = auto_high if high is None else high
    low, high = check_real(low, "low"), check_real(high, "high")
    with np.errstate(invalid="ignore", over="ignore"):
        span = high - low
        if span > 0.0 and not math.isfinite(span):  # the span overflows: scale in two halves
            return unsigned_levels(np.divide(array, 2.0), low / 2.0, high / 2.0)
        if span > 0.0:
            scaled = np.subtract(array, low)
            scaled *= (LEVELS - 1) / span
            scaled += 0.5
            np.clip(scaled, 0.0, LEVELS - 1, out=scaled)
            levels = scaled.astype(np.uint8)  # NaN casts to an arbitrary byte, replaced below
        else:
            levels = np.zeros(array.shape, dtype=np.uint8)
            levels[array > high] = LEVELS - 1
    levels[np.isnan(array)] = MISSING
    return levels


def block_size(shape, target: int = 240, largest: int = 48) -> int:
    """How many screen pixels per image pixel make a small image about ``target`` pixels across.

    Parameters
    ----------
    shape : tuple of int
        ``(rows, cols)`` of the image.
    target, largest : int, default 240 and 48
        The wanted size of the longer side on screen, and the largest block.

    Returns
    -------
    int
        At least 1: images at least ``target`` pixels across stay as they are.

    Raises
    ------
    ValueError
        If ``shape`` is not two integers >= 1, or ``target`` or ``largest`` is not an
        integer >= 1.

    Examples
    --------
    >>> block_size((6, 6)), block_size((4, 4)), block_size((300, 256))
    (40, 48, 1)
    """
    rows, cols = check_shape(shape, "shape")
    target, largest = check_int(target, "target", 1), check_int(largest, "largest", 1)
    return min(largest, max(1, target // max(rows, cols)))


def upscale(levels, block: int, grid: bool = False) -> np.ndarray:
    """Repeat each pixel into a ``block x block`` square, optionally with grid lines between.

    So that a small image, such as the article's 6x6 step, is not a speck on screen:
    nearest neighbour, never blurred.

    Parameters
    ----------
    levels : numpy.ndarray of uint8, shape (H, W)
        Bytes from :func:`signed_levels` or :func:`unsigned_levels`.
    block : int
        Side of each square, at least 1.
    grid : bool, default False
        Draw a one-pixel :data:`GRID` line around every square (only when ``block >= 4``;
        smaller blocks would be mostly grid).

    Returns
    -------
    numpy.ndarray of uint8, shape (H * block, W * block)
        A new array.

    Raises
    ------
    ValueError
        If ``block`` is not an integer >= 1.

    Examples
    --------
    >>> upscale(np.array([[1, 2]], dtype=np.uint8), 2)
    array([[1, 1, 2, 2],
           [1, 1, 2, 2]], dtype=uint8)
    >>> upscale(np.array([[7]], dtype=np.uint8), 4, grid=True)
    array([[254, 254, 254, 254],
           [254,   7,   7, 254],
           [254,   7,   7, 254],
           [254, 254, 254, 254]], dtype=uint8)
    """
    block = check_int(block, "block", 1)
    levels = np.asarray(levels, dtype=np.uint8)
    if block == 1:
        return levels.copy()
    big = np.repeat(np.repeat(levels, block, axis=0), block, axis=1)
    if grid and block >= 4:
        big[::block, :] = GRID
        big[block - 1 :: block, :] = GRID
        big[:, ::block] = GRID
        big[:, block - 1 :: block] = GRID
    return big


def draw_outline(
    levels, box, block: int = 1, thickness: int | None = None, margin: int = 0
) -> np.ndarray:
    """Draw a :data:`HIGHLIGHT` rectangle around some cells of an (upscaled) image, in place.

    Parameters
    ----------
    levels : numpy.ndarray of uint8
        The picture, already upscaled by ``block``. Modified in place, and returned.
    box : tuple of int
        ``(row, col, height, width)`` in cells of the original image.
    block : int, default 1
        The block size the picture was upscaled by.
    thickness : int, optional
        Line width in screen pixels; by default about a tenth of a block.
    margin : int, default 0
        Screen pixels of room between the cells and the line, so that the outline of a
        window on a large picture (one screen pixel per image pixel) stays visible. The
        line is clipped to the picture.

    Returns
    -------
    numpy.ndarray of uint8

    Raises
    ------
    ValueError
        If ``box`` is not four integers (``row`` and ``col`` >= 0, ``height`` and ``width``
        >= 1), or ``block``, ``thickness`` or ``margin`` is not an integer (>= 1, >= 1, >= 0).

    Examples
    --------
    >>> picture = np.zeros((4, 4), dtype=np.uint8)
    >>> draw_outline(picture, (1, 1, 2, 2))
    array([[  0,   0,   0,   0],
           [  0, 255, 255,   0],
           [  0, 255, 255,   0],
           [  0,   0,   0,   0]], dtype=uint8)

    With a margin the line keeps its distance from the cells:

    >>> draw_outline(np.zeros((6, 6), dtype=np.uint8), (2, 2, 1, 1), margin=1)
    array([[255, 255, 255, 255, 255,   0],
           [255,   0,   0,   0, 255,   0],
           [255,   0,   0,   0, 255,   0],
           [255,   0,   0,   0, 255,   0],
           [255, 255, 255, 255, 255,   0],
           [  0,   0,   0,   0,   0,   0]], dtype=uint8)
    """
    row, col, height, width = check_box(box, "box")
    block, margin = check_int(block, "block", 1), check_int(margin, "margin", 0)
    t = max(1, block // 10) if thickness is None else check_int(thickness, "thickness", 1)
    room = margin + t * (margin > 0)
    top, left = max(0, row * block - room), max(0, col * block - room)
    bottom = min(levels.shape[0], (row + height) * block + room)
    right = min(levels.shape[1], (col + width) * block + room)
    t = min(t, max(1, (bottom - top) // 2), max(1, (right - left) // 2))
    levels[top : top + t, left:right] = HIGHLIGHT
    levels[bottom - t : bottom, left:right] = HIGHLIGHT
    levels[top:bottom, left : left + t] = HIGHLIGHT
    levels[top:bottom, right - t : right] = HIGHLIGHT
    return levels


def png_bytes(levels, cmap: str = DIVERGING_CMAP, compress_level: int = _COMPRESS_LEVEL) -> bytes:
    """Encode bytes of a scale as a palette PNG coloured by ``palette(cmap)``.

    Parameters
    ----------
    levels : numpy.ndarray of uint8, shape (H, W)
        From :func:`signed_levels`, :func:`unsigned_levels`, :func:`upscale`.
    cmap : str, default :data:`helpers.colours.DIVERGING_CMAP`
        Colour map of the palette.
    compress_level : int, default 1
        zlib effort, 0 (none, fastest, largest) to 9, searching for runs of one byte only.

    Returns
    -------
    bytes
        A complete PNG file, ready for ``ipywidgets.Image(value=...)``.

    Examples
    --------
    >>> data = png_bytes(np.array([[0, 126, 252]], dtype=np.uint8))
    >>> data[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> from PIL import Image
    >>> import io
    >>> picture = Image.open(io.BytesIO(data))
    >>> picture.mode, picture.size
    ('P', (3, 1))
    >>> picture.convert("RGB").getpixel((0, 0))  # the blue end of the red-blue map
    (5, 48, 97)
    """
    array = np.ascontiguousarray(levels, dtype=np.uint8)
    if array.ndim != 2 or array.size == 0:
        raise ValueError(f"levels must be a non-empty 2-D array, got shape {array.shape}")
    picture = Image.frombuffer("P", (array.shape[1], array.shape[0]), array, "raw", "P", 0, 1)
    picture.putpalette(palette(cmap).tobytes())
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=compress_level, compress_type=_COMPRESS_TYPE)
    return buffer.getvalue()


def colour_bar_levels(length: int = 200, thickness: int = 12, vertical: bool = False) -> np.ndarray:
    """The bytes of a colour bar: every colour level from the low end to the high end.

    Parameters
    ----------
    length, thickness : int, default 200 and 12
        Pixels along and across the bar.
    vertical : bool, default False
        A vertical bar runs from the high end at the top to the low end at the bottom; a
        horizontal one from low (left) to high (right).

    Returns
    -------
    numpy.ndarray of uint8, shape (thickness, length) or (length, thickness)
        Encode it with :func:`png_bytes` and the colour map of the picture.

    Raises
    ------
    ValueError
        If ``length`` is not an integer >= 2 or ``thickness`` not an integer >= 1.

    Examples
    --------
    >>> colour_bar_levels(5, 2)
    array([[  0,  63, 126, 189, 252],
           [  0,  63, 126, 189, 252]], dtype=uint8)
    """
    length, thickness = check_int(length, "length", 2), check_int(thickness, "thickness", 1)
    ramp = np.rint(np.linspace(0, LEVELS - 1, length)).astype(np.uint8)
    if vertical:
        return np.repeat(ramp[::-1, None], thickness, axis=1)
    return np.repeat(ramp[None, :], thickness, axis=0)
