"""Keep the course notebooks tidy: normalised metadata and generated navigation cells.

Used by ``tools/run_notebooks.py`` (``make notebooks``) and by the hygiene tests,
which check that every committed notebook is already in this form, so a diff
only ever shows real changes.

Navigation: every numbered notebook starts and ends with a markdown cell
tagged ``navigation`` holding "previous | contents | next" links; the contents
notebook's list of chapters is the cell tagged ``contents-list``. All three are
written from the notebooks' own titles (their first ``# `` heading), never by
hand.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from course_files import (  # re-exported: the hygiene tests and run_notebooks use them here
    CONTENTS,
    NAV_TAG,
    NOTEBOOK_DIR,
    course_notebooks,
    title_of,
)

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LIST_TAG = "contents-list"
# Cell metadata worth keeping: tags (nbval, navigation) and the hidden-source flag
# that collapses exercise solutions. Everything else is editor noise.
CELL_METADATA_KEYS = ("tags", "jupyter")


def _link(path: Path, titles: dict[Path, str]) -> str:
    number = path.name[:2]
    return f"[{number} · {titles[path]}]({path.name})"


def navigation_text(path: Path, order: list[Path], titles: dict[Path, str]) -> str:
    """The "previous | contents | next" line for one notebook."""
    index = order.index(path)
    previous = f"← {_link(order[index - 1], titles)}" if index > 0 else "← (start of the course)"
    following = (
        f"{_link(order[index + 1], titles)} →"
        if index + 1 < len(order)
        else "(end of the course) →"
    )
    return f"{previous} | [Contents]({CONTENTS}) | {following}"


def contents_text(order: list[Path], titles: dict[Path, str]) -> str:
    """The numbered list of chapters shown in the contents notebook."""
    lines = ["## The chapters", ""]
    # Bullets, not "1.": Markdown renumbers ordered lists, and chapter numbers can skip.
    lines += [f"- {_link(p, titles)}" for p in order if p.name != CONTENTS]
    return "\n".join(lines)


def _tagged_markdown(source: str, tag: str, cell_id: str):
    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [tag]})
    cell.id = cell_id
    return cell


def set_navigation(nb, text: str) -> None:
    """Put the navigation line in the first and last cells, replacing old ones."""
    nb.cells = [c for c in nb.cells if NAV_TAG not in c.metadata.get("tags", [])]
    nb.cells.insert(0, _tagged_markdown(text, NAV_TAG, "nav-top"))
    nb.cells.append(_tagged_markdown(text, NAV_TAG, "nav-bottom"))


def set_contents_list(nb, text: str) -> None:
    """Replace the source of the cell tagged ``contents-list``."""
    cells = [c for c in nb.cells if LIST_TAG in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"the contents notebook needs exactly one cell tagged {LIST_TAG!r}")
    cells[0].source = text


def normalise(nb) -> None:
    """Normalise notebook and cell metadata in place (kernelspec python3, no editor noise)."""
    nb.metadata = nbformat.NotebookNode(
        kernelspec=dict(KERNELSPEC), language_info={"name": "python"}
    )
    nb.nbformat, nb.nbformat_minor = 4, 5
    for cell in nb.cells:
        cell.metadata = nbformat.NotebookNode(
            {k: v for k, v in cell.metadata.items() if k in CELL_METADATA_KEYS}
        )
        if cell.cell_type == "code":
            for output in cell.outputs:
                output.pop("transient", None)


def render(nb, path: Path, order: list[Path], titles: dict[Path, str]) -> str:
    """The exact text the course stores for ``nb``: navigation, contents list, metadata."""
    set_navigation(nb, navigation_text(path, order, titles))
    if path.name == CONTENTS:
        set_contents_list(nb, contents_text(order, titles))
    normalise(nb)
    return nbformat.writes(nb) + "\n"


def course_titles(order: list[Path]) -> dict[Path, str]:
    """Title of each notebook in ``order``, read from the files."""
    return {p: title_of(nbformat.read(p, as_version=4)) for p in order}


def tidy(paths: list[Path] | None = None) -> list[Path]:
    """Navigation, contents list and metadata for course notebooks; return changed files."""
    order = course_notebooks()
    titles = course_titles(order)
    changed = []
    for path in paths or order:
        text = render(nbformat.read(path, as_version=4), path, order, titles)
        if path.read_text() != text:
            path.write_text(text)
            changed.append(path)
    return changed


if __name__ == "__main__":
    for changed_path in tidy():
        print(f"tidied {changed_path.relative_to(NOTEBOOK_DIR.parent)}")
