"""The locks, the conda environment files and pyproject agree, and postBuild is sound.

The locks are written by ``uv pip compile`` (``make lock``, tools/lock.py); these tests check
what the course promises about them: the Python floor is real (every pin installs on 3.11),
``make lab``'s lock is the run-time part of the full lock at the same versions, and the
environment files are derived from the locks.
"""

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from tools import lock

ROOT = Path(__file__).resolve().parent.parent
ROOT_ENV, BINDER_ENV = lock.ENV_FILES
TEST_TOOLS = {"scipy", "pytest", "nbval", "playwright", "hypothesis", "ruff", "jupyter-book"}


def environment(path):
    """(python pins, {package: version}, pip lines) of a conda environment file."""
    spec = yaml.safe_load(path.read_text())
    python = [d for d in spec["dependencies"] if isinstance(d, str) and d.startswith("python=")]
    pip = next(d["pip"] for d in spec["dependencies"] if isinstance(d, dict))
    pins = {}
    for line in pip:
        name, version = line.split(";")[0].strip().split("==")
        pins[name.lower().replace("_", "-")] = version
    return python, pins, pip


def requirement_names(path):
    """Package names of a requirements file, without version specifiers or markers."""
    return {n for n in map(lock.requirement_name, path.read_text().splitlines()) if n}


def uv():
    """The uv the Makefile installs (the lock pins it into .venv), else one on PATH."""
    found = shutil.which(
        "uv", path=os.pathsep.join([str(ROOT / ".venv" / "bin"), os.environ["PATH"]])
    )
    if found is None:
        pytest.fail("uv not found: `make test` installs it from requirements.lock")
    return found


def test_lock_honours_every_version_floor():
    """A floor in requirements/*.in (ipykernel>=7.4 for the shell-socket fix) holds in the lock."""
    locked = lock.read_lock()
    for path in lock.IN_FILES:
        for line in path.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if ">=" in line:
                package, floor = (part.strip() for part in line.split(",")[0].split(">="))
                have = tuple(int(n) for n in locked[package.lower()].split(".")[:3])
                want = tuple(int(n) for n in floor.split("."))
                assert have[: len(want)] >= want, f"{package} {locked[package.lower()]} < {floor}"


def test_python_floor_is_311_everywhere():
    """requires-python, ruff's target, the lock's resolution and the set-up check say 3.11."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["project"]["requires-python"] == ">=3.11"
    assert pyproject["tool"]["ruff"]["target-version"] == "py311"
    assert lock.PYTHON_FLOOR == "3.11"
    assert "sys.version_info < (3, 11)" in (ROOT / "tools" / "setup_venv.sh").read_text()
    assert "Python 3.11 or newer" in (ROOT / "README.md").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("path", [lock.LOCK, lock.COURSE_LOCK], ids=lambda p: p.name)
def test_lock_installs_on_the_floor_python(path, tmp_path):
    """Every pin (with its markers) installs on Python 3.11: uv resolves it for that version.

    ``--dry-run`` with ``--python-version 3.11`` evaluates the markers and requires-python of
    every package as 3.11 would, from the index uv has cached (``--offline`` is not used: a
    cold cache needs the index, as ``make lab`` does).
    """
    venv = tmp_path / "venv"
    subprocess.run([uv(), "venv", "--quiet", str(venv)], check=True)
    result = subprocess.run(
        [uv(), "pip", "install", "--dry-run", "--python", str(venv / "bin" / "python"),
         "--python-version", "3.11", "--python-platform", "linux", "-r", str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Would install" in result.stderr, result.stderr


# What Colab runtimes have shipped (2025 runtimes, from Colab's published package lists; Colab
# itself cannot be reached from here: update these when its runtime moves). The set-up cell
# installs the course there with pip, which must accept these as they are.
COLAB = {"python": "3.12.12", "numpy": "2.0.2", "matplotlib": "3.10.0", "ipywidgets": "7.7.1"}


def test_package_requirements_accept_colabs_versions():
    """requires-python and the package's dependencies accept Colab's Python and its copies of
    NumPy, Matplotlib and ipywidgets (no upgrade that Colab's front end would not support)."""
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert Requirement(f"python{project['requires-python']}").specifier.contains(COLAB["python"])
    for line in project["dependencies"]:
        requirement = Requirement(line)
        assert requirement.specifier.contains(COLAB[requirement.name]), line


def test_course_lock_is_the_run_time_part_of_the_full_lock():
    """`make lab`'s lock pins the same versions as the full lock, and no test or site tool."""
    full, course = lock.read_lock(lock.LOCK), lock.read_lock(lock.COURSE_LOCK)
    assert set(course) < set(full)
    assert {n: v for n, v in course.items() if full[n] != v} == {}
    assert not TEST_TOOLS & set(course)
    assert requirement_names(ROOT / "requirements" / "course.in") <= set(course)


def test_locks_carry_hashes_and_exact_pins():
    """Each lock line is an exact '==' pin followed by at least one sha256 hash."""
    for path in (lock.LOCK, lock.COURSE_LOCK):
        text = path.read_text()
        pins = re.findall(
            r"^([A-Za-z0-9._-]+)==\S+(?: ;[^\\]*)? \\\n((?:    --hash=sha256:\w+.*\n)+)", text, re.M
        )
        assert len(pins) == len(lock.read_lock(path)), path.name
        names = [name.lower() for name, _ in pins]
        assert names == sorted(set(names)), f"{path.name}: one line per package, sorted"


def test_lock_covers_every_requirement():
    """Each top-level requirement of every role is in the full lock; uv is pinned."""
    locked = lock.read_lock()
    for path in lock.IN_FILES:
        missing = requirement_names(path) - set(locked)
        assert not missing, f"{path.name}: {missing}"
    assert "uv" in locked, "the Makefile bootstraps the uv version pinned in the lock"


def test_environment_files_pin_python_311():
    """Both environment files pin Python 3.11 exactly (repo2docker would pick 3.10)."""
    for path in lock.ENV_FILES:
        python, _, _ = environment(path)
        assert python == ["python=3.11"], path


def test_root_environment_is_the_course_lock():
    """environment.yml holds every package of requirements/course.lock at its version."""
    _, pins, _ = environment(ROOT_ENV)
    assert pins == lock.read_lock(lock.COURSE_LOCK)


def test_binder_environment_leaves_jupyter_to_repo2docker():
    """binder/environment.yml pins the kernel's packages at the lock's versions, and neither
    JupyterLab nor Notebook nor the server, which repo2docker's base environment provides."""
    _, pins, _ = environment(BINDER_ENV)
    course = lock.read_lock(lock.COURSE_LOCK)
    assert {n: v for n, v in pins.items() if course.get(n) != v} == {}
    assert {"numpy", "matplotlib", "ipykernel", "ipywidgets"} <= set(pins)
    assert not {"jupyterlab", "notebook", "jupyter-server", "jupyterhub"} & set(pins)
    assert not TEST_TOOLS & set(pins)


def test_environment_files_are_what_lock_py_writes():
    """Both files are exactly the writer's output for the current locks (no hand edits)."""
    assert ROOT_ENV.read_text() == lock.environment_yml(
        lock.pinned_lines(lock.COURSE_LOCK), lock.ROOT_ENV_NOTE
    )
    _, _, pip = environment(BINDER_ENV)
    assert BINDER_ENV.read_text() == lock.environment_yml(pip, lock.BINDER_ENV_NOTE)


def test_postbuild_installs_helpers_without_deps_and_warms_fonts():
    """binder/postBuild installs the course package (no deps) and builds the font cache."""
    path = ROOT / "binder" / "postBuild"
    text = path.read_text()
    assert path.stat().st_mode & 0o111, "postBuild must be executable"
    assert "pip install --no-deps" in text
    assert "import matplotlib.pyplot" in text


def test_helpers_reexports_every_public_name():
    """`from helpers import X` works for every public name of every module, once."""
    import importlib
    import pkgutil

    import helpers

    widget_side = {"render"}  # reached as helpers.render, like the helpers.widgets package
    for module_info in pkgutil.iter_modules(helpers.__path__):
        if module_info.name.startswith("_") or module_info.ispkg:
            continue
        if module_info.name in widget_side:
            continue
        module = importlib.import_module(f"helpers.{module_info.name}")
        for name in getattr(module, "__all__", []):
            assert getattr(helpers, name) is getattr(module, name), f"{module_info.name}.{name}"
    assert len(set(helpers.__all__)) == len(helpers.__all__)
