"""Build the course's static site with Jupyter Book 1, from the stored notebooks, offline.

``make site`` runs ``python -m tools.book --out _site``. It writes the book's two files from
what the repository already says, then runs ``jupyter-book build``:

- ``_toc.yml``: the contents notebook as the home page, the chapters in reading order
  (``tools/course_files.py``), then README and INSTRUCTORS as pages;
- ``_config.yml``: nothing executed (the stored outputs are shown), MathJax served from the
  site itself (``sphinx-mathjax-offline``), the course's extension (``tools/book_ext.py``:
  widget notes, folded solutions), and the launch buttons (Binder, Colab, and a JupyterHub
  when ``--hub`` names one) built from ``[tool.course]`` in ``pyproject.toml``, the one
  setting. While that setting is still the placeholder address there are no launch or
  repository buttons (they would lead nowhere); ``--repository URL`` builds them for
  another address without touching the setting.

The book's sources are copies of README.md, INSTRUCTORS.md and ``notebooks/`` in
``build/book/`` (same layout, so every relative link keeps working); the result is moved to
``--out``. Each page offers its ``.ipynb`` (or ``.md``) for download, a sidebar, search, copy
buttons and a dark mode; no page loads anything from another host.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tools import links
from tools.course_files import CONTENTS, NOTEBOOK_DIR, course_notebooks, title_of

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "book"
DEFAULT_OUT = ROOT / "_site"
PAGES = ("README.md", "INSTRUCTORS.md")  # Markdown files of the repository shown as pages
MARKER = ".course-book"  # in the output folder: "an earlier build made this, safe to replace"
BINDERHUB = "https://mybinder.org"
COLAB = "https://colab.research.google.com"


def course_title() -> str:
    import json

    nb = json.loads((NOTEBOOK_DIR / CONTENTS).read_text())
    for cell in nb["cells"]:
        cell["source"] = "".join(cell["source"])
    return title_of(nb)


def toc() -> dict:
    """The table of contents: contents notebook first, chapters in order, then the docs."""
    chapters = [p for p in course_notebooks() if p.name != CONTENTS]
    return {
        "format": "jb-book",
        "root": f"notebooks/{Path(CONTENTS).stem}",
        "parts": [
            {
                "caption": "Chapters",
                "chapters": [{"file": f"notebooks/{p.stem}"} for p in chapters],
            },
            {"caption": "About the course", "chapters": [{"file": Path(p).stem} for p in PAGES]},
        ],
    }


def config(course: links.Course, hub: str | None = None) -> dict:
    """Jupyter Book's _config.yml for the course (see the module docstring)."""
    live = not course.is_placeholder
    launch = {"notebook_interface": "jupyterlab"}
    if live:
        launch.update(binderhub_url=BINDERHUB, colab_url=COLAB)
        if hub:
            launch["jupyterhub_url"] = links._hub(hub)
    return {
        "title": course_title(),
        "author": "",
        "copyright": "",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build", "**.ipynb_checkpoints"],
        "execute": {"execute_notebooks": "off"},
        # nbgitpuller merges a branch on every click (a tag works once), and Binder and Colab
        # take a branch too: the launch buttons all use the hub branch of the setting.
        "repository": {
            "url": course.repository if live else "",
            "branch": course.hub_branch,
            "path_to_book": "",
        },
        "launch_buttons": launch,
        "html": {
            "use_repository_button": live,
            "use_issues_button": False,
            "use_edit_page_button": False,
            "home_page_in_navbar": True,
            "use_multitoc_numbering": False,
        },
        "sphinx": {
            "extra_extensions": ["sphinx-mathjax-offline", "tools.book_ext"],
            "config": {
                "html_show_copyright": False,
                "html_show_sphinx": False,
                "html_last_updated_fmt": None,
                # GitHub-style anchors, so README's links like INSTRUCTORS.md#the-one-setting
                # and the notebooks' #Section links resolve.
                "myst_heading_anchors": 3,
                # Jupyter Book's default list without "linkify", which turns file names such as
                # README.md (.md is a country's domain) into links to web sites.
                "myst_enable_extensions": ["colon_fence", "dollarmath", "substitution", "tasklist"],
                "nb_merge_streams": True,
                "html_static_path": [str(Path(__file__).resolve().parent / "book_static")],
                "html_css_files": ["course.css"],
            },
        },
    }


def stage(work: Path) -> Path:
    """Copy the book's sources into ``work/src`` (the repository's layout) and return it."""
    source = work / "src"
    if source.exists():
        shutil.rmtree(source)
    (source / "notebooks").mkdir(parents=True)
    for path in course_notebooks():
        shutil.copy2(path, source / "notebooks" / path.name)
    shutil.copytree(NOTEBOOK_DIR / "figures", source / "notebooks" / "figures")
    for name in PAGES:
        shutil.copy2(ROOT / name, source / name)
    return source


def build(out: Path = DEFAULT_OUT, repository: str | None = None, hub: str | None = None,
          work: Path = WORK, quiet: bool = True) -> float:  # fmt: skip
    """Build the site into ``out``; return the seconds taken."""
    start = time.perf_counter()
    out = Path(out).resolve()
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise SystemExit(f"error: {out} is not empty and was not made by `make site`; not touched")
    course = links.load(repository=repository)
    source = stage(work)
    (source / "_toc.yml").write_text(yaml.safe_dump(toc(), sort_keys=False))
    (source / "_config.yml").write_text(yaml.safe_dump(config(course, hub), sort_keys=False))
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(source),
               "--path-output", str(work), "--builder", "html", "--all", "--warningiserror",
               "--keep-going"] + (["--quiet"] if quiet else [])  # fmt: skip
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(work / "_build" / "html", out)
    (out / MARKER).write_text("Built by `make site` (tools/book.py); replaced on every build.\n")
    (out / ".nojekyll").touch()  # GitHub Pages: serve _static/ and _sources/ as they are
    if course.is_placeholder:
        print("note: no launch buttons: [tool.course] repository is still the placeholder")
    return time.perf_counter() - start


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.book", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the site goes")
    parser.add_argument("--repository", help="build the buttons for this address (a fork)")
    parser.add_argument("--hub", help="a JupyterHub's address: adds its launch button")
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    args = parser.parse_args(arguments)
    seconds = build(args.out, args.repository, args.hub, quiet=not args.verbose)
    print(f"site built in {seconds:.1f} s: {args.out}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
