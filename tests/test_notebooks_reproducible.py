"""`make notebooks` on an unchanged tree changes nothing: execution is deterministic.

Each notebook is executed afresh (in memory, never over the committed file) and
rendered exactly as tools/run_notebooks.py would store it; the text, images
included, must equal the committed file byte for byte.
"""

import difflib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import notebook_format  # noqa: E402  (a script folder, not an installed package)
import run_notebooks  # noqa: E402

ORDER = notebook_format.course_notebooks()


@pytest.mark.parametrize("path", ORDER, ids=[p.name for p in ORDER])
def test_re_execution_reproduces_the_stored_notebook(path):
    """A fresh run of the notebook gives exactly the committed file."""
    titles = notebook_format.course_titles(ORDER)
    fresh = notebook_format.render(run_notebooks.executed(path), path, ORDER, titles)
    stored = path.read_text()
    if fresh != stored:
        diff = difflib.unified_diff(stored.splitlines(), fresh.splitlines(), lineterm="", n=0)
        shown = [line[:120] for line in diff][:20]
        pytest.fail(f"{path.name} changes when re-executed:\n" + "\n".join(shown))
