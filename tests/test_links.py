"""The course's public links: built from one setting, correct, and current in the docs.

tools/links.py builds the Binder badge, the Binder and nbgitpuller URLs and the
repo2docker command from `[tool.course]` in pyproject.toml, and writes them into
the marked parts of README.md and INSTRUCTORS.md. These tests check that the docs
match the setting, that each link opens the contents notebook that exists, that
the setting really drives every link, that bad settings fail clearly, and that
every link, `make` target and `python tools/...` command the docs mention exists.
"""

import re
import shlex
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tools import links

ROOT = Path(__file__).resolve().parent.parent

DOCS = [ROOT / name for name in links.DOCS]
SETTING = links.load()
PUBLISHED = links.course(
    repository="https://github.com/example-org/convolution-course",
    binder_ref="v1.0",
    hub_branch="spring-term",
    contents=SETTING.contents,
)
# Every option of the generated repo2docker command must be one repo2docker has.
# From `repo2docker --help` of jupyter-repo2docker 2026.4.0.
REPO2DOCKER_OPTIONS = {
    "--no-run", "--user-id", "--user-name", "--target-repo-dir", "--ref", "--image-name",
    "--push", "--no-build", "--debug", "--subdir", "--appendix", "--build-memory-limit",
}  # fmt: skip
# repo2docker's stricter form of Docker's image reference: lower-case path, optional tag.
IMAGE_NAME = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?")
TOML_KEYS = {"repository", "binder-ref", "hub-branch", "contents"}


def write_pyproject(path, **values):
    """A pyproject.toml with only a [tool.course] table holding ``values``."""
    lines = ["[tool.course]"]
    for key, value in values.items():
        lines.append(f"{key} = {value!r}" if isinstance(value, int) else f'{key} = "{value}"')
    path.write_text("\n".join(lines) + "\n")
    return path


def setting_values(course):
    return {
        "repository": course.repository,
        "binder-ref": course.binder_ref,
        "hub-branch": course.hub_branch,
        "contents": course.contents,
    }


# The setting and the docs -------------------------------------------------------------


def test_generated_parts_of_the_docs_are_current():
    """README.md and INSTRUCTORS.md show exactly what the setting gives (run `readme`)."""
    assert links.update_docs(SETTING, check=True) == [], "run `python tools/links.py readme`"


def test_readme_check_command_agrees():
    """`python tools/links.py readme --check` exits 0 on the committed docs."""
    assert links.main(["readme", "--check"]) == 0


def test_setting_names_a_notebook_that_exists():
    """The contents notebook every link opens is in the repository."""
    assert (ROOT / SETTING.contents).is_file()


def test_placeholder_is_labelled_as_not_live():
    """While the address is the placeholder, the README shows no badge and says why."""
    readme = (ROOT / "README.md").read_text()
    badge = links.blocks(SETTING)["binder-badge"]
    assert badge in readme
    if SETTING.is_placeholder:
        assert links.BADGE_IMAGE not in readme
        assert "[tool.course]" in badge and "python tools/links.py readme" in badge
    else:
        assert links.badge_markdown(SETTING) in readme


# The links ----------------------------------------------------------------------------


@pytest.mark.parametrize("course", [SETTING, PUBLISHED], ids=["setting", "published"])
def test_binder_url_opens_the_contents_notebook(course):
    """The Binder URL names the repository and ref, and its urlpath opens the contents."""
    url = urlsplit(links.binder_url(course))
    owner_name = urlsplit(course.repository).path
    assert (url.scheme, url.hostname) == ("https", "mybinder.org")
    assert url.path == f"/v2/gh{owner_name}/{course.binder_ref}"
    urlpath = parse_qs(url.query, strict_parsing=True)["urlpath"]
    assert urlpath == [f"lab/tree/{course.contents}"]
    assert (ROOT / urlpath[0].removeprefix("lab/tree/")).is_file()


def test_binder_url_for_another_git_host():
    """A non-GitHub address goes through BinderHub's git provider, fully escaped."""
    course = links.course("https://gitlab.com/group/sub/course", "v2", "main", SETTING.contents)
    url = urlsplit(links.binder_url(course))
    provider, escaped, ref = url.path.removeprefix("/v2/").split("/")
    assert (provider, unquote(escaped), ref) == ("git", course.repository, "v2")


def test_binder_ref_can_be_overridden():
    """`--ref` builds another tag without touching the setting."""
    assert urlsplit(links.binder_url(PUBLISHED, "v2.0")).path.endswith("/v2.0")
    with pytest.raises(links.SettingError):
        links.binder_url(PUBLISHED, "not a ref")


def test_badge_is_a_markdown_image_link_to_the_binder_url():
    """The badge shows Binder's logo and links to the launch URL."""
    badge = links.badge_markdown(PUBLISHED)
    match = re.fullmatch(r"\[!\[([^\]]+)\]\(([^)]+)\)\]\(([^)]+)\)", badge)
    assert match, badge
    assert match[2] == links.BADGE_IMAGE
    assert match[3] == links.binder_url(PUBLISHED)


@pytest.mark.parametrize(
    ("hub", "base"),
    [
        ("https://hub.example.edu", "/hub/user-redirect/git-pull"),
        ("https://hub.example.edu/", "/hub/user-redirect/git-pull"),
        ("https://example.edu/jupyter/", "/jupyter/hub/user-redirect/git-pull"),
    ],
)
@pytest.mark.parametrize("course", [SETTING, PUBLISHED], ids=["setting", "published"])
def test_nbgitpuller_url_round_trips(course, hub, base):
    """parse_qs gives back repo, branch and urlpath; urlpath opens the contents in the clone."""
    url = urlsplit(links.nbgitpuller_url(course, hub))
    assert url.scheme == "https" and url.path == base
    assert "/" not in url.query and ":" not in url.query, "values are percent-encoded"
    query = parse_qs(url.query, strict_parsing=True)
    assert query == {
        "repo": [course.repository],
        "branch": [course.hub_branch],
        "urlpath": [f"lab/tree/{course.clone_dir}/{course.contents}"],
    }
    # nbgitpuller clones into a folder named after the address's last part: the
    # repository's root. What urlpath names below that folder must exist here.
    assert course.clone_dir == course.repository.split("/")[-1]
    in_clone = query["urlpath"][0].removeprefix(f"lab/tree/{course.clone_dir}/")
    assert (ROOT / in_clone).is_file()


def test_nbgitpuller_target_path_and_branch():
    """`--target-path` moves the clone (and urlpath with it); `--branch` overrides."""
    url = links.nbgitpuller_url(PUBLISHED, "https://hub.example.edu", "other", "courses/conv")
    query = parse_qs(urlsplit(url).query, strict_parsing=True)
    assert query["targetPath"] == ["courses/conv"]
    assert query["branch"] == ["other"]
    assert query["urlpath"] == [f"lab/tree/courses/conv/{PUBLISHED.contents}"]


@pytest.mark.parametrize("hub", ["", "hub.example.edu", "ftp://hub.example.edu", "https://h?x=1"])
def test_bad_hub_address_is_refused(hub):
    """A hub address that is not an http(s) URL gives a clear error, not a broken link."""
    with pytest.raises(links.SettingError, match="hub"):
        links.nbgitpuller_url(PUBLISHED, hub)


def test_repo2docker_command_uses_real_options_and_the_setting():
    """The command builds the setting's repository at its ref, with options repo2docker has."""
    command = links.repo2docker_command(PUBLISHED)
    assert command[0] == "repo2docker" and command[-1] == PUBLISHED.repository
    options = {arg for arg in command if arg.startswith("--")}
    assert options <= REPO2DOCKER_OPTIONS
    assert command[command.index("--ref") + 1] == PUBLISHED.binder_ref
    assert command[command.index("--target-repo-dir") + 1] == "/srv/repo"


@pytest.mark.parametrize(
    "repository",
    [links.PLACEHOLDER, "https://github.com/a/Conv_Course", "https://gitlab.com/a/b/c.d"],
)
def test_default_image_name_is_valid_for_repo2docker(repository):
    """The default --image-name is a name repo2docker accepts (lower case, tagged)."""
    course = links.course(repository, "release/v1", "main", SETTING.contents)
    assert IMAGE_NAME.fullmatch(links.image_name(course)), links.image_name(course)


# The setting drives every link --------------------------------------------------------


def test_changing_the_setting_changes_every_link(tmp_path):
    """A new address, tag and branch in a copy of pyproject reach every link and doc part."""
    pyproject = write_pyproject(tmp_path / "pyproject.toml", **setting_values(PUBLISHED))
    new = links.load(pyproject)
    assert new == PUBLISHED
    for build in (
        links.binder_url,
        links.badge_markdown,
        lambda c: links.nbgitpuller_url(c, links.EXAMPLE_HUB),
        links.repo2docker_command,
        links.install_command,
    ):
        assert build(new) != build(SETTING)
    assert PUBLISHED.binder_ref in links.binder_url(new)
    assert "branch=spring-term" in links.nbgitpuller_url(new, links.EXAMPLE_HUB)
    old_parts, new_parts = links.blocks(SETTING), links.blocks(new)
    for name, text in new_parts.items():
        if SETTING != PUBLISHED:
            assert text != old_parts[name], f"{name} ignores the setting"
        assert "OWNER/NAME" not in text, name


def test_readme_command_rewrites_the_docs_from_the_setting(tmp_path):
    """`readme` on a copy writes the new badge; `--check` then passes, and fails before."""
    for path in DOCS:
        shutil.copy2(path, tmp_path / path.name)
    pyproject = write_pyproject(tmp_path / "pyproject.toml", **setting_values(PUBLISHED))
    assert links.main(["readme", "--check"], pyproject=pyproject, root=tmp_path) == 1
    assert links.main(["readme"], pyproject=pyproject, root=tmp_path) == 0
    assert links.main(["readme", "--check"], pyproject=pyproject, root=tmp_path) == 0
    readme = (tmp_path / "README.md").read_text()
    assert links.badge_markdown(PUBLISHED) in readme
    instructors = (tmp_path / "INSTRUCTORS.md").read_text()
    assert links.nbgitpuller_url(PUBLISHED, links.EXAMPLE_HUB) in instructors
    assert "OWNER/NAME" not in readme.split("## Reading path")[0]


def test_repository_override_builds_links_without_the_setting(capsys):
    """`--repository` prints links for a fork even while the setting is the placeholder."""
    fork = "https://github.com/someone/fork"
    assert links.main(["binder", "--repository", fork]) == 0
    assert capsys.readouterr().out.strip().startswith("https://mybinder.org/v2/gh/someone/fork/")


def test_placeholder_prints_no_links(tmp_path, capsys):
    """While the address is the placeholder, link commands refuse and say how to set it."""
    values = setting_values(SETTING) | {"repository": links.PLACEHOLDER}
    pyproject = write_pyproject(tmp_path / "pyproject.toml", **values)
    for argv in (["binder"], ["badge"], ["nbgitpuller", "--hub", links.EXAMPLE_HUB]):
        assert links.main(argv, pyproject=pyproject) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "placeholder" in captured.err and "[tool.course]" in captured.err


# Bad settings fail clearly ------------------------------------------------------------

BAD = [
    ("repository", "", "empty"),
    ("repository", "   ", "empty"),
    ("repository", "http://github.com/a/b", "https://"),
    ("repository", "git@github.com:a/b.git", "https://"),
    ("repository", "github.com/a/b", "https://"),
    ("repository", "https://github.com/a", "owner"),
    ("repository", "https://github.com/a/b/c", "GitHub"),
    ("repository", "https://github.com/a/b.git", ".git"),
    ("repository", "https://github.com/a/b?tab=x", "query"),
    ("repository", "https://user@github.com/a/b", "login"),
    ("repository", "https://github.com/a b/c", "spaces"),
    ("repository", 42, "string"),
    ("binder-ref", "", "empty"),
    ("binder-ref", "v 1", "spaces"),
    ("binder-ref", "a..b", "branch or tag"),
    ("hub-branch", "-x", "branch or tag"),
    ("contents", "../x.ipynb", "relative"),
    ("contents", "/notebooks/00-contents.ipynb", "relative"),
    ("contents", "notebooks/00-contents.md", ".ipynb"),
]


@pytest.mark.parametrize(("key", "value", "message"), BAD)
def test_bad_setting_gives_a_clear_error(tmp_path, key, value, message):
    """Each bad value in pyproject.toml is refused with an error naming the key and why."""
    values = setting_values(PUBLISHED) | {key: value}
    pyproject = write_pyproject(tmp_path / "pyproject.toml", **values)
    with pytest.raises(links.SettingError, match=re.escape(message)) as error:
        links.load(pyproject)
    assert key in str(error.value) or (key == "repository" and "GitHub" in str(error.value))


def test_bad_setting_makes_the_command_fail(tmp_path, capsys):
    """The command line turns a bad setting into exit status 2 and one line on stderr."""
    values = setting_values(PUBLISHED) | {"repository": "ftp://example.org/a/b"}
    pyproject = write_pyproject(tmp_path / "pyproject.toml", **values)
    assert links.main(["readme", "--check"], pyproject=pyproject) == 2
    assert capsys.readouterr().err.startswith("error: [tool.course] repository must be")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.other]\nx = 1\n", "no [tool.course]"),
        ('[tool.course]\nrepository = "https://github.com/a/b"\n', "missing"),
        ('[tool.course]\nrepo = "https://github.com/a/b"\n', "unknown keys"),
    ],
)
def test_incomplete_table_gives_a_clear_error(tmp_path, text, message):
    """A missing table, a missing key or a misspelt key is named in the error."""
    path = tmp_path / "pyproject.toml"
    path.write_text(text)
    with pytest.raises(links.SettingError, match=re.escape(message)):
        links.load(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<!-- links:binder-url -->\nx\n", "no matching closing"),
        ("<!-- links:nope -->\nx\n<!-- /links:nope -->", "unknown"),
        ("<!-- links:binder-url -->\n\n<!-- /links:binder-url -->\n" * 2, "twice"),
    ],
)
def test_broken_markers_are_refused(text, message):
    """A doc with a broken or unknown marker is not silently half-updated."""
    with pytest.raises(links.SettingError, match=message):
        links.render(text, links.blocks(PUBLISHED))


def test_every_generated_part_has_a_place_in_the_docs():
    """No generated part is lost: each marker name appears in README.md or INSTRUCTORS.md."""
    text = "".join(path.read_text() for path in DOCS)
    assert set(links.MARKED_NAME.findall(text)) == set(links.blocks(SETTING))


# What the docs mention exists ---------------------------------------------------------

LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
CODE_SPAN = re.compile(r"`([^`\n]+)`")


def code_of(text):
    """Every code span and every line of every fenced block."""
    for block in FENCE.findall(text):
        yield from block.splitlines()[1:-1]
    yield from CODE_SPAN.findall(FENCE.sub("", text))


def anchors(path):
    """GitHub's anchors for the headings of a Markdown file."""
    text = FENCE.sub("", path.read_text())
    headings = re.findall(r"^#{1,6} (.+)$", text, re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def makefile_targets():
    text = (ROOT / "Makefile").read_text()
    targets = set()
    for match in re.finditer(r"^([A-Za-z0-9_.$() -]+?)\s*:(?!=)", text, re.MULTILINE):
        targets.update(t for t in match[1].split() if not t.startswith((".", "$")))
    return targets


@pytest.mark.parametrize("doc", DOCS, ids=[p.name for p in DOCS])
def test_every_relative_link_and_anchor_resolves(doc):
    """Each relative link points to a file that exists, and each #anchor to a heading."""
    broken = []
    for target in LINK.findall(FENCE.sub("", doc.read_text())):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        path = doc if not file else doc.parent / file
        if not path.exists():
            broken.append(target)
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(target)
    assert not broken


@pytest.mark.parametrize("doc", DOCS, ids=[p.name for p in DOCS])
def test_every_make_target_mentioned_exists(doc):
    """Each `make <target>` in the doc's code is a target of the Makefile."""
    targets = makefile_targets()
    mentioned = {
        m[1]
        for line in code_of(doc.read_text())
        for m in re.finditer(r"(?:^|[\s(])make ([a-z][\w-]*)", line)
    }
    assert mentioned, "the docs mention make targets"
    assert mentioned <= targets, f"not in the Makefile: {sorted(mentioned - targets)}"


@pytest.mark.parametrize("doc", DOCS, ids=[p.name for p in DOCS])
def test_every_python_tools_command_mentioned_exists(doc):
    """Each `python tools/...` command names a script that exists, with valid arguments."""
    commands = []
    for line in code_of(doc.read_text()):
        match = re.search(r"python (tools/\S+\.py)(.*)$", line)
        if match:
            commands.append((match[1], match[2].split(" #")[0]))
    assert commands, "the docs mention tools"
    for script, rest in commands:
        assert (ROOT / script).is_file(), script
        if script == "tools/links.py":
            try:
                links.build_parser().parse_args(shlex.split(rest))
            except SystemExit:
                pytest.fail(f"invalid command in {doc.name}: python {script}{rest}")
