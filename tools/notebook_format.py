"""Keep the course notebooks tidy: normalised metadata and generated navigation cells.

Used by ``tools/run_notebooks.py`` (``make notebooks``) and by the hygiene tests,
which check that every committed notebook is already in this form, so a diff
only ever shows real changes.

Navigation: every numbered notebook starts and ends with a markdown cell
tagged ``navigation`` holding "previous | contents | next" links; the contents
notebook's list of chapters is the cell tagged ``contents-list``. All three are
written from the notebooks' own titles (their first ``# `` heading), never by
hand. Navigation cells also carry ``remove-cell``: the Jupyter Book site draws its
own navigation and leaves them out.

Set-up: the first code cell of every notebook that imports ``helpers`` is the cell
tagged ``bootstrap`` (written here, from the repository address in ``pyproject.toml``'s
``[tool.course]``). It does nothing when ``helpers`` is importable (``make lab``, Binder,
a hub image); in a checkout without the package installed (an nbgitpuller copy on a
JupyterHub) it puts the repository's root on ``sys.path``; on Colab it installs the course
from its repository address.

Metadata: the notebook keeps its ``kernelspec`` and ``language_info`` and nothing else.
``language_info`` is exactly the block ipykernel reports (JupyterLab writes that block into
a notebook as soon as its kernel starts, so anything less makes an untouched notebook
"modified"); the Python version in it is the one that last executed the notebook.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nbformat

from tools import links
from tools.course_files import (  # the hygiene tests and run_notebooks use these from here
    CONTENTS,
    MINUTES_PER_EXERCISE,
    NAV_TAG,
    NOTEBOOK_DIR,
    WORDS_PER_MINUTE,
    course_notebooks,
    prerequisites,
    prose_words,
    reading_minutes,
    title_of,
)

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LIST_TAG = "contents-list"
BOOTSTRAP_TAG = "bootstrap"
# Jupyter Book's tag for "leave this cell out of the page".
SITE_REMOVE_TAG = "remove-cell"
# The keys ipykernel puts in language_info, all but "version" fixed for CPython 3.
LANGUAGE_INFO_KEYS = {
    "codemirror_mode",
    "file_extension",
    "mimetype",
    "name",
    "nbconvert_exporter",
    "pygments_lexer",
    "version",
}
VERSION = re.compile(r"3\.\d+\.\d+")

BOOTSTRAP_SOURCE = """\
# Set-up: make the course's `helpers` package importable wherever this notebook runs.
# It does nothing where the course is installed (make lab, Binder). In a copy of the
# repository (a JupyterHub) it uses the copy's helpers/ folder; on Colab it installs the
# course from its repository. Written by tools/notebook_format.py: edit it there.
import importlib.util
import subprocess
import sys
from pathlib import Path

COURSE_REPOSITORY = "{repository}"

if importlib.util.find_spec("helpers") is None:
    here = Path.cwd().resolve()
    roots = [p for p in (here, *here.parents) if (p / "helpers" / "__init__.py").is_file()]
    if roots:
        sys.path.insert(0, str(roots[0]))
    elif "google.colab" in sys.modules:
        pip = [sys.executable, "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, f"git+{{COURSE_REPOSITORY}}"], check=True)
    else:
        raise ModuleNotFoundError(
            f"the course's helpers package is missing: install it with "
            f"`pip install git+{{COURSE_REPOSITORY}}`, or open the notebook from the repository"
        )
    importlib.invalidate_caches()"""
# Cell metadata worth keeping: tags (nbval, navigation, solutions, the site) and the alt
# text of a cell's figure for the site (MyST-NB's "mystnb": {"image": {"alt": ...}}).
# Everything else is editor noise.
CELL_METADATA_KEYS = ("tags", "mystnb")


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


CHAPTERS_FILE = Path(__file__).resolve().parent / "chapters.toml"


def chapter_facts(order: list[Path]) -> dict[Path, dict]:
    """For each chapter: its summary (tools/chapters.toml), and from the notebook itself its
    title, prerequisites, words, exercises and minutes."""
    table = tomllib.loads(CHAPTERS_FILE.read_text(encoding="utf-8"))
    facts = {}
    for path in order:
        if path.name == CONTENTS:
            continue
        nb = nbformat.read(path, as_version=4)
        number = path.name[:2]
        if number not in table["summaries"]:
            raise ValueError(f"{CHAPTERS_FILE.name} has no summary for chapter {number}")
        facts[path] = {
            "number": number,
            "title": title_of(nb),
            "summary": table["summaries"][number],
            "needs": prerequisites(nb, number),
            "words": prose_words(nb),
            "minutes": reading_minutes(nb),
        }
    return facts


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def contents_text(order: list[Path], titles: dict[Path, str]) -> str:
    """The contents notebook's map: every chapter with what it does, needs and takes."""
    facts = chapter_facts(order)
    short = tomllib.loads(CHAPTERS_FILE.read_text(encoding="utf-8"))["short-path"]
    lines = [
        "## The chapters",
        "",
        "| chapter | what you do there | needs first | minutes |",
        "| --- | --- | --- | --- |",
    ]
    for path, fact in facts.items():
        needs = ", ".join(fact["needs"]) or "—"
        lines.append(f"| {_link(path, titles)} | {fact['summary']} | {needs} | {fact['minutes']} |")
    core = [f for f in facts.values() if f["number"] in short]
    core_minutes = round(sum(f["words"] for f in core) / WORDS_PER_MINUTE)
    total = sum(f["minutes"] for f in facts.values())
    lines += [
        "",
        f"**The short path, about {core_minutes} minutes:** chapters "
        f"{', '.join(f['number'] for f in core[:-1])} and {core[-1]['number']}, the core of "
        "the article, read without their exercises.",
        "",
        f"**The full path, about {_hours(total)}:** every chapter in order, exercises included.",
        "",
        f"Minutes are counted, not guessed: {WORDS_PER_MINUTE} words of prose a minute, plus "
        f"{MINUTES_PER_EXERCISE} for each exercise. Every chapter ends with exercises: replace "
        "`...` with your answer and run the cell, and the line under it says whether it is "
        "right or what to look at. Each worked solution is folded under **Solution**, "
        "right below its exercise: open it once you have tried.",
    ]
    return "\n".join(lines)


def reading_path_text(order: list[Path], titles: dict[Path, str]) -> str:
    """The README's reading path: each chapter's link and summary, from the same facts."""
    lines = []
    for path, fact in chapter_facts(order).items():
        link = f"[{titles[path]}](notebooks/{path.name})"
        lines.append(f"- {fact['number']} {link}:\n  {fact['summary']}")
    return "\n".join(lines)


def _tagged_markdown(source: str, tag: str, cell_id: str):
    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [tag, SITE_REMOVE_TAG]})
    cell.id = cell_id
    return cell


def set_navigation(nb, text: str) -> None:
    """Put the navigation line in the first and last cells, replacing old ones."""
    nb.cells = [c for c in nb.cells if NAV_TAG not in c.metadata.get("tags", [])]
    nb.cells.insert(0, _tagged_markdown(text, NAV_TAG, "nav-top"))
    nb.cells.append(_tagged_markdown(text, NAV_TAG, "nav-bottom"))


def bootstrap_source(repository: str | None = None) -> str:
    """The set-up cell's code, for the course's repository address (``[tool.course]``)."""
    if repository is None:
        repository = links.load().repository
    return BOOTSTRAP_SOURCE.format(repository=repository)


def _imports_helpers(cell) -> bool:
    return (
        cell.cell_type == "code"
        and re.search(r"^\s*(from|import) helpers\b", cell.source, flags=re.MULTILINE) is not None
    )


def set_bootstrap(nb, source: str) -> None:
    """Make the set-up cell the first code cell if any cell imports ``helpers``.

    An existing set-up cell keeps its stored execution count and outputs when its code is
    unchanged (so that tidying an executed notebook leaves it as executed).
    """
    old = [c for c in nb.cells if BOOTSTRAP_TAG in c.metadata.get("tags", [])]
    nb.cells = [c for c in nb.cells if BOOTSTRAP_TAG not in c.metadata.get("tags", [])]
    if not any(_imports_helpers(c) for c in nb.cells):
        return
    if old and old[0].source == source:
        cell = old[0]
    else:
        cell = nbformat.v4.new_code_cell(source)
    cell.id = "bootstrap"
    cell.metadata = nbformat.NotebookNode(tags=[BOOTSTRAP_TAG, SITE_REMOVE_TAG])
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(first_code, cell)


def language_info(current=None) -> dict:
    """The ``language_info`` block ipykernel writes, keeping a valid stored Python version.

    ``current`` is the notebook's block (or None). Its version stays when it is a CPython 3
    version: it records which Python last executed the notebook, and a kernel on another
    patch release reports its own. Every other key is ipykernel's.
    """
    from ipykernel.ipkernel import IPythonKernel

    info = dict(IPythonKernel.language_info)
    info["codemirror_mode"] = dict(info["codemirror_mode"])
    stored = (current or {}).get("version")
    if isinstance(stored, str) and VERSION.fullmatch(stored):
        info["version"] = stored
    return info


def set_contents_list(nb, text: str) -> None:
    """Replace the source of the cell tagged ``contents-list``."""
    cells = [c for c in nb.cells if LIST_TAG in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"the contents notebook needs exactly one cell tagged {LIST_TAG!r}")
    cells[0].source = text


def normalise(nb) -> None:
    """Normalise notebook and cell metadata in place (kernelspec python3, no editor noise)."""
    nb.metadata = nbformat.NotebookNode(
        kernelspec=dict(KERNELSPEC), language_info=language_info(nb.metadata.get("language_info"))
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
    set_bootstrap(nb, bootstrap_source())
    if path.name == CONTENTS:
        set_contents_list(nb, contents_text(order, titles))
    normalise(nb)
    return nbformat.writes(nb) + "\n"


def course_titles(order: list[Path]) -> dict[Path, str]:
    """Title of each notebook in ``order``, read from the files."""
    return {p: title_of(nbformat.read(p, as_version=4)) for p in order}


README = NOTEBOOK_DIR.parent / "README.md"
READING_PATH = re.compile(
    r"(<!-- chapters:reading-path -->\n).*?(\n<!-- /chapters:reading-path -->)", re.DOTALL
)


def readme_text(order: list[Path], titles: dict[Path, str]) -> str:
    """README.md with its reading path written from the chapters' facts."""
    text = README.read_text(encoding="utf-8")
    if not READING_PATH.search(text):
        raise ValueError("README.md has no <!-- chapters:reading-path --> block")
    path_text = reading_path_text(order, titles)
    return READING_PATH.sub(lambda m: m[1] + path_text + m[2], text)


def tidy(paths: list[Path] | None = None) -> list[Path]:
    """Navigation, contents list and metadata for course notebooks, and the README's
    reading path; return the changed files."""
    order = course_notebooks()
    titles = course_titles(order)
    changed = []
    readme = readme_text(order, titles)
    if README.read_text(encoding="utf-8") != readme:
        README.write_text(readme, encoding="utf-8")
        changed.append(README)
    for path in paths or order:
        text = render(nbformat.read(path, as_version=4), path, order, titles)
        if path.read_text() != text:
            path.write_text(text)
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m tools.notebook_format
    for changed_path in tidy():
        print(f"tidied {changed_path.relative_to(NOTEBOOK_DIR.parent)}")
