"""Every course notebook, run the way a learner runs it: "Run All" in JupyterLab in Chromium.

Each test opens one notebook from a temporary copy of ``notebooks/`` in a real JupyterLab,
waits for its kernel to be connected and idle, runs all cells, waits for them to finish, and
asserts that no cell wrote an error or anything on stderr and that every widget rendered.
A full-height screenshot of each notebook is saved in ``test-artifacts/browser/``.

A first test runs a small scratch notebook with a deliberate stderr line, a deliberate error
and a widget that cannot render, so that the checks are shown to catch what they look for,
and so that the widget helpers the playground tests use are exercised.
"""

import json

import nbformat
import pytest

from .conftest import (
    NOTEBOOKS,
    count_widget_outputs,
    image_array,
    open_notebook,
    outputs_with_errors,
    run_all,
    screenshot,
    set_widget_value,
    wait_for_widgets,
    widget_by_description,
    widget_models,
    widget_problems,
    widget_value,
)

pytestmark = pytest.mark.browser

COURSE_NOTEBOOKS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def stored_widget_outputs(path):
    """How many widget views the committed notebook shows."""
    notebook = nbformat.read(path, as_version=4)
    return sum(
        WIDGET_VIEW in output.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=[p.name for p in COURSE_NOTEBOOKS])
def test_notebook_runs_clean_in_lab(page, lab, path):
    """Run All in JupyterLab: no error, nothing on stderr, every widget rendered."""
    name = path.name
    open_notebook(page, lab, name)
    assert [s["path"] for s in lab.sessions()] == [name], "exactly one kernel, this notebook's"
    try:
        result = run_all(page, name)
        wait_for_widgets(page, name)
    finally:
        screenshot(page, f"lab-{path.stem}")

    errors = outputs_with_errors(page, name)
    assert not errors, f"{name} wrote errors or stderr in JupyterLab:\n" + "\n\n".join(errors)
    assert result.ok, f"{name}: not every cell ran: {result}"
    problems = widget_problems(page, name)
    assert not problems, f"{name}: widgets did not render:\n" + "\n".join(problems)
    assert "Error displaying widget" not in page.inner_text("body")
    expected = stored_widget_outputs(path)
    assert count_widget_outputs(page, name) == expected, (
        f"{name}: {count_widget_outputs(page, name)} widget views on the page, "
        f"{expected} in the stored notebook"
    )
    check_solutions_stay_folded(page, name, path)


# After Run All: every solution's <details> is closed, its code is not on screen, and no
# right answer is shown anywhere; one click on "Solution" then shows the code.
SOLUTIONS_JS = """(path) => {
  const panel = window.__labtest.panel(path);
  // checkVisibility: Chromium hides a closed <details>' content with content-visibility,
  // which leaves it a layout box; this asks whether it is rendered at all.
  const shown = (n) => n.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const details = [...panel.node.querySelectorAll('.jp-RenderedMarkdown details')];
  return {
    count: details.length,
    open: details.filter((d) => d.open).length,
    codeOnScreen: details.filter((d) => [...d.querySelectorAll('pre')].some(shown)).length,
    rightOnScreen: [...panel.node.querySelectorAll('.jp-OutputArea-output')]
      .filter((n) => shown(n) && n.textContent.includes('\u2713 Right')).length,
  };
}"""


def check_solutions_stay_folded(page, name: str, path) -> None:
    solutions = sum(
        "solution" in cell.get("metadata", {}).get("tags", [])
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
    )
    state = page.evaluate(SOLUTIONS_JS, name)
    assert state == {"count": solutions, "open": 0, "codeOnScreen": 0, "rightOnScreen": 0}, (
        f"{name}: solutions visible before they were opened: {state}"
    )
    if solutions:
        summary = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) details summary").first
        summary.scroll_into_view_if_needed()
        summary.click()
        opened = page.evaluate(SOLUTIONS_JS, name)
        assert opened["open"] == 1 and opened["codeOnScreen"] == 1, opened


# A 4x3 RGB PNG made by Pillow in the kernel, so that the test knows its pixels.
SELFTEST_CELLS = [
    "import io\nimport sys\n\nimport ipywidgets as widgets\nimport numpy as np\n"
    "from IPython.display import display\nfrom PIL import Image",
    'size = widgets.IntSlider(value=3, min=0, max=10, description="Size")\n'
    'mirror = widgets.Checkbox(value=False, description="Mirror")\n'
    'go = widgets.Button(description="Go")\n'
    "pixels = np.arange(36, dtype=np.uint8).reshape(4, 3, 3) * 7\n"
    "buffer = io.BytesIO()\n"
    'Image.fromarray(pixels).save(buffer, format="png")\n'
    'picture = widgets.Image(value=buffer.getvalue(), format="png")\n'
    "widgets.VBox([size, mirror, go, picture])",
    'print("a line on stderr", file=sys.stderr)',
    # A widget view whose model does not exist: the front end shows "Error displaying widget".
    f"display({{{WIDGET_VIEW!r}: "
    '{"model_id": "no-such-model", "version_major": 2, "version_minor": 0}}, raw=True)',
    "1 / 0",
]


def test_harness_catches_errors_and_reads_widgets(page, lab):
    """The checks see stderr, errors and broken widgets; the widget helpers read the page."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in SELFTEST_CELLS]
    name = "_harness-selftest.ipynb"
    nbformat.write(notebook, lab.root_dir / name)

    open_notebook(page, lab, name)
    result = run_all(page, name)
    wait_for_widgets(page, name, timeout=5_000)  # the broken one may stay "Loading widget..."
    screenshot(page, "harness-selftest")

    assert not result.ok, "the last cell raises, so not every cell ran cleanly"
    errors = outputs_with_errors(page, name)
    assert any("stderr: a line on stderr" in e for e in errors), errors
    assert any("ZeroDivisionError" in e for e in errors), errors
    problems = widget_problems(page, name)
    # The missing model shows "Error displaying widget: model not found" once the widget
    # manager has restored its state from the kernel, "Loading widget..." until then.
    assert len(problems) == 1, problems
    assert "Error displaying widget" in problems[0] or "not rendered" in problems[0], problems

    models = {m["description"]: m for m in widget_models(page, name) if m["description"]}
    assert models["Size"]["value"] == 3, json.dumps(models, indent=1)
    assert models["Mirror"]["value"] is False
    assert widget_value(page, "Size") == 3

    slider = widget_by_description(page, "Size")
    assert slider.count() == 1
    handle = slider.locator(".noUi-handle, .ui-slider-handle").first
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function(
        "async () => (await window.__labtest.findModel(null, 'Size')).get('value') === 4",
        polling=250,
        timeout=5_000,
    )
    assert slider.locator(".widget-readout").inner_text().strip() == "4"

    checkbox = widget_by_description(page, "Mirror")
    checkbox.locator("input[type=checkbox]").check()
    assert widget_value(page, "Mirror") is True
    assert widget_by_description(page, "Go").count() == 1

    assert set_widget_value(page, "Size", 7) == 7
    page.wait_for_function(
        "() => document.querySelector('.widget-slider .widget-readout').textContent.trim() === '7'",
        polling=250,
        timeout=5_000,
    )

    shown = image_array(page.locator("img.widget-image").first)
    assert shown.shape == (4, 3, 3), shown.shape
    assert shown.reshape(-1).tolist() == [7 * v for v in range(36)]
