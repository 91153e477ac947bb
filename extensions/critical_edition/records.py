"""The edition's records: what its data files hold once validated, and what its domain stores.

Plain NamedTuples, so that they pickle with the environment and compare by value (the
snapshots of the generated pages rely on it). This module imports nothing from the edition,
so every other module may import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from docutils import nodes

# -- Data files ---------------------------------------------------------------------------------


class Problem(NamedTuple):
    """Something wrong in a data file: where it is, which record, and what to do."""

    path: str  # as shown to the contributor (relative to the working directory)
    line: int
    record: str | None  # ``annotation 'em-x'``, ``entry 'zinoviev'``, ``mark '…'``; None: file
    message: str
    file_kind: str = "annotation file"  # what the file is, when no record is named

    def __str__(self) -> str:
        return f"{self.record or self.file_kind}: {self.message}"


class SourceRef(NamedTuple):
    key: str
    locator: str


class Annotation(NamedTuple):
    """One ``[[annotation]]`` of an annotation file."""

    id: str
    kind: str
    quote: str
    prefix: str
    suffix: str
    paragraph: int | None
    reading: str | None
    body: str | None
    authors: tuple[str, ...]
    created: str
    updated: str | None
    verification: str
    evidence: str | None
    sources: tuple[SourceRef, ...]
    path: str
    line: int  # the line of its ``[[annotation]]`` header
    field_lines: tuple[tuple[str, int], ...] = ()
    parsed: tuple[nodes.Node, ...] = ()  # ``body`` parsed (safe reST): copy before use
    date: str | None = None  # the event's date, for the chronology (see ``dates.py``)
    event: str | None = None  # the event in one line

    def line_of(self, field: str) -> int:
        return dict(self.field_lines).get(field, self.line)

    @property
    def series(self) -> str:
        """``source`` notes are numbered; all editorial notes are lettered."""
        return "source" if self.kind == "source" else "editorial"


class Entry(NamedTuple):
    """A person of the persons register or a term of the glossary."""

    kind: str  # persons | glossary
    id: str
    forms: tuple[str, ...]
    usual: tuple[str, ...]  # the usual Korean forms, where they differ from the article's
    original: str  # a person's name in its script; a term in English
    latin: str  # a person's Latin name; a term's Russian transliteration (or "")
    sort: str  # Latin sort key
    russian: str  # terms only
    born: str
    died: str
    text: str  # a person's role, a term's definition (reST)
    body: tuple[nodes.Node, ...]  # ``text`` parsed (safe reST): copy before use
    see_also: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (key, locator)
    status: str
    authors: tuple[str, ...]
    created: str  # ISO date
    updated: str | None  # ISO date of the last change, if any
    path: str
    line: int
    field_lines: tuple[tuple[str, int], ...]
    anchor_prefix: str  # of its anchor on the register page: p-… or g-…
    date: str | None = None  # a term's event date, for the chronology (see ``dates.py``)
    event: str | None = None  # the event in one line

    def problem(self, field: str, message: str) -> Problem:
        """A problem of this entry, at the line of ``field``."""
        return Problem(
            self.path, self.line_of(field), f"entry {self.id!r}", message, "register file"
        )

    @property
    def headword(self) -> str:
        return self.forms[0]

    @property
    def anchor(self) -> str:
        return f"{self.anchor_prefix}-{self.id}"

    def line_of(self, field: str) -> int:
        return dict(self.field_lines).get(field, self.line)

    @property
    def dates(self) -> str:
        if not (self.born or self.died):
            return ""
        return f"{self.born or '?'}–{self.died or '?'}"


class Mark(NamedTuple):
    """A quotation mark or parenthesis of the text that is not a quotation or citation."""

    text: str
    use: str
    line: int


# -- The domain ---------------------------------------------------------------------------------


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
    unit: int = 0  # index of the unit (paragraph or attribution line) that holds the quote
    end: int = 0  # character offset of the quote's end in that unit's witness text
    authors: tuple[str, ...] = ()
    created: str = ""  # ISO date
    updated: str | None = None  # ISO date of the last change, if any


class Occurrence(NamedTuple):
    """A place where the text names a person or a term of the registers."""

    entry_id: str
    form: str
    docname: str
    local: int  # paragraph number within the document
    target: str  # anchor id of the occurrence
    linked: bool


class Quotation(NamedTuple):
    """A quotation or reference found in a part, and what sources it."""

    docname: str
    local: int  # paragraph number within the document
    kind: str  # block | quote | reference
    text: str
    line: int | None  # in the source file
    sources: tuple[str, ...]  # ids of the source annotations anchored on it
    verification: str | None  # the weakest verification of those notes (None: no source)
