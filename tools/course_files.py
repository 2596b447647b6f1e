"""Where the course's notebooks are, their reading order and their titles.

The light part of ``tools/notebook_format.py``, kept apart so that ``tools/book.py``
can use it without importing nbformat: notebooks may be passed as ``nbformat`` notebooks
or as plain dicts read from JSON.
"""

from __future__ import annotations

import re
from pathlib import Path

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
CONTENTS = "00-contents.ipynb"
NAV_TAG = "navigation"


def course_notebooks(directory: Path = NOTEBOOK_DIR) -> list[Path]:
    """The course's notebooks in reading order (``NN-name.ipynb``)."""
    return sorted(Path(directory).glob("[0-9][0-9]-*.ipynb"))


def title_of(nb) -> str:
    """A notebook's title: the text of its first level-one markdown heading.

    ``nb`` is an ``nbformat`` notebook or the same as a plain dict with joined sources.
    Navigation cells are skipped. Raises ``ValueError`` if there is no such heading.
    """
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] == "markdown" and NAV_TAG not in tags:
            match = re.search(r"^# (.+)$", cell["source"], flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    raise ValueError("notebook has no '# Title' heading")


# Reading time, counted rather than guessed: words of prose at this pace, plus a fixed time
# for each exercise (try it, run the checker, perhaps open the solution).
WORDS_PER_MINUTE = 200
MINUTES_PER_EXERCISE = 3
# Markdown cells that are not prose a learner reads in order.
NOT_PROSE_TAGS = {NAV_TAG, "solution", "contents-list"}
EXERCISE = re.compile(r"^\*\*Exercise \d+", flags=re.MULTILINE)
NEEDS_SECTION = re.compile(r"^## What you need first\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
# A chapter number as the prose writes it (zero-padded), and "02 to 06" ranges.
CHAPTER_NUMBER = re.compile(r"\b(0[1-9]|[1-9]\d)\]?(?:\s+to\s+\[?(0[1-9]|[1-9]\d))?\b")


def _prose_cells(nb) -> list[str]:
    return [
        cell["source"]
        for cell in nb["cells"]
        if cell["cell_type"] == "markdown"
        and not NOT_PROSE_TAGS & set(cell.get("metadata", {}).get("tags", []))
    ]


def prose_words(nb) -> int:
    """Words of prose: markdown cells other than navigation, solutions and the contents
    list, without fenced code blocks. The course's length budget is counted with this."""
    text = "\n".join(re.sub(r"```.*?```", "", s, flags=re.DOTALL) for s in _prose_cells(nb))
    return len(re.findall(r"[A-Za-z0-9][\w'’.-]*", text))


def exercise_count(nb) -> int:
    """How many exercises (``**Exercise N.**`` paragraphs) the notebook sets."""
    return sum(len(EXERCISE.findall(s)) for s in _prose_cells(nb))


def reading_minutes(nb) -> int:
    """Minutes to work through a chapter: its prose at 200 words a minute, 3 per exercise."""
    return round(prose_words(nb) / WORDS_PER_MINUTE + MINUTES_PER_EXERCISE * exercise_count(nb))


def prerequisites(nb, number: str) -> list[str]:
    """The earlier chapters that chapter ``number``'s "What you need first" section names.

    Chapter numbers are read as the prose writes them, zero-padded ("02", "02 to 06");
    a later chapter mentioned there (a look ahead) is not a prerequisite.
    """
    found: list[str] = []
    for source in _prose_cells(nb):
        for section in NEEDS_SECTION.findall(source):
            for first, last in CHAPTER_NUMBER.findall(re.sub(r"\(.*?\)", "", section)):
                span = range(int(first), int(last or first) + 1)
                found += [f"{n:02d}" for n in span if f"{n:02d}" not in found]
    return [n for n in found if n < number]
