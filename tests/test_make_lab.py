"""`make lab`, as a learner runs it in a fresh copy of the repository.

The copy has no .venv: `make lab` builds one from requirements/course.lock with uv, installs
helpers, and starts a real JupyterLab that serves the contents notebook and a kernel. The new
environment holds what the notebooks run on and none of the test or site tools. On Python
3.10 `make lab` stops at once, saying how to get 3.11, and builds nothing.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["Makefile", "pyproject.toml", "README.md", "LICENSE", "requirements.lock",
          "requirements", "helpers", "notebooks", "tools"]  # fmt: skip
TEST_AND_SITE_TOOLS = [
    "pytest",
    "scipy",
    "playwright",
    "ruff",
    "hypothesis",
    "nbval",
    "jupyter_book",
    "sphinx",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fresh_copy(tmp_path):
    """The files a learner's clone has, without .venv or build/."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
            shutil.copytree(source, tmp_path / name, ignore=ignore)
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


def test_make_lab_builds_the_course_environment_and_serves_the_contents(fresh_copy):
    """In a fresh copy, `make lab` installs the run-time lock only, then JupyterLab serves
    00-contents.ipynb and the python3 kernel at the URL it prints."""
    port, token = free_port(), secrets.token_hex(16)
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
    # The lock's uv (installed in this environment) on PATH, as a learner with uv has it.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    start = time.monotonic()
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
        cwd=fresh_copy,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # so the whole process group can be stopped
    )
    base = f"http://127.0.0.1:{port}"
    try:
        contents = None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and server.poll() is None:
            try:
                url = f"{base}/api/contents/notebooks/00-contents.ipynb?token={token}"
                with urllib.request.urlopen(url, timeout=5) as response:
                    contents = json.load(response)
                break
            except OSError:
                time.sleep(0.5)
        seconds = time.monotonic() - start
        assert contents is not None, "JupyterLab did not answer within 240 s"
        assert contents["type"] == "notebook"
        with urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=5) as r:
            assert "python3" in json.load(r)["kernelspecs"]
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=5) as r:
            assert r.status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "/lab/tree/notebooks/00-contents.ipynb?token=" in output, "URL opens the contents"
    assert "notice: uv is not available" not in output
    print(f"make lab in a fresh copy (warm uv cache): {seconds:.1f} s to a serving JupyterLab")

    python = fresh_copy / ".venv" / "bin" / "python"
    probe = "import importlib.util as u, sys; print([n for n in sys.argv[1:] if u.find_spec(n)])"
    present = subprocess.run(
        [str(python), "-c", probe, "helpers", "numpy", "matplotlib", "ipywidgets", "jupyterlab",
         *TEST_AND_SITE_TOOLS],
        capture_output=True, text=True, check=True, cwd=fresh_copy.parent,
    ).stdout  # fmt: skip
    assert present.strip() == str(["helpers", "numpy", "matplotlib", "ipywidgets", "jupyterlab"])


def python_310() -> str:
    """A Python 3.10 interpreter: a real one if this machine has it, else a stand-in that
    answers as 3.10 does to the two questions the set-up asks."""
    for candidate in ("python3.10", str(Path.home() / ".pyenv/versions/3.10.13/bin/python3.10")):
        found = shutil.which(candidate)
        if (
            found
            and subprocess.run([found, "-c", "import sys"], capture_output=True).returncode == 0
        ):
            return found
    return ""


def test_make_lab_on_python_310_stops_at_once_with_the_way_to_311(fresh_copy, tmp_path_factory):
    """`make lab PYTHON=python3.10` exits non-zero within seconds, says 3.11 is needed and how
    to get it, and creates no .venv."""
    python = python_310()
    if not python:
        stand_in = tmp_path_factory.mktemp("py310") / "python3.10"
        stand_in.write_text(
            '#!/bin/sh\ncase "$1" in\n  --version) echo "Python 3.10.12" ;;\n'
            '  -c) exit 1 ;;\nesac\n'
        )  # fmt: skip
        stand_in.chmod(0o755)
        python = str(stand_in)
    start = time.monotonic()
    result = subprocess.run(
        ["make", "--no-print-directory", "lab", f"PYTHON={python}"],
        cwd=fresh_copy, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert time.monotonic() - start < 10
    message = result.stdout + result.stderr
    assert "Python 3.11 or newer" in message and "3.10" in message
    assert "make lab PYTHON=python3.11" in message
    assert not (fresh_copy / ".venv").exists()
