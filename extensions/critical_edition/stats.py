"""``make stats``: how far the apparatus covers each part of the article.

The builder ``edition-stats`` reads the edition like any other build (so the numbers are
those of the edition readers get, after every check has passed) and writes, instead of pages,
``stats.txt`` (a table per part) and ``stats.json`` (the same numbers, for scripts):

* notes by kind (해설, 번역, 사실 확인, 참조, 교정, 출처);
* what was checked: source notes by wording seen / work only / nothing, editorial notes
  reviewed / unverified;
* quotations and references: with a source, listed as not quotations, without a source;
* persons and terms of the registers found in the part (distinct entries);
* the unverified items: unverified notes, source notes with nothing verified, and the
  register entries marked unverified.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders import Builder
from sphinx.util import logging

from critical_edition.annotation_files import KIND_LABELS, VERIFICATION_LABELS
from critical_edition.domain import get_domain
from critical_edition.numbering import Numbering, is_text_document, reading_order
from critical_edition.register import data
from critical_edition.sources import load_marks, marks_file, unsourced, use_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from critical_edition.records import Entry

logger = logging.getLogger(__name__)

EDITORIAL_KINDS = ("explanatory", "translation", "factual", "cross-reference")
KINDS = (*EDITORIAL_KINDS, "emendation", "source")
SOURCE_LEVELS = ("wording", "work", "none")
NOTE_LEVELS = ("reviewed", "unverified")


def part_stats(
    env: BuildEnvironment, docname: str, first: int, kinds: dict[str, str], marks: dict
) -> dict[str, Any]:
    """The numbers of one text document, whose first paragraph is ¶``first``."""
    domain = get_domain(env)
    notes = domain.annotations.get(docname, ())
    quotations = domain.quotations.get(docname, ())
    occurrences = domain.occurrences.get(docname, ())
    count = domain.paragraph_counts.get(docname, 0)
    by_kind = Counter(note.kind for note in notes)
    sources = Counter(note.verification for note in notes if note.kind == "source")
    editorial = Counter(note.verification for note in notes if note.kind in EDITORIAL_KINDS)
    entries = {o.entry_id for o in occurrences}
    return {
        "part": docname.removeprefix(env.config.edition_text_prefix),
        "paragraphs": [first, first + count - 1] if count else [],
        "notes": {kind: by_kind.get(kind, 0) for kind in KINDS},
        "editorial_notes": sum(by_kind.get(kind, 0) for kind in EDITORIAL_KINDS),
        "source_notes": {level: sources.get(level, 0) for level in SOURCE_LEVELS},
        "editorial_verification": {level: editorial.get(level, 0) for level in NOTE_LEVELS},
        "quotations": {
            "sourced": sum(1 for q in quotations if q.sources),
            "not_quotations": sum(1 for q in quotations if use_of(q, marks)),
            "without_source": sum(1 for q in quotations if unsourced(q, marks)),
        },
        "persons": len({e for e in entries if kinds.get(e) == "persons"}),
        "terms": len({e for e in entries if kinds.get(e) == "glossary"}),
        "unverified": sorted(
            note.id
            for note in notes
            if note.verification in ("unverified", "none") and note.kind != "emendation"
        ),
    }


def totals(
    parts: list[dict[str, Any]], env: BuildEnvironment, entries: list[Entry]
) -> dict[str, Any]:
    def add(key: str) -> dict[str, int]:
        return {name: sum(p[key][name] for p in parts) for name in parts[0][key]}

    domain = get_domain(env)
    found = {o.entry_id for occurrences in domain.occurrences.values() for o in occurrences}
    return {
        "notes": add("notes"),
        "editorial_notes": sum(p["editorial_notes"] for p in parts),
        "source_notes": add("source_notes"),
        "editorial_verification": add("editorial_verification"),
        "quotations": add("quotations"),
        "persons": sum(1 for e in entries if e.kind == "persons" and e.id in found),
        "terms": sum(1 for e in entries if e.kind == "glossary" and e.id in found),
        "unverified_notes": sum(len(p["unverified"]) for p in parts),
        "unverified_register_entries": sorted(e.id for e in entries if e.status == "unverified"),
    }


def as_text(report: dict[str, Any]) -> str:
    """The report as a table a person reads in a terminal."""
    head = ["부", "¶", *(KIND_LABELS[k] for k in KINDS), "편집 계"]
    head += ["출처·문구", "출처·저작", "출처·없음", "편집·검토", "편집·미확인"]
    head += ["인용+", "인용-", "인명", "용어"]
    rows = [head]

    def row(name: str, span: str, data: dict[str, Any], persons: int, terms: int) -> list[str]:
        cells = [name, span, *(str(data["notes"][k]) for k in KINDS), str(data["editorial_notes"])]
        cells += [str(data["source_notes"][level]) for level in SOURCE_LEVELS]
        cells += [str(data["editorial_verification"][level]) for level in NOTE_LEVELS]
        cells += [str(data["quotations"]["sourced"]), str(data["quotations"]["without_source"])]
        return [*cells, str(persons), str(terms)]

    for part in report["parts"]:
        span = "–".join(str(n) for n in part["paragraphs"])
        rows.append(row(part["part"][:2], span, part, part["persons"], part["terms"]))
    total = report["total"]
    rows.append(row("계", "", total, total["persons"], total["terms"]))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(_pad(cell, w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "-" * _width(lines[0]))
    lines.insert(len(lines) - 1, "-" * _width(lines[0]))
    legend = (
        "출처 주석의 확인: 문구 = "
        + VERIFICATION_LABELS["wording"]
        + ", 저작만 = "
        + VERIFICATION_LABELS["work"]
        + ", 미확인 = 아무것도 확인하지 못함. 편집 주석: 검토 / 미확인. "
        "인용+ = 출처가 있는 인용·출처 표시, 인용- = 출처 없는 인용."
    )
    unverified = total["unverified_register_entries"]
    extra = [
        f"편집 주석 {total['editorial_notes']}개, 출처 주석 {total['notes']['source']}개, "
        f"교정 {total['notes']['emendation']}개.",
        f"미확인 주석 {total['unverified_notes']}개; 미확인 색인·용어 항목 {len(unverified)}개"
        + (f" ({', '.join(unverified)})" if unverified else "")
        + ".",
    ]
    return "\n".join([*lines, "", legend, *extra]) + "\n"


def _width(text: str) -> int:
    """Columns in a terminal: Hangul and other wide characters take two."""
    return sum(2 if "\u1100" <= c <= "\uffdc" and c not in "–·" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return " " * (width - _width(text)) + text


class StatsBuilder(Builder):
    """Reads the edition and writes ``stats.txt`` and ``stats.json`` instead of pages."""

    name = "edition-stats"
    format = "stats"
    epilog = "The coverage report is in %(outdir)s (stats.txt, stats.json)."
    allow_parallel = True

    def get_outdated_docs(self) -> Iterable[str]:
        return []

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        env = self.env
        entries, _problems = data.load_all(env)
        kinds = {entry.id: entry.kind for entry in entries}
        marks, _problems = load_marks(marks_file(env))
        firsts = Numbering(env).firsts
        parts = [
            part_stats(env, docname, firsts[docname], kinds, marks)
            for docname in reading_order(env)
            if is_text_document(env, docname)
        ]
        report = {"parts": parts, "total": totals(parts, env, entries)}
        out = Path(self.outdir)
        out.mkdir(parents=True, exist_ok=True)
        (out / "stats.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        text = as_text(report)
        (out / "stats.txt").write_text(text, encoding="utf-8")
        logger.info("\n" + text)


def setup(app: Sphinx) -> None:
    app.add_builder(StatsBuilder)
