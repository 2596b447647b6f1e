"""Replay what repo2docker does with binder/, in a scratch virtual environment.

Binder itself cannot run here (no Docker engine), so this does its steps with
pip: install exactly the packages binder/environment.yml lists, copy the
repository, run binder/postBuild in the copy, then execute a notebook in that
environment with a cold matplotlib cache. It needs the package index (as CI
has) and takes a minute or two; pip's cache makes repeats faster.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["binder", "helpers", "notebooks", "pyproject.toml", "README.md"]

pytestmark = pytest.mark.slow


def binder_pip_pins():
    spec = yaml.safe_load((ROOT / "binder" / "environment.yml").read_text())
    return next(d["pip"] for d in spec["dependencies"] if isinstance(d, dict))


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{cmd} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_binder_recipe_builds_and_runs_a_notebook(tmp_path):
    """binder/environment.yml + binder/postBuild give an environment that runs the course."""
    venv = tmp_path / "env"
    repo = tmp_path / "repo"
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    requirements = tmp_path / "binder-requirements.txt"
    requirements.write_text("\n".join(binder_pip_pins()) + "\n")
    run([str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements)])

    repo.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, repo / name)
    env = {
        **os.environ,
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "MPLCONFIGDIR": str(tmp_path / "mplconfig"),  # cold, as in a fresh image
        "VIRTUAL_ENV": str(venv),
    }
    run(["bash", "binder/postBuild"], cwd=repo, env=env)
    assert (tmp_path / "mplconfig").is_dir(), "postBuild should have built the font cache"

    # From a neutral folder, so the current directory cannot shadow the installed package.
    where = [str(python), "-c", "import helpers; print(helpers.__file__)"]
    imported = run(where, cwd=tmp_path, env=env)
    assert str(repo) in imported.stdout, "helpers should come from the repository (editable)"

    notebook = sorted((repo / "notebooks").glob("01-*.ipynb"))[0]
    executed = tmp_path / "executed.ipynb"
    run(
        [str(venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.kernel_name=python3", "--output", str(executed), str(notebook)],
        cwd=repo / "notebooks", env=env,
    )  # fmt: skip
    for cell in nbformat.read(executed, as_version=4).cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", cell.source
            assert output.get("name") != "stderr", output.get("text")
