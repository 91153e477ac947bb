"""Who wrote a record and when: the ``authors``, ``created`` and ``updated`` of every
annotation and register entry, checked, and worded for readers.

The schemas require the fields (``authors`` a non-empty list of names, the dates TOML dates);
here the rest is checked (a name is one line of plain text without surrounding spaces; the
last change is not before the first) and the line readers see is made
(``편집부 · 2026년 11월 24일 작성 · 2026년 11월 25일 수정``). Names are plain text: writers
escape them like any other text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from critical_edition import datafiles
from critical_edition.records import Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The longest name of a contributor (the schemas say the same).
MAX_NAME = 100


def problems(table: datafiles.Table, kind: datafiles.FileKind) -> list[Problem]:
    """What is wrong with the provenance of a table that its schema cannot say."""
    item = table.item
    record = datafiles.named(kind, item)
    found = []

    def wrong(field: str, message: str) -> None:
        found.append(Problem(table.path, table.line_of(field), record, message, kind.name))

    for name in item.get("authors", ()):
        if name != name.strip() or "\n" in name or "\t" in name:
            wrong("authors", f"authors: {name.strip()!r} must be one line without spaces around it")
    created, updated = item.get("created"), item.get("updated")
    if created and updated and updated < created:  # ISO dates compare as strings
        wrong(
            "updated",
            f"updated = {updated} is before created = {created}; the last change cannot "
            "come before the first: correct one of the dates",
        )
    return found


def korean_date(iso: str) -> str:
    """``2026-11-24`` → ``2026년 11월 24일``."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}년 {month}월 {day}일"


def date_range(first: str, last: str) -> str:
    """Two ISO dates as the edition writes a range: ``2026년 11월 24–25일``,
    ``2026년 11월 30일–12월 2일``, or one date when they are the same day."""
    if first == last:
        return korean_date(first)
    (y1, m1, d1), (y2, m2, d2) = ([int(p) for p in d.split("-")] for d in (first, last))
    if y1 != y2:
        return f"{korean_date(first)}–{korean_date(last)}"
    if m1 != m2:
        return f"{y1}년 {m1}월 {d1}일–{m2}월 {d2}일"
    return f"{y1}년 {m1}월 {d1}–{d2}일"


def label(authors: Sequence[str], created: str, updated: str | None) -> str:
    """The quiet line under a note or an entry: who, when written, when last changed."""
    parts = [", ".join(authors), f"{korean_date(created)} 작성"]
    if updated and updated != created:
        parts.append(f"{korean_date(updated)} 수정")
    return " · ".join(parts)
