"""The edition's release history (``make changelog``): ``CHANGELOG.md`` from git and the data.

The edition's version is the one in ``pyproject.toml``; a commit that changes it makes a
release with that number. For every release the history lists what changed in the data
since the previous one: the notes by kind (해설, 번역, 사실 확인, 참조, 출처), the emendations
(교정), the entries of the persons register and the glossary, and the quotation marks that
are not quotations; each added, changed or removed, by id, read from the data files as they
were at each release; then the commits in between. Changes after the last release (the
working tree included) are listed at the top as the next release.

The history is read with ``git`` and the data with ``tomllib``: no Sphinx, no schema, so that
an old release whose files a later schema would refuse is still read. A data file that did
not parse at a release counts as empty there, and the history says so.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import NamedTuple

from critical_edition.annotation_files import KIND_LABELS

#: The data files the history follows: (folder or file, TOML table, category of a table).
DATA = (
    ("source/annotations", "annotation", None),  # category: the annotation's kind
    ("source/register/persons.toml", "person", "person"),
    ("source/register/glossary.toml", "term", "term"),
    ("source/quotation-marks.toml", "mark", "mark"),
)
#: The categories in the order the history lists them, with their Korean names.
CATEGORIES = {
    "emendation": "교정",
    **{kind: f"{label} 주석" for kind, label in KIND_LABELS.items() if kind != "emendation"},
    "person": "인명 색인 표제어",
    "term": "용어집 표제어",
    "mark": "인용이 아닌 따옴표",
}
#: The field that names a table, per table.
NAMES = {"annotation": "id", "person": "id", "term": "id", "mark": "text"}
WORKING_TREE = None


class Release(NamedTuple):
    version: str
    commit: str
    date: str  # the commit's date, YYYY-MM-DD


class Snapshot(NamedTuple):
    records: dict[tuple[str, str], str]  # (category, name) → the table, canonical JSON
    unreadable: list[str]  # data files that did not parse


class Changes(NamedTuple):
    added: list[str]
    changed: list[str]
    removed: list[str]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def version_at(repo: Path, commit: str | None) -> str:
    text = (
        (repo / "pyproject.toml").read_text("utf-8")
        if commit is WORKING_TREE
        else git(repo, "show", f"{commit}:pyproject.toml")
    )
    return tomllib.loads(text)["project"]["version"]


def releases(repo: Path) -> list[Release]:
    """Every commit that set a new version, oldest first."""
    found: list[Release] = []
    log = git(repo, "log", "--reverse", "--format=%H %cs", "--", "pyproject.toml")
    for line in log.splitlines():
        commit, date = line.split()
        version = version_at(repo, commit)
        if not found or version != found[-1].version:
            found.append(Release(version, commit, date))
    return found


def data_files(repo: Path, commit: str | None) -> list[str]:
    paths = [path for path, _, _ in DATA]
    if commit is WORKING_TREE:
        files = []
        for path in paths:
            target = repo / path
            found = sorted(target.glob("*.toml")) if target.is_dir() else [target]
            files += [str(p.relative_to(repo)) for p in found if p.is_file()]
        return files
    return git(repo, "ls-tree", "-r", "--name-only", commit, "--", *paths).split()


def read(repo: Path, commit: str | None, path: str) -> str:
    if commit is WORKING_TREE:
        return (repo / path).read_text("utf-8")
    return git(repo, "show", f"{commit}:{path}")


def snapshot(repo: Path, commit: str | None) -> Snapshot:
    """The data's records at a commit (``None``: the working tree)."""
    records: dict[tuple[str, str], str] = {}
    unreadable: list[str] = []
    for path in data_files(repo, commit):
        if not path.endswith(".toml"):
            continue
        table, category = next(
            (table, category) for prefix, table, category in DATA if path.startswith(prefix)
        )
        try:
            data = tomllib.loads(read(repo, commit, path))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            unreadable.append(path)
            continue
        for record in data.get(table, []):
            if not isinstance(record, dict):
                continue
            name = str(record.get(NAMES[table], "?"))
            kind = category or str(record.get("kind", "?"))
            records[kind, name] = json.dumps(record, sort_keys=True, default=str)
    return Snapshot(records, unreadable)


def compare(old: Snapshot, new: Snapshot) -> dict[str, Changes]:
    """What was added, changed and removed, per category (categories with changes only)."""
    changes: dict[str, Changes] = {}
    for category in sorted({c for c, _ in old.records | new.records}, key=category_order):
        before = {n: r for (c, n), r in old.records.items() if c == category}
        after = {n: r for (c, n), r in new.records.items() if c == category}
        found = Changes(
            added=sorted(after.keys() - before.keys()),
            changed=sorted(n for n in after.keys() & before.keys() if after[n] != before[n]),
            removed=sorted(before.keys() - after.keys()),
        )
        if any(found):
            changes[category] = found
    return changes


def category_order(category: str) -> tuple[int, str]:
    order = list(CATEGORIES)
    return (order.index(category) if category in order else len(order), category)


def commits(repo: Path, start: str | None, end: str) -> list[str]:
    """The commits after ``start`` up to ``end`` (all up to ``end`` when ``start`` is None)."""
    span = f"{start}..{end}" if start else end
    return git(repo, "log", "--reverse", "--format=%h %s", span).splitlines()


def section(title: str, changes: dict[str, Changes], log: list[str], unreadable: list[str]) -> str:
    lines = [f"## {title}", ""]
    if not changes:
        lines += ["자료의 변경 없음.", ""]
    for category, found in changes.items():
        counts = ", ".join(
            f"{word} {len(ids)}건"
            for word, ids in (
                ("추가", found.added),
                ("수정", found.changed),
                ("삭제", found.removed),
            )
            if ids
        )
        lines.append(f"- **{CATEGORIES.get(category, category)}**: {counts}")
        for word, ids in (("추가", found.added), ("수정", found.changed), ("삭제", found.removed)):
            if ids:
                lines.append(f"  - {word}: " + ", ".join(f"`{i}`" for i in ids))
    if changes:
        lines.append("")
    if unreadable:
        files = ", ".join(f"`{p}`" for p in unreadable)
        lines += [f"이 판에서 읽히지 않은 자료 파일(비어 있는 것으로 셈): {files}", ""]
    if log:
        lines += [f"커밋 {len(log)}개:", ""]
        lines += [f"- {entry}" for entry in log]
        lines.append("")
    return "\n".join(lines)


def changelog(repo: Path) -> str:
    """The whole history as Markdown, newest first."""
    found = releases(repo)
    sections: list[str] = []
    previous: tuple[Release | None, Snapshot] = (None, Snapshot({}, []))
    for release in found:
        now = snapshot(repo, release.commit)
        start = previous[0].commit if previous[0] else None
        sections.append(
            section(
                f"판 {release.version} ({release.date})",
                compare(previous[1], now),
                commits(repo, start, release.commit),
                now.unreadable,
            )
        )
        previous = (release, now)
    head = git(repo, "rev-parse", "HEAD").strip()
    last = previous[0]
    current = snapshot(repo, WORKING_TREE)
    pending = commits(repo, last.commit, head) if last else []
    changes = compare(previous[1], current)
    if pending or changes:
        title = f"다음 판 (판 {last.version} 이후, 아직 펴내지 않음)" if last else "다음 판"
        sections.append(section(title, changes, pending, current.unreadable))
    intro = (
        "# 판 이력\n\n"
        "`make changelog`가 git 기록과 자료 파일에서 만든다. 손으로 고치지 않는다.\n"
        "판 번호는 `pyproject.toml`의 `version`이며, 이를 바꾸는 커밋이 그 판을 펴낸다.\n"
        "판마다 앞 판 이후 자료 파일(주석, 교정, 인명 색인, 용어집, 인용이 아닌 따옴표)에서\n"
        "더하고 고치고 지운 것을 id로 적고, 그 사이의 커밋을 적는다.\n"
    )
    return "\n".join([intro, *reversed(sections)]).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m critical_edition.changelog")
    parser.add_argument("--repo", type=Path, default=Path.cwd())
    parser.add_argument("--output", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)
    try:
        text = changelog(args.repo)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or error
        print(f"changelog: the git history is not available: {detail}", file=sys.stderr)
        return 1
    if args.output:
        args.output.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
