"""`make site`: the static HTML site built from the stored notebooks (tools/build_site.py).

Fast checks without a browser: every notebook has a page, every link and image resolves
inside the site (or is an https link out), nothing is loaded from the network, builds are
byte-identical, the math of chapters 02 and 07 is drawn, widgets are shown by their text
fallback, solutions are collapsed, the navigation follows the reading order. The browser
test (tests/browser/test_site.py) opens the pages in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402  (a script folder, not an installed package)
import notebook_format  # noqa: E402

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = notebook_format.course_notebooks()
WIDGET = "application/vnd.jupyter.widget-view+json"


class PageParser(HTMLParser):
    """The ids, link and source attributes, and visible text of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.rel: dict[str, str] = {}  # rel="prev"/"next" of <a> -> href (last one wins)
        self.text: list[str] = []  # text outside <code>, <pre>, <svg>, <title>
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if name in attrs:
                self.urls.append((tag, name, attrs[name]))
        if tag == "a" and attrs.get("rel") in ("prev", "next"):
            self.rel[attrs["rel"]] = attrs["href"]
        if tag in ("code", "pre", "svg", "title", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("code", "pre", "svg", "title", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def read_notebook(path: Path) -> dict:
    return build_site.load_notebook(path)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built once into a temporary folder: (folder, report)."""
    out = tmp_path_factory.mktemp("site") / "_site"
    return out, build_site.build(out)


def pages_of(out: Path) -> list[Path]:
    return sorted(out.glob("*.html"))


def test_every_notebook_has_a_page(site):
    """Each notebook found by the NN-name pattern has a page; the contents is index.html."""
    out, report = site
    for path in NOTEBOOKS:
        expected = "index.html" if path.name == notebook_format.CONTENTS else f"{path.stem}.html"
        assert (out / expected).is_file(), f"no page for {path.name}"
        assert expected in report.pages
    assert (out / "style.css").is_file()


def test_build_reports_no_warning(site):
    """No broken link, no raw HTML shown as text, no formula left as TeX."""
    _out, report = site
    assert report.warnings == []
    assert report.fallbacks == []


def test_titles_and_order_agree_with_the_notebook_tools():
    """The site reads notebooks as JSON; its titles and order match tools/notebook_format."""
    site = build_site.Site(Path("unused"))
    assert site.order == NOTEBOOKS
    for path in NOTEBOOKS:
        import nbformat

        assert site.titles[path] == notebook_format.title_of(nbformat.read(path, as_version=4))
    assert (build_site.CONTENTS, build_site.NAV_TAG) == (
        notebook_format.CONTENTS,
        notebook_format.NAV_TAG,
    )


def test_every_link_and_source_resolves(site):
    """Every href/src is a file in the site (and its #anchor an id there), an https link out,
    or a data: URL; nothing points outside the site folder."""
    out, _report = site
    parsed = {page.name: parse(page) for page in pages_of(out)}
    problems = []
    for name, page in parsed.items():
        for tag, attribute, value in page.urls:
            parts = urllib.parse.urlsplit(value)
            where = f"{name}: <{tag} {attribute}={value!r}>"
            if parts.scheme == "data":
                continue
            if parts.scheme or parts.netloc:
                if not (tag == "a" and parts.scheme in ("https", "mailto")):
                    problems.append(f"{where}: only <a> may point elsewhere, over https")
                continue
            target = (
                (out / name).parent / urllib.parse.unquote(parts.path) if parts.path else out / name
            )
            target = target.resolve()
            if not target.is_relative_to(out.resolve()) or not target.is_file():
                problems.append(f"{where}: no such file in the site")
                continue
            if parts.fragment:
                ids = parsed[target.name].ids if target.suffix == ".html" else set()
                if urllib.parse.unquote(parts.fragment) not in ids:
                    problems.append(f"{where}: no id {parts.fragment!r} in {target.name}")
    assert problems == []


def test_nothing_loaded_from_the_network(site):
    """No CDN, no script, no remote stylesheet, font or image: the pages work offline."""
    out, _report = site
    for path in [*pages_of(out), out / "style.css"]:
        text = path.read_text(encoding="utf-8")
        lowered = text.lower()
        assert "cdn" not in lowered, path.name
        assert "<script" not in lowered, path.name
        assert "@import" not in lowered and "url(" not in lowered, path.name
        assert not re.search(
            r"""<(?:img|link|iframe|source|video|audio)[^>]+(?:src|href)=["']?(?:https?:)?//""",
            lowered,
        ), path.name


def test_building_twice_gives_identical_files(tmp_path):
    """Deterministic: two builds from the same notebooks write the same files, byte for byte.

    (From a snapshot of the repository's top-level files and notebooks/, so that a notebook
    saved between the two builds cannot make them differ.)
    """
    snapshot = tmp_path / "repo"
    shutil.copytree(NOTEBOOK_DIR, snapshot / "notebooks")
    for path in ROOT.iterdir():
        if path.is_file():
            shutil.copyfile(path, snapshot / path.name)
    first, second = tmp_path / "first", tmp_path / "second"
    build_site.build(first, snapshot / "notebooks", snapshot)
    build_site.build(second, snapshot / "notebooks", snapshot)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


@pytest.mark.parametrize("stem", ["02-correlation-vs-convolution", "07-learn-a-filter"])
def test_math_is_drawn(site, stem):
    """Every formula of chapters 02 and 07 is an SVG with its TeX as label; no $ left in text."""
    out, report = site
    path = NOTEBOOK_DIR / f"{stem}.ipynb"
    formulas = []
    for cell in read_notebook(path)["cells"]:
        if cell["cell_type"] == "markdown":
            formulas += build_site.extract_math(cell["source"])[1]
    assert len(formulas) >= 10, "the chapter has its formulas"
    html = (out / f"{stem}.html").read_text(encoding="utf-8")
    assert html.count('<svg class="math') == len(formulas)
    for tex, _display in formulas:
        assert f'aria-label="{build_site.esc(tex.strip())}"' in html
    assert not [f for f in report.fallbacks if f.startswith(path.name)]
    assert "$" not in "".join(parse(out / f"{stem}.html").text)


def test_math_fallback_and_parsing():
    """Code spans and escaped dollars are not math; what mathtext cannot parse stays as TeX."""
    text, formulas = build_site.extract_math(
        "Costs \\$5, `$x$` in code, $a_1$ and\n\n```\n$$ not math $$\n```\n$$\nb^2\n$$ and $ c $"
    )
    assert formulas == [("a_1", False), ("\nb^2\n", True)]
    assert "`$x$`" in text and "$$ not math $$" in text and "$ c $" in text
    assert build_site.tex_to_svg(r"\notacommand{x}") is None
    assert build_site.tex_to_svg(r"\big(x\big)") is not None  # sizing commands are dropped
    assert build_site.normalise_tex(r"\sum_i \sum_j x") == r"\sum_i\, \sum_j x"


def test_widgets_are_shown_by_their_text_fallback(site):
    """Each stored widget view shows its text/plain description and a note, never a loader."""
    out, _report = site
    seen = 0
    for path in NOTEBOOKS:
        page = out / build_site.page_name(path, ROOT)
        html = page.read_text(encoding="utf-8")
        assert "Loading widget" not in html and "Error displaying widget" not in html
        for cell in read_notebook(path)["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if WIDGET in data:
                    seen += 1
                    assert build_site.esc(data["text/plain"]) in html, path.name
                    assert 'class="output widget-note"' in html
    assert seen >= 3, "the course stores widget views in 03, 04, 06 and 10"


def test_sliding_window_gif_is_on_the_03_page(site):
    """The chapter 03 animation is an <img> of the copied GIF, with its size."""
    out, _report = site
    page = parse(out / "03-the-5x5-example.html")
    assert ("img", "src", "figures/03-sliding-window.gif") in page.urls
    gif = out / "figures" / "03-sliding-window.gif"
    assert gif.read_bytes() == (NOTEBOOK_DIR / "figures" / "03-sliding-window.gif").read_bytes()


def test_output_images_are_written(site):
    """Every stored PNG output is a file the page shows (count per notebook)."""
    out, _report = site
    for path in NOTEBOOKS:
        count = sum(
            "image/png" in o.get("data", {})
            for c in read_notebook(path)["cells"]
            for o in c.get("outputs", [])
        )
        page = parse(out / build_site.page_name(path, ROOT))
        shown = [v for t, a, v in page.urls if t == "img" and v.startswith(f"outputs/{path.stem}/")]
        assert len(shown) == count, path.name


def test_navigation_follows_the_reading_order(site):
    """prev/next links follow notebooks/NN-* order; one pager at the top and one at the bottom,
    and the notebooks' own navigation cells are left out."""
    out, _report = site
    names = [build_site.page_name(p, ROOT) for p in NOTEBOOKS]
    for i, name in enumerate(names):
        html = (out / name).read_text(encoding="utf-8")
        page = parse(out / name)
        assert page.rel.get("prev") == (names[i - 1] if i > 0 else None), name
        assert page.rel.get("next") == (names[i + 1] if i + 1 < len(names) else None), name
        assert html.count('<nav class="pager"') == 2
        assert "start of the course" not in html and "end of the course" not in html
        assert ".ipynb" not in "".join(v for _t, _a, v in page.urls)


def test_solutions_are_collapsed_with_their_output(site):
    """Each cell tagged solution is a closed <details> holding its source and output."""
    out, _report = site
    for path in NOTEBOOKS:
        cells = read_notebook(path)["cells"]
        solutions = [c for c in cells if "solution" in c.get("metadata", {}).get("tags", [])]
        html = (out / build_site.page_name(path, ROOT)).read_text(encoding="utf-8")
        blocks = re.findall(r'<details class="cell code solution">(.*?)</details>', html, re.S)
        assert len(blocks) == len(solutions), path.name
        for block, cell in zip(blocks, solutions, strict=True):
            assert "<summary>Solution</summary>" in block
            if cell["outputs"]:
                assert 'class="outputs"' in block
        assert "<details open" not in html


def test_links_outside_notebooks_become_pages(site):
    """../README.md (linked from the contents) is rendered as readme.html, links rewritten."""
    out, _report = site
    index = parse(out / "index.html")
    assert ("a", "href", "readme.html") in index.urls
    readme = parse(out / "readme.html")
    hrefs = [v for t, _a, v in readme.urls if t == "a"]
    assert "index.html" in hrefs, "README's link to notebooks/00-contents.ipynb"
    assert not [h for h in hrefs if h.endswith((".ipynb", ".md"))]


# --------------------------------------------------------------------------- a tiny course


def _notebook(cells):
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _md(source, cell_id, tags=()):
    return {
        "cell_type": "markdown",
        "id": cell_id,
        "metadata": {"tags": list(tags)},
        "source": source,
    }


def _code(source, cell_id, outputs, metadata=None):
    return {
        "cell_type": "code",
        "id": cell_id,
        "metadata": metadata or {},
        "execution_count": 1,
        "source": source,
        "outputs": outputs,
    }


@pytest.fixture
def tiny_course(tmp_path):
    """A two-notebook course with hostile outputs and links, in a scratch repository."""
    root = tmp_path / "repo"
    notebooks = root / "notebooks"
    notebooks.mkdir(parents=True)
    (root / "LICENSE").write_text("MIT\n")
    (root / "GUIDE.md").write_text("# Guide\n\n[back](notebooks/00-contents.ipynb#Intro)\n")
    contents = [
        _md("nav", "nav-top", ["navigation"]),
        _md(
            "# Intro\n\n[one](01-one.ipynb#A-heading) [guide](../GUIDE.md) [lic](../LICENSE)", "c1"
        ),
        _md(
            "[gone](02-missing.ipynb) ![badge](https://example.org/b.svg) <script>x</script>", "c2"
        ),
    ]
    one = [
        _md("# One\n\n## A heading\n\nCost: $a^2$ and `$b$`.", "o1"),
        _code(
            "print('<b>')",
            "o2",
            [
                {
                    "output_type": "stream",
                    "name": "stdout",
                    "text": ["<b>bold?</b>\n", "\x1b[31mred\x1b[0m\n"],
                },
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {
                        "text/html": "<table><tr><td>1</td></tr></table><script>alert(1)</script>"
                    },
                },
            ],
        ),
        _code(
            "answer = 42",
            "o3",
            [{"output_type": "stream", "name": "stdout", "text": "✓ Right\n"}],
            {"tags": ["solution"], "jupyter": {"source_hidden": True}},
        ),
        _code(
            "w",
            "o4",
            [
                {
                    "output_type": "execute_result",
                    "execution_count": 1,
                    "metadata": {},
                    "data": {WIDGET: {"model_id": "x"}, "text/plain": "Stepper <demo>"},
                }
            ],
        ),
    ]
    (notebooks / "00-contents.ipynb").write_text(json.dumps(_notebook(contents)))
    (notebooks / "01-one.ipynb").write_text(json.dumps(_notebook(one)))
    draft = [_code("x = 1", "d1", [])]  # a chapter being written: no title yet
    (notebooks / "05-draft-chapter.ipynb").write_text(json.dumps(_notebook(draft)))
    return root


def test_tiny_course_escapes_and_links(tiny_course, tmp_path):
    """Outputs are escaped (text) or sanitised (HTML: no script); links are rewritten, copied,
    made pages, or reported; remote images are never loaded."""
    out = tmp_path / "out"
    report = build_site.build(out, tiny_course / "notebooks", tiny_course)
    index = (out / "index.html").read_text()
    one = (out / "01-one.html").read_text()
    assert 'href="01-one.html#A-heading"' in index
    assert 'href="guide.html"' in index and (out / "guide.html").is_file()
    assert 'href="index.html#Intro"' in (out / "guide.html").read_text()
    assert 'href="files/LICENSE.txt"' in index and (out / "files" / "LICENSE.txt").is_file()
    assert "example.org" not in index.replace('title="https://example.org/b.svg"', "")
    assert "<script>" not in index and "<script>" not in one
    assert "&lt;b&gt;bold?&lt;/b&gt;" in one and "\x1b" not in one
    assert "<table>" in one and "alert" in one  # the script's text, escaped
    assert '<details class="cell code solution"><summary>Solution</summary>' in one
    assert "Stepper &lt;demo&gt;" in one and "widget-note" in one
    assert 'id="A-heading"' in one and '<svg class="math"' in one and "<code>$b$</code>" in one
    assert any("02-missing.ipynb" in w for w in report.warnings)
    assert any("raw HTML" in w for w in report.warnings)
    assert any("05-draft-chapter.ipynb: no '# Title'" in w for w in report.warnings)
    assert 'rel="next" href="05-draft-chapter.html"' in one
    assert "05 · Draft chapter" in one
    with pytest.raises(build_site.SiteError, match="02-missing"):
        build_site.build(out, tiny_course / "notebooks", tiny_course, strict=True)


def test_refuses_to_empty_a_folder_it_did_not_make(tmp_path):
    """A non-empty output folder without the build's marker file is left alone."""
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(build_site.SiteError, match="refusing"):
        build_site.build(precious)
    assert (precious / "notes.txt").read_text() == "keep me"


def test_make_site_builds_into_site_dir(tmp_path):
    """`make site SITE_DIR=...` builds the site there (the venv stamp is taken as current)."""
    out = tmp_path / "made"
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "site", f"SITE_DIR={out}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "index.html").is_file()
    assert "built" in result.stdout
