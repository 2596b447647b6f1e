"""`make notebooks` on an unchanged tree changes nothing: execution is deterministic.

Each notebook is executed afresh (in memory, never over the committed file) and
rendered exactly as tools/run_notebooks.py would store it; the text, images
included, must equal the committed file byte for byte (the Python patch release in
language_info aside: that is the machine's, not the notebook's).
"""

import difflib

import nbformat
import pytest

from tools import notebook_format, run_notebooks

ORDER = notebook_format.course_notebooks()


@pytest.mark.parametrize("path", ORDER, ids=[p.name for p in ORDER])
def test_re_execution_reproduces_the_stored_notebook(path):
    """A fresh run of the notebook gives exactly the committed file."""
    titles = notebook_format.course_titles(ORDER)
    executed = run_notebooks.executed(path)
    # The kernel reports the Python release it runs on; which patch release executed the
    # notebook is not part of what it computes (test_notebooks checks the rest of the block).
    stored_info = nbformat.read(path, as_version=4).metadata.language_info
    executed.metadata.language_info["version"] = stored_info["version"]
    fresh = notebook_format.render(executed, path, ORDER, titles)
    stored = path.read_text()
    if fresh != stored:
        diff = difflib.unified_diff(stored.splitlines(), fresh.splitlines(), lineterm="", n=0)
        shown = [line[:120] for line in diff][:20]
        pytest.fail(f"{path.name} changes when re-executed:\n" + "\n".join(shown))
