"""The course's length budget and its map: counted from the notebooks, and kept current.

The contents notebook's map and the README's reading path are written by
tools/notebook_format.py from tools/chapters.toml (one line per chapter) and from the
notebooks themselves (titles, what each needs first, words and exercises), so they cannot
drift from the chapters; these tests also check the counting and the budget.
"""

import nbformat
import pytest

from tools import notebook_format
from tools.course_files import (
    CONTENTS,
    course_notebooks,
    exercise_count,
    prerequisites,
    prose_words,
    reading_minutes,
)

ORDER = course_notebooks()
CHAPTERS = [p for p in ORDER if p.name != CONTENTS]
COURSE_BUDGET = 13_000
CHAPTER_BUDGET = 2_000


def read(path):
    return nbformat.read(path, as_version=4)


def test_the_course_keeps_its_length_budget():
    """At most 13,000 words of prose in all, and at most 2,000 in any one chapter."""
    words = {p.name: prose_words(read(p)) for p in ORDER}
    assert sum(words.values()) <= COURSE_BUDGET, words
    assert max(words.values()) <= CHAPTER_BUDGET, words


def test_prose_words_count_prose_only():
    """Navigation, solutions, the contents list and code blocks are not prose."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\nTwo words.\n\n```python\nx = 1\n```"),
        nbformat.v4.new_markdown_cell("not counted", metadata={"tags": ["navigation"]}),
        nbformat.v4.new_markdown_cell("not counted", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("**Exercise 1.** Count this: 3 x 3."),
        nbformat.v4.new_code_cell("print('code is not prose')"),
    ]
    assert prose_words(nb) == 1 + 2 + 7
    assert exercise_count(nb) == 1
    assert reading_minutes(nb) == round(10 / 200 + 3)


def test_prerequisites_are_earlier_chapters_named_where_the_chapter_says_what_it_needs():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# T\n\n## What you need first\n\n[Chapter 02](02-x.ipynb) (n x n, 3 x 3) and the "
            "ideas of chapters 04 to 06; section 9 uses chapter 09.\n\n## 1. Start\n\n03 later."
        )
    ]
    assert prerequisites(nb, "07") == ["02", "04", "05", "06"]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_every_chapter_is_on_the_map_with_its_minutes(path):
    """The stored map lists the chapter with the minutes its notebook gives today."""
    contents = read(ORDER[0])
    (cell,) = [c for c in contents.cells if "contents-list" in c.metadata.get("tags", [])]
    row = next(line for line in cell.source.splitlines() if f"]({path.name})" in line)
    assert row.endswith(f"| {reading_minutes(read(path))} |"), row


def test_readme_reading_path_is_current():
    """README.md's reading path is what tools/notebook_format.py writes (make notebooks)."""
    titles = notebook_format.course_titles(ORDER)
    assert notebook_format.README.read_text() == notebook_format.readme_text(ORDER, titles)


@pytest.mark.parametrize("path", ORDER, ids=[p.name for p in ORDER])
def test_every_figure_has_alt_text(path):
    """Each cell that draws a figure says what it shows, for the site's <img alt> (MyST-NB
    reads the cell's metadata "mystnb": {"image": {"alt": ...}})."""
    for cell in read(path).cells:
        if cell.cell_type != "code":
            continue
        if not any("image/png" in o.get("data", {}) for o in cell.outputs):
            continue
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt.split()) >= 4, f"{path.name} cell {cell.id}: alt text {alt!r}"
        assert "drawn by the code" not in alt, f"{path.name} cell {cell.id}: generic alt text"
