"""What the three widgets share: HTML tables of numbers, a base class that never raises."""

from __future__ import annotations

import functools
import html
import itertools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import ipywidgets
import numpy as np

from ..colours import HIGHLIGHT_COLOUR, format_number, text_colour
from ..render import LEVELS, palette, signed_levels

# Cells of the small HTML tables: a fixed size so numbers line up from step to step.
_CELL_STYLE = (
    "min-width:2.6em;height:1.9em;padding:0 0.3em;text-align:center;"
    "border:1px solid #888;font-family:monospace;font-size:13px"
)
_HIGHLIGHT_EDGE = f"3px solid {HIGHLIGHT_COLOUR}"
_HIGHLIGHT_TINT = "#FCE8C0"
_BLANK_STYLE = "background:#999;color:#999"


def html_table(
    matrix,
    name: str,
    highlight=None,
    blank=None,
    colours: bool = False,
    limit: float | None = None,
) -> str:
    """A small matrix as an HTML table with one number per cell.

    Every cell carries ``data-row``, ``data-col`` and ``data-value``
    attributes (``data-value`` is empty for blank cells), so a browser test
    can read exactly what the page shows.

    Parameters
    ----------
    matrix : array_like, shape (rows, cols)
    name : str
        Stored as the table's ``data-name`` attribute.
    highlight : tuple of int, optional
        ``(row, col, height, width)``: outline these cells in orange.
    blank : array_like of bool, optional
        Cells to draw as empty grey squares (not computed yet).
    colours : bool, default False
        Colour the cells on the course's diverging map centred at zero.
    limit : float, optional
        The limit of that colour scale; by default the largest absolute value.

    Returns
    -------
    str

    Examples
    --------
    >>> table = html_table([[1, -2]], "demo")
    >>> table.startswith('<table class="conv-grid" data-name="demo"')
    True
    >>> 'data-row="0" data-col="1" data-value="-2"' in table
    True
    """
    values = np.asarray(matrix, dtype=np.float64)
    rows, cols = values.shape
    blank = np.zeros(values.shape, dtype=bool) if blank is None else np.asarray(blank, bool)
    if colours:
        levels, _ = signed_levels(np.where(blank, np.nan, values), limit)
    parts = [
        f'<table class="conv-grid" data-name="{html.escape(name)}" '
        'style="border-collapse:collapse;margin:2px">'
    ]
    for r in range(rows):
        parts.append("<tr>")
        for c in range(cols):
            style = [_CELL_STYLE]
            if blank[r, c]:
                style.append(_BLANK_STYLE)
                text, data = "", ""
            else:
                text = data = format_number(values[r, c])
                if colours and levels[r, c] < LEVELS:
                    style.append(_cell_colours(int(levels[r, c])))
            if highlight is not None:
                style.extend(_window_edges(r, c, highlight, tinted=not colours))
            parts.append(
                f'<td data-row="{r}" data-col="{c}" data-value="{data}" '
                f'style="{";".join(style)}">{text}</td>'
            )
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)


@functools.lru_cache(maxsize=LEVELS)
def _cell_colours(level: int) -> str:
    """Background of a cell at this level of the diverging palette, and its text colour."""
    red, green, blue = (int(v) for v in palette()[level])
    ink = text_colour((red / 255, green / 255, blue / 255))
    return f"background:rgb({red},{green},{blue});color:{ink}"


def _window_edges(r: int, c: int, box, tinted: bool) -> list[str]:
    """Styles that draw the outline of a window (orange, on its outer edges only)."""
    top, left, height, width = box
    if not (top <= r < top + height and left <= c < left + width):
        return []
    styles = ["font-weight:bold"]
    if tinted:
        styles.append(f"background:{_HIGHLIGHT_TINT}")
    sides = {
        "top": r == top,
        "bottom": r == top + height - 1,
        "left": c == left,
        "right": c == left + width - 1,
    }
    styles.extend(f"border-{side}:{_HIGHLIGHT_EDGE}" for side, on in sides.items() if on)
    return styles


def captioned(caption: str, body: str) -> str:
    """An HTML block: a short bold caption above a table or a line of text."""
    return (
        '<div style="display:inline-block;vertical-align:top;margin-right:14px">'
        f'<div style="font-weight:bold;margin-bottom:2px">{html.escape(caption)}</div>'
        f"{body}</div>"
    )


# Per-class counters and a fixed namespace for the top-level boxes' model ids.
_COUNTERS: dict[str, itertools.count] = {}
_ID_NAMESPACE = uuid.UUID("5f0c6a52-7d0e-4c59-9a43-2f6f4b7c1e90")


class InteractiveFigure:
    """Base of the course's widgets: a top-level container, named controls, a status line.

    Subclasses build ``self.widget`` (what a notebook displays), fill
    ``self._controls``, keep ``self.output`` up to date and say in ``_summary()`` what
    they show. Displaying the object displays its widget, with a plain-text fallback
    built from that summary (what a reader sees where widgets cannot run, and what
    nbval compares).
    """

    def __init__(self) -> None:
        self._controls: dict[str, ipywidgets.Widget] = {}
        self._holding = 0
        self.status = ipywidgets.HTML(value="", layout=ipywidgets.Layout(min_height="1.6em"))
        self.message = ""
        self.widget: ipywidgets.Box | None = None  # built by the subclass with _container

    @property
    def controls(self) -> dict[str, ipywidgets.Widget]:
        """The controls a learner can change, by name (a new dict on each call)."""
        return dict(self._controls)

    def _container(self, children, css_class: str) -> ipywidgets.VBox:
        """The top-level box, with a model id that is the same on every fresh run.

        A notebook stores the displayed widget's model id in its output. ipywidgets
        draws a random one; numbering the widgets of each class instead (the n-th
        explorer of a kernel session gets the same id every time) keeps a
        re-executed notebook byte for byte the same. Ids stay unique within a
        session, as the front end needs.
        """
        name = type(self).__name__
        number = next(_COUNTERS.setdefault(name, itertools.count(1)))
        model_id = uuid.uuid5(_ID_NAMESPACE, f"{name}-{number}").hex
        return ipywidgets.VBox(children, model_id=model_id).add_class(css_class)

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude, **kwargs)
        bundle["text/plain"] = (
            f"{type(self).__name__}: {self._summary()}. Run this notebook in Jupyter to use "
            "its controls; the static figure beside it shows what it does."
        )
        return bundle

    def _summary(self) -> str:
        """What the widget shows now, in a few words, for the plain-text fallback."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    @contextmanager
    def _hold(self) -> Iterator[None]:
        """Change several controls at once and redraw once, at the end."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1

    def _watch(self, control: ipywidgets.Widget, handler) -> None:
        """Call ``handler(change)`` when ``control``'s value changes, so that it never raises.

        A menu set to ``None`` (which ipywidgets allows: "nothing selected")
        goes back to its previous choice with a message, since every widget
        here needs a choice. Anything that escapes ``handler`` is shown in the
        status line instead of vanishing into the kernel's log, and the widget
        keeps showing its last good state.
        """

        def guarded(change) -> None:
            if change["new"] is None and hasattr(control, "options"):
                with self._hold():
                    control.value = change["old"]
                name = getattr(control, "description", "") or "this menu"
                self._set_message(
                    f"{name}: nothing was chosen, so it keeps {change['old']!r}. Pick one of "
                    "its options.",
                    warning=True,
                )
                return
            if self._holding:
                return
            try:
                handler(change)
            except Exception as error:  # never let a control raise into the kernel's log
                self._set_message(
                    f"Could not update ({type(error).__name__}: {error}). Still showing the "
                    "last good state.",
                    warning=True,
                )

        control.observe(guarded, names="value")

    def _set_message(self, text: str, warning: bool = False) -> None:
        """Show one line under the widget: information, or a warning in bold."""
        self.message = text
        escaped = html.escape(text)
        self.status.value = (
            f'<span style="color:#b00020;font-weight:bold">⚠ {escaped}</span>'
            if warning
            else f'<span style="color:#333">{escaped}</span>'
        )
