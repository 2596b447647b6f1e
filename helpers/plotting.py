"""Figures for the course: small matrices with their numbers, images, signed responses.

Colours, colour limits and the way numbers are written come from :mod:`helpers.colours`,
as in the widgets; NaN cells are :data:`~helpers.colours.MISSING_COLOUR`.

Every function returns the matplotlib objects it made, draws into a given
``ax`` when there is one, never calls ``plt.show()`` and never modifies its
inputs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colorbar import Colorbar
from matplotlib.colors import Colormap
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from ._validate import as_real_2d, check_box, check_int
from .colours import (
    DIVERGING_CMAP,
    HIGHLIGHT_COLOUR,
    IMAGE_CMAP,
    MISSING_COLOUR,
    SEQUENTIAL_CMAP,
    format_number,
    limit_label,
    picture_limit,
    symmetric_limits,
    text_colour,
    unsigned_limits,
)

__all__ = [
    "MatrixPlot",
    "SignedPlot",
    "show_images",
    "show_matrix",
    "show_signed",
]


class MatrixPlot(NamedTuple):
    """What :func:`show_matrix` drew: ``texts`` holds one per cell in row-major order,
    ``window`` the outline if one was asked for."""

    fig: Figure
    ax: Axes
    image: AxesImage
    texts: list[Text]
    window: Rectangle | None
    colorbar: Colorbar | None

    def __repr__(self) -> str:
        # No memory addresses, so a notebook cell ending in show_matrix(...)
        # stores the same text output on every run.
        rows, cols = self.image.get_array().shape
        return f"<MatrixPlot of a {rows}x{cols} matrix>"


class SignedPlot(NamedTuple):
    """What :func:`show_signed` drew."""

    fig: Figure
    ax: Axes
    image: AxesImage
    colorbar: Colorbar | None

    def __repr__(self) -> str:
        rows, cols = self.image.get_array().shape
        return f"<SignedPlot of a {rows}x{cols} array>"


def show_matrix(
    matrix,
    ax: Axes | None = None,
    title: str | None = None,
    window=None,
    cmap: str | Colormap | None = None,
    fmt: str | Callable[[float], str] | None = None,
    signed: bool | None = None,
    colorbar: bool = False,
    decimals: int | None = None,
    from_zero: bool = True,
) -> MatrixPlot:
    """Draw a small matrix as a grid of coloured cells with each number written in.

    This is the textbook picture of an image, a kernel or a result: row 0 at
    the top, column 0 at the left, one cell per entry.

    Parameters
    ----------
    matrix : array_like, shape (rows, cols)
        Real numbers; NaN is allowed and shows as ``nan`` on a grey cell.
    ax : matplotlib.axes.Axes, optional
        Where to draw. By default a new figure sized to the matrix.
    title : str, optional
    window : tuple of int, optional
        ``(row, col, height, width)``: outline these cells with a thick
        :data:`~helpers.colours.HIGHLIGHT_COLOUR` rectangle, e.g. where the kernel sits.
    cmap : str or Colormap, optional
        Defaults to :data:`~helpers.colours.DIVERGING_CMAP` for signed data
        and :data:`~helpers.colours.SEQUENTIAL_CMAP` otherwise.
    fmt : str or callable, optional
        How to write each number: a format spec such as ``".2f"``, a template
        such as ``"{:.1%}"``, or a function from float to str. By default
        :func:`helpers.colours.format_number` (``30``, ``0.333``, ``1e-05``).
    signed : bool, optional
        Draw on a diverging map centred at zero with limits from
        :func:`helpers.colours.symmetric_limits`. By default, true when any value is negative.
        Unsigned data is coloured from ``min(0, smallest)`` to the largest value, or from
        the smallest value when ``from_zero`` is false, as a picture is
        (:func:`helpers.colours.unsigned_limits`).
    colorbar : bool, default False
        Add a colour bar (the numbers are already written in the cells).
    decimals : int, optional
        Write every number with this many decimals instead (``-0.04`` with 1
        is ``0.0``, never ``-0.0``); ignored when ``fmt`` is given.
    from_zero : bool, default True
        See ``signed``.

    Returns
    -------
    MatrixPlot
        Named tuple ``(fig, ax, image, texts, window, colorbar)``.

    Raises
    ------
    TypeError, ValueError
        If ``matrix`` is not a non-empty 2-D array of real numbers, ``signed`` is not a bool
        or None, or ``window`` is not four integers describing cells inside the matrix.

    See Also
    --------
    show_signed : a larger signed array as a picture, without numbers.

    Examples
    --------
    The article's edge response, with the window of the top-left output:

    >>> import matplotlib.pyplot as plt
    >>> plot = show_matrix([[0, 30, 30, 0], [0, -30, -30, 0]], title="response",
    ...                    window=(0, 0, 2, 2))
    >>> [text.get_text() for text in plot.texts]
    ['0', '30', '30', '0', '0', '-30', '-30', '0']
    >>> plot.image.get_clim()  # signed, so centred at zero
    (-30.0, 30.0)
    >>> plot.image.get_cmap().name
    'RdBu_r'
    >>> plot.ax.get_title(), plot.window.get_xy()
    ('response', (-0.5, -0.5))
    >>> plt.close(plot.fig)
    """
    values = as_real_2d(matrix, "matrix")
    rows, cols = values.shape
    signed = _check_signed(signed, "signed", values)
    box = None if window is None else _check_window(window, values.shape)

    if signed:
        vmin, vmax = symmetric_limits(values)
    else:
        vmin, vmax = unsigned_limits(values, from_zero=from_zero)
    cmap = _colormap(cmap if cmap is not None else DIVERGING_CMAP if signed else SEQUENTIAL_CMAP)

    if ax is None:
        width = max(2.4, 0.55 * cols + 1.3 + (1.0 if colorbar else 0.0))
        height = max(2.2, 0.55 * rows + 1.0 + (0.3 if title else 0.0))
        _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    fig = ax.figure
    image = ax.imshow(
        values, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest", origin="upper"
    )

    # Thin lines between cells, drawn as a grid on the minor ticks at the cell edges.
    ax.set(xticks=range(cols), yticks=range(rows), xlabel="column", ylabel="row")
    ax.set_xticks(np.arange(-0.5, cols), minor=True)
    ax.set_yticks(np.arange(-0.5, rows), minor=True)
    ax.grid(False, which="major")
    ax.grid(True, which="minor", color="0.45", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    if title is not None:
        # Extra room: a window on the top row draws its outline (and its black edge) above
        # the axes, into where the title would sit.
        ax.set_title(title, pad=16 if box is not None and box[0] == 0 else 10)

    labels = [_format_value(float(v), fmt, decimals) for v in values.flat]
    fontsize = 11 if max(map(len, labels)) <= 4 else 9
    texts = []
    for (r, c), label in zip(np.ndindex(rows, cols), labels, strict=True):
        colour = text_colour(image.to_rgba(values[r, c]))
        texts.append(
            ax.text(c, r, label, ha="center", va="center", color=colour, fontsize=fontsize)
        )

    outline = None
    if box is not None:
        row, col, height, width = box
        outline = Rectangle(
            (col - 0.5, row - 0.5),
            width,
            height,
            fill=False,
            edgecolor=HIGHLIGHT_COLOUR,
            linewidth=3.5,
            clip_on=False,  # a window on the border would otherwise lose half its line
            zorder=3,
            path_effects=[
                patheffects.Stroke(linewidth=6.5, foreground="black"),
                patheffects.Normal(),
            ],
        )
        ax.add_patch(outline)

    bar = fig.colorbar(image, ax=ax) if colorbar else None
    return MatrixPlot(fig, ax, image, texts, outline, bar)


def show_signed(
    array,
    ax: Axes | None = None,
    title: str | None = None,
    colorbar: bool = True,
    label: str | None = None,
) -> SignedPlot:
    """Draw a signed result (a filter response) on a diverging map centred at zero.

    Parameters
    ----------
    array : array_like, shape (rows, cols)
    ax : matplotlib.axes.Axes, optional
        Where to draw. By default a new figure.
    title : str, optional
    colorbar : bool, default True
    label : str, optional
        Label of the colour bar, e.g. ``"response"``.

    Returns
    -------
    SignedPlot
        Named tuple ``(fig, ax, image, colorbar)``.

    Raises
    ------
    TypeError, ValueError
        If ``array`` is not a non-empty 2-D array of real numbers.

    See Also
    --------
    helpers.colours.picture_limit : the colour limits used (the largest value for a small
        array, the 99.5th percentile of |value| for a picture, said on the colour bar).
    show_images : several arrays side by side.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> plot = show_signed([[0, -30, -30, 0]] * 4, title="flipped", label="response")
    >>> plot.image.get_clim()
    (-30.0, 30.0)
    >>> plot.colorbar.ax.get_ylabel()
    'response'
    >>> plt.close(plot.fig)
    """
    values = as_real_2d(array, "array")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2 if colorbar else 3.4, 3.4), layout="constrained")
    fig = ax.figure
    image = _draw_picture(ax, values, signed=True, cmap=None, title=title)
    bar = _colour_bar(fig, ax, image, values, label, signed=True) if colorbar else None
    return SignedPlot(fig, ax, image, bar)


def show_images(
    images,
    titles=None,
    cmap: str | Colormap = IMAGE_CMAP,
    signed=None,
    colorbar: bool = True,
    suptitle: str | None = None,
    ncols: int | None = None,
    figsize: tuple[float, float] | None = None,
) -> tuple[Figure, np.ndarray]:
    """Draw several 2-D arrays side by side, e.g. a picture and its edge maps.

    Parameters
    ----------
    images : sequence of array_like
        Each a 2-D array of real numbers; they may differ in shape.
    titles : sequence of str, optional
        One title per image.
    cmap : str or Colormap, default :data:`~helpers.colours.IMAGE_CMAP`
        Colour map of the unsigned images, coloured from their smallest to
        their largest value.
    signed : bool or sequence of bool, optional
        As in :func:`show_matrix`, for all images or one choice (bool or None) per image,
        e.g. to show a response that happens to be non-negative on the same map as
        one that is not. Signed images are drawn as by :func:`show_signed`.
    colorbar : bool, default True
        Add a colour bar to every panel.
    suptitle : str, optional
        Title of the whole figure.
    ncols : int, optional
        Panels per row; by default all in one row.
    figsize : tuple of float, optional
        Figure size in inches; by default panels 3 inches high and as wide as
        the widest image's aspect ratio asks.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : numpy.ndarray of matplotlib.axes.Axes, shape (len(images),)
        One per image, in order; unused grid cells are removed.

    Raises
    ------
    TypeError, ValueError
        If ``images`` is empty or an image is not a non-empty 2-D array of real numbers, or
        ``titles``, ``signed`` or ``ncols`` does not fit the number of images.

    See Also
    --------
    show_signed : one signed array.

    Examples
    --------
    A step edge and its response to the article's vertical-edge filter:

    >>> import matplotlib.pyplot as plt
    >>> image = [[10, 10, 10, 0, 0, 0]] * 6
    >>> response = [[0, -30, -30, 0]] * 4
    >>> fig, axes = show_images([image, response], titles=["image", "response"])
    >>> [ax.get_title() for ax in axes]
    ['image', 'response']
    >>> axes[1].images[0].get_clim(), axes[1].images[0].get_cmap().name
    ((-30.0, 30.0), 'RdBu_r')
    >>> plt.close(fig)
    """
    arrays = _check_images(images)
    count = len(arrays)
    titles = _check_titles(titles, count)
    choices = _check_signed_choices(signed, count)
    ncols = count if ncols is None else min(check_int(ncols, "ncols", 1), count)
    nrows = math.ceil(count / ncols)
    if figsize is None:
        aspect = min(3.0, max(0.5, max(a.shape[1] / a.shape[0] for a in arrays)))
        panel_width = 3.0 * aspect + (0.9 if colorbar else 0.2)
        figsize = (panel_width * ncols, 3.3 * nrows + (0.3 if suptitle else 0.0))

    fig, grid = plt.subplots(nrows, ncols, figsize=figsize, squeeze=False, layout="constrained")
    slots = grid.ravel()
    for extra in slots[count:]:
        extra.remove()
    axes = slots[:count]
    for ax, values, title, choice in zip(axes, arrays, titles, choices, strict=True):
        is_signed = _check_signed(choice, "signed", values)
        image = _draw_picture(ax, values, signed=is_signed, cmap=cmap, title=title)
        if colorbar:
            _colour_bar(fig, ax, image, values, None, signed=is_signed)
    if suptitle is not None:
        fig.suptitle(suptitle)
    return fig, axes


# --- private helpers ---------------------------------------------------------------


def _colour_bar(fig, ax, image, values, label, *, signed: bool):
    """A colour bar; on a clipped signed picture its label says where and why."""
    note = limit_label(values, image.get_clim()[1]) if signed else ""
    text = "\n".join(part for part in (label, note) if part) or None
    bar = fig.colorbar(image, ax=ax, label=text, extend="both" if note else "neither")
    if note:
        bar.ax.yaxis.label.set_fontsize(7)
    return bar


def _draw_picture(ax: Axes, values: np.ndarray, *, signed: bool, cmap, title) -> AxesImage:
    """imshow without ticks, signed arrays centred at zero; the rest as the data says."""
    if signed:
        m = picture_limit(values)
        vmin, vmax = -m, m
        cmap = DIVERGING_CMAP
    else:
        vmin, vmax = unsigned_limits(values, from_zero=False)
    image = ax.imshow(values, cmap=_colormap(cmap), vmin=vmin, vmax=vmax, origin="upper")
    ax.set(xticks=[], yticks=[])
    if title is not None:
        ax.set_title(title)
    return image


def _colormap(cmap: str | Colormap) -> Colormap:
    """A copy of the colour map with NaN cells drawn in MISSING_COLOUR."""
    return mpl.colormaps.get_cmap(cmap).with_extremes(bad=MISSING_COLOUR)


def _check_signed(signed, name: str, values: np.ndarray) -> bool:
    """Resolve signed=None to "has a negative finite value"."""
    if signed is None:
        with np.errstate(invalid="ignore"):
            return bool(np.any(values < 0))
    if not isinstance(signed, (bool, np.bool_)):
        raise ValueError(f"{name} must be True, False or None, got {signed!r}")
    return bool(signed)


def _check_signed_choices(signed, count: int) -> list:
    """One signed choice per image from a single value or a sequence."""
    if signed is None or isinstance(signed, (bool, np.bool_)):
        return [signed] * count
    if isinstance(signed, str) or not isinstance(signed, (Sequence, np.ndarray)):
        raise ValueError(f"signed must be True, False, None or a sequence of them, got {signed!r}")
    if len(signed) != count:
        raise ValueError(f"signed must have one entry per image ({count}), got {len(signed)}")
    return list(signed)


def _check_window(window, shape: tuple[int, int]) -> tuple[int, int, int, int]:
    """Return window as four ints that outline cells inside a matrix of this shape."""
    row, col, height, width = box = check_box(window, "window")
    rows, cols = shape
    if row + height > rows or col + width > cols:
        raise ValueError(
            f"window {window!r} (row, col, height, width) does not fit inside the "
            f"{rows}x{cols} matrix"
        )
    return box


def _check_images(images) -> list[np.ndarray]:
    """Validate a sequence of 2-D arrays, naming the offending one."""
    if isinstance(images, np.ndarray) and images.ndim == 2:
        raise ValueError("images must be a sequence of 2-D arrays; wrap a single array in a list")
    try:
        items = list(images)
    except TypeError:
        raise TypeError(f"images must be a sequence of 2-D arrays, got {images!r}") from None
    if not items:
        raise ValueError("images must hold at least one array")
    return [as_real_2d(item, f"images[{i}]") for i, item in enumerate(items)]


def _check_titles(titles, count: int) -> list:
    """One title (or None) per image."""
    if titles is None:
        return [None] * count
    if isinstance(titles, str):
        raise ValueError("titles must be a sequence of strings, one per image, not one string")
    titles = list(titles)
    if len(titles) != count:
        raise ValueError(f"titles must have one entry per image ({count}), got {len(titles)}")
    return titles


def _format_value(value: float, fmt, decimals) -> str:
    """Write a cell's number with ``fmt`` if given, else as format_number writes it."""
    if fmt is None:
        return format_number(value, decimals)
    if callable(fmt):
        return str(fmt(value))
    return fmt.format(value) if "{" in fmt else format(value, fmt)
