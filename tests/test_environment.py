"""The lock, the conda environment files and pyproject agree, and postBuild is sound."""

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import lock  # noqa: E402  (a script folder, not an installed package)

ENV_FILES = [ROOT / "environment.yml", ROOT / "binder" / "environment.yml"]


def environment(path):
    """(python version, {package: version}) pinned by a conda environment file."""
    spec = yaml.safe_load(path.read_text())
    python = [d for d in spec["dependencies"] if isinstance(d, str) and d.startswith("python=")]
    pip = next(d["pip"] for d in spec["dependencies"] if isinstance(d, dict))
    pins = dict(line.lower().split("==") for line in pip)
    return python, pins


def requirement_names(path):
    """Package names of a requirements file, without version specifiers or markers."""
    lines = [line.split("#", 1)[0].strip() for line in path.read_text().splitlines()]
    return {re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0].lower() for line in lines if line}


def test_lock_honours_every_version_floor():
    """A floor in requirements/*.in (ipykernel>=7.4 for the shell-socket fix) holds in the lock."""
    locked = lock.read_lock()
    for name in ("course.in", "test.in"):
        for line in (ROOT / "requirements" / name).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if ">=" in line:
                package, floor = (part.strip() for part in line.split(">="))
                have = tuple(int(n) for n in locked[package.lower()].split(".")[:3])
                want = tuple(int(n) for n in floor.split("."))
                assert have[: len(want)] >= want, f"{package} {locked[package.lower()]} < {floor}"


def test_environment_files_pin_python_311():
    """Both environment files pin Python 3.11 exactly (repo2docker would pick 3.10)."""
    for path in ENV_FILES:
        python, _ = environment(path)
        assert python == ["python=3.11"], path


def test_environment_files_agree_with_the_lock():
    """Every package in both environment files is pinned at exactly the lock's version."""
    locked = lock.read_lock()
    for path in ENV_FILES:
        _, pins = environment(path)
        drift = {n: (v, locked.get(n)) for n, v in pins.items() if locked.get(n) != v}
        assert not drift, f"{path.name} differs from requirements.lock (run `make lock`): {drift}"


def test_binder_and_root_environment_files_are_identical():
    """Binder and local conda users get the same environment."""
    assert ENV_FILES[0].read_text() == ENV_FILES[1].read_text()


def test_environment_holds_every_course_package_and_no_test_tool():
    """The environment files hold what the course runs on, and not scipy or pytest."""
    course = requirement_names(ROOT / "requirements" / "course.in")
    for path in ENV_FILES:
        _, pins = environment(path)
        assert course <= set(pins)
        assert not {"scipy", "pytest", "nbval", "playwright", "hypothesis"} & set(pins)


def test_lock_covers_every_requirement():
    """Each top-level requirement of the course and of the tests is in the lock."""
    locked = lock.read_lock()
    for name in ("course.in", "test.in"):
        missing = requirement_names(ROOT / "requirements" / name) - set(locked)
        assert not missing, missing


def test_lock_is_exact():
    """The lock holds only exact '==' pins, one per package, sorted."""
    lines = [
        line for line in (ROOT / "requirements.lock").read_text().splitlines() if line[:1] != "#"
    ]
    assert all(line.count("==") == 1 for line in lines)
    names = [line.split("==")[0] for line in lines]
    assert names == sorted(set(names))


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
