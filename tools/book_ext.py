"""Sphinx extension for the course's Jupyter Book: what the site shows instead of a live kernel.

Jupyter Book (MyST-NB) renders the stored notebooks as they are; this extension changes how
three things read on a page without a kernel, when Sphinx reads each source (``source-read``,
so the notebooks on disk, and the ``.ipynb`` downloads copied from them, stay untouched):

- a widget's output (``application/vnd.jupyter.widget-view+json``) becomes a note: what the
  widget is (its text description), that its controls need a running kernel, and a link to
  the section whose static figure shows what it does (the cell named by the widget cell's
  tag ``figure:<cell id>``, else the closest figure above). MyST-NB would otherwise load the
  ipywidgets bundle and RequireJS from CDNs, and draw nothing without the widget state;
- a cell tagged ``solution`` is folded (MyST-NB's ``hide-cell``) behind "Show the solution";
- a remote image in Markdown (a badge) is replaced by its alt text, so that no page loads
  anything from another host;
- a script that a page lists twice is kept once (see ``_unique_scripts``).

Navigation and set-up cells carry ``remove-cell`` in the notebooks themselves (written by
tools/notebook_format.py), which MyST-NB honours without help.
"""

from __future__ import annotations

import html
import json
import re

from docutils.nodes import make_id

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SOLUTION_TAG = "solution"
HIDE_TAG = "hide-cell"
FIGURE_TAG = "figure:"  # on a widget's cell: "figure:<id of the cell with its static figure>"
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$", re.MULTILINE)
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:https?:)?//[^)\s]+\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc=[\"'](?:https?:)?//[^>]*>", re.IGNORECASE)
ALT = re.compile(r"\balt=[\"']([^\"']*)[\"']", re.IGNORECASE)
# Where the contents notebook explains how to run the course (a section of 00-contents).
RUN_HELP = "00-contents.html#how-to-run-it"


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")


def _shows_a_figure(cell) -> bool:
    if cell.get("cell_type") == "code":
        return any(
            key.startswith("image/")
            for output in cell.get("outputs", [])
            for key in output.get("data", {})
        )
    text = _text(cell.get("source"))
    return "![" in text or "<img" in text


def _section_of(cells, index: int) -> str | None:
    """The last heading at or before ``cells[index]`` (the section that holds it)."""
    for cell in reversed(cells[: index + 1]):
        if cell.get("cell_type") == "markdown":
            headings = HEADING.findall(_text(cell.get("source")))
            if headings:
                return headings[-1][1]
    return None


def static_figure(cells, index: int) -> int | None:
    """Index of the cell whose figure shows what the widget of ``cells[index]`` does.

    The widget's cell names it with a tag ``figure:<cell id>``; without one, the closest
    earlier cell that shows a figure.
    """
    tags = cells[index].get("metadata", {}).get("tags", [])
    named = [t.removeprefix(FIGURE_TAG) for t in tags if t.startswith(FIGURE_TAG)]
    if named:
        ids = [c.get("id") for c in cells]
        if named[0] not in ids:
            raise ValueError(f"tag {FIGURE_TAG}{named[0]}: no cell has that id")
        return ids.index(named[0])
    return next((i for i in range(index - 1, -1, -1) if _shows_a_figure(cells[i])), None)


def widget_note(cells, index: int, description: str) -> str:
    """HTML of the note that stands for the widget output of ``cells[index]``."""
    figure = static_figure(cells, index)
    section = _section_of(cells, figure) if figure is not None else None
    if section is not None:
        where = (
            f'the figure in <a href="#{make_id(section)}">{html.escape(section)}</a> above '
            "shows what it does"
        )
    else:
        where = "the figures on this page show what it does"
    about = f"<p><code>{html.escape(description)}</code></p>" if description else ""
    return (
        '<div class="admonition note widget-note" role="note">'
        '<p class="admonition-title">Interactive widget</p>'
        f"<p>Its controls need a running Python kernel, so this page cannot show it; {where}. "
        "To use it, open the chapter with one of the launch buttons at the top of the page, "
        f'or see <a href="{RUN_HELP}">how to run the notebooks</a>.</p>{about}</div>'
    )


def rewrite_notebook(text: str) -> str:
    """The notebook's JSON with widget outputs as notes and solutions folded."""
    nb = json.loads(text)
    cells = nb.get("cells", [])
    for index, cell in enumerate(cells):
        if cell.get("cell_type") == "markdown":
            cell["source"] = drop_remote_images(_text(cell.get("source")))
            continue
        if cell.get("cell_type") != "code":
            continue
        metadata = cell.setdefault("metadata", {})
        tags = metadata.setdefault("tags", [])
        if SOLUTION_TAG in tags and HIDE_TAG not in tags:
            tags.append(HIDE_TAG)
            metadata["mystnb"] = {
                "code_prompt_show": "Show the solution",
                "code_prompt_hide": "Hide the solution",
            }
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                description = _text(data.get("text/plain", "")).strip().strip("'\"")
                output["data"] = {
                    "text/html": widget_note(cells, index, description),
                    "text/plain": description,
                }
    nb.get("metadata", {}).pop("widgets", None)
    return json.dumps(nb)


def drop_remote_images(text: str) -> str:
    """Markdown with every image from another host replaced by its alt text."""
    text = MARKDOWN_IMAGE.sub(lambda m: m[1], text)
    return HTML_IMAGE.sub(lambda m: (ALT.search(m[0]) or [None, ""])[1], text)


def _source_read(app, docname, source):
    path = str(app.env.doc2path(docname))
    if path.endswith(".ipynb"):
        source[0] = rewrite_notebook(source[0])
    elif path.endswith(".md"):
        source[0] = drop_remote_images(source[0])


def _unique_scripts(app, pagename, templatename, context, doctree):
    """Each script once per page: sphinx-thebe 0.3.1 under Jupyter Book 1 adds its inline
    configuration twice, and the second ``const THEBE_JS_URL`` is a JavaScript error."""
    seen, unique = set(), []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", None) or {}
        # The same inline script comes once with filename None and once with "".
        key = (getattr(script, "filename", None) or "", tuple(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    if "script_files" in context:
        context["script_files"][:] = unique


def _theme_mode(app, config):
    """Start in the reader's light or dark mode: without a default the theme logs a console
    error ("Got invalid theme mode") on every first visit."""
    config.html_context.setdefault("default_mode", "auto")


def setup(app):
    app.connect("config-inited", _theme_mode)
    app.connect("source-read", _source_read)
    app.connect("html-page-context", _unique_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
