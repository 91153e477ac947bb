"""The edition's domain: all cross-document state of the extension, purged and merged per doc.

It also resolves the links the edition makes itself (``pending_xref`` nodes of the domain
``edition``): ``anchor`` (``<docname>#<id>``) and ``entry`` (``<register kind>#<anchor>``,
a link to a register entry, or no link when the edition has no such register page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from collections.abc import Set

    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from critical_edition.records import NoteRecord, Occurrence, Quotation


class EditionDomain(Domain):
    name = "edition"
    label = "Critical edition"
    data_version = 6
    initial_data: ClassVar[dict[str, Any]] = {
        # Per document (purged and merged by docname):
        "paragraph_counts": {},  # docname -> number of article paragraphs in it
        "annotations": {},  # docname -> (NoteRecord, ...) anchored in it
        "annotation_problems": {},  # docname -> number of problems found reading it
        "quotations": {},  # docname -> (Quotation, ...) found in it
        "occurrences": {},  # docname -> (Occurrence, ...) of persons and terms in it
        "generated_pages": {},  # docname -> (page, ...) it shows: corrections, persons, …
        # Of the whole edition, as last written (see numbering.py and generated.py):
        "numbering": (),  # ((docname, first paragraph number), ...)
        "snapshots": {},  # page -> what the pages of that kind showed
    }
    #: Data keyed by docname, purged and merged alike.
    per_document = (
        "paragraph_counts",
        "annotations",
        "annotation_problems",
        "quotations",
        "occurrences",
        "generated_pages",
    )

    @property
    def paragraph_counts(self) -> dict[str, int]:
        return self.data["paragraph_counts"]

    @property
    def annotations(self) -> dict[str, tuple[NoteRecord, ...]]:
        return self.data["annotations"]

    @property
    def annotation_problems(self) -> dict[str, int]:
        return self.data["annotation_problems"]

    @property
    def quotations(self) -> dict[str, tuple[Quotation, ...]]:
        return self.data["quotations"]

    @property
    def occurrences(self) -> dict[str, tuple[Occurrence, ...]]:
        return self.data["occurrences"]

    @property
    def numbering(self) -> tuple[tuple[str, int], ...]:
        return self.data["numbering"]

    @property
    def snapshots(self) -> dict[str, object]:
        return self.data["snapshots"]

    def pages_of(self, page: str) -> list[str]:
        """The documents that show a generated page of this kind, sorted."""
        return sorted(d for d, pages in self.data["generated_pages"].items() if page in pages)

    @property
    def register_pages(self) -> dict[str, str]:
        """register kind -> the docname of its page."""
        return {
            page: docname
            for docname, pages in sorted(self.data["generated_pages"].items())
            for page in pages
            if page in ("persons", "glossary")
        }

    def note_paragraph_count(self, docname: str, count: int) -> None:
        self.paragraph_counts[docname] = count

    def note_annotations(self, docname: str, records: tuple[NoteRecord, ...]) -> None:
        self.annotations[docname] = records

    def note_problems(self, docname: str, count: int) -> None:
        self.annotation_problems[docname] = count

    def note_quotations(self, docname: str, quotations: tuple[Quotation, ...]) -> None:
        self.quotations[docname] = quotations

    def note_occurrences(self, docname: str, occurrences: tuple[Occurrence, ...]) -> None:
        self.occurrences[docname] = occurrences

    def note_generated_page(self, docname: str, page: str) -> None:
        pages = self.data["generated_pages"].get(docname, ())
        self.data["generated_pages"][docname] = (*pages, page)

    def note_numbering(self, numbering: tuple[tuple[str, int], ...]) -> None:
        self.data["numbering"] = numbering

    def clear_doc(self, docname: str) -> None:
        for key in self.per_document:
            self.data[key].pop(docname, None)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        """``anchor`` and ``entry`` references: links the edition makes itself."""
        if typ == "anchor":
            docname, _sep, anchor = target.partition("#")
            return make_refnode(builder, fromdocname, docname, anchor, contnode)
        if typ == "entry":
            # A register entry: the occurrence (``contnode``) carries the address itself, so
            # that it stays one element with its preview; without a register page, no link.
            kind, _sep, anchor = target.partition("#")
            page = self.register_pages.get(kind)
            if page is not None:
                reference = make_refnode(builder, fromdocname, page, anchor, contnode)
                contnode["refuri"] = reference.get("refuri") or "#" + reference["refid"]
            return contnode
        return None

    def resolve_any_xref(self, *args: object) -> list:
        return []

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.per_document:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value


def get_domain(env: BuildEnvironment) -> EditionDomain:
    return env.domains["edition"]  # type: ignore[return-value]
