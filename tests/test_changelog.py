"""The release history (``make changelog``): releases are the commits that change the version,
and each lists what changed in the data since the one before."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT
from critical_edition import changelog

ANNOTATION = """
[[annotation]]
id = "{id}"
kind = "{kind}"
quote = "{quote}"
body = "{body}"
"""
PERSON = """
[[person]]
id = "{id}"
forms = ["{form}"]
"""


class Repo:
    """A small git repository whose commits have fixed dates."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.day = 0
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        date = f"2026-01-{self.day + 1:02d}T12:00:00Z"
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        return subprocess.run(
            ["git", "-c", "user.name=편집부", "-c", "user.email=e@example.org", *args],
            cwd=self.path, env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    def write(self, path: str, text: str) -> None:
        target = self.path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")

    def commit(self, message: str) -> None:
        self.day += 1
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


def pyproject(version: str) -> str:
    return f'[project]\nname = "edition"\nversion = "{version}"\n'


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.fail("git is missing")
    repo = Repo(tmp_path)
    repo.write("pyproject.toml", pyproject("0.1.0"))
    repo.write(
        "source/annotations/a.toml",
        ANNOTATION.format(id="ex01-a", kind="explanatory", quote="가", body="하나."),
    )
    repo.commit("First release")
    repo.write(
        "source/annotations/a.toml",
        ANNOTATION.format(id="ex01-a", kind="explanatory", quote="가", body="하나, 고침.")
        + ANNOTATION.format(id="em-b", kind="emendation", quote="나", body="둘."),
    )
    repo.write("source/register/persons.toml", PERSON.format(id="lenin", form="레닌"))
    repo.commit("Second note; Lenin")
    repo.write("README.md", "text\n")
    repo.commit("Docs only")  # the version does not change: no release
    repo.write("pyproject.toml", pyproject("0.2.0"))
    repo.commit("Release 0.2.0")
    return repo


def sections(text: str) -> dict[str, str]:
    parts = text.split("\n## ")[1:]
    return {part.split("\n", 1)[0]: part for part in parts}


def test_releases_are_the_commits_that_change_the_version(repo: Repo) -> None:
    found = changelog.releases(repo.path)
    assert [(r.version, r.date) for r in found] == [
        ("0.1.0", "2026-01-02"),
        ("0.2.0", "2026-01-05"),
    ]


def test_each_release_lists_the_data_changed_since_the_one_before(repo: Repo) -> None:
    text = changelog.changelog(repo.path)
    found = sections(text)
    assert list(found) == ["판 0.2.0 (2026-01-05)", "판 0.1.0 (2026-01-02)"]  # newest first
    first = found["판 0.1.0 (2026-01-02)"]
    assert "- **해설 주석**: 추가 1건\n  - 추가: `ex01-a`" in first
    assert first.split("커밋 1개:")[1].strip().endswith(" First release")
    second = found["판 0.2.0 (2026-01-05)"]
    assert "- **교정**: 추가 1건\n  - 추가: `em-b`" in second
    assert "- **해설 주석**: 수정 1건\n  - 수정: `ex01-a`" in second
    assert "- **인명 색인 표제어**: 추가 1건\n  - 추가: `lenin`" in second
    assert "커밋 3개:" in second
    assert "Docs only" in second
    assert "다음 판" not in text  # nothing since the last release


def test_changes_after_the_last_release_are_the_next_one(repo: Repo) -> None:
    repo.write("source/annotations/a.toml", ANNOTATION.format(
        id="ex01-a", kind="explanatory", quote="가", body="하나, 고침."
    ))  # fmt: skip
    repo.write("source/register/persons.toml", "")
    text = changelog.changelog(repo.path)
    head = next(iter(sections(text).items()))
    assert head[0] == "다음 판 (판 0.2.0 이후, 아직 펴내지 않음)"
    assert "- **교정**: 삭제 1건\n  - 삭제: `em-b`" in head[1]
    assert "- **인명 색인 표제어**: 삭제 1건" in head[1]


def test_a_file_that_did_not_parse_is_named(repo: Repo) -> None:
    repo.write("source/annotations/b.toml", "[[annotation]\n")
    repo.commit("Broken file")
    repo.write("pyproject.toml", pyproject("0.3.0"))
    repo.commit("Release 0.3.0")
    release = sections(changelog.changelog(repo.path))["판 0.3.0 (2026-01-07)"]
    assert "읽히지 않은 자료 파일(비어 있는 것으로 셈): `source/annotations/b.toml`" in release


def test_without_git_history_the_command_says_so(tmp_path: Path, capsys) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject("0.1.0"), "utf-8")
    assert changelog.main(["--repo", str(tmp_path)]) == 1
    assert "the git history is not available" in capsys.readouterr().err


@pytest.mark.skipif(not (PROJECT / ".git").exists(), reason="the edition's git history")
def test_the_editions_history(tmp_path: Path) -> None:
    output = tmp_path / "CHANGELOG.md"
    assert changelog.main(["--repo", str(PROJECT), "--output", str(output)]) == 0
    text = output.read_text("utf-8")
    assert text.startswith("# 판 이력\n")
    assert "## 판 0.1.0 (" in text
    # every annotation of the edition is in some release or in the next one
    from conftest import edition_annotations

    for annotation in edition_annotations("05-thirteenth-congress"):
        assert f"`{annotation.id}`" in text
