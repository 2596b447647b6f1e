"""Interactive widgets of the course: a kernel explorer, a sliding-window stepper, an edge comparer.

Each widget is a small class built on ipywidgets 8 that draws into ``ipywidgets.Image``
(palette PNGs from :mod:`helpers.render`) or into HTML tables, never through ``interact``
or an ``Output`` widget, so a notebook that holds one stores only the widget's view and a
fixed line of text, and strict nbval passes. The static figures :func:`explorer_figure`,
:func:`stepper_figure` and :func:`comparer_figure` show representative states for readers
without a running kernel (GitHub, nbviewer, a static site).

Every widget is scriptable, the same way for a learner and for a test:

* ``.widget`` is the container to display (displaying the object itself does the same);
* ``.controls`` maps a name to each control, e.g.
  ``explorer.controls["preset"].value = "sobel vertical"``;
* ``.output`` is the array shown now, computed by the tested helpers;
* ``.message`` is the status line;
* ``.snapshot()`` draws the current state as a static matplotlib figure.

No control value crashes a widget: a kernel cell refuses NaN, infinities and non-numbers
(keeping its last number), a menu set to nothing goes back to its choice, and an output
too large to show or a kernel that does not fit leaves the last good output in place; the
status line says what is wrong. Every handler goes through one guard
(``InteractiveFigure._watch``), so nothing a handler raises escapes into the kernel's log.
Numbers are written by :func:`helpers.colours.format_number`, the one formatter of the course.

Finding the widgets on a page
-----------------------------
For browser tests, each widget and its main parts carry CSS classes:

* ``kernel-explorer``: ``kernel-grid`` (its ``input`` elements, row by row, are the kernel
  cells shown), ``explorer-input-image``, ``explorer-output-image``, ``explorer-range``
  (a ``span`` with ``data-low``, ``data-high`` and ``data-limit``), ``explorer-status``,
  ``explorer-inspector`` (with ``explorer-sum``) and ``explorer-numbers``;
* ``sliding-window-stepper``: ``stepper-view`` and ``stepper-status``;
* ``edge-comparer``: ``comparer-magnitude-<pair>``, ``comparer-error-<pair>`` and
  ``comparer-status``.

Tables of numbers are ``table.conv-grid`` with a ``data-name`` (``window``, ``weights``,
``products``, ``input-values``, ``output-values``; ``input``, ``kernel``, ``products``,
``output`` in the stepper) and cells with ``data-row``, ``data-col`` and ``data-value``
(empty for a cell not computed yet). Controls are found by their ``description``:
``preset``, ``kernel`` (the size), ``image``, ``mirror the image (left ↔ right)``,
``operation``, ``absolute value of the output``, ``row``, ``column``; ``example``,
``play``, ``position``; ``image``, ``threshold``. Dropdowns and toggle buttons sync their
choice to the page as ``index`` (ipywidgets 8), not as ``value``.

Examples
--------
>>> from helpers.widgets import KernelExplorer
>>> explorer = KernelExplorer(image="step edge 6x6")
>>> explorer.controls["preset"].value = "sobel vertical"
>>> explorer.output[0]
array([ 0., 40., 40.,  0.])
"""

from ._common import InteractiveFigure, html_table
from .comparer import COMPARER_IMAGES, PAIR_LABELS, EdgeComparer, comparer_figure
from .explorer import (
    CUSTOM,
    EXPLORER_IMAGES,
    MAX_PIXELS,
    KernelCell,
    KernelExplorer,
    explorer_figure,
)
from .stepper import SlidingWindowStepper, stepper_figure

__all__ = [
    "COMPARER_IMAGES",
    "CUSTOM",
    "EXPLORER_IMAGES",
    "MAX_PIXELS",
    "PAIR_LABELS",
    "EdgeComparer",
    "InteractiveFigure",
    "KernelCell",
    "KernelExplorer",
    "SlidingWindowStepper",
    "comparer_figure",
    "explorer_figure",
    "html_table",
    "stepper_figure",
]
