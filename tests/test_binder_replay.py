"""Replay what repo2docker does with binder/, on top of what repo2docker's image already holds.

Binder itself cannot run here (no Docker engine), so this does its steps in a scratch virtual
environment:

1. the base: every Python package of repo2docker's own conda environment for Python 3.11
   (``tests/data/repo2docker-base-py3.11.txt``: JupyterLab 4.4, Notebook 7.4, ipywidgets,
   jupyterhub-singleuser...), exactly those versions;
2. ``binder/environment.yml``'s pip packages installed over it, as ``conda env update``
   does, then a dependency check of the whole environment: a pin that breaks the base (a
   JupyterLab that Notebook 7.4 refuses) fails here, as it would break the image;
3. the repository copied and ``binder/postBuild`` run in the copy;
4. a notebook executed in that environment with a cold Matplotlib cache.

It uses uv (installed by ``make test``) and needs the package index, as CI has.
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
BASE = ROOT / "tests" / "data" / "repo2docker-base-py3.11.txt"
COPIED = ["binder", "helpers", "notebooks", "pyproject.toml", "README.md"]

pytestmark = pytest.mark.slow


def binder_pip_pins():
    spec = yaml.safe_load((ROOT / "binder" / "environment.yml").read_text())
    return next(d["pip"] for d in spec["dependencies"] if isinstance(d, dict))


def uv() -> str:
    found = shutil.which(
        "uv", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    )
    if found is None:
        pytest.fail("uv not found: `make test` installs it from requirements.lock")
    return found


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{cmd} failed:\n{result.stdout}\n{result.stderr}"
    return result


def base_environment(where: Path) -> Path:
    """A venv holding exactly repo2docker's base packages; its python."""
    run([uv(), "venv", "--quiet", "--seed", "--python", sys.executable, str(where)])
    python = where / "bin" / "python"
    run([uv(), "pip", "install", "--quiet", "--python", str(python), "--no-deps", "-r", str(BASE)])
    return python


def install_over(python: Path, requirements: list[str], folder: Path):
    """Install ``requirements`` over the environment; return `uv pip check`'s result."""
    listed = folder / "binder-requirements.txt"
    listed.write_text("\n".join(requirements) + "\n")
    run([uv(), "pip", "install", "--quiet", "--python", str(python), "-r", str(listed)])
    return subprocess.run(
        [uv(), "pip", "check", "--python", str(python)], capture_output=True, text=True
    )


def test_the_base_is_repo2dockers(tmp_path):
    """The base holds repo2docker's JupyterLab 4.4 and Notebook 7.4 and is consistent; a
    JupyterLab pin that Notebook refuses (the course's old jupyterlab==4.6.6) fails the check."""
    python = base_environment(tmp_path / "env")
    check = subprocess.run(
        [uv(), "pip", "check", "--python", str(python)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    conflict = install_over(python, ["jupyterlab==4.6.6"], tmp_path)
    assert conflict.returncode != 0
    assert "notebook" in conflict.stdout + conflict.stderr


def test_binder_recipe_builds_on_the_base_and_runs_a_notebook(tmp_path):
    """binder/environment.yml over repo2docker's base is consistent, keeps the base's
    JupyterLab, and with binder/postBuild gives an environment that runs the course."""
    venv = tmp_path / "env"
    python = base_environment(venv)
    base_lab = run([str(python), "-c", "import jupyterlab; print(jupyterlab.__version__)"]).stdout
    check = install_over(python, binder_pip_pins(), tmp_path)
    assert check.returncode == 0, (
        f"binder/environment.yml breaks repo2docker's base:\n{check.stdout}{check.stderr}"
    )
    lab = run([str(python), "-c", "import jupyterlab; print(jupyterlab.__version__)"]).stdout
    assert lab == base_lab, "JupyterLab is repo2docker's, not replaced by the course"
    kernel = run([str(python), "-c", "import ipykernel; print(ipykernel.__version__)"]).stdout
    assert tuple(int(n) for n in kernel.split(".")[:2]) >= (7, 4), "the shell-socket fix"

    repo = tmp_path / "repo"
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
