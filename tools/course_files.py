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
