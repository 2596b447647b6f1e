"""Build the course as a static HTML site, offline, from the stored notebooks.

``make site`` runs this. It reads the committed notebooks (``notebooks/NN-name.ipynb``, found
by that pattern) and their stored outputs; nothing is re-executed and nothing is fetched. The
result is a folder of plain HTML pages that work opened from disk (``file://``) or served by
any static web server, with no JavaScript and nothing loaded from another host:

- ``index.html`` is the contents notebook (``00-contents.ipynb``); every other notebook
  becomes ``NN-name.html``, with previous | contents | next bars at the top and bottom (built
  here from the reading order; the notebooks' own navigation cells are left out).
- Markdown is rendered with mistune. Headings get the ids JupyterLab gives them (spaces
  become ``-``), so ``NN-name.ipynb#Some-heading`` links keep working as ``NN-name.html#...``.
- Math (``$...$`` and ``$$...$$``) is drawn by Matplotlib's mathtext as inline SVG paths,
  the TeX kept in ``aria-label`` and ``<title>``. Sizing commands mathtext does not know
  (``\\big(`` and friends) are dropped first; a formula mathtext still cannot parse is shown
  as its TeX source in ``<code class="tex">`` and reported.
- Code cells show their source (highlighted by Pygments) and stored outputs: text, images
  (written to ``outputs/``), sanitised HTML. A widget view is shown by its text fallback and
  a note that it needs a live kernel (the notebooks put a static figure beside each widget).
  Cells tagged ``solution`` (source hidden) are collapsed in ``<details>`` with their output.
- Relative links: a course notebook becomes its page; a file under ``notebooks/`` (the GIF
  animations) is copied; a Markdown file elsewhere in the repository (``../README.md``)
  becomes a page of its own (``readme.html``, GitHub-style heading ids, its links handled the
  same way); any other repository file is copied under ``files/`` (``.txt`` appended unless a
  browser shows it as it is). A link to a folder keeps its text without a link. A link to
  nothing is a warning (an error with ``--strict``). Remote images are never loaded: their
  alt text is shown instead.
- Building twice gives byte-identical files. The output folder is emptied first, but only
  if an earlier build made it (it holds :data:`MARKER`) or it is empty.

This module reads the notebooks, resolves links, lays out the pages and writes the folder;
Markdown rendering (with the HTML helpers) is in ``site_markdown.py``, math in
``site_math.py``.

Usage: ``python tools/build_site.py [--out _site] [--strict]``
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import struct
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

# course_files, site_markdown and site_math are sibling modules in tools/ (the folder is on
# sys.path when this runs as a script, and the tests put it there). Names the tests use from
# here are re-exported with "as".
from course_files import CONTENTS, NAV_TAG, NOTEBOOK_DIR, course_notebooks, title_of
from pygments.formatters import HtmlFormatter
from site_markdown import esc, highlight_code, jupyter_slug, render_markdown, sanitise_html
from site_math import extract_math as extract_math
from site_math import normalise_tex as normalise_tex
from site_math import tex_to_svg

ROOT = Path(__file__).resolve().parent.parent
STYLE_SOURCE = Path(__file__).resolve().parent / "site" / "style.css"
DEFAULT_OUT = ROOT / "_site"
MARKER = ".course-site"  # in the output folder: "an earlier build made this, safe to empty"
INDEX = "index.html"
OUTPUTS_DIR = "outputs"  # images of stored outputs
FILES_DIR = "files"  # repository files linked from a page, outside notebooks/

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
IMAGE_MIMES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
SVG_MIME = "image/svg+xml"
# Extensions a browser shows as they are; other linked files get ".txt" so they display.
SHOWN_AS_IS = {".png", ".gif", ".jpg", ".jpeg", ".svg", ".webp", ".pdf", ".txt", ".html"}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SUPTITLE = re.compile(r"""\.suptitle\(\s*(["'])(.+?)\1""")


# --------------------------------------------------------------------------- results


@dataclass
class BuildReport:
    """What one build wrote and met."""

    out_dir: Path
    pages: list[str] = field(default_factory=list)  # file names, in writing order
    files: int = 0  # every file written (pages, images, copies, style)
    formulas: int = 0  # formulas drawn as SVG
    fallbacks: list[str] = field(default_factory=list)  # "page: TeX" shown as source
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


class SiteError(RuntimeError):
    """The site cannot be built (a folder that is not ours, a broken link with --strict)."""


# --------------------------------------------------------------------------- small helpers


def page_name(path: Path, root: Path) -> str:
    """The site file of a page source: ``00-contents.ipynb`` -> ``index.html``, etc."""
    if path.suffix == ".ipynb":
        return INDEX if path.name == CONTENTS else path.stem + ".html"
    relative = path.relative_to(root).with_suffix("")
    return "-".join(relative.parts).lower() + ".html"


def chapter_label(path: Path, title: str) -> str:
    """ "03 · Title", as the notebooks' own navigation names a chapter."""
    return f"{path.name[:2]} · {title}"


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of PNG or GIF bytes from their header, else None."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    return None


def file_image_size(path: Path) -> tuple[int, int] | None:
    try:
        from PIL import Image

        with Image.open(path) as image:
            return image.size
    except Exception:  # not an image Pillow reads: no size attributes, that is all
        return None


def _joined(value):
    return "".join(value) if isinstance(value, list) else value


def load_notebook(path: Path) -> dict:
    """A notebook file as a dict, multi-line strings joined (as ``nbformat.read`` gives them)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise SiteError(f"{path.name} is not a readable notebook: {error}") from None
    if nb.get("nbformat") != 4:
        raise SiteError(f"{path.name}: nbformat {nb.get('nbformat')}, this script reads 4")
    for cell in nb.get("cells", []):
        cell["source"] = _joined(cell.get("source", ""))
        for attachment in cell.get("attachments", {}).values():
            for mime, value in attachment.items():
                attachment[mime] = _joined(value)
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = _joined(output["text"])
            for mime, value in output.get("data", {}).items():
                if isinstance(value, list):
                    output["data"][mime] = _joined(value)
    return nb


# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    """One page of the site and where it came from."""

    source: Path
    name: str  # file name in the site
    title: str
    label: str  # how warnings name it
    ids: set[str] = field(default_factory=set)  # heading ids given so far
    attachments: dict = field(default_factory=dict)  # of the Markdown cell being rendered

    def unique_id(self, ident: str) -> str:
        ident = ident or "section"
        candidate, n = ident, 0
        while candidate in self.ids:
            n += 1
            candidate = f"{ident}-{n}"
        self.ids.add(candidate)
        return candidate


class Site:
    """Builds the site into ``out_dir`` (see the module docstring)."""

    def __init__(self, out_dir: Path, notebook_dir: Path = NOTEBOOK_DIR, root: Path = ROOT):
        self.out = Path(out_dir).resolve()
        self.notebook_dir = Path(notebook_dir).resolve()
        self.root = Path(root).resolve()
        self.order = course_notebooks(self.notebook_dir)
        self.report = BuildReport(self.out)
        self.copied: dict[Path, str] = {}  # source file -> site path
        self.extra_pages: dict[Path, Page] = {}  # Markdown files linked from a page
        self.pending: list[Page] = []
        self.svg_cache: dict[tuple[str, bool], str | None] = {}
        self.notebooks = {p: load_notebook(p) for p in self.order}
        self.titles = {}
        for path, nb in self.notebooks.items():
            try:
                self.titles[path] = title_of(nb)
            except ValueError:  # a chapter being written: still a page, with a warning
                self.titles[path] = path.stem[3:].replace("-", " ").capitalize()
                self.warn(f"{path.name}: no '# Title' heading; titled from its file name")
        self.run_help = self._run_help_link()

    # ---- reporting
    def warn(self, message: str) -> None:
        if message not in self.report.warnings:
            self.report.warnings.append(message)

    # ---- output
    def prepare(self) -> None:
        if self.out.exists():
            if not self.out.is_dir():
                raise SiteError(f"{self.out} exists and is not a folder")
            if any(self.out.iterdir()) and not (self.out / MARKER).exists():
                raise SiteError(
                    f"{self.out} is not empty and was not made by this script "
                    f"(no {MARKER} in it): refusing to delete it"
                )
            shutil.rmtree(self.out)
        self.out.mkdir(parents=True)
        self.write(MARKER, "Built by tools/build_site.py; the next build deletes this folder.\n")

    def write(self, relative: str, content: str | bytes) -> None:
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        target.write_bytes(content)
        self.report.files += 1

    def copy(self, source: Path, relative: str) -> str:
        if source not in self.copied:
            self.write(relative, source.read_bytes())
            self.copied[source] = relative
        return self.copied[source]

    # ---- links
    def _inside(self, path: Path, folder: Path) -> bool:
        return path == folder or folder in path.parents

    def _target(self, url: str, page: Page) -> tuple[Path | None, str, str]:
        """(resolved local path or None if external, path part, fragment) of a link."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("//"):
            return None, url, ""
        local = urllib.parse.unquote(parts.path)
        resolved = (page.source.parent / local).resolve() if local else page.source
        return resolved, local, parts.fragment

    def resolve(self, url: str, page: Page) -> str | None:
        """Where a link of ``page`` points in the site; None: keep its text, no link."""
        url = url.strip()
        if url.startswith("#"):
            return url
        target, _path, fragment = self._target(url, page)
        if target is None:
            return url  # absolute: http(s), mailto...
        anchor = f"#{fragment}" if fragment else ""
        if not self._inside(target, self.root) or any(
            part.startswith(".") for part in target.relative_to(self.root).parts
        ):
            self.warn(f"{page.label}: link outside the course repository: {url}")
            return None
        if target.suffix == ".ipynb":
            if target in self.order:
                return page_name(target, self.root) + anchor
            self.warn(f"{page.label}: link to a notebook that is not in the course: {url}")
            return None
        if target.is_dir():
            return None  # a folder has no page: its name stays, as text
        if not target.is_file():
            self.warn(f"{page.label}: broken link: {url}")
            return None
        if target.suffix.lower() == ".md":
            return self._markdown_page(target).name + anchor
        return self._copy_linked_file(target) + anchor

    def _copy_linked_file(self, target: Path) -> str:
        if self._inside(target, self.notebook_dir):
            relative = target.relative_to(self.notebook_dir).as_posix()
        else:
            relative = f"{FILES_DIR}/{target.relative_to(self.root).as_posix()}"
            if target.suffix.lower() not in SHOWN_AS_IS:
                relative += ".txt"
        return self.copy(target, relative)

    def resolve_image(self, url: str, page: Page) -> tuple[str | None, tuple[int, int] | None]:
        target, _path, _fragment = self._target(url.strip(), page)
        if target is None:
            if not url.startswith("data:image/"):
                return None, None  # remote: not loaded at view time
            return url, None
        if not target.is_file() or not self._inside(target, self.root):
            self.warn(f"{page.label}: missing image: {url}")
            return None, None
        return self._copy_linked_file(target), file_image_size(target)

    def attachment(self, page: Page, name: str) -> tuple[str | None, tuple[int, int] | None]:
        data = page.attachments.get(name, {})
        for mime, suffix in IMAGE_MIMES.items():
            if mime in data:
                raw = base64.b64decode(data[mime])
                safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name)
                relative = f"{OUTPUTS_DIR}/{page.source.stem}/attachment-{safe}"
                if not relative.endswith(suffix):
                    relative += suffix
                self.write(relative, raw)
                return relative, image_size(raw)
        self.warn(f"{page.label}: missing attachment: {name}")
        return None, None

    def _markdown_page(self, path: Path) -> Page:
        if path not in self.extra_pages:
            text = path.read_text(encoding="utf-8")
            match = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
            title = match.group(1).strip() if match else path.name
            page = Page(
                path, page_name(path, self.root), title, path.relative_to(self.root).as_posix()
            )
            self.extra_pages[path] = page
            self.pending.append(page)
        return self.extra_pages[path]

    def _run_help_link(self) -> str:
        """Where a widget note sends the reader: the contents' "how to run" section."""
        contents = self.notebook_dir / CONTENTS
        if contents in self.notebooks:
            for cell in self.notebooks[contents]["cells"]:
                if cell["cell_type"] != "markdown":
                    continue
                for heading in re.findall(r"^#{1,6} (.+)$", cell["source"], flags=re.MULTILINE):
                    if "run" in heading.lower():
                        return f"{INDEX}#{jupyter_slug(heading)}"
        return INDEX

    # ---- Markdown and math
    def markdown(self, source: str, page: Page) -> str:
        return render_markdown(source, self, page)

    def formula(self, tex: str, display: bool, page: Page) -> str:
        """A formula's SVG, or its TeX as ``<code>`` (reported) if mathtext cannot draw it."""
        key = (tex, display)
        if key not in self.svg_cache:
            self.svg_cache[key] = tex_to_svg(tex, display)
        svg = self.svg_cache[key]
        if svg is None:
            self.report.fallbacks.append(f"{page.label}: {tex.strip()}")
            code = f'<code class="tex" title="TeX source">{esc(tex.strip())}</code>'
            return f'<span class="math-display">{code}</span>' if display else code
        self.report.formulas += 1
        return f'<span class="math-display">{svg}</span>' if display else svg

    # ---- notebooks
    def notebook_page(self, path: Path) -> str:
        nb = self.notebooks[path]
        title = self.titles[path]
        page = Page(path, page_name(path, self.root), title, path.name)
        body = []
        for cell in nb["cells"]:
            tags = cell.get("metadata", {}).get("tags", [])
            if NAV_TAG in tags:
                continue  # the site draws its own navigation
            if cell["cell_type"] == "markdown":
                page.attachments = cell.get("attachments", {})
                body.append(
                    f'<div class="cell markdown">\n{self.markdown(cell["source"], page)}</div>'
                )
            elif cell["cell_type"] == "code":
                body.append(self.code_cell(cell, page))
        index = self.order.index(path)
        previous = self.order[index - 1] if index > 0 else None
        following = self.order[index + 1] if index + 1 < len(self.order) else None
        nav = self.pager(previous, following, home=path.name == CONTENTS)
        head_title = (
            title
            if path.name == CONTENTS
            else (f"{chapter_label(path, title)} · {self.course_title}")
        )
        source_note = (
            f"Made from <code>notebooks/{esc(path.name)}</code> and its stored outputs. "
            f'To run the code yourself, see <a href="{esc(self.run_help)}">how to run it</a>.'
        )
        return self.layout(head_title, nav, "\n".join(body), source_note, previous, following)

    def code_cell(self, cell, page: Page) -> str:
        tags = cell.get("metadata", {}).get("tags", [])
        jupyter = cell.get("metadata", {}).get("jupyter", {})
        source = cell["source"].rstrip()
        parts = []
        if source:
            parts.append(
                f'<pre class="source highlight"><code>{highlight_code(source, "python")}'
                "</code></pre>"
            )
        outputs = [self.output(o, cell, page, n) for n, o in enumerate(cell.get("outputs", []))]
        outputs = [o for o in outputs if o]
        if not parts and not outputs:
            return ""
        output_html = f'<div class="outputs">\n{"".join(outputs)}</div>' if outputs else ""
        if jupyter.get("outputs_hidden") and output_html:
            output_html = f"<details><summary>Show the output</summary>\n{output_html}</details>"
        if "solution" in tags:
            inner = "\n".join(parts) + output_html
            return (
                '<details class="cell code solution"><summary>Solution</summary>\n'
                f"{inner}</details>"
            )
        if jupyter.get("source_hidden") and parts:
            parts = [f"<details><summary>Show the code</summary>\n{parts[0]}</details>"]
        return f'<div class="cell code">\n{"".join(parts)}{output_html}</div>'

    def output(self, output, cell, page: Page, number: int) -> str:
        kind = output.get("output_type")
        if kind == "stream":
            name = "stderr" if output.get("name") == "stderr" else "stdout"
            text = ANSI.sub("", output.get("text", ""))
            return f'<pre class="output {name}">{esc(text.rstrip(chr(10)))}</pre>\n'
        if kind == "error":
            text = ANSI.sub("", "\n".join(output.get("traceback", [])))
            return f'<pre class="output error">{esc(text)}</pre>\n'
        if kind not in ("display_data", "execute_result"):
            return ""
        data = output.get("data", {})
        plain = data.get("text/plain", "")
        if WIDGET_MIME in data:
            return self.widget_note(plain)
        for mime, suffix in IMAGE_MIMES.items():
            if mime in data:
                raw = base64.b64decode(data[mime])
                return self.output_image(raw, suffix, output, cell, page, number, plain)
        if SVG_MIME in data:
            raw = data[SVG_MIME].encode("utf-8")
            return self.output_image(raw, ".svg", output, cell, page, number, plain)
        if "text/html" in data:
            cleaned, changed = sanitise_html(data["text/html"])
            if changed:
                self.warn(f"{page.label}: cell {cell.get('id')}: HTML output partly escaped")
            return f'<div class="output html">{cleaned}</div>\n'
        if "text/markdown" in data:
            return (
                f'<div class="output markdown">{self.markdown(data["text/markdown"], page)}</div>\n'
            )
        if "text/latex" in data:
            tex = data["text/latex"].strip().strip("$")
            return f'<div class="output">{self.formula(tex, True, page)}</div>\n'
        if plain:
            return f'<pre class="output">{esc(ANSI.sub("", plain))}</pre>\n'
        return ""

    def output_image(self, raw, suffix, output, cell, page, number, plain) -> str:
        cell_id = re.sub(r"[^A-Za-z0-9_-]+", "-", str(cell.get("id", "cell")))
        relative = f"{OUTPUTS_DIR}/{page.source.stem}/{cell_id}-{number + 1}{suffix}"
        self.write(relative, raw)
        size = image_size(raw)
        meta = output.get("metadata", {}).get(
            {".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif"}.get(suffix, ""), {}
        )
        if isinstance(meta, dict) and "width" in meta and "height" in meta:
            size = (meta["width"], meta["height"])
        titles = SUPTITLE.findall(cell["source"])
        if plain and not plain.startswith("<"):
            alt = plain
        elif len(titles) == 1:
            alt = f"Figure: {titles[0][1]}"
        else:
            alt = "Figure drawn by the code above"
        dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
        return f'<div class="output image"><img src="{relative}" alt="{esc(alt)}"{dims}></div>\n'

    def widget_note(self, plain: str) -> str:
        description = f'<pre class="output">{esc(plain)}</pre>' if plain else ""
        return (
            '<div class="output widget-note" role="note"><p><strong>Interactive widget.</strong> '
            "Its controls need a running Python kernel, so this page shows its description; "
            "the figure next to it shows what it does. "
            f'<a href="{esc(self.run_help)}">How to run the notebooks</a>.</p>'
            f"{description}</div>\n"
        )

    # ---- Markdown pages
    def markdown_page(self, page: Page) -> str:
        body = self.markdown(page.source.read_text(encoding="utf-8"), page)
        nav = (
            '<nav class="pager" aria-label="Course">'
            f'<span></span><a class="contents" href="{INDEX}">Contents</a><span></span></nav>'
        )
        note = f"Made from <code>{esc(page.label)}</code> in the course repository."
        title = f"{page.title} · {self.course_title}"
        return self.layout(title, nav, f'<div class="cell markdown">\n{body}</div>', note)

    # ---- layout
    @property
    def course_title(self) -> str:
        contents = self.notebook_dir / CONTENTS
        return self.titles.get(contents, "The convolution course")

    def pager(self, previous: Path | None, following: Path | None, home: bool = False) -> str:
        def side(path, rel, arrow_text):
            if path is None:
                return f'<span class="{rel}"></span>'
            label = chapter_label(path, self.titles[path])
            if path.name == CONTENTS:
                label = "Contents"
            return (
                f'<a class="{rel}" rel="{rel}" href="{page_name(path, self.root)}">'
                f'<span class="direction">{arrow_text}</span>'
                f'<span class="name">{esc(label)}</span></a>'
            )

        return (
            '<nav class="pager" aria-label="Chapters">'
            + side(previous, "prev", "← Previous")
            + (
                '<span class="contents-here"></span>'
                if home
                else f'<a class="contents" href="{INDEX}">Contents</a>'
            )
            + side(following, "next", "Next →")
            + "</nav>"
        )

    def layout(self, title, nav, body, note, previous=None, following=None) -> str:
        links = ""
        if previous is not None:
            links += f'<link rel="prev" href="{page_name(previous, self.root)}">\n'
        if following is not None:
            links += f'<link rel="next" href="{page_name(following, self.root)}">\n'
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="style.css">
{links}</head>
<body>
<header class="site-header"><div class="inner">
<a href="{INDEX}">{esc(self.course_title)}</a>
</div></header>
{nav}
<main>
{body}
</main>
{nav}
<footer><p>{note}</p></footer>
</body>
</html>
"""

    def style(self) -> str:
        pygments_css = HtmlFormatter(style="default").get_style_defs(".highlight")
        return (
            STYLE_SOURCE.read_text(encoding="utf-8").rstrip("\n")
            + "\n\n/* Code colours: Pygments' default style. */\n"
            + pygments_css
            + "\n"
        )

    # ---- the build
    def build(self) -> BuildReport:
        start = time.perf_counter()
        if not self.order:
            raise SiteError(f"no notebooks match {self.notebook_dir}/[0-9][0-9]-*.ipynb")
        if self.order[0].name != CONTENTS:
            raise SiteError(f"the first notebook must be {CONTENTS}")
        self.prepare()
        self.write("style.css", self.style())
        for path in self.order:
            name = page_name(path, self.root)
            self.write(name, self.notebook_page(path))
            self.report.pages.append(name)
        while self.pending:  # Markdown files linked from pages (and from those, in turn)
            page = self.pending.pop(0)
            self.write(page.name, self.markdown_page(page))
            self.report.pages.append(page.name)
        self.report.seconds = time.perf_counter() - start
        return self.report


def build(
    out_dir: Path = DEFAULT_OUT,
    notebook_dir: Path = NOTEBOOK_DIR,
    root: Path = ROOT,
    strict: bool = False,
) -> BuildReport:
    """Build the site into ``out_dir``; with ``strict``, any warning raises SiteError."""
    report = Site(out_dir, notebook_dir, root).build()
    if strict and (report.warnings or report.fallbacks):
        raise SiteError(
            "\n".join(report.warnings + [f"math shown as TeX: {f}" for f in report.fallbacks])
        )
    return report


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (_site)")
    parser.add_argument("--strict", action="store_true", help="fail on any warning")
    args = parser.parse_args(arguments)
    try:
        report = build(args.out, strict=args.strict)
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for fallback in report.fallbacks:
        print(f"warning: math shown as TeX source: {fallback}", file=sys.stderr)
    where = str(report.out_dir)
    if report.out_dir.is_relative_to(Path.cwd()):
        where = os.path.relpath(report.out_dir)
    print(
        f"built {len(report.pages)} pages ({report.files} files, {report.formulas} formulas) "
        f"in {report.seconds:.1f} s into {where}/"
    )
    print(f"open {where}/{INDEX} in a browser, or: python -m http.server -d {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
