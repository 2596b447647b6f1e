"""The set-up cell that opens every chapter, run in fresh kernels where the course may be missing.

tools/notebook_format.py writes the cell (tag ``bootstrap``) from the repository address in
``[tool.course]``. Three places are tried, each in a new ipykernel:

- the course installed (``make lab``, Binder): the cell does nothing, quickly;
- a copy of the repository without the package installed (an nbgitpuller checkout on a
  JupyterHub): ``helpers`` is then imported from the copy;
- Colab (``google.colab`` imported, no copy of the repository): the cell installs the course
  with pip from its repository address, here a local git clone of this repository.

For the last two the kernel runs in a scratch virtual environment that sees the course's
packages (NumPy, Matplotlib, ipykernel...) through a ``.pth`` line, but not the editable
install of ``helpers``. Those two are marked ``slow``: the scratch venv and pip's build of the
package fetch pip and setuptools from the package index.
"""

import json
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel

from tools import notebook_format

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = notebook_format.course_notebooks()


def run_in_kernel(code: str, cwd: Path, kernel_name: str = "python3", timeout: float = 120):
    """Run ``code`` in a new kernel started in ``cwd``; (stdout, stderr, errors, seconds)."""
    km, kc = start_new_kernel(kernel_name=kernel_name, cwd=str(cwd), startup_timeout=60)
    try:
        start = time.perf_counter()
        out, err, errors = [], [], []

        def collect(message):
            content = message["content"]
            if message["msg_type"] == "stream":
                (out if content["name"] == "stdout" else err).append(content["text"])
            elif message["msg_type"] == "error":
                errors.append(f"{content['ename']}: {content['evalue']}")

        kc.execute_interactive(code, output_hook=collect, timeout=timeout)
        return "".join(out), "".join(err), errors, time.perf_counter() - start
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def bootstrap_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if notebook_format.BOOTSTRAP_TAG in c.metadata.get("tags", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_first_code_cell_is_the_generated_bootstrap(path):
    """Every notebook's first code cell is the set-up cell, as the tool writes it, tagged to
    stay off the static site, with no output."""
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert notebook_format.BOOTSTRAP_TAG in first.metadata.get("tags", [])
    assert "remove-cell" in first.metadata["tags"]
    assert first.source == notebook_format.bootstrap_source()
    assert first.outputs == []
    assert len(bootstrap_cells(path)) == 1
    assert notebook_format.links.load().repository in first.source


def test_bootstrap_does_nothing_quickly_when_helpers_is_installed(tmp_path):
    """In a fresh kernel of the course's environment the cell prints nothing, changes no
    import path, and takes well under a tenth of a second."""
    code = notebook_format.bootstrap_source()
    probe = (
        "import sys\nbefore = list(sys.path)\nimport time\nstart = time.perf_counter()\n"
        f"{code}\nseconds = time.perf_counter() - start\n"
        "print(sys.path == before, f'{seconds:.4f}')"
    )
    out, err, errors, _ = run_in_kernel(probe, tmp_path)
    assert errors == [] and err == ""
    unchanged, seconds = out.split()
    assert unchanged == "True"
    assert float(seconds) < 0.1, seconds


@pytest.fixture(scope="module")
def bare_kernel(tmp_path_factory):
    """JUPYTER_PATH entry with a kernel spec "bare": a scratch venv's Python, which sees the
    course's packages but not ``helpers``."""
    base = tmp_path_factory.mktemp("bare")
    venv = base / "venv"
    uv = shutil.which("uv", path=str(Path(sys.executable).parent))
    if uv:
        subprocess.run([uv, "venv", "--quiet", "--seed", "--python", sys.executable, str(venv)],
                       check=True)  # fmt: skip
    else:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # A plain path line: the course's site-packages joins sys.path, but its .pth files (the
    # editable install's finder among them) are not run.
    Path(purelib, "course-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    check = subprocess.run(
        [str(python), "-c", "import importlib.util as u, numpy; print(u.find_spec('helpers'))"],
        capture_output=True, text=True, cwd=base,
    )  # fmt: skip
    assert check.stdout.strip() == "None", check.stdout + check.stderr
    spec_dir = base / "share" / "jupyter" / "kernels" / "bare"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(
        json.dumps({
            "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "no helpers",
            "language": "python",
        })
    )  # fmt: skip
    return base / "share" / "jupyter"


@pytest.mark.slow
def test_bootstrap_finds_helpers_in_a_hub_checkout(bare_kernel, tmp_path, monkeypatch):
    """In a copy of the repository (cwd = its notebooks/ folder) without the package
    installed, the cell makes `import helpers` load the copy's helpers/."""
    data_dir = bare_kernel
    monkeypatch.setenv("JUPYTER_PATH", str(data_dir))
    checkout = tmp_path / "NAME"
    shutil.copytree(
        ROOT / "helpers", checkout / "helpers", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "notebooks", checkout / "notebooks")
    shutil.copy2(ROOT / "pyproject.toml", checkout)
    code = (
        "import importlib.util\nprint(importlib.util.find_spec('helpers'))\n"
        f"{notebook_format.bootstrap_source()}\n"
        "import helpers\nprint(helpers.__file__)\nprint(helpers.correlate2d([[1, 2]], [[1]]))"
    )
    out, _, errors, _ = run_in_kernel(code, checkout / "notebooks", kernel_name="bare")
    assert errors == [], errors
    lines = out.splitlines()
    assert lines[0] == "None", "helpers must be missing before the cell runs"
    assert lines[1] == str(checkout / "helpers" / "__init__.py")
    assert lines[2] == "[[1. 2.]]"


@pytest.mark.slow
def test_bootstrap_installs_the_course_on_colab(bare_kernel, tmp_path, monkeypatch):
    """With google.colab imported and no copy of the repository around, the cell runs
    `pip install git+<repository>` and helpers imports from the installed package."""
    data_dir = bare_kernel
    monkeypatch.setenv("JUPYTER_PATH", str(data_dir))
    if shutil.which("git") is None:
        pytest.fail("git is needed to install from a repository address")
    # A git repository holding the package as it is in this working tree.
    repo = tmp_path / "repository"
    repo.mkdir()
    shutil.copytree(
        ROOT / "helpers", repo / "helpers", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, repo)
    git = ["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.org"]
    for command in (["init", "--quiet"], ["add", "."], ["commit", "--quiet", "-m", "course"]):
        subprocess.run([*git, *command], check=True)
    address = repo.as_uri()
    code = (
        "import sys, types\nsys.modules['google.colab'] = types.ModuleType('google.colab')\n"
        f"{notebook_format.bootstrap_source(address)}\n"
        "import helpers\nprint(helpers.__file__)"
    )
    away = tmp_path / "content"  # Colab's working folder holds no copy of the course
    away.mkdir()
    out, err, errors, _ = run_in_kernel(code, away, kernel_name="bare", timeout=300)
    assert errors == [], f"{errors}\n{err}"
    installed = Path(out.strip())
    assert installed.name == "__init__.py" and "site-packages" in installed.parts, out
    assert not installed.is_relative_to(repo)
