"""`make site`: the Jupyter Book site built from the stored notebooks (tools/book.py).

The site is built once here, for a published address and a JupyterHub (so that every launch
button exists), into a temporary folder. These checks read the HTML files; the browser test
(tests/browser/test_site.py) loads the pages in Chromium.
"""

from __future__ import annotations

import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from tools import book, book_ext, links, notebook_format

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = notebook_format.course_notebooks()
CHAPTERS = [p for p in NOTEBOOKS if p.name != notebook_format.CONTENTS]
PUBLISHED = "https://github.com/example-org/convolution-course"
HUB = "https://hub.example.edu"
WIDGET = "application/vnd.jupyter.widget-view+json"


class Page(HTMLParser):
    """What one built page holds: ids, every URL it refers to, links by class, text."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, dict]] = []  # (tag, url, attributes)
        self.text: list[str] = []
        self.details: list[str] = []  # the summary text of each <details>
        self.details_open: list[bool] = []  # whether each <details> starts open
        self.details_code: list[int] = []  # how many <pre> blocks each <details> holds
        self._summary = False
        self._inside = 0  # depth of <details> elements around the current tag
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src", "data"):
            if attrs.get(name):
                self.refs.append((tag, attrs[name], attrs))
        if tag == "details":
            self._inside += 1
            self.details_open.append("open" in attrs)
            self.details_code.append(0)
        if tag == "pre" and self._inside:
            self.details_code[-1] += 1
        if tag == "summary":
            self._summary = True
            self.details.append("")

    def handle_endtag(self, tag):
        if tag == "summary":
            self._summary = False
        if tag == "details":
            self._inside -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._summary:
            self.details[-1] += data

    def links(self, host: str) -> list[str]:
        return [
            url
            for tag, url, _ in self.refs
            if tag == "a" and urllib.parse.urlsplit(url).hostname == host
        ]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("book") / "_site"
    book.build(out, repository=PUBLISHED, hub=HUB, work=tmp_path_factory.mktemp("work"))
    return out


def page_of(site: Path, notebook: Path) -> Page:
    return Page(site / "notebooks" / f"{notebook.stem}.html")


def all_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_chapter_and_both_docs_have_a_page_in_reading_order(site):
    """The sidebar lists the contents, every chapter in order, then README and INSTRUCTORS;
    index.html opens the contents."""
    index = (site / "index.html").read_text()
    assert 'url=notebooks/00-contents.html"' in index
    contents = page_of(site, NOTEBOOKS[0])
    sidebar = [
        url
        for tag, url, attrs in contents.refs
        if tag == "a" and "reference internal" in attrs.get("class", "")
    ]
    order = [u for u in sidebar if u.endswith(".html") and "#" not in u]
    expected = [f"{p.stem}.html" for p in CHAPTERS] + ["../README.html", "../INSTRUCTORS.html"]
    positions = [order.index(name) for name in expected]
    assert positions == sorted(positions), order
    for name in ("README.html", "INSTRUCTORS.html"):
        assert (site / name).is_file()


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_launch_buttons_come_from_the_one_setting(site, path):
    """Binder, JupyterHub (nbgitpuller) and Colab open this chapter of the set repository."""
    page = page_of(site, path)
    course = links.load(repository=PUBLISHED)
    notebook = f"notebooks/{path.name}"
    binder = set(page.links("mybinder.org"))
    expected = links.binder_url(course, course.hub_branch).replace(course.contents, notebook)
    assert binder == {expected}
    hub = [
        urllib.parse.parse_qs(urllib.parse.urlsplit(u).query) for u in page.links("hub.example.edu")
    ]
    puller = urllib.parse.parse_qs(urllib.parse.urlsplit(links.nbgitpuller_url(course, HUB)).query)
    assert hub and all(q["repo"] == puller["repo"] and q["branch"] == puller["branch"] for q in hub)
    assert {q["urlpath"][0] for q in hub} == {f"lab/tree/{course.clone_dir}/{notebook}"}
    colab = set(page.links("colab.research.google.com"))
    assert colab == {
        f"https://colab.research.google.com/github/example-org/convolution-course/blob/{course.hub_branch}/{notebook}"
    }
    assert PUBLISHED in {url for tag, url, _ in page.refs if tag == "a"}


def test_no_launch_buttons_for_the_placeholder_address():
    """While the setting is the placeholder, the book has no repository and no launch URL."""
    placeholder = links.course(links.PLACEHOLDER, "main", "main", "notebooks/00-contents.ipynb")
    config = book.config(placeholder, hub=HUB)
    assert config["repository"]["url"] == ""
    assert set(config["launch_buttons"]) == {"notebook_interface"}
    assert config["html"]["use_repository_button"] is False


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_each_page_offers_its_notebook_for_download(site, path):
    """The download button links the .ipynb, which is the committed notebook, byte for byte."""
    page = page_of(site, path)
    target = f"../_sources/notebooks/{path.name}"
    assert target in {url for _, url, _ in page.refs}
    assert (site / "_sources" / "notebooks" / path.name).read_bytes() == path.read_bytes()


def test_nothing_is_loaded_from_another_host(site):
    """No page, stylesheet or script refers to another host for anything it loads (scripts,
    styles, fonts, images, frames); MathJax is the site's own copy."""
    loaded = []
    for path in all_pages(site):
        page = Page(path)
        for tag, url, attrs in page.refs:
            if tag == "a" or (tag == "link" and attrs.get("rel") in ("canonical",)):
                continue
            if urllib.parse.urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                loaded.append(f"{path.relative_to(site)}: <{tag}> {url}")
    for path in list(site.rglob("*.css")) + list(site.rglob("*.js")):
        if "mathjax" in path.parts:
            continue  # MathJax's own loader names its CDN as a default it does not use here
        text = path.read_text(errors="replace")
        for url in re.findall(
            r"@import\s+url\(['\"]?(https?://[^'\")]+)|url\(['\"]?(https?://[^'\")]+)", text
        ):
            loaded.append(f"{path.relative_to(site)}: {url}")
    assert loaded == []
    chapter = (site / "notebooks" / "02-correlation-vs-convolution.html").read_text()
    assert "_static/mathjax/tex-chtml.js" in chapter
    assert (site / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_every_relative_link_and_anchor_resolves(site):
    """Each relative URL of every page names a file of the site, and each #anchor an id."""
    pages = {path: Page(path) for path in all_pages(site)}
    broken = []
    for path, page in pages.items():
        for _tag, url, _ in page.refs:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme or url.startswith(("//", "javascript:", "mailto:")):
                continue
            target = (
                (path.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else path
            )
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {url}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else Page(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{path.relative_to(site)}: {url} (no such id)")
    assert broken == []


def test_navigation_and_set_up_cells_are_left_out(site):
    """The notebooks' navigation lines and set-up cells are not on any page."""
    for path in NOTEBOOKS:
        text = (site / "notebooks" / f"{path.stem}.html").read_text()
        assert "COURSE_REPOSITORY" not in text
        assert "(end of the course)" not in text and "(start of the course)" not in text
        assert "[Contents](00-contents.ipynb)" not in text


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_solutions_are_folded(site, path):
    """Every solution is a closed <details> behind "Solution" holding its code, and nothing
    else on the page is folded."""
    nb = nbformat.read(path, as_version=4)
    solutions = sum("solution" in c.metadata.get("tags", []) for c in nb.cells)
    page = page_of(site, path)
    summaries = [" ".join(s.split()) for s in page.details]
    assert solutions > 0
    assert summaries == ["Solution"] * solutions, summaries
    assert page.details_open == [False] * solutions
    assert page.details_code == [1] * solutions


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_widgets_are_notes_pointing_to_their_figure(site, path):
    """Each stored widget view is a note on the page that links a section of the same page
    holding a figure; no widget script is loaded."""
    nb = nbformat.read(path, as_version=4)
    widgets = sum(
        WIDGET in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    text = (site / "notebooks" / f"{path.stem}.html").read_text()
    notes = re.findall(r'<div class="admonition note widget-note".*?</div>', text, re.S)
    assert len(notes) == widgets
    page = page_of(site, path)
    for note in notes:
        anchors = re.findall(r'href="#([^"]+)"', note)
        assert len(anchors) == 1 and anchors[0] in page.ids, note
        assert "launch buttons" in note and "00-contents.html#how-to-run-it" in note
    assert WIDGET not in text and "embed-amd" not in text and "require.min.js" not in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_widget_names_its_static_figure(path):
    """Each cell that shows a widget carries a tag figure:<cell id> naming an earlier cell
    that shows a figure (the one the site's note points to)."""
    nb = nbformat.read(path, as_version=4)
    cells = [dict(c) for c in nb.cells]
    ids = [c.id for c in nb.cells]
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(WIDGET in o.get("data", {}) for o in cell.outputs):
            named = [t for t in cell.metadata.get("tags", []) if t.startswith(book_ext.FIGURE_TAG)]
            assert len(named) == 1, f"{cell.id}: no figure tag"
            figure = ids.index(named[0].removeprefix(book_ext.FIGURE_TAG))
            assert figure < index and book_ext._shows_a_figure(cells[figure]), cell.id


def test_widget_note_names_the_figure_tagged_else_the_nearest_above():
    """The note links the section of the tagged figure, else of the closest earlier figure
    (code output or image), else no section."""
    cells = [
        {"cell_type": "markdown", "source": "## 1. First\n\ntext"},
        {"cell_type": "code", "source": "", "outputs": [{"data": {"image/png": "x"}}]},
        {"cell_type": "markdown", "source": "## 2. Second part"},
        {"cell_type": "markdown", "source": "![animation](figures/a.gif)"},
        {"cell_type": "markdown", "source": "## 3. Try it"},
        {"cell_type": "code", "source": "", "outputs": []},
    ]
    note = book_ext.widget_note(cells, 5, "Stepper: position 1")
    assert 'href="#second-part"' in note and "2. Second part" in note
    assert "Stepper: position 1" in note
    assert 'href="#' not in book_ext.widget_note(cells[4:], 1, "")
    cells[5]["metadata"] = {"tags": ["figure:first-figure"]}
    cells[1]["id"] = "first-figure"
    assert 'href="#first"' in book_ext.widget_note(cells, 5, "")


def test_remote_images_become_their_alt_text():
    """A badge from another host is shown as its alt text, a local image stays."""
    text = (
        "[![Launch on Binder](https://mybinder.org/badge_logo.svg)](https://x) ![a](figures/a.gif)"
    )
    assert book_ext.drop_remote_images(text) == "[Launch on Binder](https://x) ![a](figures/a.gif)"
    assert book_ext.drop_remote_images('<img alt="logo" src="https://a/b.png">') == "logo"


def test_stored_outputs_are_shown_without_executing(site):
    """The contents page shows the stored output of its cell; the book executes nothing."""
    text = "".join(page_of(site, NOTEBOOKS[0]).text)
    assert "[[4. 3. 4.]" in text
    assert book.config(links.load())["execute"] == {"execute_notebooks": "off"}


def test_search_index_knows_scharr(site):
    """Sphinx's search index (used offline by search.html) holds the word Scharr."""
    assert "scharr" in (site / "searchindex.js").read_text().lower()
    assert (site / "search.html").is_file()


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path):
    """`make site SITE_DIR=...` on a folder with other files stops without touching it."""
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(SystemExit, match="not made by"):
        book.build(tmp_path, work=tmp_path.parent / "work-unused")
    assert (tmp_path / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_image_says_what_it_shows(site, path):
    """Every figure on a chapter's page (the notebook's own pictures, not the theme's icons)
    has alt text in words, not a file name."""
    text = (site / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
    figures = [
        tag for tag in re.findall(r"<img\b[^>]*>", text) if re.search(r'src="[^"]*_images/', tag)
    ]
    for tag in figures:
        alt = re.search(r'\balt="([^"]*)"', tag)
        assert alt, f"an <img> without alt: {tag}"
        words = alt[1]
        assert len(words.split()) >= 3 and not words.endswith((".png", ".gif", ".svg")), tag
