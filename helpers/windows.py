"""The sliding window, one position at a time: steps, pixel use and an animation.

:func:`helpers.conv.correlate2d` computes every output at once; this module takes the
same operation apart for the worked 5x5 example of chapter 03. :func:`window_at` takes
one output position apart, and everything else that looks at one window calls it: the
loop version :func:`helpers.conv.correlate2d_loops`, the figures and animation below,
and the widgets' inspector and stepper.

The operation is cross-correlation, what deep-learning libraries call
convolution: the kernel is used as written, unless ``operation="convolution"``
asks for it turned by 180 degrees. No function here modifies its inputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ._validate import as_real_array, check_choice, check_int
from .animation import default_style
from .colours import format_number
from .conv import _deal, _geometry, output_shape
from .plotting import show_matrix

__all__ = [
    "OPERATIONS",
    "WindowStep",
    "coverage",
    "show_window_steps",
    "sliding_window_frames",
    "window_at",
    "window_steps",
]

#: The two operations a window can be taken apart for.
OPERATIONS = ("correlation", "convolution")

# The animation: one matrix cell and the margins around the panels in inches,
# dots per inch and colours in the palette. Small enough for a GIF of a few tens
# of kilobytes, large enough to read every number.
_CELL = 0.5
_LEFT, _RIGHT, _GAP, _BOTTOM, _TOP = 0.55, 0.2, 0.7, 0.8, 0.45
_FRAME_DPI = 90
# A cell whose output is not computed yet: light grey, no number.
_PENDING_COLOUR = "0.93"


@dataclass(frozen=True, eq=False)
class WindowStep:
    """One output position taken apart, as :func:`window_at` returns it.

    Attributes
    ----------
    row, col : int
        The output position.
    window : numpy.ndarray of float64, shape (kh, kw)
        A read-only copy of the pixels under the kernel (zeros where the
        window hangs over the image's edge, with padding or ``"same"`` and
        ``"full"`` modes).
    weights : numpy.ndarray of float64, shape (kh, kw)
        The kernel as applied (read-only): as written for correlation,
        turned by 180 degrees for convolution.
    products : numpy.ndarray of float64, shape (kh, kw)
        ``window * weights``, entry by entry (read-only).
    total : float
        The sum of the products: the output value at ``(row, col)``.
    """

    row: int
    col: int
    window: np.ndarray
    weights: np.ndarray
    products: np.ndarray
    total: float

    def equation(self) -> str:
        """The products added up, in reading order, and their sum.

        Returns
        -------
        str
            Such as ``"1+0+1+0+1+0+0+0+1 = 4"``, numbers written by
            :func:`helpers.colours.format_number`; a negative product shows as
            a minus sign (``"3-2+0 = 1"``).

        Examples
        --------
        >>> step = window_steps([[1, 2], [3, 4]], [[1, -1]])[0]
        >>> step.equation()
        '1-2 = -1'
        """
        terms = [format_number(v) for v in self.products.flat]
        text = terms[0] + "".join(t if t.startswith("-") else f"+{t}" for t in terms[1:])
        return f"{text} = {format_number(self.total)}"

    def __str__(self) -> str:
        return f"position ({self.row}, {self.col}): {self.equation()}"

    def __repr__(self) -> str:
        return f"<WindowStep at ({self.row}, {self.col}), total {format_number(self.total)}>"


def window_at(
    image,
    kernel,
    row: int,
    col: int,
    operation: str = "correlation",
    *,
    mode: str = "valid",
    padding=0,
    stride=1,
    dilation=1,
) -> WindowStep:
    """The window under the kernel at one output position, the products and their sum.

    Parameters
    ----------
    image, kernel : array_like, shapes (H, W) and (kh, kw)
        Real numbers of any dtype, or nested lists. Never modified.
    row, col : int
        The output position.
    operation : {"correlation", "convolution"}, default "correlation"
        Correlation uses the kernel as written; convolution turns it by 180
        degrees first, as :func:`helpers.conv.convolve2d` does.
    mode, padding, stride, dilation
        As for :func:`helpers.conv.correlate2d`.

    Returns
    -------
    WindowStep
        Its ``total`` equals the output of ``correlate2d`` (or ``convolve2d``)
        at ``(row, col)`` with the same arguments.

    Raises
    ------
    TypeError, ValueError
        As :func:`helpers.conv.correlate2d`, and ValueError if ``operation``
        is unknown, ``row`` or ``col`` is not an integer, or ``(row, col)`` is outside
        the output.

    Notes
    -----
    Output cell ``(r, c)`` reads the window whose top-left pixel is image pixel
    ``(r * stride - b_r, c * stride - b_c)``, where ``b`` counts the zeros
    before the image (the padding, plus what ``"same"`` and ``"full"`` add), and
    a window dilated by ``d`` holds every ``d``-th pixel of the patch it spans::

        output[r, c] = sum over i, j of image[top + i * d, left + j * d] * weights[i, j]

    Examples
    --------
    The article's step edge: the window at output (0, 1) straddles the edge.

    >>> from helpers.images import step_edge
    >>> from helpers.kernels import VERTICAL
    >>> step = window_at(step_edge(), VERTICAL, 0, 1)
    >>> step.products
    array([[10.,  0., -0.],
           [10.,  0., -0.],
           [10.,  0., -0.]])
    >>> step.total
    30.0

    With one pixel of zero padding, output (0, 0) hangs over the corner:

    >>> window_at(step_edge(), VERTICAL, 0, 0, padding=1).window
    array([[ 0.,  0.,  0.],
           [ 0., 10., 10.],
           [ 0., 10., 10.]])

    With dilation 2 the window spans 5 columns and reads columns 0, 2 and 4:

    >>> window_at(step_edge(), VERTICAL, 0, 0, dilation=2).window[0]
    array([10., 10.,  0.])
    """
    check_choice(operation, "operation", OPERATIONS)
    x = as_real_array(image, "image")
    k = as_real_array(kernel, "kernel").astype(np.float64, copy=False)
    (rows, cols), before, step, dil = _geometry(x.shape, k.shape, mode, padding, stride, dilation)
    for name, value, size in (("row", row, rows), ("col", col, cols)):
        if not 0 <= check_int(value, name, None) < size:
            raise ValueError(
                f"output position ({row}, {col}) is outside the {rows}x{cols} output: "
                f"{name} must be from 0 to {size - 1}"
            )
    weights = k[::-1, ::-1] if operation == "convolution" else k
    # Every d-th pixel from the window's top-left one, zeros where it hangs over the edge:
    # the engine's own dealing of pixels, with the dilation as its step.
    window = np.empty(k.shape)
    _deal(x, window, int(row) * step[0] - before[0], int(col) * step[1] - before[1], dil)
    with np.errstate(all="ignore"):  # inf * 0 is NaN, as in correlate2d, without a warning
        products = window * weights
        # Added one by one in reading order, as correlate2d adds its weights, so the
        # total is the output cell to the last bit (numpy's sum() adds pairwise).
        total = float(np.cumsum(products.ravel())[-1])
    weights = weights.copy()
    for array in (window, weights, products):
        array.setflags(write=False)
    return WindowStep(int(row), int(col), window, weights, products, total)


def window_steps(image, kernel, operation: str = "correlation") -> list[WindowStep]:
    """Every position of the kernel on the image, in reading order ("valid" mode).

    Parameters
    ----------
    image, kernel, operation
        As for :func:`window_at`; the kernel no larger than the image.

    Returns
    -------
    list of WindowStep
        ``(H - kh + 1) * (W - kw + 1)`` records from :func:`window_at`, row by
        row and left to right within a row. Their totals are the entries of
        ``correlate2d(image, kernel)``.

    Raises
    ------
    TypeError, ValueError
        As :func:`window_at`: a ValueError if the kernel is larger than the image.

    See Also
    --------
    helpers.conv.correlate2d : all outputs at once, fast.
    coverage : how many of these windows contain each pixel.

    Examples
    --------
    The article's 5x5 example has nine positions; the first one:

    >>> from helpers.images import classic_5x5
    >>> from helpers.kernels import classic_5x5_kernel
    >>> steps = window_steps(classic_5x5(), classic_5x5_kernel())
    >>> len(steps)
    9
    >>> print(steps[0])
    position (0, 0): 1+0+1+0+1+0+0+0+1 = 4
    >>> steps[0].window
    array([[1., 1., 1.],
           [0., 1., 1.],
           [0., 0., 1.]])
    >>> [step.total for step in steps[:3]]
    [4.0, 3.0, 4.0]
    """
    x = as_real_array(image, "image")
    k = as_real_array(kernel, "kernel")
    rows, cols = output_shape(x.shape, k.shape)
    return [window_at(x, k, r, c, operation) for r in range(rows) for c in range(cols)]


def coverage(
    image_shape, kernel_shape, mode: str = "valid", *, padding=0, stride=1, dilation=1
) -> np.ndarray:
    """How many output positions use each input pixel.

    A pixel is "used" by an output position when the kernel's window covers
    it there, whatever the weight it meets (a zero weight still counts).

    Parameters
    ----------
    image_shape, kernel_shape : pair of int
        ``(rows, columns)`` of the image and of the kernel.
    mode, padding, stride, dilation
        As for :func:`helpers.conv.correlate2d`. Windows may hang over the
        border into zeros, which are not counted; with a stride that does not
        fit, pixels at the far edge get a count of 0; with a dilation, a pixel
        counts when a weight lands on it, not when it lies between two.

    Returns
    -------
    numpy.ndarray of int64, shape image_shape
        The count for every pixel of the image (padding is not counted).

    Raises
    ------
    ValueError
        As :func:`helpers.conv.output_shape`.

    See Also
    --------
    helpers.conv.output_shape : how many output positions there are.

    Notes
    -----
    The window is a rectangle, so the count factorises: a pixel's count is
    (how many window rows contain its row) times (how many window columns
    contain its column). In ``"valid"`` mode without padding the counts add up to
    ``output size x kernel size``, every window covering ``kh * kw`` pixels.

    Examples
    --------
    A 3x3 kernel on a 5x5 image uses a corner pixel once and the centre nine
    times:

    >>> coverage((5, 5), (3, 3))
    array([[1, 2, 3, 2, 1],
           [2, 4, 6, 4, 2],
           [3, 6, 9, 6, 3],
           [2, 4, 6, 4, 2],
           [1, 2, 3, 2, 1]])

    Zero padding ("same") evens it out:

    >>> coverage((5, 5), (3, 3), mode="same")
    array([[4, 6, 6, 6, 4],
           [6, 9, 9, 9, 6],
           [6, 9, 9, 9, 6],
           [6, 9, 9, 9, 6],
           [4, 6, 6, 6, 4]])

    A stride of 2 on a 10-pixel row leaves the last pixel unread:

    >>> coverage((1, 10), (1, 3), stride=2)
    array([[1, 1, 2, 1, 2, 1, 2, 1, 1, 0]])

    A dilation of 2 reads every other pixel of a 5-wide span:

    >>> coverage((1, 7), (1, 3), dilation=2)
    array([[1, 1, 2, 1, 2, 1, 1]])
    """
    shape, before, step, dil = _geometry(image_shape, kernel_shape, mode, padding, stride, dilation)
    counts = []
    # Per axis: image size n, kernel size f, m positions, b zeros before, stride s, dilation d.
    for n, f, m, b, s, d in np.transpose([image_shape, kernel_shape, shape, before, step, dil]):
        hits = np.add.outer(s * np.arange(m) - b, d * np.arange(f))  # the pixel each weight meets
        counts.append(np.bincount(hits[(hits >= 0) & (hits < n)], minlength=n))
    return np.outer(*counts)


def show_window_steps(image, kernel, ncols: int | None = None, figsize=None):
    """Draw the image once per kernel position, the window outlined, its output in the title.

    Inside the window each pixel carries the weight it is multiplied by,
    written small in its corner (``×1``, ``×0``).

    Parameters
    ----------
    image, kernel : array_like
        As for :func:`window_steps`. Never modified.
    ncols : int, optional
        Panels per row; by default as many as the output has columns, so the
        grid of panels is laid out like the output itself.
    figsize : tuple of float, optional
        Figure size in inches; by default 0.42 inches per matrix cell, plus
        room for the titles and a figure title (``fig.suptitle``).

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : numpy.ndarray of matplotlib.axes.Axes, shape (number of positions,)
        One per position, in reading order; unused grid cells are removed.

    Raises
    ------
    TypeError, ValueError
        As for :func:`window_steps`, and ValueError if ``ncols`` is not a
        positive integer.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from helpers.images import classic_5x5
    >>> from helpers.kernels import classic_5x5_kernel
    >>> fig, axes = show_window_steps(classic_5x5(), classic_5x5_kernel())
    >>> len(axes), axes[5].get_title()
    (9, 'position (1, 2) → 3')
    >>> plt.close(fig)
    """
    steps = window_steps(image, kernel)
    x, k = as_real_array(image, "image"), steps[0].weights
    kh, kw = k.shape
    ncols = x.shape[1] - kw + 1 if ncols is None else check_int(ncols, "ncols", 1)
    ncols = min(ncols, len(steps))
    nrows = math.ceil(len(steps) / ncols)
    # A fixed layout, in inches (constrained layout would measure every number of
    # every panel several times over, which is slow for a grid of small matrices).
    left, right, top, bottom, gap_x, gap_y = 0.4, 0.1, 0.8, 0.35, 0.4, 0.75
    if figsize is None:
        cell = 0.42
        width = left + right + ncols * cell * x.shape[1] + (ncols - 1) * gap_x
        height = top + bottom + nrows * cell * x.shape[0] + (nrows - 1) * gap_y
        figsize = (width, height)
    width, height = figsize
    panel_x = (width - left - right - (ncols - 1) * gap_x) / ncols
    panel_y = (height - top - bottom - (nrows - 1) * gap_y) / nrows
    layout = {
        "left": left / width,
        "right": 1 - right / width,
        "top": 1 - top / height,
        "bottom": bottom / height,
        "wspace": gap_x / panel_x,
        "hspace": gap_y / panel_y,
    }
    fig, grid = plt.subplots(nrows, ncols, figsize=figsize, squeeze=False, gridspec_kw=layout)
    slots = grid.ravel()
    for extra in slots[len(steps) :]:
        extra.remove()
    axes = slots[: len(steps)]
    for ax, step in zip(axes, steps, strict=True):
        title = f"position ({step.row}, {step.col}) → {format_number(step.total)}"
        plot = show_matrix(x, ax=ax, title=title, window=(step.row, step.col, kh, kw))
        _write_weights(ax, plot, x.shape, k, step.row, step.col)
        ax.set(xlabel="", ylabel="")
    return fig, axes


def sliding_window_frames(image, kernel, *, dpi: int = _FRAME_DPI, final_frame: bool = True):
    """Pictures of the kernel sliding over the image, one per position.

    Each frame has three panels: the image with the window outlined and the
    kernel's weights written small in its cells (``×1``), the products
    ``window × kernel``, and the output filling in cell by cell (cells not
    computed yet are blank). A caption adds up the products. An optional last
    frame shows the kernel and the finished output.

    Parameters
    ----------
    image, kernel : array_like
        As for :func:`window_steps`; meant for small examples whose numbers
        fit in the cells. Never modified.
    dpi : int, default 90
        Resolution; each matrix cell is half an inch wide.
    final_frame : bool, default True
        Append the frame with the finished output.

    Returns
    -------
    list of numpy.ndarray of uint8, shape (height, width, 4)
        RGBA pictures, the same size, in reading order of the positions.

    Raises
    ------
    TypeError, ValueError
        As for :func:`window_steps`, and ValueError if ``dpi`` is not a
        positive integer.

    Notes
    -----
    Frames are drawn with Matplotlib's default style, whatever the caller's
    ``rcParams`` say, on a figure that pyplot never sees (so a notebook does
    not display it). The same inputs give the same pixels on every run.

    Examples
    --------
    A 2x2 kernel fits in four places on a 3x3 image: four frames, plus the
    finished output.

    >>> frames = sliding_window_frames([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]])
    >>> len(frames), frames[0].shape, frames[0].dtype
    (5, (247, 508, 4), dtype('uint8'))
    """
    steps = window_steps(image, kernel)
    x = as_real_array(image, "image")
    k = steps[0].weights
    dpi = check_int(dpi, "dpi", 1)
    result = np.array([step.total for step in steps]).reshape(output_shape(x.shape, k.shape))
    # One colour scale for the products of every frame, so colours compare.
    products = np.stack([step.products for step in steps])
    signed = bool(np.any(products < 0))
    indices = [*range(len(steps)), *([None] if final_frame else [])]  # None: the final frame
    with default_style():
        return [_draw_frame(x, k, steps, result, index, signed, dpi) for index in indices]


# --- private helpers ---------------------------------------------------------------


def _draw_frame(x, k, steps, result, index, signed, dpi) -> np.ndarray:
    """One frame of the animation as an RGBA array; index None is the final frame."""
    kh, kw = k.shape
    # Every panel is placed by hand, in inches: the same cell size in all three,
    # and nothing moves from one frame to the next.
    columns = [x.shape[1], kw, result.shape[1]]
    heights = [x.shape[0], kh, result.shape[0]]
    width = _LEFT + _CELL * sum(columns) + _GAP * (len(columns) - 1) + _RIGHT
    height = _BOTTOM + _CELL * max(heights) + _TOP
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    axes = []
    left = _LEFT
    for cols, rows in zip(columns, heights, strict=True):
        bottom = _BOTTOM + _CELL * (max(heights) - rows) / 2  # centred vertically
        box = [left / width, bottom / height, cols * _CELL / width, rows * _CELL / height]
        axes.append(fig.add_axes(box))
        left += cols * _CELL + _GAP
    ax_image, ax_middle, ax_output = axes

    if index is None:
        show_matrix(x, ax=ax_image, title="image")
        show_matrix(k, ax=ax_middle, title="kernel")
        done = len(steps)
        caption = f"all {done} positions done: the output is {result.shape[0]} x {result.shape[1]}"
        output_window = None
    else:
        step = steps[index]
        plot = show_matrix(
            x,
            ax=ax_image,
            title=f"image, window at ({step.row}, {step.col})",
            window=(step.row, step.col, kh, kw),
        )
        _write_weights(ax_image, plot, x.shape, k, step.row, step.col)
        show_matrix(step.products, ax=ax_middle, title="window × kernel", signed=signed)
        done = index + 1
        caption = str(step)
        output_window = (step.row, step.col, 1, 1)

    out = show_matrix(result, ax=ax_output, title="output", window=output_window)
    for number, text in enumerate(out.texts[done:], start=done):
        text.set_visible(False)
        r, c = divmod(number, result.shape[1])
        ax_output.add_patch(
            Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor=_PENDING_COLOUR, edgecolor="none")
        )
    for ax in (ax_middle, ax_output):
        ax.set_ylabel("")
    fig.text(0.5, 0.04, caption, ha="center", va="bottom", fontsize=13)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _write_weights(ax, plot, shape, k, row, col) -> None:
    """Write each weight small in the corner of the pixel it multiplies (×1, ×0, ...)."""
    for (i, j), weight in np.ndenumerate(k):
        r, c = row + i, col + j
        colour = plot.texts[r * shape[1] + c].get_color()
        label = f"×{format_number(float(weight))}"
        ax.text(c + 0.4, r + 0.42, label, ha="right", va="bottom", fontsize=7, color=colour)
