"""The kernel explorer: edit a filter, pick an image, watch the signed output change."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import traitlets

from .._validate import as_real_2d, check_choice
from ..colours import IMAGE_CMAP, format_number, limit_label, picture_limit, unsigned_limits
from ..conv import convolve2d, correlate2d
from ..images import block_mean, named_images
from ..kernels import PRESETS
from ..plotting import show_matrix, show_signed
from ..render import (
    block_size,
    colour_bar_levels,
    draw_outline,
    png_bytes,
    signed_levels,
    unsigned_levels,
    upscale,
)
from ..windows import OPERATIONS, WindowStep, window_at
from ._common import InteractiveFigure, captioned, html_table

__all__ = [
    "CUSTOM",
    "EXPLORER_IMAGES",
    "MAX_PIXELS",
    "KernelCell",
    "KernelExplorer",
    "explorer_figure",
]

#: What the preset menu shows once a cell has been edited by hand.
CUSTOM = "custom"
#: Kernel sizes the grid offers.
SIZES = {"3x3": 3, "5x5": 5}
#: The images the explorer offers by default (see :func:`helpers.images.named_images`).
EXPLORER_IMAGES = (
    "step edge 6x6",
    "checkerboard 6x6",
    "classic 5x5",
    "book on a table",
    "photograph",
)
#: Largest image the explorer redraws within about 30 ms per change on a small machine
#: (benchmarks/widgets.py: 512x512 takes 12-14 ms); larger ones are shown downscaled.
MAX_PIXELS = 512 * 512
# Images up to this size also show their numbers in tables. Their outputs have at most
# 144 values, so picture_limit colours them on their largest value, as the table does.
_NUMBERS_UP_TO = 12
# Largest magnitude accepted in the output: beyond it the colour scale and sums
# lose meaning (and a little further the products overflow to infinity).
_LARGEST = 1e300


def _filter_image(image, kernel, operation="correlation", mirror=False, absolute=False):
    """The picture the explorer shows (mirrored or not) and its output: that picture
    filtered ("valid"), maybe made ``abs``. The widget and its static figure both call it."""
    check_choice(operation, "operation", OPERATIONS)
    shown = as_real_2d(image, "image")
    if mirror:
        shown = shown[:, ::-1]
    apply = correlate2d if operation == "correlation" else convolve2d
    result = apply(shown, kernel)
    if absolute:
        np.abs(result, out=result)
    return shown, result


class KernelCell(ipywidgets.FloatText):
    """A kernel cell: a ``FloatText`` that refuses anything but a finite number.

    NaN, infinities and non-numbers (a front end sends ``null`` for a number
    JSON cannot hold) are turned away before they become the cell's value:
    the cell keeps its last number, shows it again in the browser, and calls
    ``on_reject(cell, value)`` so that the explorer can say what happened. A
    NaN therefore never reaches the kernel, nor the JSON sent to the browser
    (which cannot represent it).

    Examples
    --------
    >>> cell = KernelCell(value=2.0)
    >>> cell.value = float("nan")
    >>> cell.value, cell.rejected
    (2.0, nan)
    >>> cell.value = 1e308  # huge but finite: accepted
    >>> cell.value
    1e+308
    """

    # Any value reaches the validator below (a plain TraitType, not CFloat, whose own
    # check would raise on None or "abc" before the validator could turn it away).
    value = traitlets.TraitType(0.0, help="Float value").tag(sync=True)

    def __init__(self, on_reject=None, **kwargs) -> None:
        self.on_reject = on_reject
        self.rejected = None
        # The last accepted number, kept here: when the browser sends a value, traitlets
        # stores it first and validates afterwards, so self.value may already be the
        # rejected one by the time the validator runs.
        self.last_good = 0.0
        super().__init__(**kwargs)

    @traitlets.validate("value")
    def _finite_number(self, proposal):
        value = proposal["value"]
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            number = math.nan
        if isinstance(value, (bool, np.bool_)) or not math.isfinite(number):
            self.rejected = value if isinstance(value, (int, float)) else number
            # Put the last good number back on the screen (a no-op without a front end).
            state = {"value": self.last_good}
            self._send({"method": "update", "state": state, "buffer_paths": []})
            if self.on_reject is not None:
                self.on_reject(self, value)
            return self.last_good
        self.last_good = number
        return number


def _checkbox(description: str) -> ipywidgets.Checkbox:
    """An unticked checkbox, its label on the right, set a little apart from what precedes it."""
    layout = ipywidgets.Layout(width="auto", margin="0 0 0 2em")
    return ipywidgets.Checkbox(value=False, description=description, indent=False, layout=layout)


class KernelExplorer(InteractiveFigure):
    """An editable kernel, an image, and the signed output side by side, with a pixel inspector.

    Parameters
    ----------
    images : mapping of str to array_like, optional
        The images to choose from, in menu order; by default
        :data:`EXPLORER_IMAGES` from :func:`helpers.images.named_images`. An
        image of more than :data:`MAX_PIXELS` pixels is shown downscaled (the
        mean of each block of pixels), and the status line says so.
    image : str, optional
        The image shown first; by default the first one.
    preset : str, default "vertical"
        The kernel shown first, a key of :data:`helpers.kernels.PRESETS`.

    Attributes
    ----------
    output : numpy.ndarray
        The output shown now: always the last *good* output, so after an
        invalid kernel it is the previous one.
    limit : float
        The colour scale of the output runs from ``-limit`` to ``limit``.

    Notes
    -----
    Controls, by name in :attr:`controls`:

    ``preset``
        A dropdown of :data:`helpers.kernels.PRESETS`, plus ``"custom"``,
        which it shows as soon as a cell is edited by hand.
    ``size``
        ``"3x3"`` or ``"5x5"``. Presets are 3x3 and sit in the middle of a
        5x5 grid, with zeros around; going back to 3x3 keeps the middle.
    ``cell_R_C``
        The kernel's cells (:class:`KernelCell`, a ``FloatText``), row ``R`` and column
        ``C`` of the grid as shown: ``cell_0_0`` to ``cell_2_2`` for 3x3.
        The dict holds only the cells of the current size.
    ``image``, ``mirror``, ``operation``, ``absolute``
        The image, a left-right flip of it, correlation or convolution, and
        the absolute value of the output.
    ``row``, ``col``
        The output pixel the inspector takes apart.

    An output too large to show (beyond ``±1e300``, or overflowing) or a kernel larger
    than the image leaves the last good output in place, and the status line says why.

    Raises
    ------
    ValueError
        If ``images`` is empty or holds an image smaller than 3x3, or
        ``image`` or ``preset`` is not one of the names offered.

    Examples
    --------
    >>> explorer = KernelExplorer(image="step edge 6x6", preset="vertical")
    >>> explorer.output[0]
    array([ 0., 30., 30.,  0.])
    >>> explorer.controls["mirror"].value = True
    >>> explorer.output[0]
    array([  0., -30., -30.,   0.])
    >>> explorer.controls["cell_1_1"].value = 5.0  # a cell edited by hand
    >>> explorer.controls["preset"].value
    'custom'
    >>> explorer.controls["cell_1_1"].value = float("nan")
    >>> print(explorer.message)  # doctest: +NORMALIZE_WHITESPACE
    Cell (row 1, column 1): nan is not a number, so the cell keeps 5.
    Type a finite number there.
    >>> explorer.output[0]  # unchanged since the cell held 5
    array([  0., -30.,  20.,  50.])
    """

    def __init__(
        self,
        images: Mapping[str, object] | None = None,
        image: str | None = None,
        preset: str = "vertical",
    ) -> None:
        super().__init__()
        source = named_images(*EXPLORER_IMAGES) if images is None else images
        self._images = {}
        notes = []
        for name, array in source.items():
            array = as_real_2d(array, f"images[{name!r}]")
            factor = math.ceil(math.sqrt(array.size / MAX_PIXELS))
            if min(array.shape) // factor < 3:
                shrunk = f" once shown at 1/{factor} size" if factor > 1 else ""
                raise ValueError(
                    f"images[{name!r}] must be at least 3x3{shrunk} to fit a 3x3 kernel, "
                    f"got shape {array.shape}"
                )
            if factor > 1:
                shrunk = block_mean(array, factor)
                notes.append(
                    f"'{name}' ({array.shape[0]}x{array.shape[1]}) is shown at 1/{factor} size "
                    f"({shrunk.shape[0]}x{shrunk.shape[1]}), so that each change redraws quickly."
                )
                array = shrunk
            self._images[str(name)] = array
        if not self._images:
            raise ValueError("images must hold at least one image")
        names = list(self._images)
        image = names[0] if image is None else check_choice(image, "image", tuple(names))
        check_choice(preset, "preset", tuple(PRESETS))

        self.output = np.zeros((1, 1))
        self.limit = 1.0
        self._good_image = np.zeros((1, 1))
        self._input_key = None
        self._input_levels = None
        self._input_pngs: dict[tuple, bytes] = {}
        self._output_levels = None
        self._block = 1

        text = {"layout": ipywidgets.Layout(width="4.6em"), "step": 1.0}
        self._cells = [
            [KernelCell(value=0.0, on_reject=self._on_reject, **text) for _ in range(5)]
            for _ in range(5)
        ]
        for row in self._cells:
            for cell in row:
                self._watch(cell, self._on_cell)
                cell.add_class("kernel-cell")
        self._grid = ipywidgets.GridBox(layout=ipywidgets.Layout(grid_gap="2px"))
        self._grid.add_class("kernel-grid")  # its inputs, row by row, are the cells shown

        self._preset = ipywidgets.Dropdown(
            options=[*PRESETS, CUSTOM], value=preset, description="preset"
        )
        self._size = ipywidgets.ToggleButtons(
            options=list(SIZES),
            value="3x3",
            description="kernel",
            style={"button_width": "4em"},
        )
        self._image = ipywidgets.Dropdown(options=names, value=image, description="image")
        self._mirror = _checkbox("mirror the image (left ↔ right)")
        self._operation = ipywidgets.ToggleButtons(
            options=list(OPERATIONS),
            value="correlation",
            description="operation",
            style={"button_width": "7.5em"},
        )
        self._absolute = _checkbox("absolute value of the output")
        self._row = ipywidgets.BoundedIntText(
            value=0, min=0, max=0, description="row", layout=ipywidgets.Layout(width="10em")
        )
        self._col = ipywidgets.BoundedIntText(
            value=0, min=0, max=0, description="column", layout=ipywidgets.Layout(width="10em")
        )

        self.input_view = ipywidgets.Image(format="png").add_class("explorer-input-image")
        self.output_view = ipywidgets.Image(format="png").add_class("explorer-output-image")
        self.colour_bar = ipywidgets.Image(
            value=png_bytes(colour_bar_levels(200, 12)),
            format="png",
            layout=ipywidgets.Layout(width="200px", height="12px"),
        )
        self.bar_low = ipywidgets.Label("")
        self.bar_high = ipywidgets.Label("")
        self.range_label = ipywidgets.HTML("").add_class("explorer-range")
        self.inspector = ipywidgets.HTML("").add_class("explorer-inspector")
        self.numbers = ipywidgets.HTML("").add_class("explorer-numbers")
        self.status.add_class("explorer-status")

        self._fixed_controls = {
            "preset": self._preset,
            "size": self._size,
            "image": self._image,
            "mirror": self._mirror,
            "operation": self._operation,
            "absolute": self._absolute,
            "row": self._row,
            "col": self._col,
        }
        self._watch(self._preset, self._on_preset)
        self._watch(self._size, self._on_size)
        for name in ("image", "mirror", "operation", "absolute"):
            self._watch(self._fixed_controls[name], lambda change: self._update())
        for control in (self._row, self._col):
            self._watch(control, lambda change: self._refresh_inspector())
        # What the shown output was computed from: the inspector reads this, never the
        # controls, so it always agrees with the output even after a refused change.
        self._good = self._state(np.zeros((1, 1)))

        grid_title = ipywidgets.HTML("<b>kernel</b> (type in any cell)")
        kernel_box = ipywidgets.VBox([self._preset, self._size, grid_title, self._grid])
        # flex-start: each picture keeps its own size instead of stretching to the
        # width of the longest line in its column.
        column = ipywidgets.Layout(align_items="flex-start")
        input_box = ipywidgets.VBox(
            [ipywidgets.HTML("<b>input</b>"), self.input_view], layout=column
        )
        output_box = ipywidgets.VBox(
            [
                ipywidgets.HTML("<b>output</b>"),
                self.output_view,
                ipywidgets.HBox(
                    [self.bar_low, self.colour_bar, self.bar_high],
                    layout=ipywidgets.Layout(align_items="center"),
                ),
                self.range_label,
            ],
            layout=column,
        )
        pictures = ipywidgets.HBox(
            [kernel_box, input_box, output_box], layout=ipywidgets.Layout(grid_gap="16px")
        )
        options = ipywidgets.HBox([self._image, self._mirror])
        operation = ipywidgets.HBox([self._operation, self._absolute])
        inspect = ipywidgets.HBox(
            [ipywidgets.HTML("<b>inspect output pixel</b>"), self._row, self._col]
        )
        self.widget = self._container(
            [options, operation, pictures, self.status, inspect, self.inspector, self.numbers],
            "kernel-explorer",
        )

        with self._hold():
            self._show_grid()
            self._apply_preset(preset)
        self._update(centre_inspector=True)
        if notes:
            self._set_message(" ".join(notes))

    # --- public API ---------------------------------------------------------------

    @property
    def controls(self) -> dict[str, ipywidgets.Widget]:
        """The controls by name: the fixed ones, then ``cell_R_C`` for the cells shown."""
        controls = dict(self._fixed_controls)
        for r, row in enumerate(self._visible_cells()):
            for c, cell in enumerate(row):
                controls[f"cell_{r}_{c}"] = cell
        return controls

    @property
    def size(self) -> int:
        """Side of the kernel grid, 3 or 5."""
        return SIZES[self._size.value]

    @property
    def kernel(self) -> np.ndarray:
        """The kernel as the grid holds it now."""
        return np.array([[cell.value for cell in row] for row in self._visible_cells()])

    @kernel.setter
    def kernel(self, values) -> None:
        array = as_real_2d(values, "kernel")
        if array.shape not in ((3, 3), (5, 5)):
            raise ValueError(f"kernel must be 3x3 or 5x5, got shape {array.shape}")
        if not np.isfinite(array).all():
            raise ValueError("kernel must hold finite numbers (no NaN or infinity)")
        with self._hold():
            self._size.value = f"{array.shape[0]}x{array.shape[1]}"
            self._set_cells(array)
            self._preset.value = self._matching_preset(array)
        self._update()

    @property
    def image(self) -> np.ndarray:
        """The image the shown output was computed from (mirrored if the mirror was on)."""
        return self._good_image

    def inspect(self, row: int | None = None, col: int | None = None) -> WindowStep:
        """The inspector's numbers for an output pixel (by default the one selected).

        Returns
        -------
        helpers.windows.WindowStep
            From :func:`helpers.windows.window_at` on the image, kernel and
            operation of the shown output: ``total`` equals ``output[row, col]``
            before the absolute value.
        """
        row = self._row.value if row is None else row
        col = self._col.value if col is None else col
        good = self._good
        return window_at(self._good_image, good["kernel"], row, col, good["operation"])

    def snapshot(self):
        """A static matplotlib figure of the current state (see :func:`explorer_figure`)."""
        return explorer_figure([self._good], images=self._images)

    # --- events --------------------------------------------------------------------

    def _on_preset(self, change) -> None:
        if change["new"] == CUSTOM:
            return
        with self._hold():
            self._apply_preset(change["new"])
        self._update()

    def _on_size(self, change) -> None:
        with self._hold():
            if change["new"] == "3x3":  # keep the middle 3x3, drop the outer ring
                for r in range(5):
                    for c in range(5):
                        if r in (0, 4) or c in (0, 4):
                            self._cells[r][c].value = 0.0
            self._show_grid()
            if self._preset.value != CUSTOM:
                self._apply_preset(self._preset.value)
        self._update()

    def _on_cell(self, change) -> None:
        if change["new"] == change["old"]:  # a refused value, put back: nothing to redo
            return
        with self._hold():
            self._preset.value = CUSTOM
        self._update()

    def _on_reject(self, cell: KernelCell, value) -> None:
        if value is None:
            shown = "an empty entry"
        elif isinstance(value, str):
            shown = repr(value)
        else:
            shown = format_number(cell.rejected)
        for r, row in enumerate(self._visible_cells()):
            for c, candidate in enumerate(row):
                if candidate is cell:
                    self._set_message(
                        f"Cell (row {r}, column {c}): {shown} is not a number, so the cell "
                        f"keeps {format_number(cell.last_good)}. Type a finite number there.",
                        warning=True,
                    )

    # --- internals -----------------------------------------------------------------

    def _visible_cells(self) -> list[list[KernelCell]]:
        margin = (5 - self.size) // 2
        return [row[margin : 5 - margin] for row in self._cells[margin : 5 - margin]]

    def _show_grid(self) -> None:
        cells = self._visible_cells()
        self._grid.children = [cell for row in cells for cell in row]
        self._grid.layout.grid_template_columns = f"repeat({len(cells)}, 4.8em)"

    def _set_cells(self, values: np.ndarray) -> None:
        for row, numbers in zip(self._visible_cells(), values, strict=True):
            for cell, value in zip(row, numbers, strict=True):
                cell.value = float(value)

    # The presets are 3x3 (helpers.kernels); a 5x5 grid holds one in its middle.
    def _apply_preset(self, name: str) -> None:
        self._set_cells(np.pad(PRESETS[name], (self.size - 3) // 2))

    def _matching_preset(self, kernel: np.ndarray) -> str:
        for name, preset in PRESETS.items():
            if np.array_equal(np.pad(preset, (len(kernel) - 3) // 2), kernel):
                return name
        return CUSTOM

    def _state(self, kernel: np.ndarray) -> dict:
        """The controls' choices with this kernel, as :func:`explorer_figure` takes a state."""
        return {
            "image": self._image.value,
            "kernel": kernel,
            "mirror": self._mirror.value,
            "operation": self._operation.value,
            "absolute": self._absolute.value,
        }

    def _update(self, centre_inspector: bool = False) -> None:
        """Recompute and redraw; if that fails, keep the last good output and say why."""
        try:
            problem = self._recompute(centre_inspector)
        except Exception as error:  # never let a control raise into the kernel's log
            problem = f"Could not compute this output ({error})."
        if problem:
            self._set_message(f"{problem} Still showing the last good output.", warning=True)

    def _recompute(self, centre_inspector: bool) -> str | None:
        """Compute and draw the output, or return what stops it (and change nothing)."""
        kernel = self.kernel  # finite: the cells and the kernel setter refuse anything else
        image = self._images[self._image.value]
        if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
            return (
                f"The {kernel.shape[0]}x{kernel.shape[1]} kernel does not fit inside the "
                f"{image.shape[0]}x{image.shape[1]} image."
            )
        with np.errstate(over="ignore", invalid="ignore"):
            image, output = _filter_image(
                image, kernel, self._operation.value, self._mirror.value, self._absolute.value
            )
            too_large = not np.isfinite(output).all() or np.abs(output).max() > _LARGEST
        if too_large:
            return "The output is too large to show (beyond ±1e300): use smaller numbers."

        self.output = output
        self._good = self._state(kernel)
        self._good_image = image
        self._input_key = (self._image.value, self._mirror.value)
        self._block = block_size(image.shape)
        self._output_levels, self.limit = signed_levels(output, picture_limit(output))
        clipped = limit_label(output, self.limit)
        low, high = float(output.min()), float(output.max())
        self.range_label.value = (
            f'<span data-low="{format_number(low)}" data-high="{format_number(high)}" '
            f'data-limit="{format_number(self.limit)}">output range {format_number(low)} … '
            f"{format_number(high)}<br>colours: blue −{format_number(self.limit)}, white 0, "
            f"red {format_number(self.limit)}"
            + (f"<br>{html.escape(clipped)}" if clipped else "")
            + "</span>"
        )
        self.bar_low.value = format_number(-self.limit)
        self.bar_high.value = format_number(self.limit)
        kh, kw = kernel.shape
        rows, cols = output.shape
        self._set_message(
            f"{self._operation.value} of the {image.shape[0]}x{image.shape[1]} image with the "
            f"{kh}x{kw} kernel: {rows}x{cols} output ({image.shape[0]} - {kh} + 1 = {rows} rows)."
        )
        with self._hold():
            self._row.max, self._col.max = rows - 1, cols - 1
            if centre_inspector:
                self._row.value, self._col.value = rows // 2, cols // 2
            self._row.value = min(self._row.value, rows - 1)
            self._col.value = min(self._col.value, cols - 1)
        self._refresh_inspector()
        small = max(image.shape) <= _NUMBERS_UP_TO
        self.numbers.value = (
            captioned("input values", html_table(image, "input-values"))
            + captioned("output values", html_table(output, "output-values", colours=True))
            if small
            else ""
        )
        return None

    def _refresh_inspector(self) -> None:
        row, col = self._row.value, self._col.value
        kh, kw = self._good["kernel"].shape
        block = self._block
        # On a large picture (one screen pixel per image pixel) a window is a few
        # pixels across: leave room around it so the outline stays visible.
        margin = 3 if block < 4 else 0
        thickness = max(2, block // 10)
        # The input only changes with the image, the mirror or the window: encode it
        # again only then (a kernel edit redraws the output alone).
        input_key = (self._input_key, row, col, kh, kw)
        if input_key not in self._input_pngs:
            if self._input_levels is None or self._input_levels[0] != self._input_key:
                levels = upscale(unsigned_levels(self._good_image), block, grid=True)
                self._input_levels = (self._input_key, levels)
            picture = draw_outline(
                self._input_levels[1].copy(), (row, col, kh, kw), block, thickness, margin
            )
            if len(self._input_pngs) >= 8:  # a few recent pictures: the mirror flips back
                self._input_pngs.pop(next(iter(self._input_pngs)))
            self._input_pngs[input_key] = png_bytes(picture, IMAGE_CMAP)
        self.input_view.value = self._input_pngs[input_key]
        levels = upscale(self._output_levels, block, grid=True)
        self.output_view.value = png_bytes(
            draw_outline(levels, (row, col, 1, 1), block, thickness, margin)
        )
        self.inspector.value = self._inspector_html(row, col)

    def _inspector_html(self, row: int, col: int) -> str:
        parts = self.inspect(row, col)
        turned = " (turned 180°: convolution)" if self._good["operation"] == "convolution" else ""
        value = self.output[row, col]
        result = f"sum = {format_number(parts.total)}"
        if self._good["absolute"]:
            result += f", absolute value = {format_number(value)}"
        return (
            captioned(f"window at output ({row}, {col})", html_table(parts.window, "window"))
            + captioned("×", "")
            + captioned(f"kernel{turned}", html_table(parts.weights, "weights", colours=True))
            + captioned("=", "")
            + captioned(
                "products",
                html_table(parts.products, "products", colours=True)
                + f'<div class="explorer-sum" data-value="{format_number(value)}" '
                f'style="margin-top:4px;font-weight:bold">{result}</div>',
            )
        )

    def _summary(self) -> str:
        return (
            f"{self._preset.value} kernel, {self._good['operation']}, on '{self._good['image']}'; "
            f"output range {format_number(self.output.min())} … {format_number(self.output.max())}"
        )


def explorer_figure(states: Sequence[Mapping] | None = None, images=None):
    """Static figure of the explorer in a few states: input, kernel and output per row.

    Parameters
    ----------
    states : sequence of mapping, optional
        Each a dict with ``"image"`` (a name), and ``"preset"`` (a name) or
        ``"kernel"`` (an array), and optionally ``"mirror"``, ``"operation"``,
        ``"absolute"``. By default three: the article's step edge with the
        vertical filter, the same edge mirrored, and the photograph with
        Sobel's vertical filter.
    images : mapping of str to array_like, optional
        Where the image names are looked up; by default :func:`helpers.images.named_images`.

    Returns
    -------
    matplotlib.figure.Figure
        One row per state; small images show their numbers.

    Examples
    --------
    >>> fig = explorer_figure([{"image": "step edge 6x6", "preset": "vertical"}])
    >>> [ax.get_title() for ax in fig.axes[:3]]
    ['input: step edge 6x6', 'kernel: vertical', 'output: correlation\\nrange 0 … 30']
    >>> plt.close(fig)
    """
    if states is None:
        states = [
            {"image": "step edge 6x6", "preset": "vertical"},
            {"image": "step edge 6x6", "preset": "vertical", "mirror": True},
            {"image": "photograph", "preset": "sobel vertical"},
        ]
    images = named_images() if images is None else images
    fig, axes = plt.subplots(
        len(states), 3, figsize=(9.0, 2.9 * len(states)), squeeze=False, layout="constrained"
    )
    for (ax_in, ax_kernel, ax_out), state in zip(axes, states, strict=True):
        name = state["image"]
        kernel = np.asarray(state["kernel"]) if "kernel" in state else PRESETS[state["preset"]]
        mirror = bool(state.get("mirror", False))
        operation = state.get("operation", "correlation")
        absolute = bool(state.get("absolute", False))
        shown, output = _filter_image(images[name], kernel, operation, mirror, absolute)
        in_title = f"input: {name}" + (" (mirrored)" if mirror else "")
        out_title = (
            f"output: {operation}"
            + (", absolute" if absolute else "")
            + f"\nrange {format_number(output.min())} … {format_number(output.max())}"
        )
        # The input on the widget's scale, from its smallest value to its largest.
        if max(shown.shape) <= _NUMBERS_UP_TO:
            show_matrix(
                shown, ax=ax_in, title=in_title, signed=False, cmap=IMAGE_CMAP, from_zero=False
            )
            show_matrix(output, ax=ax_out, title=out_title, signed=True, colorbar=True)
        else:
            low, high = unsigned_limits(shown, from_zero=False)
            ax_in.imshow(shown, cmap=IMAGE_CMAP, vmin=low, vmax=high)
            ax_in.set(title=in_title, xticks=[], yticks=[])
            show_signed(output, ax=ax_out, title=out_title, label="response")
        kernel_name = state.get("preset", CUSTOM) if "kernel" not in state else CUSTOM
        show_matrix(kernel, ax=ax_kernel, title=f"kernel: {kernel_name}", signed=True)
    fig.suptitle("Kernel explorer: representative states (input, kernel, signed output)")
    return fig
