"""Annotation files: ``source/annotations/<part>.toml`` read into :class:`Annotation` records.

A file holds an array of ``[[annotation]]`` tables (see ``schemas/annotations.schema.json``
and CONTRIBUTING.md); ``datafiles.py`` reads and checks it, and here each table becomes a
record with its body parsed. The words readers see for kinds and for what was checked are
defined here too. The anchoring into the text happens in ``apparatus.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from critical_edition import datafiles, dates, provenance
from critical_edition.records import Annotation, SourceRef

if TYPE_CHECKING:
    from pathlib import Path

    from critical_edition.records import Problem

#: Korean names of the kinds, as readers see them.
KIND_LABELS = {
    "explanatory": "해설",
    "translation": "번역",
    "emendation": "교정",
    "factual": "사실 확인",
    "cross-reference": "참조",
    "source": "출처",
}

#: What the editors checked, as readers see it (``verification``). A source note says
#: whether the quoted wording was seen in the work; any other note, whether its statements
#: were checked in the works it cites.
VERIFICATION_LABELS = {
    "wording": "문구 확인",
    "work": "저작만 확인",
    "none": "미확인",
    "reviewed": "검토됨",
    "unverified": "미확인",
}


def verification_shown(series: str, level: str) -> bool:
    """Readers see what was checked on every source note, and on unverified editorial notes
    (a reviewed editorial note is the norm, stated on the about page)."""
    return series == "source" or level == "unverified"


#: The same, spelled out (tooltips, the 출처 현황 page, the about page).
VERIFICATION_DESCRIPTIONS = {
    "wording": "인용된 문구를 출전에서 직접 확인했다",
    "work": "출전 저작은 확인했으나 인용된 문구는 확인하지 못했다",
    "none": "출전이 추정일 뿐, 아무것도 확인하지 못했다",
    "reviewed": "주석의 내용을 인용한 문헌에서 확인했다",
    "unverified": "주석의 내용을 문헌에서 아직 확인하지 못했다",
}


FILE = datafiles.FileKind(
    name="annotation file",
    table="annotation",
    schema="annotations.schema.json",
    record="annotation",
    key="id",
    unique=True,
    example="em-aesseotda",
)


def _record(table: datafiles.Table) -> tuple[Annotation, list[Problem]]:
    item = table.item
    parsed, problems = datafiles.parse_body(table, "body", FILE)
    problems += provenance.problems(table, FILE)
    problems += dates.problems(table, FILE, reviewed=item["verification"] == "reviewed")
    record = Annotation(
        id=item["id"],
        kind=item["kind"],
        quote=item["quote"],
        prefix=item.get("prefix", ""),
        suffix=item.get("suffix", ""),
        paragraph=item.get("paragraph"),
        reading=item.get("reading"),
        body=item.get("body"),
        authors=tuple(item["authors"]),
        created=item["created"],
        updated=item.get("updated"),
        verification=item["verification"],
        evidence=item.get("evidence"),
        sources=tuple(SourceRef(s["key"], s.get("locator", "")) for s in item.get("sources", ())),
        path=table.path,
        line=table.line,
        field_lines=table.field_lines,
        parsed=parsed,
        date=item.get("date"),
        event=item.get("event"),
    )
    return record, problems


def load(path: Path) -> tuple[list[Annotation], list[Problem]]:
    """The annotations of one file, or the problems that keep it from being used."""
    records, problems = datafiles.load(FILE, path, _record)
    return list(records), list(problems)
