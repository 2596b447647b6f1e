"""The sliding-window stepper: play the kernel across the image, one output cell at a time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_real_2d, check_choice
from ..colours import IMAGE_CMAP, format_number, signed_limit
from ..conv import correlate2d
from ..images import classic_5x5, step_edge
from ..kernels import VERTICAL, classic_5x5_kernel
from ..plotting import show_matrix
from ..windows import window_at
from ._common import InteractiveFigure, captioned, html_table

__all__ = ["SlidingWindowStepper", "stepper_figure"]


def _default_examples() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The article's (image, kernel) pairs: the 5x5 image with its "X", the step with VERTICAL."""
    return {
        "classic 5x5": (classic_5x5(), classic_5x5_kernel()),
        "step edge 6x6": (step_edge(), np.array(VERTICAL)),
    }


def _partial_output(image, kernel, steps: int) -> np.ndarray:
    """``correlate2d(image, kernel)`` with all but its first ``steps`` cells (reading order) NaN."""
    full = correlate2d(image, kernel)
    done = min(max(int(steps), 0), full.size)
    full.flat[done:] = np.nan
    return full


class SlidingWindowStepper(InteractiveFigure):
    """Step a kernel across a small image: the window, the products, the output filling in.

    Parameters
    ----------
    examples : mapping of str to (array_like, array_like), optional
        (image, kernel) pairs to choose from; by default the article's ``"classic 5x5"``
        (its "X" filter, a 3x3 output) and ``"step edge 6x6"`` (the vertical filter, a
        4x4 output). Keep them small: every number is shown.
    example : str, optional
        The example shown first; by default the first one.
    interval : int, default 900
        Milliseconds between steps while playing.

    Attributes
    ----------
    output : numpy.ndarray
        The output so far: cells not computed yet are NaN.
    view : ipywidgets.HTML
        Four tables: the input with the window outlined, the kernel, the
        products with their sum, and the output so far.

    Raises
    ------
    ValueError
        If ``examples`` is empty, a kernel does not fit inside its image, or
        ``example`` is not one of the names.

    Notes
    -----
    Controls, by name in :attr:`controls`: ``example`` (a dropdown),
    ``play`` (an ``ipywidgets.Play`` that runs through the positions) and
    ``position`` (a slider from 1 to the number of output cells; position
    ``p`` shows the window of the ``p``-th cell in reading order, with cells
    1 to ``p`` computed). The play button and the slider are linked.

    Examples
    --------
    >>> stepper = SlidingWindowStepper(example="classic 5x5")
    >>> stepper.controls["position"].max
    9
    >>> stepper.controls["position"].value = 2
    >>> stepper.output
    array([[ 4.,  3., nan],
           [nan, nan, nan],
           [nan, nan, nan]])
    >>> stepper.message
    'Position 2 of 9: window at rows 0-2, columns 1-3; sum of the products = 3 → output (0, 1).'
    """

    def __init__(
        self,
        examples: Mapping[str, tuple] | None = None,
        example: str | None = None,
        interval: int = 900,
    ) -> None:
        super().__init__()
        source = _default_examples() if examples is None else examples
        self._examples = {}
        for name, (image, kernel) in source.items():
            image = as_real_2d(image, f"examples[{name!r}] image")
            kernel = as_real_2d(kernel, f"examples[{name!r}] kernel")
            correlate2d(image, kernel)  # raises now if the kernel does not fit
            self._examples[str(name)] = (image, kernel)
        if not self._examples:
            raise ValueError("examples must hold at least one (image, kernel) pair")
        names = list(self._examples)
        example = names[0] if example is None else check_choice(example, "example", tuple(names))

        self._example = ipywidgets.Dropdown(options=names, value=example, description="example")
        self._play = ipywidgets.Play(
            value=1, min=1, max=1, step=1, interval=interval, description="play"
        )
        self._position = ipywidgets.IntSlider(
            value=1, min=1, max=1, description="position", continuous_update=True
        )
        # A link in the kernel (not jslink), so scripts that press "play" move the slider too.
        self._link = ipywidgets.link((self._play, "value"), (self._position, "value"))
        self.view = ipywidgets.HTML("")
        self.view.add_class("stepper-view")
        self.status.add_class("stepper-status")
        self._controls = {"example": self._example, "play": self._play, "position": self._position}
        self.widget = self._container(
            [ipywidgets.HBox([self._example, self._play, self._position]), self.status, self.view],
            "sliding-window-stepper",
        )
        self._watch(self._example, self._on_example)
        self._watch(self._position, lambda change: self._draw())
        self._on_example(None)

    @property
    def image(self) -> np.ndarray:
        """The current example's image."""
        return self._examples[self._example.value][0]

    @property
    def kernel(self) -> np.ndarray:
        """The current example's kernel."""
        return self._examples[self._example.value][1]

    @property
    def positions(self) -> int:
        """Number of output cells, which is the number of positions of the window."""
        return int(self._full.size)

    @property
    def cell(self) -> tuple[int, int]:
        """(row, col) of the output cell being computed, which is the window's top-left pixel."""
        return divmod(self._position.value - 1, self._full.shape[1])

    @property
    def products(self) -> np.ndarray:
        """The window times the kernel, element by element, at the current position."""
        return self.step.products

    @property
    def step(self):
        """The current position taken apart by :func:`helpers.windows.window_at`."""
        return window_at(self.image, self.kernel, *self.cell)

    def snapshot(self):
        """A static matplotlib figure of the current position (see :func:`stepper_figure`)."""
        return stepper_figure(self._example.value, [self._position.value], examples=self._examples)

    def _on_example(self, change) -> None:
        self._full = correlate2d(self.image, self.kernel)
        with self._hold():
            count = self.positions
            # Widen before narrowing so min <= value <= max holds at every moment.
            for control in (self._play, self._position):
                control.max = max(control.max, count)
                control.value = 1
                control.max = count
        self._draw()

    def _draw(self) -> None:
        position = self._position.value
        step = self.step
        row, col = step.row, step.col
        kh, kw = self.kernel.shape
        rows, cols = self._full.shape
        self.output = _partial_output(self.image, self.kernel, position)
        products, total = step.products, step.total
        self._set_message(
            f"Position {position} of {self.positions}: window at rows {row}-{row + kh - 1}, "
            f"columns {col}-{col + kw - 1}; sum of the products = {format_number(total)} "
            f"→ output ({row}, {col})."
        )
        self.view.value = (
            captioned(
                "input, window outlined",
                html_table(self.image, "input", highlight=(row, col, kh, kw)),
            )
            + captioned("kernel", html_table(self.kernel, "kernel"))
            + captioned(
                "products",
                html_table(products, "products")
                + f'<div class="stepper-sum" data-value="{format_number(total)}" '
                f'style="margin-top:4px;font-weight:bold">sum = {format_number(total)}</div>',
            )
            + captioned(
                f"output ({rows}x{cols}), so far",
                html_table(
                    self.output,
                    "output",
                    highlight=(row, col, 1, 1),
                    blank=np.isnan(self.output),
                    colours=True,
                    limit=signed_limit(self._full),
                ),
            )
        )

    def _summary(self) -> str:
        return f"'{self._example.value}', position {self._position.value} of {self.positions}"


def stepper_figure(
    example: str = "classic 5x5",
    positions: Sequence[int] | None = None,
    examples: Mapping[str, tuple] | None = None,
):
    """Static figure of the stepper: the window and the output so far at a few positions.

    Parameters
    ----------
    example : str, default "classic 5x5"
        A name from ``examples``.
    positions : sequence of int, optional
        Positions to draw, 1 for the first output cell; by default the first,
        one in the middle and the last.
    examples : mapping, optional
        As for :class:`SlidingWindowStepper`.

    Returns
    -------
    matplotlib.figure.Figure
        Two rows: the input with the window outlined, and the output so far
        (cells not computed yet are blank and grey).

    Examples
    --------
    >>> fig = stepper_figure("classic 5x5", [1, 9])
    >>> [ax.get_title() for ax in fig.axes]  # doctest: +NORMALIZE_WHITESPACE
    ['position 1 of 9: window', 'position 9 of 9: window',
     'output so far: 4 at (0, 0)', 'output so far: 4 at (2, 2)']
    >>> plt.close(fig)
    """
    examples = _default_examples() if examples is None else examples
    image, kernel = (as_real_2d(a, "example") for a in examples[example])
    full = correlate2d(image, kernel)
    count = full.size
    if positions is None:
        positions = [1, (count + 1) // 2, count]
    kh, kw = kernel.shape
    limit = signed_limit(full)
    fig, axes = plt.subplots(
        2,
        len(positions),
        figsize=(3.0 * len(positions), 6.0),
        squeeze=False,
        layout="constrained",
    )
    for (ax_in, ax_out), position in zip(axes.T, positions, strict=True):
        row, col = divmod(position - 1, full.shape[1])
        show_matrix(
            image,
            ax=ax_in,
            title=f"position {position} of {count}: window",
            window=(row, col, kh, kw),
            signed=False,
            cmap=IMAGE_CMAP,
        )
        partial = _partial_output(image, kernel, position)
        plot = show_matrix(
            partial,
            ax=ax_out,
            signed=True,
            window=(row, col, 1, 1),
            fmt=lambda v: "" if np.isnan(v) else format_number(v),
            title=f"output so far: {format_number(full[row, col])} at ({row}, {col})",
        )
        plot.image.set_clim(-limit, limit)
    fig.suptitle(f"Sliding-window stepper on '{example}': the window and the output filling in")
    return fig
