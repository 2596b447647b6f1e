"""Every worked solution is folded away until the learner opens it, and every one is right.

Solutions live in markdown cells tagged ``solution``: a closed ``<details>`` block holding a
fenced Python block, which JupyterLab, Notebook 7, GitHub's viewer and the static site all
show folded. Nothing in them runs when the notebook runs, so no right answer is ever stored
as an output. To prove them, each notebook is executed in a fresh kernel with every solution
turned into a code cell where it stands; each must print the checker's "✓ Right".
"""

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.checks import RIGHT

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))
FOLDED = re.compile(
    r"\A<details><summary>Solution</summary>\n\n```python\n(?P<code>.+?)\n```\n\n</details>\Z",
    re.S,
)
CHECKER_CALL = re.compile(r"\b(ch\d\d\.check_\w+|checks\.check_\w+)\(")


def solutions(nb):
    return [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_solutions_are_folded_and_no_right_answer_is_stored(path):
    """Each solution is a closed <details> markdown cell; no stored output shows a right answer."""
    nb = nbformat.read(path, as_version=4)
    for cell in solutions(nb):
        assert cell.cell_type == "markdown", cell.source[:60]
        assert FOLDED.match(cell.source), cell.source[:80]
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert "solution" not in cell.metadata.get("tags", [])
            for output in cell.get("outputs", []):
                assert RIGHT not in str(output.get("text", "")), cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_exercise_has_a_solution_that_its_checker_accepts(path):
    """Run the notebook with its solutions opened as code: every one prints the checker's RIGHT."""
    nb = nbformat.read(path, as_version=4)
    asked = {
        name
        for cell in nb.cells
        if cell.cell_type == "code"
        for name in CHECKER_CALL.findall(cell.source)
    }
    opened = []
    for index, cell in enumerate(nb.cells):
        if "solution" in cell.metadata.get("tags", []):
            code = FOLDED.match(cell.source).group("code")
            nb.cells[index] = nbformat.v4.new_code_cell(code)
            opened.append(index)
    answered = {name for i in opened for name in CHECKER_CALL.findall(nb.cells[i].source)}
    assert asked == answered, f"exercises without a solution: {sorted(asked - answered)}"
    if not opened:
        return
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    for index in opened:
        printed = "".join(o.get("text", "") for o in nb.cells[index].outputs)
        rights = printed.count(RIGHT)
        assert rights == len(CHECKER_CALL.findall(nb.cells[index].source)), (
            f"{path.name}: solution cell {index} printed {printed!r}"
        )
