"""Sources of quotations: every quotation and in-text reference must have a source note.

While a part is read, the edition finds what in its text needs a source:

* every block quotation (with its attribution line);
* every span in double quotation marks in running text;
* every parenthesis that looks like a citation (it names a year, a volume, an issue, a
  work: ``(전집33권)``, ``(E.H Carr, …, 2권)``, ``(나의 일생)``).

Each is *sourced* when a ``source`` annotation is anchored on it (for a block quotation:
anywhere in it or on its attribution line): the apparatus, which runs first, notes where
its notes stand. Quotation marks and parentheses that are not
quotations or citations (a term, a slogan, scare quotes, an aside) are listed once, with
what they are, in ``source/quotation-marks.toml`` (``edition_quotation_marks``), which is
read only when the edition is checked and the report written, so editing it re-reads no
part. Anything else is a quotation without a source: the build names its file and line and
stops.

``.. edition-sources-report::`` writes the report (출처 현황): every quotation and
reference in reading order with its source note and status.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from critical_edition import anchoring, datafiles
from critical_edition.annotation_files import VERIFICATION_LABELS
from critical_edition.domain import get_domain
from critical_edition.generated import FillPage, PagePlaceholder, cell, link, table, written_again
from critical_edition.nodes import attribution_line, sources_report
from critical_edition.numbering import Numbering, anchor, is_text_document, reading_order
from critical_edition.records import Mark, Problem, Quotation

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from critical_edition.records import NoteRecord

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


#: Verification of source notes, strongest first.
VERIFICATION_ORDER = ("wording", "work", "none")


def weakest(verifications: Iterable[str]) -> str | None:
    """What is known of a quotation with several source notes: the least verified."""
    found = list(verifications)
    return max(found, key=VERIFICATION_ORDER.index) if found else None


# -- The quotation-marks file ------------------------------------------------------------------


MARKS = datafiles.FileKind(
    name="quotation-marks file",
    table="mark",
    schema="quotation-marks.schema.json",
    record="mark",
    key="text",
    unique=True,
    example="",
)


def marks_file(env: BuildEnvironment) -> Path:
    return Path(env.srcdir, env.config.edition_quotation_marks)


def _mark(table: datafiles.Table) -> tuple[Mark, list[Problem]]:
    return Mark(table.item["text"], table.item["use"], table.line_of("text")), []


def load_marks(path: Path) -> tuple[dict[str, Mark], list[Problem]]:
    """The listed marks by text, and the problems of the file."""
    marks, problems = datafiles.load(MARKS, path, _mark)
    return {mark.text: mark for mark in marks}, list(problems)


def use_of(quotation: Quotation, marks: dict[str, Mark]) -> str | None:
    """What a quotation mark or parenthesis without a source is, if the marks file says so."""
    if quotation.sources or quotation.kind == "block" or quotation.text not in marks:
        return None
    return marks[quotation.text].use


# -- Finding quotations ------------------------------------------------------------------------


class FindQuotations(SphinxTransform):
    """Note the quotations and references of a text document, with their source notes."""

    default_priority = 820  # after the apparatus (810) and the registers (815) are anchored

    def apply(self, **kwargs: object) -> None:
        docname = self.env.current_document.docname
        if not is_text_document(self.env, docname):
            return
        domain = get_domain(self.env)
        units = anchoring.units_of(self.document)
        texts = [anchoring.witness_text(unit) for unit, _local in units]
        notes = domain.annotations.get(docname, ())
        domain.note_quotations(docname, quotations_of(docname, units, texts, notes))


def quotations_of(
    docname: str,
    units: Sequence[tuple[nodes.Element, int]],
    texts: Sequence[str],
    notes: Sequence[NoteRecord],
) -> tuple[Quotation, ...]:
    """The quotations and references of one part, in text order, with their sources."""
    sources = [
        (record, anchoring.Place(record.unit, record.offset, record.end))
        for record in notes
        if record.kind == "source"
    ]
    found: list[Quotation] = []
    blocks: dict[int, list[int]] = {}  # id(block_quote) -> unit indexes
    for index, (unit, _local) in enumerate(units):
        block = unit.parent if isinstance(unit.parent, nodes.block_quote) else None
        if block is not None:
            blocks.setdefault(id(block), []).append(index)
    in_block = {index for indexes in blocks.values() for index in indexes}

    def quotation(kind: str, index: int, text: str, hits: list) -> Quotation:
        unit, local = units[index]
        return Quotation(
            docname,
            local,
            kind,
            text,
            unit.line,
            tuple(record.id for record, _place in hits),
            weakest(record.verification for record, _place in hits),
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
            found.append(quotation("block", index, quoted, hits))
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
            found.append(quotation(kind, index, inner, hits))
    # A reference the patterns above do not see (a title named in running text).
    seen = {note_id for q in found for note_id in q.sources}
    for record, place in sources:
        if record.id not in seen:
            found.append(quotation("reference", place.unit, record.quote, [(record, place)]))
    return tuple(sorted(found, key=lambda q: q.local))


#: What may stand between a quotation and the citation that sources it, within a sentence:
#: ``"…" (…)``, ``"…"고 주장했다(…)``.
GAP = re.compile(r"""["'”’]?[^"()\n.]{0,30}(\.\s?)?""")


def adjacent(
    text: str, start: int, end: int, sourced: Sequence[tuple[int, int, list]]
) -> list[tuple[NoteRecord, anchoring.Place]]:
    """The sources of a sourced span right before this one, or right after it."""
    for other_start, other_end, hits in sourced:
        if (other_end <= start and GAP.fullmatch(text[other_end:start])) or (
            other_start >= end and GAP.fullmatch(text[end:other_start])
        ):
            return hits
    return []


def unsourced(quotation: Quotation, marks: dict[str, Mark]) -> bool:
    return not quotation.sources and use_of(quotation, marks) is None


# -- Checking the edition ----------------------------------------------------------------------


def check_sources(app: Sphinx, env: BuildEnvironment) -> None:
    """Every quotation has a source, and every listed mark is used."""
    if not env.config.edition_sources_required:
        return
    domain = get_domain(env)
    path = marks_file(env)
    marks, problems = load_marks(path)
    if problems:  # what is a quotation depends on the file: fix it first
        datafiles.stop(problems, "sources", "the quotation-marks file")
    failures = 0
    used: set[str] = set()
    for docname in reading_order(env):
        for q in domain.quotations.get(docname, ()):
            if q.text in marks and (q.sources or q.kind != "block"):
                used.add(q.text)
            if unsourced(q, marks):
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
    problems += [
        Problem(
            datafiles.shown(path),
            mark.line,
            f"mark {text!r}",
            "matches no quotation mark or parenthesis of the text; correct or remove it",
            MARKS.name,
        )
        for text, mark in marks.items()
        if text not in used
    ]
    for problem in problems:
        datafiles.report(problem, "sources")
    if failures or problems:
        msg = (
            f"{failures + len(problems)} quotation(s) or reference(s) without a source, or "
            "problem(s) of the quotation-marks file (listed above)"
        )
        raise datafiles.DataError(msg)


# -- The report page ---------------------------------------------------------------------------

COLUMNS = (("¶", 7), ("종류", 12), ("본문", 45), ("출처 주석", 12), ("확인", 24))
#: The columns in print (a LaTeX column spec; other builders ignore it): the longest cell is
#: what was checked, the quotation is cut to 48 characters. Without it Sphinx gives each
#: column a fifth of the page, and the finding runs down it one word to a line.
PRINT_COLUMNS = r"\X{8}{100}\X{9}{100}\X{30}{100}\X{9}{100}\X{44}{100}"


PAGE = "sources-report"


class SourcesReportDirective(PagePlaceholder):
    """``.. edition-sources-report::``: every quotation and reference, with its source."""

    node_class = sources_report
    page = PAGE


def all_quotations(env: BuildEnvironment) -> list[Quotation]:
    quotations = get_domain(env).quotations
    return [q for docname in reading_order(env) for q in quotations.get(docname, ())]


def status_of(q: Quotation, marks: dict[str, Mark]) -> str:
    if q.sources:
        return f"출처 있음: {VERIFICATION_LABELS[q.verification or 'none']}"
    use = use_of(q, marks)
    if use is not None:
        return f"인용 아님: {USES[use]}"
    return "출처 없음"


class FillSourcesReport(FillPage):
    node_class = sources_report

    def fill(self, placeholder: nodes.Element) -> list[nodes.Node]:
        quotations = all_quotations(self.env)
        marks, _problems = load_marks(marks_file(self.env))  # problems: at env-updated
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
            "인용이 아닌 따옴표·괄호": sum(1 for q in quotations if use_of(q, marks)),
            "출처 없음": sum(1 for q in quotations if unsourced(q, marks)),
        }
        summary = nodes.bullet_list()
        for name, count in counts.items():
            summary += nodes.list_item("", nodes.paragraph("", f"{name}: {count}"))
        numbering = Numbering(self.env)
        here = self.env.current_document.docname
        result, body = table(COLUMNS, ["edition-sources-report"])
        for row_number, q in enumerate(quotations, start=1):
            number = numbering.number(q.docname, q.local)
            shown = q.text if len(q.text) <= 48 else q.text[:47] + "…"
            notes: list[nodes.Node] = []
            for note_id in q.sources:
                record = labels.get(note_id)
                if record is not None:
                    if notes:
                        notes.append(nodes.Text(", "))
                    notes.append(link(record.label, here, record.docname, f"n-{note_id}"))
            row = nodes.row(  # an anchor for search results: q-1, q-2 … in the table's order
                ids=[f"q-{row_number}"],
                classes=["edition-unsourced"] if unsourced(q, marks) else [],
            )
            row += cell(link(str(number), here, q.docname, anchor(number)))
            row += cell(nodes.Text(KINDS[q.kind]))
            row += cell(nodes.Text(shown))
            row += cell(*notes)
            evidence = [labels[note_id].evidence for note_id in q.sources if labels.get(note_id)]
            status = cell(nodes.Text(status_of(q, marks)))
            for text in filter(None, evidence):
                status += nodes.paragraph("", text, classes=["edition-evidence"])
            row += status
            body += row
        print_columns = addnodes.tabular_col_spec()
        print_columns["spec"] = PRINT_COLUMNS
        return [summary, print_columns, result]


def report_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The report pages must be written again when any quotation, its source or the
    quotation-marks file changed."""
    domain = get_domain(env)
    labels = tuple(
        (r.id, r.label, r.evidence) for records in domain.annotations.values() for r in records
    )
    marks, _problems = load_marks(marks_file(env))
    snapshot = tuple(all_quotations(env)), labels, tuple(marks.items()), Numbering(env).state()
    return written_again(env, PAGE, snapshot)


def setup(app: Sphinx) -> None:
    app.add_transform(FindQuotations)
    app.add_directive("edition-sources-report", SourcesReportDirective)
    app.add_post_transform(FillSourcesReport)
    app.connect("env-get-updated", report_changed)
    app.connect("env-updated", check_sources, priority=600)
