"""Opening a chapter in JupyterLab and saving it untouched changes nothing.

For every course notebook, a fresh copy of the committed file is opened in the real
JupyterLab of the harness (Chromium through Playwright). Once its kernel is connected and
idle (JupyterLab has then written the kernel's ``language_info`` into the notebook's model),
the document must not be marked as modified; after *Save* the file on disk must hold exactly
the committed bytes.

The kernel reports the Python release it runs on. When that is not the release stored in the
notebooks (another patch release than the one that ran ``make notebooks``), the copy gets the
running release first, the only change JupyterLab would otherwise make; everything else is
compared as committed.
"""

import json
import platform

import nbformat
import pytest

from .conftest import NOTEBOOKS, POLL_MS, open_notebook

pytestmark = pytest.mark.browser

COURSE_NOTEBOOKS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
FOLDER = "untouched"

STATE_JS = """
(p) => {
  const panel = window.__labtest.panel(p);
  const model = panel.context.model;
  return { dirty: model.dirty, languageInfo: model.getMetadata('language_info') || null };
}
"""

SAVE_JS = """
async (p) => {
  const panel = window.__labtest.panel(p);
  window.jupyterapp.shell.activateById(panel.id);
  await panel.context.save();
  return panel.context.model.dirty;
}
"""


def committed_bytes_for_this_python(path) -> bytes:
    """The committed file, with the running Python release in language_info if it differs."""
    data = path.read_bytes()
    nb = nbformat.reads(data.decode(), as_version=4)
    running = platform.python_version()
    if nb.metadata.get("language_info", {}).get("version", running) == running:
        return data
    nb.metadata.language_info["version"] = running
    return (nbformat.writes(nb) + "\n").encode()


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=[p.name for p in COURSE_NOTEBOOKS])
def test_opening_and_saving_changes_nothing(page, lab, path):
    """Open the notebook, wait for its kernel: not modified; save: the same bytes on disk."""
    original = committed_bytes_for_this_python(path)
    name = f"{FOLDER}/{path.name}"
    target = lab.root_dir / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(original)

    open_notebook(page, lab, name)
    # JupyterLab applies the kernel's language_info once the kernel info reply arrives; give
    # any late metadata update a few polls to show up before judging.
    page.wait_for_function(
        "(p) => !!window.__labtest.panel(p).context.model.getMetadata('language_info')",
        arg=name,
        polling=POLL_MS,
    )
    page.wait_for_timeout(4 * POLL_MS)
    state = page.evaluate(STATE_JS, name)
    stored = json.loads(original)["metadata"]["language_info"]
    assert state["languageInfo"] == stored, "the kernel reports another language_info"
    assert state["dirty"] is False, f"{path.name} is marked modified as soon as it opens"

    assert page.evaluate(SAVE_JS, name) is False
    saved = target.read_bytes()
    if saved != original:
        import difflib

        diff = difflib.unified_diff(
            original.decode().splitlines(), saved.decode().splitlines(), lineterm="", n=1
        )
        pytest.fail(f"{path.name} changed on save:\n" + "\n".join(list(diff)[:30]))
