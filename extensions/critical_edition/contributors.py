"""The page 기여자: who wrote the edition, from its data and from the repository's history.

``.. edition-contributors:: data`` leaves a placeholder for a table of every name in the
``authors`` of annotations and register entries, with how many records of each kind they
wrote and when (``created`` to the last ``updated``). ``.. edition-contributors:: history``
leaves one for what the data does not record (the transcription, the extension, ``bib/``,
tests, documents: ``edition_history_paths``): the commit authors of those paths, by name
only (never an e-mail address), with their commit counts and dates, read once per build from
``git log``. Without a usable history (no git, no repository, a shallow clone, a test root)
the page says so in one sentence.

Both come from one snapshot, made when the documents have been read (``env-get-updated``)
and kept in the domain: the page is written again when it changes, and shows nothing that
depends on the day of the build.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging

from critical_edition import datafiles, provenance
from critical_edition.domain import get_domain
from critical_edition.generated import FillPage, PagePlaceholder, cell, table, written_again
from critical_edition.nodes import contributors_list
from critical_edition.register import data

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

PAGE = "contributors"
PARTS = ("data", "history")

#: What a contributor wrote, in the order of the table's columns: (kind, column title).
KINDS = (
    ("explanatory", "해설"),
    ("translation", "번역"),
    ("factual", "사실 확인"),
    ("cross-reference", "참조"),
    ("emendation", "교정"),
    ("source", "출처"),
    ("persons", "인물"),
    ("glossary", "용어"),
)

#: The tables' classes: the column widths are given (print too).
CLASSES = ["edition-contributors", "colwidths-given"]

#: Something like an e-mail address, in a commit author's name.
EMAIL = re.compile(r"\S+@\S+")

#: How long ``git log`` may take before the page does without it (seconds).
GIT_TIMEOUT = 20


class Contributor(NamedTuple):
    """A name of the data's ``authors``: how many records of each kind, and when."""

    name: str
    counts: tuple[int, ...]  # in the order of KINDS
    first: str  # ISO dates
    last: str


class Committer(NamedTuple):
    """A commit author of a part of the repository the data does not record."""

    area: str
    name: str
    commits: int
    first: str
    last: str


class Contributions(NamedTuple):
    """What the page shows: the snapshot compared between builds."""

    contributors: tuple[Contributor, ...]
    history: tuple[Committer, ...] | None  # None: no history could be read


class ContributorsDirective(PagePlaceholder):
    """``.. edition-contributors:: data|history``: one part of the 기여자 page."""

    node_class = contributors_list
    page = PAGE
    required_arguments = 1
    option_spec: ClassVar[dict] = {}

    def placeholder(self) -> tuple[nodes.Element, str]:
        part = directives.choice(self.arguments[0], PARTS)
        for kind in data.KINDS:
            datafiles.depend(self.env, data.register_path(self.env, kind))
        return contributors_list(part=part), PAGE


# -- From the data -------------------------------------------------------------------------------


def from_data(env: BuildEnvironment) -> tuple[Contributor, ...]:
    """Every name in ``authors``, with its counts per kind and its dates."""
    records: list[tuple[str, tuple[str, ...], str, str | None]] = [
        (note.kind, note.authors, note.created, note.updated)
        for notes in get_domain(env).annotations.values()
        for note in notes
    ]
    entries, _problems = data.load_all(env)  # problems: reported at env-updated
    records += [(e.kind, e.authors, e.created, e.updated) for e in entries]
    columns = {kind: index for index, (kind, _title) in enumerate(KINDS)}
    counts: dict[str, list[int]] = {}
    dates: dict[str, list[str]] = {}
    for kind, authors, created, updated in records:
        for name in dict.fromkeys(authors):  # a name twice in one record counts once
            counts.setdefault(name, [0] * len(KINDS))[columns[kind]] += 1
            dates.setdefault(name, []).extend(filter(None, (created, updated)))
    return tuple(
        Contributor(name, tuple(counts[name]), min(dates[name]), max(dates[name]))
        for name in sorted(counts, key=data.korean_key)
    )


# -- From the history ----------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str | None:
    """The output of a git command in ``root``, or None if git cannot give it."""
    command = ["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args]
    try:
        result = subprocess.run(
            command,
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def committer_name(name: str) -> str:
    """A commit author's name as the page shows it: no control characters, no address
    (a name may be one), at most ``provenance.MAX_NAME`` characters."""
    name = EMAIL.sub("(주소 생략)", datafiles.CONTROL.sub("", name)).strip()
    return name[: provenance.MAX_NAME] or "(이름 없음)"


def in_area(path: str, paths: Iterable[str]) -> bool:
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in paths)


def from_history(root: Path, areas: Mapping[str, Sequence[str]]) -> tuple[Committer, ...] | None:
    """The commit authors of each area (paths relative to ``root``, the top of a git
    repository with its whole history), or None when there is no such history."""
    if not areas:
        return ()
    where = _git(root, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if where is None or len(where.splitlines()) != 2:
        return None
    top, shallow = where.splitlines()
    if shallow != "false" or Path(top).resolve() != root.resolve():
        return None  # part of the history, or the history of some other folder
    paths = sorted({p for ps in areas.values() for p in ps})
    log = _git(root, "log", "--no-merges", "--date=short", "--format=%x00%aN%x09%ad",
               "--name-only", "--", *paths)  # fmt: skip
    if log is None:
        return None
    found: dict[tuple[str, str], list[str]] = {}  # (area, name) -> dates of its commits
    for commit in log.split("\x00")[1:]:
        head, *files = commit.strip("\n").split("\n")
        name, _tab, date = head.partition("\t")
        for area, area_paths in areas.items():
            if any(in_area(f, area_paths) for f in files if f):
                found.setdefault((area, committer_name(name)), []).append(date)
    order = list(areas)
    rows = [
        Committer(area, name, len(days), min(days), max(days))
        for (area, name), days in found.items()
    ]
    return tuple(sorted(rows, key=lambda r: (order.index(r.area), -r.commits, r.name)))


# -- The page ------------------------------------------------------------------------------------


def contributions(app: Sphinx, env: BuildEnvironment) -> Contributions:
    """The snapshot: the data's contributors and the history's (paths from the conf dir)."""
    history = from_history(Path(app.confdir), env.config.edition_history_paths)
    return Contributions(from_data(env), history)


class FillContributors(FillPage):
    node_class = contributors_list

    def fill(self, placeholder: nodes.Element) -> list[nodes.Node]:
        shown = get_domain(self.env).snapshots.get(PAGE)
        if not isinstance(shown, Contributions):  # not made in this build: nothing to show
            return []
        if placeholder["part"] == "data":
            return data_part(shown)
        return history_part(shown.history, list(self.config.edition_history_paths))


def data_part(shown: Contributions) -> list[nodes.Node]:
    """One row per contributor: what they wrote, by kind (``해설 12 · 교정 3``), and when."""
    if not shown.contributors:
        return [nodes.paragraph("", "자료 파일에 작성자가 기록된 항목이 없다.")]
    result, body = table((("기여자", 20), ("쓴 기록", 50), ("기간", 30)), CLASSES)
    for person in shown.contributors:
        counts = zip(KINDS, person.counts, strict=True)
        written = " · ".join(f"{title} {count}" for (_kind, title), count in counts if count)
        row = nodes.row()
        row += cell(nodes.Text(person.name))
        row += cell(nodes.Text(written))
        row += cell(nodes.Text(provenance.date_range(person.first, person.last)))
        body += row
    return [result]


def history_part(history: tuple[Committer, ...] | None, areas: list[str]) -> list[nodes.Node]:
    if history is None:
        return [
            nodes.paragraph(
                "",
                "이 판을 만든 곳에서는 저장소의 변경 이력(git)을 읽을 수 없어, 자료 파일이 "
                "작성자를 적지 않는 부분의 기여자는 싣지 못했다.",
            )
        ]
    if not history:
        what = (
            "이 판은 저장소 이력에서 기여자를 모으지 않는다."
            if not areas
            else ("저장소 이력에 이 부분들을 바꾼 커밋이 없다.")
        )
        return [nodes.paragraph("", what)]
    result, body = table((("부분", 22), ("기여자", 38), ("커밋", 10), ("기간", 30)), CLASSES)
    for row_data in history:
        row = nodes.row()
        row += cell(nodes.Text(row_data.area))
        row += cell(nodes.Text(row_data.name))
        row += cell(nodes.Text(str(row_data.commits)), classes=("edition-count",))
        row += cell(nodes.Text(provenance.date_range(row_data.first, row_data.last)))
        body += row
    return [result]


def contributors_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Read the data and the history once per build; write the page again if they changed."""
    if not get_domain(env).pages_of(PAGE):
        return []
    return written_again(env, PAGE, contributions(app, env))


def setup(app: Sphinx) -> None:
    app.add_directive("edition-contributors", ContributorsDirective)
    app.add_post_transform(FillContributors)
    app.connect("env-get-updated", contributors_changed)
