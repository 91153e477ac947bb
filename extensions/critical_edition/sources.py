"""Sources of quotations: every quotation and in-text reference must have a source note.

While a part is read, the edition finds what in its text needs a source:

* every block quotation (with its attribution line);
* every span in double quotation marks in running text;
* every parenthesis that looks like a citation (it names a year, a volume, an issue, a
  work: ``(전집33권)``, ``(E.H Carr, …, 2권)``, ``(나의 일생)``).

Each is *sourced* when a ``source`` annotation is anchored on it (for a block quotation:
anywhere in it or on its attribution line). Quotation marks and parentheses that are not
quotations or citations (a term, a slogan, scare quotes, an aside) are listed once, with
what they are, in ``source/quotation-marks.toml`` (``edition_quotation_marks``). Anything
else is a quotation without a source: the build names its file and line and stops.

``.. edition-sources-report::`` writes the report (출처 현황): every quotation and
reference in reading order with its source note and status.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from critical_edition.domain import get_domain
from critical_edition.generated import cell, changed_pages, link, table
from critical_edition.nodes import attribution_line, sources_report
from critical_edition.numbering import anchor, first_numbers, reading_order
from critical_edition.standoff import (
    VERIFICATION_LABELS,
    AnnotationError,
    TableLines,
    toml_syntax_error,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from critical_edition.anchoring import Place
    from critical_edition.standoff import Annotation

logger = logging.getLogger(__name__)

QUOTED = re.compile(r'["“]([^"“”\n]+)["”]')  # the witness mixes straight and curly marks
PARENTHESIS = re.compile(r"\([^()\n]*\)")
#: A parenthesis is a citation when it names a year, a volume or issue, or a kind of work.
CITATION = re.compile(r"\d{4}|\d+\s*(권|호)|저작|전집|도전|일생|보시오|출판")
#: What a listed quotation mark may be.
USES = {
    "term": "용어·명칭",
    "slogan": "구호",
    "scare": "거리 두는 따옴표",
    "reported": "전하는 낱말 (출처 미상)",
    "title": "제목만 언급",
    "citation": "앞 인용의 출처 표시",
    "aside": "덧붙임",
}
KINDS = {"block": "블록 인용", "quote": "인용", "reference": "출처 표시"}
MESSAGE_KINDS = {"block": "block quotation", "quote": "quotation", "reference": "reference"}


class Quotation(NamedTuple):
    """A quotation or reference found in a part, and what sources it."""

    docname: str
    local: int  # paragraph number within the document
    kind: str  # block | quote | reference
    text: str
    line: int | None  # in the source file
    sources: tuple[str, ...]  # ids of the source annotations anchored on it
    verification: str | None  # the weakest verification of those notes (None: no source)
    use: str | None  # listed in the quotation-marks file as this


class Mark(NamedTuple):
    text: str
    use: str
    line: int


#: Verification of source notes, strongest first.
VERIFICATION_ORDER = ("wording", "work", "none")


def weakest(verifications: Iterable[str]) -> str | None:
    """What is known of a quotation with several source notes: the least verified."""
    found = list(verifications)
    return max(found, key=VERIFICATION_ORDER.index) if found else None


# -- The quotation-marks file ------------------------------------------------------------------


def marks_file(env: BuildEnvironment) -> Path:
    return Path(env.srcdir, env.config.edition_quotation_marks)


def load_marks(path: Path) -> tuple[dict[str, Mark], list[str]]:
    """The listed marks by text, and the problems of the file (``file:line: message``)."""
    if not path.is_file():
        return {}, []
    raw = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        line, message = toml_syntax_error(error)
        return {}, [f"{path}:{line}: TOML syntax error: {message}"]
    lines = TableLines(raw, "mark")
    marks: dict[str, Mark] = {}
    problems = []
    unknown = set(data) - {"mark"}
    if unknown:
        problems.append(f"{path}:1: unknown table(s) {sorted(unknown)}; only [[mark]] is allowed")
    for index, item in enumerate(data.get("mark", [])):
        line = lines.of(index, "text")
        text, use = item.get("text"), item.get("use")
        if not isinstance(text, str) or not text:
            problems.append(f"{path}:{line}: mark {index + 1}: 'text' must be a non-empty string")
            continue
        if use not in USES:
            problems.append(f"{path}:{line}: mark {text!r}: 'use' must be one of {', '.join(USES)}")
            continue
        if extra := set(item) - {"text", "use", "note"}:
            problems.append(f"{path}:{line}: mark {text!r}: unknown field(s) {sorted(extra)}")
        if text in marks:
            problems.append(
                f"{path}:{line}: mark {text!r} is listed twice (also line {marks[text].line})"
            )
        marks[text] = Mark(text, use, line)
    return marks, problems


# -- Finding quotations ------------------------------------------------------------------------


def quotations_of(
    docname: str,
    units: Sequence[tuple[nodes.Element, int]],
    texts: Sequence[str],
    placed: Sequence[tuple[Annotation, Place]],
    marks: dict[str, Mark],
) -> tuple[Quotation, ...]:
    """The quotations and references of one part, in text order, with their sources."""
    sources = [(record, place) for record, place in placed if record.kind == "source"]
    found: list[Quotation] = []
    blocks: dict[int, list[int]] = {}  # id(block_quote) -> unit indexes
    for index, (unit, _local) in enumerate(units):
        block = unit.parent if isinstance(unit.parent, nodes.block_quote) else None
        if block is not None:
            blocks.setdefault(id(block), []).append(index)
    in_block = {index for indexes in blocks.values() for index in indexes}

    def quotation(kind: str, index: int, text: str, hits: list, use: str | None) -> Quotation:
        unit, local = units[index]
        return Quotation(
            docname,
            local,
            kind,
            text,
            unit.line,
            tuple(record.id for record, _place in hits),
            weakest(record.verification for record, _place in hits),
            None if hits else use,
        )

    emitted: set[int] = set()
    for index in range(len(units)):
        if index in in_block:
            indexes = next(ix for ix in blocks.values() if index in ix)
            if indexes[0] in emitted:
                continue
            emitted.add(indexes[0])
            hits = [(r, p) for r, p in sources if p.unit in indexes]
            quoted = " ".join(
                texts[i] for i in indexes if not isinstance(units[i][0], attribution_line)
            )
            found.append(quotation("block", index, quoted, hits, None))
            continue
        text = texts[index]
        spans = [("quote", m.start(), m.end(), m.group(1)) for m in QUOTED.finditer(text)]
        spans += [
            ("reference", m.start(), m.end(), m.group())
            for m in PARENTHESIS.finditer(text)
            if CITATION.search(m.group())
        ]
        here = [(r, p) for r, p in sources if p.unit == index]
        direct = {
            (start, end): [(r, p) for r, p in here if p.start < end and start < p.end]
            for _kind, start, end, _inner in spans
        }
        # A citation sources the quotation right before it, and the other way round.
        sourced = [(s, e, hits) for (s, e), hits in direct.items() if hits]
        for kind, start, end, inner in sorted(spans, key=lambda s: s[1]):
            hits = direct[start, end] or adjacent(text, start, end, sourced)
            if not hits and kind == "quote":  # a title inside a sourced citation
                hits = next(
                    (
                        direct[s, e] or adjacent(text, s, e, sourced)
                        for k, s, e, _i in spans
                        if k == "reference" and s < start and end < e
                    ),
                    [],
                )
            mark = marks.get(inner)
            found.append(quotation(kind, index, inner, hits, mark.use if mark else None))
    # A reference the patterns above do not see (a title named in running text).
    seen = {note_id for q in found for note_id in q.sources}
    for record, place in sources:
        if record.id not in seen:
            found.append(quotation("reference", place.unit, record.quote, [(record, place)], None))
    return tuple(sorted(found, key=lambda q: q.local))


#: What may stand between a quotation and the citation that sources it, within a sentence:
#: ``"…" (…)``, ``"…"고 주장했다(…)``.
GAP = re.compile(r"""["'”’]?[^"()\n.]{0,30}(\.\s?)?""")


def adjacent(
    text: str, start: int, end: int, sourced: Sequence[tuple[int, int, list]]
) -> list[tuple[Annotation, Place]]:
    """The sources of a sourced span right before this one, or right after it."""
    for other_start, other_end, hits in sourced:
        if (other_end <= start and GAP.fullmatch(text[other_end:start])) or (
            other_start >= end and GAP.fullmatch(text[end:other_start])
        ):
            return hits
    return []


def unsourced(quotation: Quotation) -> bool:
    return not quotation.sources and quotation.use is None


# -- Checking the edition ----------------------------------------------------------------------


def check_sources(app: Sphinx, env: BuildEnvironment) -> None:
    """Every quotation has a source, and every listed mark is used."""
    if not env.config.edition_sources_required:
        return
    domain = get_domain(env)
    path = marks_file(env)
    marks, problems = load_marks(path)
    for message in problems:
        logger.error(message, type="edition", subtype="sources")
    failures = len(problems)
    used: set[str] = set()
    for docname in reading_order(env):
        for q in domain.quotations.get(docname, ()):
            if q.use is not None or (q.sources and q.text in marks):
                used.add(q.text)
            if unsourced(q):
                logger.error(
                    "%s without a source: %s%s%s. Add a source annotation "
                    '(kind = "source") to %s/%s.toml, or, if it is not a quotation, list '
                    "it in %s",
                    MESSAGE_KINDS[q.kind],
                    "" if q.kind == "reference" else "“",
                    q.text if len(q.text) < 60 else q.text[:60] + "…",
                    "" if q.kind == "reference" else "”",
                    env.config.edition_annotations_dir,
                    docname.removeprefix(env.config.edition_text_prefix),
                    env.config.edition_quotation_marks,
                    location=(docname, q.line),
                    type="edition",
                    subtype="sources",
                )
                failures += 1
    for text, mark in marks.items():
        if text not in used:
            logger.error(
                "%s:%d: mark %r matches no quotation mark or parenthesis of the text; "
                "correct or remove it",
                path,
                mark.line,
                text,
                type="edition",
                subtype="sources",
            )
            failures += 1
    if failures:
        msg = f"{failures} quotation(s) or reference(s) without a source (listed above)"
        raise AnnotationError(msg)


# -- The report page ---------------------------------------------------------------------------

COLUMNS = (("¶", 7), ("종류", 12), ("본문", 45), ("출처 주석", 12), ("확인", 24))


class SourcesReportDirective(SphinxDirective):
    """``.. edition-sources-report::``: every quotation and reference, with its source."""

    def run(self) -> list[nodes.Node]:
        node = sources_report()
        self.set_source_info(node)
        get_domain(self.env).note_report_page(self.env.current_document.docname)
        return [node]


def all_quotations(env: BuildEnvironment) -> list[Quotation]:
    quotations = get_domain(env).quotations
    return [q for docname in reading_order(env) for q in quotations.get(docname, ())]


def status_of(q: Quotation) -> str:
    if q.sources:
        return f"출처 있음: {VERIFICATION_LABELS[q.verification or 'none']}"
    if q.use is not None:
        return f"인용 아님: {USES[q.use]}"
    return "출처 없음"


class FillSourcesReport(SphinxPostTransform):
    default_priority = 6  # before references are resolved (10)

    def run(self, **kwargs: object) -> None:
        for placeholder in list(self.document.findall(sources_report)):
            placeholder.replace_self(self.report())

    def report(self) -> list[nodes.Node]:
        quotations = all_quotations(self.env)
        labels = {
            record.id: record
            for records in get_domain(self.env).annotations.values()
            for record in records
        }
        counts = {
            "출처가 있는 인용·출처 표시": sum(1 for q in quotations if q.sources),
            **{
                f"그 가운데 {VERIFICATION_LABELS[level]}": sum(
                    1 for q in quotations if q.sources and q.verification == level
                )
                for level in VERIFICATION_ORDER
            },
            "인용이 아닌 따옴표·괄호": sum(1 for q in quotations if not q.sources and q.use),
            "출처 없음": sum(1 for q in quotations if unsourced(q)),
        }
        summary = nodes.bullet_list()
        for name, count in counts.items():
            summary += nodes.list_item("", nodes.paragraph("", f"{name}: {count}"))
        firsts = first_numbers(self.env)
        here = self.env.current_document.docname
        result, body = table(COLUMNS, ["edition-sources-report"])
        for q in quotations:
            number = firsts.get(q.docname, 1) + q.local - 1
            shown = q.text if len(q.text) <= 48 else q.text[:47] + "…"
            notes: list[nodes.Node] = []
            for note_id in q.sources:
                record = labels.get(note_id)
                if record is not None:
                    if notes:
                        notes.append(nodes.Text(", "))
                    notes.append(link(record.label, here, record.docname, f"n-{note_id}"))
            row = nodes.row(classes=["edition-unsourced"] if unsourced(q) else [])
            row += cell(link(str(number), here, q.docname, anchor(number)))
            row += cell(nodes.Text(KINDS[q.kind]))
            row += cell(nodes.Text(shown))
            row += cell(*notes)
            evidence = [labels[note_id].evidence for note_id in q.sources if labels.get(note_id)]
            status = cell(nodes.Text(status_of(q)))
            for text in filter(None, evidence):
                status += nodes.paragraph("", text, classes=["edition-evidence"])
            row += status
            body += row
        return [summary, result]


def report_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The report pages must be written again when any quotation or its source changed."""
    domain = get_domain(env)
    labels = tuple(
        (r.id, r.label, r.evidence) for records in domain.annotations.values() for r in records
    )
    snapshot = tuple(all_quotations(env)), labels, tuple(first_numbers(env).items())
    return changed_pages(domain, "report_snapshot", snapshot, domain.report_pages)


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "edition_quotation_marks", "quotation-marks.toml", "env", types=frozenset({str})
    )
    app.add_config_value("edition_sources_required", True, "env", types=frozenset({bool}))
    app.add_directive("edition-sources-report", SourcesReportDirective)
    app.add_post_transform(FillSourcesReport)
    app.connect("env-get-updated", report_changed)
    app.connect("env-updated", check_sources, priority=600)
