"""The edition's domain: all cross-document state of the extension, purged and merged per doc."""

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

    from critical_edition.apparatus import NoteRecord
    from critical_edition.linking import Occurrence
    from critical_edition.sources import Quotation


class EditionDomain(Domain):
    name = "edition"
    label = "Critical edition"
    data_version = 4
    initial_data: ClassVar[dict[str, Any]] = {
        "paragraph_counts": {},  # docname -> number of article paragraphs in it
        "numbering": (),  # ((docname, first number), ...) as last written
        "annotations": {},  # docname -> (NoteRecord, ...) anchored in it
        "annotation_problems": {},  # docname -> number of problems found reading it
        "corrections_pages": {},  # docname -> True: documents with a list of corrections
        "quotations": {},  # docname -> (Quotation, ...) found in it
        "report_pages": {},  # docname -> True: documents with the sources report
        "occurrences": {},  # docname -> (Occurrence, ...) of persons and terms in it
        "register_docs": {},  # docname -> kind of the register it lists (persons | glossary)
    }
    #: Data keyed by docname, purged and merged alike.
    per_document = (
        "paragraph_counts",
        "annotations",
        "annotation_problems",
        "corrections_pages",
        "quotations",
        "report_pages",
        "occurrences",
        "register_docs",
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
    def corrections_pages(self) -> dict[str, bool]:
        return self.data["corrections_pages"]

    @property
    def quotations(self) -> dict[str, tuple[Quotation, ...]]:
        return self.data["quotations"]

    @property
    def report_pages(self) -> dict[str, bool]:
        return self.data["report_pages"]

    def note_quotations(self, docname: str, quotations: tuple[Quotation, ...]) -> None:
        self.quotations[docname] = quotations

    def note_report_page(self, docname: str) -> None:
        self.report_pages[docname] = True

    @property
    def occurrences(self) -> dict[str, tuple[Occurrence, ...]]:
        return self.data["occurrences"]

    @property
    def register_pages(self) -> dict[str, str]:
        """kind -> the docname of its register page."""
        return {kind: docname for docname, kind in self.data["register_docs"].items()}

    def note_occurrences(self, docname: str, occurrences: tuple[Occurrence, ...]) -> None:
        self.occurrences[docname] = occurrences

    def note_register_page(self, docname: str, kind: str) -> None:
        self.data["register_docs"][docname] = kind

    def note_paragraph_count(self, docname: str, count: int) -> None:
        self.paragraph_counts[docname] = count

    def note_annotations(self, docname: str, records: tuple[NoteRecord, ...]) -> None:
        self.annotations[docname] = records

    def note_problems(self, docname: str, count: int) -> None:
        self.annotation_problems[docname] = count

    def note_corrections_page(self, docname: str) -> None:
        self.corrections_pages[docname] = True

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
    ) -> nodes.reference | None:
        """``anchor`` references (``<docname>#<id>``): links the edition makes itself."""
        if typ != "anchor":
            return None
        docname, _sep, anchor = target.partition("#")
        return make_refnode(builder, fromdocname, docname, anchor, contnode)

    def resolve_any_xref(self, *args: object) -> list:
        return []

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.per_document:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value


def get_domain(env: BuildEnvironment) -> EditionDomain:
    return env.domains["edition"]  # type: ignore[return-value]
