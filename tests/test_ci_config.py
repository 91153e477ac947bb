"""The CI, Read the Docs and pre-commit files: they parse, they are valid for the services
that read them, they call only the Makefile's targets, they run what a pull request must pass,
they publish the files the Makefile makes, and their tool versions are the pinned ones."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
READTHEDOCS = PROJECT / ".readthedocs.yaml"
PRE_COMMIT = PROJECT / ".pre-commit-config.yaml"
MAKEFILE = PROJECT / "Makefile"
CONFIG_FILES = [PULL_REQUEST, PUBLISH, READTHEDOCS, PRE_COMMIT]


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- the Makefile --------------------------------------------------------------------------


def makefile_targets(text: str) -> set[str]:
    """The targets a Makefile defines: rule lines, not recipes, assignments or comments."""
    targets: set[str] = set()
    for line in text.splitlines():
        if line.startswith(("\t", "#", " ")) or not line.strip():
            continue
        match = re.match(r"([^:=#]+?)\s*::?(?![=])", line)
        if match and not re.search(r"[?:+!]?=", line[: match.end()]):
            targets.update(match.group(1).split())
    return {t for t in targets if not t.startswith(".") and "$" not in t and "%" not in t}


def makefile_variable(name: str) -> str:
    match = re.search(rf"^{name}\s*[:?]?=\s*(\S+)\s*$", MAKEFILE.read_text(), re.MULTILINE)
    assert match, f"the Makefile sets no {name}"
    return match.group(1)


def makefile_outputs() -> dict[str, str]:
    """What `make html`, `make pdf`, `make epub` and `make changelog` say they made
    ("PDF: _build/latex/…")."""
    builddir, jobname = makefile_variable("BUILDDIR"), makefile_variable("JOBNAME")
    said = re.findall(r'@echo "(HTML|PDF|EPUB|Changelog): ([^"]+)"', MAKEFILE.read_text())
    outputs = {
        kind.lower(): path.replace("$(BUILDDIR)", builddir).replace("$(JOBNAME)", jobname)
        for kind, path in said
    }
    outputs["html"] = outputs["html"].removesuffix("index.html")  # the folder is published
    return outputs


TARGETS = makefile_targets(MAKEFILE.read_text(encoding="utf-8"))


def make_calls(command: str) -> list[list[str]]:
    """The targets of every `make …` in a shell command (options and VAR=value left out): the
    simple commands whose command word is ``make``, not a word ``make`` anywhere."""
    calls = []
    for simple in re.split(r"&&|\|\||[;|\n()]", command.replace("\\\n", " ")):
        words = simple.split()
        while words and re.fullmatch(r"\w+=\S*", words[0]):  # VAR=value make …
            words.pop(0)
        if words and words[0] == "make":
            calls.append([w for w in words[1:] if "=" not in w and not w.startswith("-")])
    return calls


def run_commands(path: Path) -> list[str]:
    """Every shell command a file has a service run."""
    data = load(path)
    if path == READTHEDOCS:
        jobs = data["build"]["jobs"]
        commands = [c for key, job in jobs.items() if key != "build" for c in job]
        return commands + [c for job in jobs["build"].values() for c in job]
    if path == PRE_COMMIT:
        return [
            hook["entry"]
            for repo in data["repos"]
            if repo["repo"] == "local"
            for hook in repo["hooks"]
        ]
    return [
        step["run"]
        for job in data["jobs"].values()
        for step in job.get("steps", [])
        if "run" in step
    ]


def steps(path: Path) -> list[dict]:
    return [step for job in load(path)["jobs"].values() for step in job.get("steps", [])]


def uploads(path: Path, action: str) -> list[str]:
    """The paths the steps using ``action`` (e.g. actions/upload-artifact) upload."""
    return [
        line.strip()
        for step in steps(path)
        if step.get("uses", "").startswith(f"{action}@")
        for line in step["with"]["path"].splitlines()
        if line.strip()
    ]


def pinned() -> dict[str, str]:
    """Package name → pinned version, over pyproject.toml's dependencies and extras."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [
        *project["dependencies"],
        *(s for e in project["optional-dependencies"].values() for s in e),
    ]
    return {
        name.lower().replace("_", "-"): version
        for name, version in (spec.split("==") for spec in specs)
    }


# -- the tests -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONFIG_FILES, ids=lambda p: p.name)
def test_the_file_parses(path):
    assert isinstance(load(path), dict)


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        (PULL_REQUEST, "vendor.github-workflows"),
        (PUBLISH, "vendor.github-workflows"),
        (READTHEDOCS, "vendor.readthedocs"),
    ],
    ids=lambda v: getattr(v, "name", v),
)
def test_the_file_is_valid_for_its_service(path, schema):
    """Against the schema GitHub's and Read the Docs' files are checked with (SchemaStore's and
    Read the Docs' own, as check-jsonschema ships them: no network)."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pre_commit_config_is_valid():
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(PRE_COMMIT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_makefile_parser_finds_the_targets():
    assert {"venv", "html", "pdf", "epub", "check", "lint", "test", "clean"} <= TARGETS
    assert not TARGETS & {"PYTHON", "SPHINX", "EXTENSION_FILES", "all:", ".PHONY"}
    sample = "a b: c\n\techo d: e\nX := f: g\n# h: i\nj:: k\n$(BUILDDIR)/.stamp: l\n"
    assert makefile_targets(sample) == {"a", "b", "j"}


def test_make_calls_are_read_out_of_commands():
    assert make_calls("make html pdf epub") == [["html", "pdf", "epub"]]
    assert make_calls("make venv PYTHON=python && make -s check") == [["venv"], ["check"]]
    assert make_calls("cd x; make lint\nmake test") == [["lint"], ["test"]]
    assert make_calls("cmake --build . && remake") == []
    assert make_calls("apt-get install -y \\\n  make git") == []  # a package, not a call
    assert make_calls("SOURCE_DATE_EPOCH=1 make epub") == [["epub"]]


@pytest.mark.parametrize("path", CONFIG_FILES, ids=lambda p: p.name)
def test_every_make_target_called_exists(path):
    called = {t for command in run_commands(path) for call in make_calls(command) for t in call}
    assert called, f"{path.name} runs no make target"
    assert called <= TARGETS, f"{path.name} calls targets the Makefile lacks: {called - TARGETS}"


def targets_run(path: Path) -> set[str]:
    return {t for command in run_commands(path) for call in make_calls(command) for t in call}


def test_a_pull_request_is_checked_linted_tested_and_built():
    assert {"check", "lint", "test", "html", "pdf", "epub"} <= targets_run(PULL_REQUEST)
    on = load(PULL_REQUEST).get("on", load(PULL_REQUEST).get(True))  # YAML 1.1 reads on: as True
    assert "pull_request" in on


def test_publishing_builds_the_html_for_main_and_the_books_for_tags():
    workflow = load(PUBLISH)
    on = workflow.get("on", workflow.get(True))
    assert on["push"]["branches"] == ["main"]
    assert on["push"]["tags"] == ["v*"]
    assert {"html", "pdf", "epub"} <= targets_run(PUBLISH)
    used = {step.get("uses", "").split("@")[0] for step in steps(PUBLISH)}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= used


def test_read_the_docs_builds_the_three_formats_with_the_korean_fonts():
    config = load(READTHEDOCS)
    assert config["version"] == 2
    assert set(config["formats"]) == {"pdf", "epub"}
    assert set(config["build"]["jobs"]["build"]) == {"html", "pdf", "epub"}
    for kind, commands in config["build"]["jobs"]["build"].items():
        assert any(kind in call for c in commands for call in make_calls(c)), kind
    # the Makefile's Debian packages, so that its `dpkg -s` check finds them (no apt-get there)
    tex_packages = re.search(
        r"^TEX_PACKAGES\s*:=((?:.*\\\n)*.*)$", MAKEFILE.read_text(), re.MULTILINE
    ).group(1)
    assert set(config["build"]["apt_packages"]) == set(tex_packages.replace("\\", " ").split())


def test_uploads_name_the_files_the_makefile_makes():
    out = makefile_outputs()
    assert out == {
        "html": "_build/html/",
        "pdf": "_build/latex/trotsky-left-opposition.pdf",
        "epub": "_build/epub/trotsky-left-opposition.epub",
        "changelog": "_build/CHANGELOG.md",
    }
    books = [out["html"], out["pdf"], out["epub"]]
    assert sorted(uploads(PULL_REQUEST, "actions/upload-artifact")) == sorted(books)
    assert uploads(PUBLISH, "actions/upload-pages-artifact") == [out["html"]]
    released = sorted(uploads(PUBLISH, "actions/upload-artifact"))
    assert released == sorted([out["changelog"], out["epub"], out["pdf"]])


def test_the_release_attaches_the_pdf_and_the_epub():
    out = makefile_outputs()
    release = next(
        step["run"] for step in steps(PUBLISH) if "gh release create" in step.get("run", "")
    )
    download = next(
        step["with"]["path"]
        for step in steps(PUBLISH)
        if step.get("uses", "").startswith("actions/download-artifact@")
    )
    # upload-artifact keeps several paths under their common folder (_build/)
    for kind in ("pdf", "epub"):
        assert f"{download}/{out[kind].removeprefix('_build/')}" in release, kind
    # the release's notes are the edition's history (make changelog), not GitHub's
    assert f"--notes-file {download}/{out['changelog'].removeprefix('_build/')}" in release
    assert "--generate-notes" not in release


def test_a_release_tag_must_name_the_version():
    """A tag v0.2.0 releases the commit whose pyproject.toml says version = "0.2.0"."""
    check = next(
        step["run"]
        for step in steps(PUBLISH)
        if "GITHUB_REF_NAME" in step.get("run", "") and "pyproject.toml" in step.get("run", "")
    )
    assert 'test "$GITHUB_REF_NAME" = "v$version"' in check
    assert "changelog" in targets_run(PUBLISH)


def test_read_the_docs_copies_the_files_the_makefile_makes():
    commands = load(READTHEDOCS)["build"]["jobs"]["build"]
    out = makefile_outputs()
    assert f"cp -r {out['html'].rstrip('/')} $READTHEDOCS_OUTPUT/html" in commands["html"]
    assert f"cp {out['pdf']} $READTHEDOCS_OUTPUT/pdf/" in commands["pdf"]
    assert f"cp {out['epub']} $READTHEDOCS_OUTPUT/epub/" in commands["epub"]


def test_the_sphinx_configuration_names_the_books_as_the_makefile_does():
    jobname = makefile_variable("JOBNAME")
    conf = (PROJECT / "conf.py").read_text(encoding="utf-8")
    assert f'epub_basename = "{jobname}"' in conf
    assert f'("index", "{jobname}.tex"' in conf


def test_actions_are_pinned_to_a_major_version_at_least():
    for path in (PULL_REQUEST, PUBLISH):
        for step in steps(path):
            if "uses" in step:
                assert re.fullmatch(
                    r"[\w.-]+/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})", step["uses"]
                ), (
                    path.name,
                    step["uses"],
                )


def test_the_pull_request_workflow_fetches_the_history():
    checkout = next(
        s for s in steps(PULL_REQUEST) if s.get("uses", "").startswith("actions/checkout@")
    )
    assert checkout["with"]["fetch-depth"] == 0


def test_pre_commit_hooks_run_the_pinned_versions():
    versions = pinned()
    revs = {repo["repo"].rsplit("/", 1)[-1]: repo.get("rev") for repo in load(PRE_COMMIT)["repos"]}
    assert revs["ruff-pre-commit"] == f"v{versions['ruff']}"
    assert revs["sphinx-lint"] == f"v{versions['sphinx-lint']}"
    assert revs["check-jsonschema"] == versions["check-jsonschema"]


def test_pre_commit_runs_the_validator_on_the_data_files():
    local = next(r for r in load(PRE_COMMIT)["repos"] if r["repo"] == "local")
    hook = next(h for h in local["hooks"] if h["id"] == "edition-check")
    assert hook["entry"] == "make check"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("source/annotations/00-opening.toml", "source/register/persons.toml",
                 "source/quotation-marks.toml", "bib/cited.bib"):  # fmt: skip
        assert files.search(path), path
    assert not files.search("extensions/critical_edition/epub.py")


def test_the_sphinx_lint_hooks_are_make_lint():
    """The same options as `make lint`, so that a commit the hook lets through passes CI."""
    makefile = MAKEFILE.read_text(encoding="utf-8")
    assert "--enable all" in makefile
    assert "--max-line-length 100 --ignore source/text source" in makefile
    assert "--disable line-too-long source/text" in makefile
    repo = next(r for r in load(PRE_COMMIT)["repos"] if r["repo"].endswith("/sphinx-lint"))
    args = sorted(tuple(hook["args"]) for hook in repo["hooks"])
    assert args == [
        ("--enable=all", "--disable=line-too-long"),
        ("--enable=all", "--max-line-length=100"),
    ]


def test_make_lint_passes():
    """`make lint`, with the tools of the Python running the tests (its virtualenv as it is)."""
    result = subprocess.run(
        ["make", "-s", "-o", "venv", "-o", ".venv/.installed", "lint",
         f"BIN={Path(sys.executable).parent}"],
        cwd=PROJECT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
