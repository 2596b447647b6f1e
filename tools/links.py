"""Build every public link to the course from one setting, and keep the docs in step.

The course's public repository address is not known until it is published, so it lives
in exactly one place: the ``[tool.course]`` table of ``pyproject.toml``. Everything that
points at the repository is built here from that table: the Binder badge and launch
URL, nbgitpuller links for a JupyterHub, the repo2docker command for a hub image, and
the marked parts of README.md and INSTRUCTORS.md that show them.

    python tools/links.py binder [--ref TAG]          the Binder launch URL
    python tools/links.py badge [--ref TAG]           the badge, as Markdown
    python tools/links.py nbgitpuller --hub URL [--branch BRANCH] [--target-path DIR]
    python tools/links.py repo2docker [--ref TAG] [--image-name NAME:TAG]
    python tools/links.py readme [--check]            rewrite (or only check) the docs

Every command except ``readme`` refuses to print links while the setting still holds
the placeholder address; ``--repository URL`` builds them for another address (a fork)
without touching the setting.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
DOCS = ("README.md", "INSTRUCTORS.md")  # the files whose marked parts `readme` writes

PLACEHOLDER = "https://github.com/OWNER/NAME"
BINDER = "https://mybinder.org"
BADGE_IMAGE = "https://mybinder.org/badge_logo.svg"
EXAMPLE_HUB = "https://hub.example.edu"
# Where a hub image keeps the repository: outside the home directory, which a hub with
# persistent storage mounts over (repo2docker's default is the home directory).
IMAGE_REPO_DIR = "/srv/repo"
# The user most hubs start notebooks as (the Jupyter Docker Stacks convention);
# repo2docker otherwise uses whoever runs it, and refuses root.
IMAGE_USER_ID = 1000
IMAGE_USER_NAME = "jovyan"

KEYS = {  # [tool.course] key -> field name
    "repository": "repository",
    "binder-ref": "binder_ref",
    "hub-branch": "hub_branch",
    "contents": "contents",
}
REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
PATH_PART = re.compile(r"[A-Za-z0-9._-]+")


class SettingError(ValueError):
    """A value of ``[tool.course]`` (or a command-line override) that cannot make a link."""


@dataclass(frozen=True)
class Course:
    """The validated ``[tool.course]`` setting. Build one with :func:`course`."""

    repository: str  # https address of the public git repository, no trailing / or .git
    binder_ref: str  # the tag (or branch) Binder builds
    hub_branch: str  # the branch nbgitpuller pulls from
    contents: str  # the notebook every link opens, relative to the repository root

    @property
    def is_placeholder(self) -> bool:
        return self.repository == PLACEHOLDER

    @property
    def clone_dir(self) -> str:
        """The folder nbgitpuller clones into by default: the last part of the address."""
        return self.repository.rsplit("/", 1)[-1]


def course(repository, binder_ref, hub_branch, contents) -> Course:
    """Check each value and return a :class:`Course`; a bad value raises SettingError."""
    return Course(
        repository=_repository(repository),
        binder_ref=_ref(binder_ref, "binder-ref"),
        hub_branch=_ref(hub_branch, "hub-branch"),
        contents=_relative_path(contents, "contents", suffix=".ipynb"),
    )


def load(pyproject: Path = PYPROJECT, repository: str | None = None) -> Course:
    """Read ``[tool.course]`` from ``pyproject``; ``repository`` overrides the address."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        raise SystemExit("error: tools/links.py needs Python 3.11 or newer (tomllib)") from None
    with open(pyproject, "rb") as f:
        table = tomllib.load(f).get("tool", {}).get("course")
    if not isinstance(table, dict):
        raise SettingError(f"{pyproject.name} has no [tool.course] table")
    unknown = sorted(set(table) - set(KEYS))
    missing = sorted(set(KEYS) - set(table))
    if unknown:
        raise SettingError(f"[tool.course] has unknown keys {unknown}; known: {sorted(KEYS)}")
    if missing:
        raise SettingError(f"[tool.course] is missing {missing}")
    values = {KEYS[key]: value for key, value in table.items()}
    if repository is not None:
        values["repository"] = repository
    return course(**values)


def _text(value, key: str) -> str:
    if not isinstance(value, str):
        raise SettingError(f"[tool.course] {key} must be a string, not {type(value).__name__}")
    if not value.strip():
        raise SettingError(f"[tool.course] {key} is empty")
    if value != value.strip() or any(c.isspace() for c in value):
        raise SettingError(f"[tool.course] {key} contains spaces: {value!r}")
    return value


def _repository(value) -> str:
    if isinstance(value, str) and not value.strip():
        raise SettingError(
            "[tool.course] repository is empty: set it to the course's public address, "
            f"for example {PLACEHOLDER}"
        )
    value = _text(value, "repository")
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise SettingError(
            f"[tool.course] repository must be an https:// address, like {PLACEHOLDER}, "
            f"not {value!r}"
        )
    if parts.username or parts.password or parts.query or parts.fragment or parts.port:
        raise SettingError(
            f"[tool.course] repository must be a plain https://host/owner/name address, "
            f"without login, port, query or fragment: {value!r}"
        )
    path = parts.path.rstrip("/")
    segments = path.strip("/").split("/")
    if len(segments) < 2 or not all(SEGMENT.fullmatch(s) for s in segments):
        raise SettingError(
            f"[tool.course] repository must name the owner and the repository, like "
            f"{PLACEHOLDER}, not {value!r}"
        )
    if parts.hostname == "github.com" and len(segments) != 2:
        raise SettingError(f"a GitHub address is https://github.com/OWNER/NAME, not {value!r}")
    if segments[-1].endswith(".git"):
        raise SettingError(
            f"[tool.course] repository: write the address without the trailing .git: {value!r}"
        )
    return f"https://{parts.hostname}{path}"


def _ref(value, key: str) -> str:
    value = _text(value, key)
    if not REF.fullmatch(value) or ".." in value or value.endswith(("/", ".", ".lock")):
        raise SettingError(f"[tool.course] {key} is not a git branch or tag name: {value!r}")
    return value


def _relative_path(value, key: str, suffix: str = "") -> str:
    value = _text(value, key)
    parts = value.split("/")
    if not all(PATH_PART.fullmatch(p) and p not in (".", "..") for p in parts):
        raise SettingError(f"[tool.course] {key} must be a relative path like a/b, not {value!r}")
    if suffix and not value.endswith(suffix):
        raise SettingError(f"[tool.course] {key} must end in {suffix}: {value!r}")
    return value


def _hub(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingError("the hub address is empty")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SettingError(f"the hub address must start with https://, not {value!r}")
    if parts.query or parts.fragment:
        raise SettingError(f"give the hub's address without a query or fragment: {value!r}")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def binder_url(course: Course, ref: str | None = None) -> str:
    """The mybinder.org URL that opens JupyterLab on the contents notebook at ``ref``."""
    ref = course.binder_ref if ref is None else _ref(ref, "binder-ref")
    parts = urlsplit(course.repository)
    if parts.hostname == "github.com":
        spec = f"gh{parts.path}/{ref}"
    else:  # any other public git host, through BinderHub's generic git provider
        spec = f"git/{quote(course.repository, safe='')}/{ref}"
    query = urlencode({"urlpath": f"lab/tree/{course.contents}"}, safe="/")
    return f"{BINDER}/v2/{spec}?{query}"


def badge_markdown(course: Course, ref: str | None = None) -> str:
    """The Binder badge as a Markdown image link."""
    return f"[![Launch the course on Binder]({BADGE_IMAGE})]({binder_url(course, ref)})"


def nbgitpuller_url(
    course: Course, hub: str, branch: str | None = None, target_path: str | None = None
) -> str:
    """The link that clones (later: updates) the course on ``hub`` and opens the contents.

    nbgitpuller clones into ``target_path``, or by default into a folder named after the
    last part of the repository address; ``urlpath`` must name that folder.
    """
    branch = course.hub_branch if branch is None else _ref(branch, "hub-branch")
    folder = course.clone_dir
    if target_path is not None:
        folder = _relative_path(target_path, "target path")
    query = [
        ("repo", course.repository),
        ("branch", branch),
        ("urlpath", f"lab/tree/{folder}/{course.contents}"),
    ]
    if target_path is not None:
        query.append(("targetPath", folder))
    return f"{_hub(hub)}/hub/user-redirect/git-pull?{urlencode(query)}"


def image_name(course: Course, ref: str | None = None) -> str:
    """A default image name for repo2docker: the repository's name, tagged with the ref."""
    ref = course.binder_ref if ref is None else _ref(ref, "ref")
    name = re.sub(r"[^a-z0-9]+", "-", course.clone_dir.lower()).strip("-") or "course"
    tag = re.sub(r"[^A-Za-z0-9_.-]", "-", ref)
    return f"{name}:{tag}"


def repo2docker_command(course: Course, ref: str | None = None, image: str | None = None):
    """The repo2docker command (a list of arguments) that builds a hub image at ``ref``."""
    ref = course.binder_ref if ref is None else _ref(ref, "ref")
    return [
        "repo2docker",
        "--no-run",
        "--user-id",
        str(IMAGE_USER_ID),
        "--user-name",
        IMAGE_USER_NAME,
        "--target-repo-dir",
        IMAGE_REPO_DIR,
        "--ref",
        ref,
        "--image-name",
        image or image_name(course, ref),
        course.repository,
    ]


def install_command(course: Course) -> str:
    """The one command a student runs on a hub whose image lacks the course's helpers."""
    return f"python -m pip install --user --no-deps --editable ~/{course.clone_dir}"


# The generated parts of the docs ------------------------------------------------------


def _code(text: str, language: str = "") -> str:
    return f"```{language}\n{text}\n```"


def blocks(course: Course) -> dict[str, str]:
    """The text of every generated part of the docs, by marker name."""
    if course.is_placeholder:
        badge = (
            "**Run it on Binder:** the launch badge appears here once the course's public\n"
            "address is set; it is not known yet. A maintainer sets `repository` under\n"
            "`[tool.course]` in `pyproject.toml` and runs `python tools/links.py readme`\n"
            "(see [the one setting](INSTRUCTORS.md#the-one-setting))."
        )
        address = (
            "> **Not live yet.** The course's public address is not set, so the links and\n"
            f"> commands below show the placeholder `{PLACEHOLDER}` and do not\n"
            "> work. A maintainer sets it once ([the one setting](#the-one-setting)); every\n"
            "> link here then follows."
        )
    else:
        badge = (
            f"{badge_markdown(course)}\nopens JupyterLab on the contents notebook "
            f"(`{course.binder_ref}`)."
        )
        address = f"These links and commands use the course's address, <{course.repository}>."
    command = " \\\n    ".join(
        shlex.join(part) for part in _split_lines(repo2docker_command(course), (2, 6, 8, 12))
    )
    return {
        "binder-badge": badge,
        "address": address,
        "binder-url": _code(binder_url(course)),
        "nbgitpuller-url": _code(
            f"$ python tools/links.py nbgitpuller --hub {EXAMPLE_HUB}\n"
            f"{nbgitpuller_url(course, EXAMPLE_HUB)}",
            "console",
        ),
        "hub-install": _code(install_command(course), "bash"),
        "repo2docker": _code(command, "bash"),
    }


def _split_lines(args, breaks):
    """Cut a long argument list into lines at the given indices (for a readable command)."""
    starts = [0, *breaks]
    ends = [*breaks, len(args)]
    return [args[a:b] for a, b in zip(starts, ends, strict=True)]


def _marker(name: str, closing: bool = False) -> str:
    return f"<!-- {'/' if closing else ''}links:{name} -->"


MARKED_NAME = re.compile(r"<!-- links:([a-z0-9-]+) -->")
MARKED = re.compile(r"<!-- links:([a-z0-9-]+) -->\n(.*?)\n<!-- /links:\1 -->", re.DOTALL)


def render(text: str, parts: dict[str, str], name: str = "document") -> str:
    """``text`` with every marked part replaced by its current version from ``parts``."""
    found = MARKED.findall(text)
    names = [n for n, _ in found]
    opened = MARKED_NAME.findall(text)
    if sorted(opened) != sorted(names):
        raise SettingError(f"{name}: an opening marker has no matching closing marker")
    for part in names:
        if part not in parts:
            raise SettingError(f"{name}: unknown generated part {part!r}")
        if names.count(part) > 1:
            raise SettingError(f"{name}: the generated part {part!r} appears twice")
    return MARKED.sub(
        lambda m: f"{_marker(m[1])}\n{parts[m[1]]}\n{_marker(m[1], closing=True)}", text
    )


def update_docs(course: Course, root: Path = ROOT, check: bool = False) -> list[str]:
    """Rewrite the generated parts of the docs; return the names of files that changed.

    With ``check``, write nothing and only report which files are out of date.
    """
    parts = blocks(course)
    stale, seen = [], set()
    for name in DOCS:
        path = root / name
        text = path.read_text()
        new = render(text, parts, name)
        seen.update(MARKED_NAME.findall(text))
        if new != text:
            stale.append(name)
            if not check:
                path.write_text(new)
    if lost := sorted(set(parts) - seen):
        raise SettingError(f"no document has a place for the generated parts {lost}")
    return stale


# Command line -------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python tools/links.py",
        description="Links to the course, built from [tool.course] in pyproject.toml.",
    )
    address = argparse.ArgumentParser(add_help=False)
    address.add_argument(
        "--repository", help="build for this https address instead of the setting's (a fork)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    binder = sub.add_parser("binder", parents=[address], help="print the Binder launch URL")
    binder.add_argument("--ref", help="tag or branch to build (default: binder-ref)")
    badge = sub.add_parser("badge", parents=[address], help="print the Binder badge (Markdown)")
    badge.add_argument("--ref", help="tag or branch to build (default: binder-ref)")
    puller = sub.add_parser(
        "nbgitpuller", parents=[address], help="print an nbgitpuller link for a JupyterHub"
    )
    puller.add_argument("--hub", required=True, help="the hub's address, https://...")
    puller.add_argument("--branch", help="branch to pull (default: hub-branch)")
    puller.add_argument("--target-path", help="folder to clone into (default: the repo's name)")
    r2d = sub.add_parser(
        "repo2docker", parents=[address], help="print the repo2docker command for a hub image"
    )
    r2d.add_argument("--ref", help="tag or branch to build (default: binder-ref)")
    r2d.add_argument("--image-name", help="image name and tag (default: NAME:REF)")
    readme = sub.add_parser("readme", help="rewrite the generated parts of the docs")
    readme.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    return parser


def main(argv: list[str] | None = None, pyproject: Path = PYPROJECT, root: Path = ROOT) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load(pyproject, repository=getattr(args, "repository", None))
        if args.command == "readme":
            stale = update_docs(settings, root, check=args.check)
            if args.check and stale:
                print(f"out of date: {', '.join(stale)}; run `python tools/links.py readme`")
                return 1
            print(("would change: " if args.check else "updated: ") + (", ".join(stale) or "-"))
            return 0
        if settings.is_placeholder:
            raise SettingError(
                f"the course's address is still the placeholder {PLACEHOLDER}: set "
                "[tool.course] repository in pyproject.toml, or pass --repository URL"
            )
        if args.command == "binder":
            print(binder_url(settings, args.ref))
        elif args.command == "badge":
            print(badge_markdown(settings, args.ref))
        elif args.command == "nbgitpuller":
            print(nbgitpuller_url(settings, args.hub, args.branch, args.target_path))
        elif args.command == "repo2docker":
            print(shlex.join(repo2docker_command(settings, args.ref, args.image_name)))
    except SettingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
