"""Editorial annotations: standoff files anchored into the text as apparatus notes.

Each text document ``text/<part>`` may have ``<edition_annotations_dir>/<part>.toml``
(``annotation_files.py`` reads it, with each body parsed safely). While the document is read,
every annotation is anchored to its exact quote (``anchoring.py``), and nodes are inserted
right in the text:

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
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from critical_edition import anchoring, annotation_files, datafiles, provenance, safe_rst
from critical_edition.bibstyle import source_note
from critical_edition.domain import get_domain
from critical_edition.nodes import (
    apparatus_entry,
    corrected_reading,
    edition_note,
    emendation,
    lemma,
    note_marker,
    note_source,
    witness_reading,
)
from critical_edition.numbering import Numbering, is_text_document
from critical_edition.records import NoteRecord, Problem

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

    from critical_edition.records import Annotation


# -- Files ------------------------------------------------------------------------------------


def annotation_file(env: BuildEnvironment, docname: str) -> Path | None:
    """The annotation file of a text document (which need not exist)."""
    if not is_text_document(env, docname):
        return None
    part = docname.removeprefix(env.config.edition_text_prefix)
    return Path(env.srcdir, env.config.edition_annotations_dir, f"{part}.toml")


def report(problem: Problem) -> None:
    datafiles.report(problem, "annotation")


def problem(record: Annotation | NoteRecord, line: int, message: str) -> Problem:
    return Problem(record.path, line, f"annotation {record.id!r}", message)


# -- Labels -----------------------------------------------------------------------------------


def letter_label(number: int) -> str:
    """1 → a, 26 → z, 27 → aa: the labels of editorial notes."""
    label = ""
    while number:
        number, rest = divmod(number - 1, 26)
        label = string.ascii_lowercase[rest] + label
    return label


# -- Reading ----------------------------------------------------------------------------------


class AnchorAnnotations(SphinxTransform):
    """Anchor the annotations of a text document into its doctree."""

    default_priority = 810  # after CountParagraphs (800), before the domains (850)

    def apply(self, **kwargs: object) -> None:
        docname = self.env.current_document.docname
        path = annotation_file(self.env, docname)
        if path is None:
            return
        datafiles.depend(self.env, path)
        units = anchoring.units_of(self.document)
        texts = [anchoring.witness_text(unit) for unit, _local in units]
        records, problems = annotation_files.load(path)
        placed: list[tuple[Annotation, anchoring.Place]] = []
        for record in records:
            place = self.place_of(record, texts, docname, problems)
            if place is not None:
                placed.append((record, place))
        source_notes = {record.id: self.sources_of(record, problems) for record in records}
        problems += overlaps(placed) + stacked(placed)
        domain = get_domain(self.env)
        if problems:
            for found in problems:
                report(found)
            domain.note_problems(docname, len(problems))
            return
        notes = []
        # Outer anchors first; of two on the same text, the emendation goes inside.
        order = sorted(
            placed, key=lambda rp: (rp[1].unit, rp[1].start, -rp[1].end, rp[0].kind == "emendation")
        )
        for record, place in order:
            unit, local = units[place.unit]
            try:
                marker, note = self.note_nodes(record, source_notes[record.id])
                wrapper = self.wrapper_of(record)
                anchoring.wrap(unit, place.start, place.end, wrapper)
            except Exception as error:  # the safety net: no annotation crashes the build
                report(
                    problem(
                        record,
                        record.line_of("quote"),
                        f"this annotation could not be anchored ({type(error).__name__}: "
                        f"{error}); anchor it elsewhere, and report the message",
                    )
                )
                domain.note_problems(docname, 1)
                return
            wrapper.parent.insert(wrapper.parent.index(wrapper) + 1, [marker, note])
            notes.append((record, local, place, safe_rst.paragraph_refs(record.parsed)))
        domain.note_annotations(docname, self.label(notes))

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
            ) + anchoring.strangers(record.prefix + record.quote + record.suffix, texts)
            problems.append(
                problem(record, line, f"target quote {record.quote!r} not found in {docname}{hint}")
            )
            return None
        candidates = "; ".join(anchoring.context(texts[p.unit], p) for p in places[:6])
        problems.append(
            problem(
                record,
                line,
                f"target quote {record.quote!r} occurs {len(places)} times in {docname}: "
                f"{candidates}. Add a prefix or suffix (the exact text just before or after "
                "it) so that it occurs once",
            )
        )
        return None

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
                    problem(
                        record,
                        record.line_of("sources"),
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
        self, record: Annotation, sources: list[note_source]
    ) -> tuple[note_marker, edition_note]:
        marker = note_marker(
            ids=[f"r-{record.id}"], refid=f"n-{record.id}", series=record.series, label=""
        )
        level = record.verification
        shown = annotation_files.verification_shown(record.series, level)
        note = edition_note(
            # Source notes repeat the bibliography: search finds their works there.
            classes=["no-search"] if record.kind == "source" else [],
            ids=[f"n-{record.id}"],
            backref=f"r-{record.id}",
            series=record.series,
            kind=record.kind,
            verification=level,
            label="",
            # What readers see of the kind and of what was checked, in Korean.
            kind_label=""
            if record.kind in ("emendation", "source")
            else annotation_files.KIND_LABELS[record.kind],
            verification_label=annotation_files.VERIFICATION_LABELS[level] if shown else "",
            verification_title=annotation_files.VERIFICATION_DESCRIPTIONS[level] if shown else "",
            # Who wrote it and when: on the web, quietly; print keeps its footnotes clean.
            provenance_label=provenance.label(record.authors, record.created, record.updated),
        )
        if record.kind == "emendation":
            note += apparatus_entry(
                "",
                corrected_reading("", record.reading, in_note=True),
                witness_reading("", record.quote, in_note=True),
            )
        note.extend(node.deepcopy() for node in record.parsed)
        note.extend(sources)
        # In print, a source starts on a new line of the note, unless it follows the head of
        # an emendation note or nothing (a body's paragraphs are marked by ``safe_rst``).
        for before, node in zip(note.children, note.children[1:], strict=False):
            if isinstance(node, note_source) and not isinstance(before, apparatus_entry):
                node["separated"] = True
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
                unit=place.unit,
                end=place.end,
                authors=record.authors,
                created=record.created,
                updated=record.updated,
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
                problem(
                    second,
                    second.line_of("quote"),
                    f"{why} (annotation {first.id!r}, line {first.line_of('quote')}); "
                    "anchor one of them to a different stretch of text",
                )
            )
    return problems


#: The most annotations that may be anchored on the same words, or on words inside each
#: other's quotes: each wraps the next in the page, and a deep stack exhausts the build.
MAX_STACKED = 8


def stacked(placed: list[tuple[Annotation, anchoring.Place]]) -> list[Problem]:
    """Stacks of annotations on the same words (or inside each other) deeper than
    :data:`MAX_STACKED`: one problem per paragraph, naming every annotation of the stack."""
    problems = []
    by_unit: dict[int, list[tuple[Annotation, anchoring.Place]]] = {}
    for record, place in placed:
        by_unit.setdefault(place.unit, []).append((record, place))
    for members in by_unit.values():
        members.sort(key=lambda rp: (rp[1].start, -rp[1].end))
        stack: list[tuple[Annotation, anchoring.Place]] = []
        for record, place in members:
            while stack and stack[-1][1].end < place.end:
                stack.pop()
            stack.append((record, place))
            if len(stack) > MAX_STACKED:
                # every annotation on these words, including those not yet on the stack
                covering = [r for r, p in members if p.start <= place.start and place.end <= p.end]
                same = all(
                    (p.start, p.end) == (place.start, place.end)
                    for _r, p in members
                    if p.start <= place.start and place.end <= p.end
                )
                where = "the same words" if same else "words inside each other"
                ids = ", ".join(repr(r.id) for r in covering)
                first = min(covering, key=lambda r: r.line)
                problems.append(
                    problem(
                        first,
                        first.line_of("quote"),
                        f"{len(covering)} annotations are anchored on {where} ({ids}); at "
                        f"most {MAX_STACKED} may be: merge some of them or anchor them "
                        "elsewhere",
                    )
                )
                break
    return problems


# -- After reading ----------------------------------------------------------------------------


def check_edition(app: Sphinx, env: BuildEnvironment) -> None:
    """Stop the build before anything is written if any annotation is wrong."""
    domain = get_domain(env)
    failures = sum(domain.annotation_problems.values())
    seen: dict[str, NoteRecord] = {}
    numbering = Numbering(env)
    for docname in sorted(domain.annotations):
        for record in domain.annotations[docname]:
            if record.id in seen:
                other = seen[record.id]
                report(
                    problem(
                        record,
                        record.line,
                        f"duplicate id: also used in {other.path}:{other.line}; give each "
                        "annotation its own id",
                    )
                )
                failures += 1
            seen.setdefault(record.id, record)
            if record.paragraph_hint is not None and docname in numbering.firsts:
                number = numbering.number(docname, record.local)
                if number != record.paragraph_hint:
                    report(
                        problem(
                            record,
                            record.hint_line,
                            f"paragraph = {record.paragraph_hint}, but the quote is in "
                            f"¶{number}; correct the paragraph number or the quote",
                        )
                    )
                    failures += 1
    last = numbering.last
    for docname in sorted(domain.annotations):
        for record in domain.annotations[docname]:
            for number in record.paragraph_refs:
                if not 1 <= number <= last:
                    report(
                        problem(
                            record,
                            record.body_line,
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
                Problem(
                    datafiles.shown(path),
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
        raise datafiles.DataError(msg)


def new_annotation_files(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Documents whose annotation file appeared since they were read."""
    return [
        docname
        for docname in sorted(env.found_docs - added - changed - removed)
        if (path := annotation_file(env, docname)) and datafiles.appeared(env, docname, path)
    ]


def setup(app: Sphinx) -> None:
    app.add_transform(AnchorAnnotations)
    app.connect("env-get-outdated", new_annotation_files)
    app.connect("env-updated", check_edition)
