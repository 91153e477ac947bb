"""Editorial annotations: standoff files anchored into the text as apparatus notes.

Each text document ``text/<part>`` may have ``<edition_annotations_dir>/<part>.toml``
(``standoff.py`` reads it). While the document is read, every annotation is anchored to its
exact quote (``anchoring.py``), its body is parsed safely (``safe_rst.py``), and nodes are
inserted right in the text:

* an emendation becomes an :class:`~critical_edition.nodes.emendation` holding the witness
  and the corrected reading, followed by a marker and its apparatus note;
* any other annotation wraps its quote in a :class:`~critical_edition.nodes.lemma`,
  followed by a marker and the note.

Notes come in two series, as in a printed critical edition: source references
(``kind = "source"``), numbered 1, 2, 3 …, and editorial notes, lettered a, b, c …; both
restart in every part. Problems are logged with the file, line and annotation id; once all
documents are read, any problem stops the build before a page is written.
"""

from __future__ import annotations

import string
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from critical_edition import anchoring, register, safe_rst, sources, standoff
from critical_edition.bibstyle import source_note
from critical_edition.domain import get_domain
from critical_edition.nodes import (
    apparatus_entry,
    attribution_line,
    corrected_reading,
    edition_note,
    emendation,
    lemma,
    note_marker,
    note_source,
    witness_reading,
)
from critical_edition.numbering import first_numbers, is_text_document
from critical_edition.standoff import AnnotationError, shown

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

    from critical_edition.standoff import Annotation, Problem

logger = logging.getLogger(__name__)


class NoteRecord(NamedTuple):
    """What the rest of the edition needs to know of an anchored annotation."""

    id: str
    docname: str
    kind: str
    label: str
    local: int  # number of its paragraph within the document
    offset: int  # character offset of the quote in that paragraph's witness text
    quote: str
    reading: str | None
    paragraph_hint: int | None
    path: str
    line: int  # of its id
    hint_line: int  # of its paragraph number
    verification: str = ""
    evidence: str | None = None  # what the editors checked, and where
    paragraph_refs: tuple[int, ...] = ()  # the ¶N its body refers to
    body_line: int = 0  # of its body


# -- Files ------------------------------------------------------------------------------------


def annotation_file(env: BuildEnvironment, docname: str) -> Path | None:
    """The annotation file of a text document (which need not exist)."""
    if not is_text_document(env, docname):
        return None
    part = docname.removeprefix(env.config.edition_text_prefix)
    return Path(env.srcdir, env.config.edition_annotations_dir, f"{part}.toml")


def report(problem: Problem) -> None:
    logger.error(
        str(problem),
        location=f"{problem.path}:{problem.line}",
        type="edition",
        subtype="annotation",
    )


# -- Labels -----------------------------------------------------------------------------------


def letter_label(number: int) -> str:
    """1 → a, 26 → z, 27 → aa: the labels of editorial notes."""
    label = ""
    while number:
        number, rest = divmod(number - 1, 26)
        label = string.ascii_lowercase[rest] + label
    return label


# -- Reading ----------------------------------------------------------------------------------


def units_of(doctree: nodes.document) -> list[tuple[nodes.Element, int]]:
    """The places annotations may anchor in: article paragraphs and attribution lines.

    Each comes with the local number of its paragraph (for an attribution line, the
    paragraph it follows).
    """
    units: list[tuple[nodes.Element, int]] = []
    local = 0
    for node in doctree.findall(lambda n: isinstance(n, (nodes.paragraph, attribution_line))):
        if isinstance(node, nodes.paragraph):
            if "edition_local" not in node:
                continue
            local = node["edition_local"]
        units.append((node, local))
    return units


class AnchorAnnotations(SphinxTransform):
    """Anchor the annotations of a text document into its doctree."""

    default_priority = 910  # after CountParagraphs

    def apply(self, **kwargs: object) -> None:
        docname = self.env.current_document.docname
        path = annotation_file(self.env, docname)
        if path is None:
            return
        marks_path = sources.marks_file(self.env)
        if marks_path.is_file():  # a file that appears later: see new_annotation_files
            self.env.note_dependency(str(marks_path))
        units = units_of(self.document)
        texts = [anchoring.witness_text(unit) for unit, _local in units]
        records: list[Annotation] = []
        problems: list[Problem] = []
        if path.is_file():
            self.env.note_dependency(str(path))
            records, problems = standoff.load(path, shown(path))
        placed: list[tuple[Annotation, anchoring.Place]] = []
        for record in records:
            place = self.place_of(record, texts, docname, problems)
            if place is not None:
                placed.append((record, place))
        bodies = {record.id: self.body_of(record, problems) for record in records}
        source_notes = {record.id: self.sources_of(record, problems) for record in records}
        problems += overlaps(placed)
        domain = get_domain(self.env)
        marks, _marks_problems = sources.load_marks(marks_path)  # reported at env-updated
        domain.note_quotations(docname, sources.quotations_of(docname, units, texts, placed, marks))
        if problems:
            for problem in problems:
                report(problem)
            domain.note_problems(docname, len(problems))
            return
        notes = []
        # Outer anchors first; of two on the same text, the emendation goes inside.
        order = sorted(
            placed, key=lambda rp: (rp[1].unit, rp[1].start, -rp[1].end, rp[0].kind == "emendation")
        )
        for record, place in order:
            unit, local = units[place.unit]
            marker, note = self.note_nodes(record, bodies[record.id], source_notes[record.id])
            wrapper = self.wrapper_of(record)
            anchoring.wrap(unit, place.start, place.end, wrapper)
            wrapper.parent.insert(wrapper.parent.index(wrapper) + 1, [marker, note])
            notes.append((record, local, place, safe_rst.paragraph_refs(bodies[record.id])))
        records_out = self.label(notes)
        domain.note_annotations(docname, records_out)

    # Checks ----------------------------------------------------------------------------------

    def place_of(
        self, record: Annotation, texts: list[str], docname: str, problems: list[Problem]
    ) -> anchoring.Place | None:
        places = anchoring.find(texts, record.quote, record.prefix, record.suffix)
        if len(places) == 1:
            return places[0]
        line = record.line_of("quote")
        if not places:
            bare = anchoring.find(texts, record.quote) if record.prefix or record.suffix else []
            hint = (
                f"; the quote alone occurs {len(bare)} time(s), so check prefix/suffix"
                if bare
                else "; copy it exactly (every character as the witness has it) from one "
                "paragraph or attribution line"
            )
            problems.append(
                standoff.Problem(
                    record.path,
                    line,
                    record.id,
                    f"target quote {record.quote!r} not found in {docname}{hint}",
                )
            )
            return None
        candidates = "; ".join(anchoring.context(texts[p.unit], p) for p in places[:6])
        problems.append(
            standoff.Problem(
                record.path,
                line,
                record.id,
                f"target quote {record.quote!r} occurs {len(places)} times in {docname}: "
                f"{candidates}. Add a prefix or suffix (the exact text just before or after "
                "it) so that it occurs once",
            )
        )
        return None

    def body_of(self, record: Annotation, problems: list[Problem]) -> list[nodes.Node]:
        if not record.body:
            return []
        paragraphs, body_problems = safe_rst.parse_body(record.body, record.path)
        first = record.line_of("body")
        problems.extend(
            standoff.Problem(record.path, first + p.line - 1, record.id, f"body: {p.message}")
            for p in body_problems
        )
        return paragraphs

    @cached_property
    def cite(self) -> Domain:
        """The bib data, for a document that cites (which then depends on the bib files)."""
        cite = self.env.get_domain("cite")
        for bibfile in cite.bibdata.bibfiles:
            self.env.note_dependency(str(bibfile))
        return cite

    def sources_of(self, record: Annotation, problems: list[Problem]) -> list[note_source]:
        result = []
        for source in record.sources:
            node = source_note(self.cite, source.key, source.locator)
            if node is None:
                problems.append(
                    standoff.Problem(
                        record.path,
                        record.line_of("sources"),
                        record.id,
                        f"unknown bib key {source.key!r}: add the work to a file in bib/ "
                        "or correct the key",
                    )
                )
                continue
            result.append(node)
        return result

    # Nodes -----------------------------------------------------------------------------------

    def wrapper_of(self, record: Annotation) -> nodes.Element:
        if record.kind == "emendation":
            node = emendation(
                "",
                witness_reading("", record.quote),
                corrected_reading("", record.reading),
                note_id=f"n-{record.id}",
            )
        else:
            node = lemma(note_id=f"n-{record.id}")
        node.source, node.line = record.path, record.line
        return node

    def note_nodes(
        self, record: Annotation, body: list[nodes.Node], sources: list[note_source]
    ) -> tuple[note_marker, edition_note]:
        marker = note_marker(
            ids=[f"r-{record.id}"], refid=f"n-{record.id}", series=record.series, label=""
        )
        note = edition_note(
            # Source notes repeat the bibliography: search finds their works there.
            classes=["no-search"] if record.kind == "source" else [],
            ids=[f"n-{record.id}"],
            backref=f"r-{record.id}",
            series=record.series,
            kind=record.kind,
            verification=record.verification,
            label="",
        )
        if record.kind == "emendation":
            note += apparatus_entry(
                "",
                corrected_reading("", record.reading),
                witness_reading("", record.quote),
            )
        note.extend(body)
        note.extend(sources)
        return marker, note

    def label(self, notes: list) -> tuple[NoteRecord, ...]:
        """Number the notes of the document in text order, each series on its own."""
        counters = {"source": 0, "editorial": 0}
        labels: dict[str, str] = {}
        for marker in self.document.findall(note_marker):
            counters[marker["series"]] += 1
            count = counters[marker["series"]]
            labels[marker["refid"]] = (
                str(count) if marker["series"] == "source" else (letter_label(count))
            )
            marker["label"] = labels[marker["refid"]]
        for note in self.document.findall(edition_note):
            note["label"] = labels[note["ids"][0]]
        docname = self.env.current_document.docname
        return tuple(
            NoteRecord(
                id=record.id,
                docname=docname,
                kind=record.kind,
                label=labels[f"n-{record.id}"],
                local=local,
                offset=place.start,
                quote=record.quote,
                reading=record.reading,
                paragraph_hint=record.paragraph,
                path=record.path,
                line=record.line_of("id"),
                hint_line=record.line_of("paragraph"),
                verification=record.verification,
                evidence=record.evidence,
                paragraph_refs=refs,
                body_line=record.line_of("body"),
            )
            for record, local, place, refs in notes
        )


def overlaps(placed: list[tuple[Annotation, anchoring.Place]]) -> list[Problem]:
    """Anchors that cannot both be placed: partial overlaps, and anything in an emendation."""
    problems = []
    for i, (first, a) in enumerate(placed):
        for second, b in placed[i + 1 :]:
            if a.unit != b.unit or a.end <= b.start or b.end <= a.start:
                continue
            # the outer one starts first, or is the longer of two that start together
            (outer, o), (_inner, n) = sorted(
                ((first, a), (second, b)), key=lambda rp: (rp[1].start, -rp[1].end)
            )
            if first.kind == second.kind == "emendation":
                why = "overlapping emendations: two emendations cannot change the same text"
            elif n.end > o.end:
                why = "the quotes overlap without one containing the other"
            elif outer.kind == "emendation" and (o.start, o.end) != (n.start, n.end):
                why = "the quote lies inside an emendation's quote"
            else:
                continue
            problems.append(
                standoff.Problem(
                    second.path,
                    second.line_of("quote"),
                    second.id,
                    f"{why} (annotation {first.id!r}, line {first.line_of('quote')}); "
                    "anchor one of them to a different stretch of text",
                )
            )
    return problems


# -- After reading ----------------------------------------------------------------------------


def check_edition(app: Sphinx, env: BuildEnvironment) -> None:
    """Stop the build before anything is written if any annotation is wrong."""
    domain = get_domain(env)
    failures = sum(domain.annotation_problems.values())
    seen: dict[str, NoteRecord] = {}
    firsts = first_numbers(env)
    for docname in sorted(domain.annotations):
        for record in domain.annotations[docname]:
            if record.id in seen:
                other = seen[record.id]
                report(
                    standoff.Problem(
                        record.path,
                        record.line,
                        record.id,
                        f"duplicate id: also used in {other.path}:{other.line}; give each "
                        "annotation its own id",
                    )
                )
                failures += 1
            seen.setdefault(record.id, record)
            if record.paragraph_hint is not None and docname in firsts:
                number = firsts[docname] + record.local - 1
                if number != record.paragraph_hint:
                    report(
                        standoff.Problem(
                            record.path,
                            record.hint_line,
                            record.id,
                            f"paragraph = {record.paragraph_hint}, but the quote is in "
                            f"¶{number}; correct the paragraph number or the quote",
                        )
                    )
                    failures += 1
    last = sum(domain.paragraph_counts.values())
    for docname in sorted(domain.annotations):
        for record in domain.annotations[docname]:
            for number in record.paragraph_refs:
                if not 1 <= number <= last:
                    report(
                        standoff.Problem(
                            record.path,
                            record.body_line,
                            record.id,
                            f"body: ¶{number} does not exist; the article has ¶1–¶{last}",
                        )
                    )
                    failures += 1
    directory = Path(env.srcdir, env.config.edition_annotations_dir)
    parts = {
        docname.removeprefix(env.config.edition_text_prefix)
        for docname in env.found_docs
        if is_text_document(env, docname)
    }
    for path in sorted(directory.glob("*.toml")) if directory.is_dir() else ():
        if path.stem not in parts:
            report(
                standoff.Problem(
                    shown(path),
                    1,
                    None,
                    f"no text document {env.config.edition_text_prefix}{path.stem} for this "
                    "file; name it after the part it annotates",
                )
            )
            failures += 1
    if failures:
        msg = (
            f"{failures} problem(s) in the annotation files (listed above); nothing was "
            "written. Fix them and build again."
        )
        raise AnnotationError(msg)


def new_annotation_files(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Documents whose annotation file appeared since they were read."""
    shared = [sources.marks_file(env)] + [register.register_path(env, k) for k in register.KINDS]
    outdated = []
    for docname in env.found_docs - added - changed - removed:
        path = annotation_file(env, docname)
        if path is None:
            continue
        known = {Path(d) for d in env.dependencies.get(docname, ())}
        if any(p.is_file() and p not in known for p in [path, *shared]):
            outdated.append(docname)
    return outdated


def setup(app: Sphinx) -> None:
    app.add_config_value("edition_annotations_dir", "annotations", "env", types=frozenset({str}))
    app.add_transform(AnchorAnnotations)
    app.connect("env-get-outdated", new_annotation_files)
    app.connect("env-updated", check_edition)
