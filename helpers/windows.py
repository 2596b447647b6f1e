"""The sliding window, one position at a time: steps, pixel use and an animation.

:func:`helpers.conv.correlate2d` computes every output at once. This module
takes the same operation apart for the worked 5x5 example of chapter 03:

* :func:`window_steps` lists each position of the kernel in reading order, with
  the window of pixels under it, the elementwise products and their sum (the
  output value at that position).
* :func:`coverage` counts how many output positions use each input pixel, which
  shows that border pixels take part less often than central ones.
* :func:`show_window_steps` draws every position in a grid of small panels;
  :func:`sliding_window_frames` and :func:`save_sliding_window_gif` render the
  animation stored in ``notebooks/figures``, and :func:`render_course_figures`
  writes every figure file of the course.

The operation is cross-correlation, what deep-learning libraries call
convolution: the kernel is used as written, never turned. No function here
modifies its inputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ._animation import default_style, gif_bytes
from ._validate import as_real_2d, check_int, check_pair
from .conv import output_shape
from .plotting import show_matrix

__all__ = [
    "SLIDING_WINDOW_GIF",
    "WindowStep",
    "coverage",
    "render_course_figures",
    "save_sliding_window_gif",
    "show_window_steps",
    "sliding_window_frames",
    "window_steps",
]

#: File name of the chapter 03 animation inside ``notebooks/figures``.
SLIDING_WINDOW_GIF = "03-sliding-window.gif"

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
    """One position of the kernel on the image, as :func:`window_steps` lists it.

    Attributes
    ----------
    row, col : int
        Output position, which is also the image index of the window's
        top-left pixel (``"valid"`` mode).
    window : numpy.ndarray of float64, shape (kh, kw)
        A read-only copy of the pixels under the kernel,
        ``image[row:row + kh, col:col + kw]``.
    products : numpy.ndarray of float64, shape (kh, kw)
        ``window * kernel``, entry by entry (read-only).
    total : float
        The sum of the products: the output value at ``(row, col)``.
    """

    row: int
    col: int
    window: np.ndarray
    products: np.ndarray
    total: float

    def equation(self) -> str:
        """The products added up, in reading order, and their sum.

        Returns
        -------
        str
            Such as ``"1+0+1+0+1+0+0+0+1 = 4"``. Whole numbers are written
            without decimals, others with three significant digits; a
            negative product shows as a minus sign (``"3-2+0 = 1"``).

        Examples
        --------
        >>> step = window_steps([[1, 2], [3, 4]], [[1, -1]])[0]
        >>> step.equation()
        '1-2 = -1'
        """
        terms = [_format_number(float(v)) for v in self.products.flat]
        text = terms[0] + "".join(t if t.startswith("-") else f"+{t}" for t in terms[1:])
        return f"{text} = {_format_number(self.total)}"

    def __str__(self) -> str:
        return f"position ({self.row}, {self.col}): {self.equation()}"

    def __repr__(self) -> str:
        return f"<WindowStep at ({self.row}, {self.col}), total {_format_number(self.total)}>"


def window_steps(image, kernel) -> list[WindowStep]:
    """Every position of the kernel on the image, in reading order ("valid" mode).

    Parameters
    ----------
    image : array_like, shape (H, W)
        Real numbers of any dtype, or nested lists. Never modified.
    kernel : array_like, shape (kh, kw)
        The filter, no larger than the image. Never modified.

    Returns
    -------
    list of WindowStep
        ``(H - kh + 1) * (W - kw + 1)`` records, row by row and left to right
        within a row. Their totals are the entries of
        ``correlate2d(image, kernel)``.

    Raises
    ------
    TypeError
        If ``image`` or ``kernel`` holds complex or non-numeric values.
    ValueError
        If either is not a non-empty 2-D array, or the kernel is larger than
        the image.

    See Also
    --------
    helpers.conv.correlate2d : all outputs at once, fast.
    coverage : how many of these windows contain each pixel.

    Notes
    -----
    The window at output position ``(r, c)`` starts at image pixel ``(r, c)``
    and the kernel is used as written (cross-correlation)::

        output[r, c] = sum over i, j of image[r + i, c + j] * kernel[i, j]

    Examples
    --------
    The article's 5x5 example has nine positions; the first one:

    >>> from helpers.images import classic_5x5, classic_5x5_kernel
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
    x = as_real_2d(image, "image")
    k = as_real_2d(kernel, "kernel")
    out_rows, out_cols = output_shape(x.shape, k.shape)
    kh, kw = k.shape
    steps = []
    for r in range(out_rows):
        for c in range(out_cols):
            window = x[r : r + kh, c : c + kw].copy()
            with np.errstate(invalid="ignore", over="ignore"):  # inf * 0 is NaN, as in conv
                products = window * k
                total = float(products.sum())
            window.setflags(write=False)
            products.setflags(write=False)
            steps.append(WindowStep(r, c, window, products, total))
    return steps


def coverage(image_shape, kernel_shape, mode: str = "valid", *, padding=0, stride=1) -> np.ndarray:
    """How many output positions use each input pixel.

    A pixel is "used" by an output position when the kernel's window covers
    it there, whatever the weight it meets (a zero weight still counts).

    Parameters
    ----------
    image_shape, kernel_shape : pair of int
        ``(rows, columns)`` of the image and of the kernel.
    mode : {"valid", "same", "full"}
        Which output positions exist, as in :func:`helpers.conv.correlate2d`:
        ``"same"`` and ``"full"`` pad the image with zeros, so their windows
        may hang over the border.
    padding, stride : int or (int, int)
        As for :func:`helpers.conv.correlate2d`: zeros around the image, and
        the window's step. With a stride that does not fit, pixels at the far
        edge get a count of 0.

    Returns
    -------
    numpy.ndarray of int64, shape image_shape
        The count for every pixel of the image (padding is not counted).

    Raises
    ------
    ValueError
        If a shape is not a pair of positive integers, the mode is unknown,
        ``padding`` or ``stride`` is not a valid size, or the kernel is larger
        than the (padded) image in ``"valid"`` mode.

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
    """
    out_rows, out_cols = output_shape(
        image_shape, kernel_shape, mode, padding=padding, stride=stride
    )  # validates everything
    rows, cols = (int(n) for n in image_shape)
    kh, kw = (int(n) for n in kernel_shape)
    (pad_rows, pad_cols), (step_rows, step_cols) = (
        check_pair(padding, "padding", 0),
        check_pair(stride, "stride", 1),
    )
    by_row = _uses_along_axis(rows, kh, out_rows, mode, pad_rows, step_rows)
    by_col = _uses_along_axis(cols, kw, out_cols, mode, pad_cols, step_cols)
    return np.outer(by_row, by_col)


def _uses_along_axis(
    size: int, taps: int, outputs: int, mode: str, padding: int, stride: int
) -> np.ndarray:
    """For each index along one axis, how many window positions contain it."""
    # Image index of the first window's first tap: 0 in "valid", left of the
    # image (in the zero padding) in "same" and "full", as helpers.conv crops;
    # explicit padding moves it further left.
    first = {"valid": 0, "same": (taps - 1) // 2 - (taps - 1), "full": -(taps - 1)}[mode]
    first -= padding
    counts = np.zeros(size, dtype=np.int64)
    starts = first + stride * np.arange(outputs)  # where each window begins
    for tap in range(taps):
        # Tap number `tap` of the windows lands on starts + tap; one tap never hits a
        # pixel twice, so adding through an index array counts correctly.
        hits = starts + tap
        counts[hits[(hits >= 0) & (hits < size)]] += 1
    return counts


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
    >>> from helpers.images import classic_5x5, classic_5x5_kernel
    >>> fig, axes = show_window_steps(classic_5x5(), classic_5x5_kernel())
    >>> len(axes), axes[5].get_title()
    (9, 'position (1, 2) → 3')
    >>> plt.close(fig)
    """
    steps = window_steps(image, kernel)
    x = as_real_2d(image, "image")
    k = as_real_2d(kernel, "kernel")
    kh, kw = k.shape
    out_cols = x.shape[1] - kw + 1
    ncols = out_cols if ncols is None else check_int(ncols, "ncols", 1)
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
    fig, grid = plt.subplots(
        nrows,
        ncols,
        figsize=figsize,
        squeeze=False,
        gridspec_kw={
            "left": left / width,
            "right": 1 - right / width,
            "top": 1 - top / height,
            "bottom": bottom / height,
            "wspace": gap_x / panel_x,
            "hspace": gap_y / panel_y,
        },
    )
    slots = grid.ravel()
    for extra in slots[len(steps) :]:
        extra.remove()
    axes = slots[: len(steps)]
    for ax, step in zip(axes, steps, strict=True):
        title = f"position ({step.row}, {step.col}) → {_format_number(step.total)}"
        plot = show_matrix(x, ax=ax, title=title, window=(step.row, step.col, kh, kw))
        _write_weights(ax, plot, x.shape, k, step.row, step.col)
        ax.set_xlabel("")
        ax.set_ylabel("")
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
    x = as_real_2d(image, "image")
    k = as_real_2d(kernel, "kernel")
    dpi = check_int(dpi, "dpi", 1)
    shape = output_shape(x.shape, k.shape)
    result = np.array([step.total for step in steps]).reshape(shape)
    # One colour scale for the products of every frame, so colours compare.
    products = np.stack([step.products for step in steps])
    signed = bool(np.any(products < 0))
    frames = []
    with default_style():
        for index in range(len(steps)):
            frames.append(_draw_frame(x, k, steps, result, index, signed, dpi))
        if final_frame:
            frames.append(_draw_frame(x, k, steps, result, None, signed, dpi))
    return frames


def save_sliding_window_gif(
    path,
    image,
    kernel,
    *,
    duration_ms: int = 900,
    final_ms: int = 2700,
    dpi: int = _FRAME_DPI,
) -> Path:
    """Write the sliding-window animation as a looping GIF, the same bytes on every run.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write; the folder must exist. Overwritten if present.
    image, kernel : array_like
        As for :func:`sliding_window_frames`. Never modified.
    duration_ms : int, default 900
        Milliseconds each position stays on screen.
    final_ms : int, default 2700
        Milliseconds for the finished output before the loop starts again.
    dpi : int, default 90
        Resolution of the frames.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    TypeError, ValueError
        As for :func:`sliding_window_frames`, and ValueError if a duration is
        not a positive integer.

    Notes
    -----
    All frames share one palette of 64 colours, chosen from every frame
    together without dithering, so flat cells stay flat and the file small.
    Nothing time-dependent is written (no date, no software version), so the
    file only changes when the picture does.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_sliding_window_gif(Path(folder) / "slide.gif", [[1, 2], [3, 4]],
    ...                                    [[1, -1]], dpi=40)
    ...     path.read_bytes()[:6]
    b'GIF89a'
    """
    duration_ms = check_int(duration_ms, "duration_ms", 1)
    final_ms = check_int(final_ms, "final_ms", 1)
    frames = sliding_window_frames(image, kernel, dpi=dpi, final_frame=True)
    durations = [duration_ms] * (len(frames) - 1) + [final_ms]
    path = Path(path)
    path.write_bytes(gif_bytes(frames, durations))
    return path


def render_course_figures(directory) -> list[Path]:
    """Write every generated figure file of the course into ``directory``.

    Today that is :data:`SLIDING_WINDOW_GIF`, the classic 5x5 example of
    chapter 03 sliding one position at a time. ``make notebooks`` calls this
    with ``notebooks/figures``; a test checks that the committed files equal
    what this writes.

    Parameters
    ----------
    directory : str or pathlib.Path
        Folder to write into; created if missing.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in render_course_figures(folder)]
    ['03-sliding-window.gif']
    """
    from .images import classic_5x5, classic_5x5_kernel

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    gif = save_sliding_window_gif(folder / SLIDING_WINDOW_GIF, classic_5x5(), classic_5x5_kernel())
    return [gif]


# --- private helpers ---------------------------------------------------------------


def _format_number(value: float) -> str:
    """Whole numbers without decimals (4, not 4.0), others with three significant digits."""
    if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
        return f"{value + 0.0:.0f}"  # + 0.0 turns -0.0 into 0.0
    return f"{value:.3g}"


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
        rows, cols = result.shape
        caption = f"all {done} positions done: the output is {rows} x {cols}"
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
    for number, text in enumerate(out.texts):
        if number >= done:
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
    kh, kw = k.shape
    for i in range(kh):
        for j in range(kw):
            r, c = row + i, col + j
            colour = plot.texts[r * shape[1] + c].get_color()
            ax.text(
                c + 0.4,
                r + 0.42,
                f"×{_format_number(float(k[i, j]))}",
                ha="right",
                va="bottom",
                fontsize=7,
                color=colour,
            )
