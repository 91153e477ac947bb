"""The dates of events: the ``date`` field of glossary entries and annotations, read and worded.

A dated record puts its event on the 연표 (chronology) page. The date is written in ISO form
with the precision its sources give: a year (``1927``), a month (``1927-12``) or a day
(``1927-12-02``), in the Gregorian calendar; an event that spans days is a range
``start/end`` (``1927-12-02/1927-12-19``), as in ISO 8601. The schemas check the shape;
:func:`parse` checks the rest (a real day, an end after the start) and :func:`korean` words it
as the edition writes dates (``1927년 12월 2–19일``).
"""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING, NamedTuple

from critical_edition import datafiles
from critical_edition.records import Problem

if TYPE_CHECKING:
    from critical_edition.datafiles import FileKind, Table

#: One date of a ``date`` field: year, optional month, optional day.
_ONE = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
DATE = re.compile(rf"^{_ONE}(?:/{_ONE})?$")

#: How to write a date, in messages.
HOW = (
    "write 1924, 1924-01 or 1924-01-21 (Gregorian calendar), or a range start/end such as "
    "1927-12-02/1927-12-19"
)

UNITS = ("년", "월", "일")


class EventDate(NamedTuple):
    """A date as its record gives it: ``start`` and ``end`` are (year,), (year, month) or
    (year, month, day); ``end`` is None for a single date."""

    start: tuple[int, ...]
    end: tuple[int, ...] | None

    @property
    def key(self) -> tuple[int, int, int, int, tuple[int, ...]]:
        """Sort key: by the first day, a year or a month before the days in it, then by
        the end."""
        year, month, day = (*self.start, 0, 0)[:3]
        return (year, month, day, len(self.start), self.end or ())

    @property
    def iso(self) -> str:
        """The first day as ISO (for ``<time datetime>``): ``1927``, ``1927-12``, ``1927-12-02``."""
        return iso(self.start)


def iso(parts: tuple[int, ...]) -> str:
    return "-".join(f"{value:04d}" if i == 0 else f"{value:02d}" for i, value in enumerate(parts))


def _parts(groups: tuple[str | None, ...]) -> tuple[int, ...]:
    return tuple(int(g) for g in groups if g is not None)


def _check(parts: tuple[int, ...], text: str) -> None:
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        msg = f"{iso(parts)!r} has no month {parts[1]}"
        raise ValueError(msg)
    if len(parts) > 2 and not 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]:
        msg = f"{iso(parts)!r} is not a day of the calendar"
        raise ValueError(msg)


def _first_day(parts: tuple[int, ...]) -> tuple[int, int, int]:
    year, month, day = (*parts, 1, 1)[:3]
    return year, month, day


def _last_day(parts: tuple[int, ...]) -> tuple[int, int, int]:
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return year, month, day


def parse(text: str) -> EventDate:
    """The date of a ``date`` field, or ValueError saying what is wrong with it."""
    match = DATE.match(text)
    if match is None:
        msg = f"{text!r} is not a date: {HOW}"
        raise ValueError(msg)
    start, end = _parts(match.groups()[:3]), _parts(match.groups()[3:])
    for parts in (start, end):
        if parts:
            _check(parts, text)
    if not end:
        return EventDate(start, None)
    if end == start:
        msg = f"{text!r} starts and ends on the same date: write it once"
        raise ValueError(msg)
    if _last_day(end) < _first_day(start) or _last_day(end) <= _last_day(start):
        msg = f"{text!r} ends before it starts: write start/end in that order"
        raise ValueError(msg)
    return EventDate(start, end)


def korean(date: EventDate) -> str:
    """``1924년 1월 21일``; ranges share what start and end have in common: ``1927년 12월
    2–19일``, ``1922년 3월 27일–4월 2일``, ``1928년 7–9월``, ``1922년 12월–1923년 1월``."""
    start = [(value, UNITS[i]) for i, value in enumerate(date.start)]

    def words(parts: list[tuple[int, str]]) -> str:
        return " ".join(f"{value}{unit}" for value, unit in parts)

    if date.end is None:
        return words(start)
    end = [(value, UNITS[i]) for i, value in enumerate(date.end)]
    shared = 0
    while shared < min(len(start), len(end)) - 1 and start[shared] == end[shared]:
        shared += 1
    rest_start, rest_end = start[shared:], end[shared:]
    if len(rest_start) == len(rest_end) == 1:  # only the last unit differs: 2–19일, 7–9월
        head = words(start[:shared])
        tail = f"{rest_start[0][0]}–{rest_end[0][0]}{rest_end[0][1]}"
        return f"{head} {tail}" if head else tail
    return f"{words(start)}–{words(rest_end)}"


def problems(table: Table, kind: FileKind, reviewed: bool) -> list[Problem]:
    """What is wrong with the ``date`` and ``event`` of a table that its schema cannot say
    (``reviewed``: the record's statements were checked in its sources)."""
    item = table.item
    if "date" not in item:
        return []
    record = datafiles.named(kind, item)

    def wrong(field: str, message: str) -> list[Problem]:
        return [Problem(table.path, table.line_of(field), record, message, kind.name)]

    event = item.get("event", "")
    if "\n" in event or "\r" in event or event != event.strip():
        return wrong("event", "event: write the event in one line, without spaces around it")
    try:
        parse(item["date"])
    except ValueError as error:
        return wrong("date", f"date: {error}")
    if not reviewed:
        return wrong(
            "date",
            "date: only a reviewed record stands in the chronology; check its statements in "
            "its sources first, or remove date and event",
        )
    return []
