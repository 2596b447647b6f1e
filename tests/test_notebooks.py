"""Notebook hygiene: every course notebook is executed, clean, tidy and linked.

nbval (run by `make test` with --nbval) re-executes the notebooks and compares
outputs; these tests check what nbval does not: that the stored notebooks are
complete, normalised and navigable, and that every relative link resolves.
"""

import re
from pathlib import Path

import nbformat
import pytest

from tools import notebook_format

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOKS = notebook_format.course_notebooks()
MAX_NOTEBOOK_BYTES = 2_000_000
LINK = re.compile(r"\]\(([^)\s]+)\)")


def ids(paths):
    return [p.name for p in paths]


def read(path):
    return nbformat.read(path, as_version=4)


def test_course_has_contents_and_first_chapter():
    """The contents notebook and chapter 01 exist, numbered in reading order."""
    names = [p.name for p in NOTEBOOKS]
    assert names[0] == notebook_format.CONTENTS
    assert names[1].startswith("01-")
    numbers = [int(n[:2]) for n in names]
    assert len(set(numbers)) == len(numbers), "each notebook number is used once"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_kernelspec_is_python3(path):
    """Each notebook runs on the standard python3 kernel."""
    assert read(path).metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_executed_in_order_with_outputs(path):
    """Code cells were executed top to bottom (counts 1..n) and the outputs are stored."""
    code = [c for c in read(path).cells if c.cell_type == "code"]
    assert code, "a notebook of the course runs code"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert sum(len(c.outputs) for c in code) >= len(code) / 2, "outputs were not stored"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_errors_or_stderr(path):
    """No stored output is an error or text on stderr (warnings a learner would see)."""
    for cell in read(path).cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", cell.source
            assert output.get("name") != "stderr", f"{cell.source}\n{output.get('text')}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_ignored_outputs_say_why(path):
    """A cell excluded from nbval's comparison carries a one-line reason in the cell."""
    for cell in read(path).cells:
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            assert "nbval-ignore-output:" in cell.source, cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_metadata_is_normalised_and_navigation_current(path):
    """The stored file is exactly what tools/notebook_format.py would write (no editor noise)."""
    order = notebook_format.course_notebooks()
    titles = notebook_format.course_titles(order)
    expected = notebook_format.render(read(path), path, order, titles)
    assert path.read_text() == expected, "run `make notebooks`"


@pytest.fixture(scope="module")
def kernel_language_info():
    """The language_info block a real ipykernel of this environment reports."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        return kc.kernel_info(reply=True, timeout=30)["content"]["language_info"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_language_info_is_what_the_kernel_reports(path, kernel_language_info):
    """language_info holds exactly the block ipykernel reports (JupyterLab writes that block
    into a notebook when its kernel starts: anything less makes an untouched notebook
    "modified"). The Python version is the one that last ran the notebook."""
    stored = dict(read(path).metadata.language_info)
    assert set(stored) == notebook_format.LANGUAGE_INFO_KEYS == set(kernel_language_info)
    assert notebook_format.VERSION.fullmatch(stored.pop("version"))
    expected = {k: v for k, v in kernel_language_info.items() if k != "version"}
    assert stored == expected


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_shape_of_a_chapter(path):
    """A title with a verb's weight: the first heading, then what you learn, a summary."""
    nb = read(path)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert notebook_format.title_of(nb)
    if path.name != notebook_format.CONTENTS:
        for heading in ("## What you will learn", "## Summary", "## Exercises"):
            assert heading in text, f"missing {heading!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_is_small(path):
    """Notebooks stay small enough to review and to load fast on Binder."""
    assert path.stat().st_size < MAX_NOTEBOOK_BYTES


def markdown_sources():
    for path in NOTEBOOKS:
        for cell in read(path).cells:
            if cell.cell_type == "markdown":
                yield path, cell.source
    yield ROOT / "README.md", (ROOT / "README.md").read_text()


def test_every_relative_link_resolves():
    """Every relative link in the notebooks and the README points to a file that exists."""
    broken = []
    for path, text in markdown_sources():
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            if not (path.parent / target.split("#")[0]).exists():
                broken.append(f"{path.name}: {target}")
    assert not broken


def test_contents_links_every_chapter():
    """The contents notebook links each chapter; each chapter links back to the contents."""
    contents = "\n".join(c.source for c in read(NOTEBOOKS[0]).cells)
    for path in NOTEBOOKS[1:]:
        assert f"]({path.name})" in contents
        assert f"]({notebook_format.CONTENTS})" in read(path).cells[0].source


def test_readme_lists_every_chapter():
    """The README's reading path links every chapter notebook."""
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS[1:]:
        assert f"(notebooks/{path.name})" in readme, path.name
