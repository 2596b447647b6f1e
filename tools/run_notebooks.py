"""Re-execute course notebooks in place, each in a fresh kernel, then tidy them.

``make notebooks`` runs this on every notebook in reading order. Outputs are
deterministic (seeded randomness, no timings stored), so running it twice on
an unchanged tree leaves git with nothing to show.

Execution is nbclient's (what ``jupyter execute`` runs), with two settings the command line
does not offer: no timings stored and one stream output per print; what is course-specific
(navigation, the set-up cell, the figures markdown cells show) is written around it.

Usage: ``python -m tools.run_notebooks [notebooks/NN-name.ipynb ...]``
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.animation import write_course_figures
from tools import notebook_format

TIMEOUT_SECONDS = 300


def executed(path: Path):
    """The notebook at ``path`` with every cell run in a fresh kernel, from its own folder."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        # One stream output per print, however the kernel's messages were chunked
        # (under load a line and its newline can arrive separately).
        coalesce_streams=True,
    )
    client.execute()
    return nb


def execute(path: Path) -> float:
    """Run the notebook at ``path`` and store its outputs; return seconds taken."""
    start = time.perf_counter()
    nb = executed(path)
    seconds = time.perf_counter() - start
    nbformat.write(nb, path)
    return seconds


def main(arguments: list[str]) -> None:
    paths = [Path(a).resolve() for a in arguments] or notebook_format.course_notebooks()
    # Figures that markdown cells show (animations that play without a kernel), written
    # by the one helpers function that a test compares with the committed files.
    for figure in write_course_figures(notebook_format.NOTEBOOK_DIR / "figures"):
        print(f"rendered {figure.relative_to(notebook_format.NOTEBOOK_DIR.parent)}")
    # Navigation first, so the executed notebook already holds its final cells.
    # Only the notebooks asked for are touched (`make notebooks` asks for all).
    notebook_format.tidy(paths)
    total = 0.0
    for path in paths:
        seconds = execute(path)
        total += seconds
        print(f"executed {path.name} in {seconds:.1f} s")
    notebook_format.tidy(paths)
    print(f"all {len(paths)} notebooks in {total:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
