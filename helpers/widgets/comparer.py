"""The edge comparer: Sobel, Scharr and the plain difference side by side, with a threshold."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_real_2d, check_choice
from ..colours import MISSING_COLOUR, STRENGTH_CMAP, format_number
from ..edges import PAIRS, edge_strength, mean_rotation_error, rotation_error_map
from ..images import named_images
from ..render import colour_bar_levels, png_bytes, unsigned_levels
from ._common import InteractiveFigure

__all__ = ["COMPARER_IMAGES", "ERROR_LIMIT", "PAIR_LABELS", "EdgeComparer", "comparer_figure"]

#: How the comparer names each filter pair of :data:`helpers.edges.PAIRS`.
PAIR_LABELS = {
    "central": "plain [1, 0, -1]",
    "prewitt": "Prewitt",
    "sobel": "Sobel",
    "scharr": "Scharr",
}
#: Angle errors from 0 to this many radians span the colour scale of the error maps.
ERROR_LIMIT = 0.15
#: The image name for which angle errors can be measured.
RADIAL = "radial pattern"
#: The images the comparer offers by default (see :func:`helpers.images.named_images`).
COMPARER_IMAGES = ("photograph", RADIAL)


class EdgeComparer(InteractiveFigure):
    """Edge strength of several filter pairs side by side, a threshold, and their angle errors.

    Parameters
    ----------
    images : mapping of str to array_like, optional
        By default :data:`COMPARER_IMAGES` from :func:`helpers.images.named_images`.
        Angle errors are shown for the one named ``"radial pattern"`` only:
        it is the one whose exact gradient is known
        (:func:`helpers.edges.rotation_error_map`); it must then be
        ``radial_pattern(size)`` for some size.
    pairs : sequence of str, default ("central", "sobel", "scharr")
        Names from :data:`helpers.edges.PAIRS`, in display order.
    image : str, optional
        The image shown first; by default the first one.

    Attributes
    ----------
    error_maps : dict of str to numpy.ndarray
        Angle error of each pair, per pixel, for the radial pattern (empty
        for other images).
    mean_errors : dict of str to float
        Their means with a 5-pixel border left out, as
        :func:`helpers.edges.rotation_error` (empty for other images).

    Raises
    ------
    ValueError
        If ``images`` or ``pairs`` is empty, a pair is not in
        :data:`helpers.edges.PAIRS`, or ``image`` is not one of the names.

    Notes
    -----
    Controls, by name in :attr:`controls`: ``image`` (a dropdown) and
    ``threshold`` (a slider in brightness change per pixel, the unit of
    :func:`edge_strength`). Everything but the threshold is computed once per
    image and cached.

    Examples
    --------
    >>> comparer = EdgeComparer(image="radial pattern")
    >>> comparer.controls["threshold"].value = 0.5
    >>> comparer.output.shape
    (3, 253, 253)
    >>> bool((comparer.output[comparer.edges] >= 0.5).all())
    True
    >>> print(comparer.message)  # doctest: +ELLIPSIS
    Threshold 0.5 per pixel; pixels marked as edges: plain [1, 0, -1] ...%, Sobel ...%, Scharr ...%.
    """

    def __init__(
        self,
        images: Mapping[str, object] | None = None,
        pairs: Sequence[str] = ("central", "sobel", "scharr"),
        image: str | None = None,
    ) -> None:
        super().__init__()
        source = named_images(*COMPARER_IMAGES) if images is None else images
        self._images = {str(k): as_real_2d(v, f"images[{k!r}]") for k, v in source.items()}
        if not self._images:
            raise ValueError("images must hold at least one image")
        self.pairs = tuple(check_choice(p, "pairs", tuple(PAIRS)) for p in pairs)
        if not self.pairs:
            raise ValueError("pairs must name at least one filter pair")
        names = list(self._images)
        image = names[0] if image is None else check_choice(image, "image", tuple(names))
        self._cache: dict[str, dict] = {}

        self._image = ipywidgets.Dropdown(options=names, value=image, description="image")
        self._threshold = ipywidgets.FloatSlider(
            value=0.0,
            min=0.0,
            max=1.0,
            step=0.01,
            description="threshold",
            readout_format=".3g",
            continuous_update=True,
            layout=ipywidgets.Layout(width="28em"),
        )
        self._controls = {"image": self._image, "threshold": self._threshold}
        self.magnitude_views = [
            ipywidgets.Image(format="png").add_class(f"comparer-magnitude-{p}") for p in self.pairs
        ]
        self.error_views = [
            ipywidgets.Image(format="png").add_class(f"comparer-error-{p}") for p in self.pairs
        ]
        self.magnitude_labels = [ipywidgets.HTML("") for _ in self.pairs]
        self.error_labels = [ipywidgets.HTML("") for _ in self.pairs]
        bar = ipywidgets.Image(
            value=png_bytes(colour_bar_levels(160, 10), STRENGTH_CMAP),
            format="png",
            layout=ipywidgets.Layout(width="160px", height="10px"),
        )
        self.magnitude_bar = ipywidgets.HTML("")
        self.error_bar = ipywidgets.HTML("")
        panels = (self.magnitude_views, self.magnitude_labels, self.error_views, self.error_labels)
        columns = [
            ipywidgets.VBox([ipywidgets.HTML(f"<b>{PAIR_LABELS[name]}</b>"), *views])
            for name, *views in zip(self.pairs, *panels, strict=True)
        ]
        self.status.add_class("comparer-status")
        self.widget = self._container(
            [
                ipywidgets.HBox([self._image, self._threshold]),
                self.status,
                ipywidgets.HBox(columns, layout=ipywidgets.Layout(grid_gap="8px")),
                ipywidgets.HBox(
                    [bar, self.magnitude_bar], layout=ipywidgets.Layout(align_items="center")
                ),
                self.error_bar,
            ],
            "edge-comparer",
        )
        self._shown = None  # (image name, threshold) drawn last
        self.error_maps: dict[str, np.ndarray] = {}
        self.mean_errors: dict[str, float] = {}
        self._watch(self._image, self._on_image)
        self._watch(self._threshold, lambda change: self._draw())
        self._on_image(None)
        if self._shown is None:  # the first image was refused: nothing to fall back on
            raise ValueError(f"images[{image!r}] cannot be shown: {self.message}")

    @property
    def edges(self) -> np.ndarray:
        """Where each pair's strength reaches the threshold shown, shape (pairs, H - 2, W - 2)."""
        name, threshold = self._shown
        strengths = self._cache[name]["strengths"]
        return np.stack([strengths[pair] >= threshold for pair in self.pairs])

    @property
    def output(self) -> np.ndarray:
        """What the magnitude panels show: :func:`edge_strength` where :attr:`edges`, else 0.

        Computed when asked for, from the cached strengths, so that the slider only redraws.
        """
        strengths = self._cache[self._shown[0]]["strengths"]
        return np.where(self.edges, np.stack([strengths[p] for p in self.pairs]), 0.0)

    def snapshot(self):
        """A static matplotlib figure of the current image and threshold."""
        return comparer_figure(
            {self._image.value: self._images[self._image.value]},
            self.pairs,
            {self._image.value: self._threshold.value},
        )

    # --- events --------------------------------------------------------------------

    def _on_image(self, change) -> None:
        try:
            cached = self._prepare(self._image.value)
        except Exception as error:  # e.g. a custom image too small for a 3x3 filter
            refused = self._image.value
            message = f"The edges of '{refused}' cannot be computed ({error})"
            if self._shown is not None:  # go back to the image still on show
                with self._hold():
                    self._image.value = self._shown[0]
                message += f"; still showing '{self._image.value}'"
            self._set_message(f"{message}.", warning=True)
            return
        self.error_maps = cached["errors"]
        self.mean_errors = cached["error_means"]
        with self._hold():
            top = cached["top"]
            slider = self._threshold
            slider.max = max(slider.max, top)
            slider.min = 0.0
            slider.step = cached["step"]
            slider.value = cached["default"]
            slider.max = top
        for i, name in enumerate(self.pairs):
            self.error_views[i].value = cached["error_png"].get(name, b"")
            self.error_views[i].layout.display = None if cached["errors"] else "none"
            error = cached["error_means"].get(name)
            self.error_labels[i].value = (
                ""
                if error is None
                else f'<span data-value="{format_number(error, 4)}">mean angle error '
                f"{format_number(error, 4)} rad ({format_number(np.degrees(error), 2)}°)</span>"
            )
        self.magnitude_bar.value = f"edge strength 0 … {format_number(top)} per pixel"
        self.error_bar.value = (
            f"angle error maps: the same colours for errors from 0 to {ERROR_LIMIT} rad"
            if cached["errors"]
            else "angle errors need an exact gradient: choose the radial pattern to see them"
        )
        self._draw()

    # --- internals -----------------------------------------------------------------

    def _prepare(self, name: str) -> dict:
        """Everything that does not depend on the threshold, once per image."""
        if name in self._cache:
            return self._cache[name]
        image = self._images[name]
        strengths = {pair: edge_strength(image, pair) for pair in self.pairs}
        top, step, default = _scale_and_start(strengths, self.pairs)
        levels = {pair: unsigned_levels(s, 0.0, top) for pair, s in strengths.items()}
        errors, error_png, error_means = {}, {}, {}
        if name == RADIAL:
            size = image.shape[0]
            for pair in self.pairs:
                full = rotation_error_map(pair, size=size)
                errors[pair] = full[1:-1, 1:-1]
                error_png[pair] = png_bytes(
                    unsigned_levels(errors[pair], 0.0, ERROR_LIMIT), STRENGTH_CMAP
                )
                error_means[pair] = mean_rotation_error(full)
        self._cache[name] = {
            "strengths": strengths,
            "levels": levels,
            "top": top,
            "default": default,
            "step": step,
            "errors": errors,
            "error_png": error_png,
            "error_means": error_means,
        }
        return self._cache[name]

    def _draw(self) -> None:
        threshold = float(self._threshold.value)
        if not np.isfinite(threshold):
            self._set_message(
                f"The threshold must be a number, got {threshold}. Still showing the last output.",
                warning=True,
            )
            return
        cached = self._cache[self._image.value]
        listed = []
        views = zip(self.pairs, self.magnitude_views, self.magnitude_labels, strict=True)
        for pair, view, label in views:
            mask = cached["strengths"][pair] >= threshold
            levels = cached["levels"][pair] * mask  # uint8 times bool: 0 below the threshold
            view.value = png_bytes(levels, STRENGTH_CMAP)
            share = 100.0 * float(np.count_nonzero(mask)) / mask.size
            label.value = (
                f'<span data-value="{format_number(share, 1)}">{format_number(share, 1)}% '
                "of pixels at or above</span>"
            )
            listed.append(f"{PAIR_LABELS[pair]} {format_number(share, 1)}%")
        self._shown = (self._image.value, threshold)
        self._set_message(
            f"Threshold {format_number(threshold)} per pixel; pixels marked as edges: "
            f"{', '.join(listed)}."
        )

    def _summary(self) -> str:
        return f"{', '.join(PAIR_LABELS[p] for p in self.pairs)} on '{self._image.value}'"


def _scale_and_start(strengths: Mapping[str, np.ndarray], pairs: Sequence[str]):
    """The strength scale's top, the slider's step and the starting threshold, for one image.

    The widget and its static figure both start here, so they show the same threshold.
    """
    top = max(float(s.max()) for s in strengths.values())
    top = top if top > 0 else 1.0
    # A round step (0.01 for strengths up to a few units), so that a threshold
    # typed in code, such as 0.9, is one the slider can show without rounding it.
    step = 10.0 ** math.floor(math.log10(top / 100))
    # Start where the strongest tenth of one pair's pixels stand out.
    default = round(float(np.percentile(strengths[pairs[-1]], 90)) / step) * step
    return top, step, min(default, top)


def comparer_figure(
    images: Mapping[str, object] | None = None,
    pairs: Sequence[str] = ("central", "sobel", "scharr"),
    thresholds: Mapping[str, float] | None = None,
    ring_strength: bool = False,
):
    """Static figure of the comparer: thresholded strength per pair, and angle errors.

    Parameters
    ----------
    images : mapping of str to array_like, optional
        By default :data:`COMPARER_IMAGES` from :func:`helpers.images.named_images`.
    pairs : sequence of str, default ("central", "sobel", "scharr")
    thresholds : mapping of str to float, optional
        Threshold per image name; by default the comparer's own starting value
        (the 90th percentile of the last pair's strength, rounded to the slider's step).
    ring_strength : bool, default False
        Also draw the strength row of the ring pattern. Off by default: its
        fine rings make a large PNG, and the angle errors are what the
        pattern is for.

    Returns
    -------
    matplotlib.figure.Figure
        One row of strength per image (except the ring pattern, unless
        ``ring_strength``), and a row of angle errors for the ring pattern.

    Examples
    --------
    >>> from helpers.images import radial_pattern
    >>> fig = comparer_figure(
    ...     {"radial pattern": radial_pattern()}, ["sobel", "scharr"], ring_strength=True
    ... )
    >>> for ax in fig.axes:
    ...     if ax.get_title():
    ...         print(ax.get_title())
    Sobel
    strength ≥ 0.94
    Scharr
    strength ≥ 0.94
    angle error, mean 0.0207 rad
    angle error, mean 0.0031 rad
    >>> plt.close(fig)
    """
    images = named_images(*COMPARER_IMAGES) if images is None else images
    thresholds = dict(thresholds or {})
    rows = []
    for name, image in images.items():
        image = as_real_2d(image, f"images[{name!r}]")
        strengths = {pair: edge_strength(image, pair) for pair in pairs}
        top, _, default = _scale_and_start(strengths, pairs)
        threshold = thresholds.get(name, default)
        if name != RADIAL or ring_strength:
            rows.append(("strength", name, strengths, (threshold, top), image))
        if name == RADIAL:
            rows.append(("error", name, None, None, image))
    fig, axes = plt.subplots(
        len(rows),
        len(pairs),
        figsize=(2.7 * len(pairs) + 1.2, 2.6 * len(rows) + 0.4),
        squeeze=False,
        layout="constrained",
    )
    for r, (ax_row, (kind, name, strengths, scale, image)) in enumerate(
        zip(axes, rows, strict=True)
    ):
        for ax, pair in zip(ax_row, pairs, strict=True):
            if kind == "strength":
                threshold, top = scale
                shown = np.where(strengths[pair] >= threshold, strengths[pair], 0.0)
                picture = ax.imshow(shown, cmap=STRENGTH_CMAP, vmin=0.0, vmax=top)
                title = f"strength ≥ {format_number(threshold)}"
                label = "strength per pixel"
            else:
                errors = rotation_error_map(pair, size=image.shape[0])
                mean = mean_rotation_error(errors)
                cmap = plt.get_cmap(STRENGTH_CMAP).with_extremes(bad=MISSING_COLOUR)
                picture = ax.imshow(errors, cmap=cmap, vmin=0.0, vmax=ERROR_LIMIT)
                title = f"angle error, mean {format_number(mean, 4)} rad"
                label = "angle error (rad)"
            ax.set_title(f"{PAIR_LABELS[pair]}\n{title}" if r == 0 else title, fontsize=10)
            ax.set(xticks=[], yticks=[])
        ax_row[0].set_ylabel(name)
        fig.colorbar(picture, ax=list(ax_row), label=label, shrink=0.9)
    fig.suptitle("Edge comparer: strength above a threshold, and direction errors")
    return fig
