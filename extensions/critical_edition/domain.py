"""The edition's domain: all cross-document state of the extension, purged and merged per doc."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.environment import BuildEnvironment


class EditionDomain(Domain):
    name = "edition"
    label = "Critical edition"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "paragraph_counts": {},  # docname -> number of article paragraphs in it
        "numbering": (),  # ((docname, first number), ...) as last written
    }

    @property
    def paragraph_counts(self) -> dict[str, int]:
        return self.data["paragraph_counts"]

    def note_paragraph_count(self, docname: str, count: int) -> None:
        self.paragraph_counts[docname] = count

    def clear_doc(self, docname: str) -> None:
        self.paragraph_counts.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, count in otherdata["paragraph_counts"].items():
            if docname in docnames:
                self.paragraph_counts[docname] = count


def get_domain(env: BuildEnvironment) -> EditionDomain:
    return env.domains["edition"]  # type: ignore[return-value]
