"""Pieces of the pages the edition writes from its data (교정 목록, 출처 현황, 용어집, 인명 색인):
links to places in the text, tables, and when such a page must be written again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from critical_edition.domain import EditionDomain


def link(text: str, here: str, docname: str, anchor: str) -> addnodes.pending_xref:
    """A link to an anchor of a document, resolved for each builder by the edition's domain."""
    return addnodes.pending_xref(
        "",
        nodes.inline("", text),
        refdomain="edition",
        reftype="anchor",
        reftarget=f"{docname}#{anchor}",
        refdoc=here,
        refexplicit=True,
    )


def cell(*children: nodes.Node, classes: tuple[str, ...] = ()) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children), classes=list(classes))


def table(
    columns: Sequence[tuple[str, int]], classes: list[str]
) -> tuple[nodes.table, nodes.tbody]:
    """A table with a head row of ``(title, width)`` columns, and its (empty) body."""
    result = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(columns))
    result += group
    for _title, width in columns:
        group += nodes.colspec(colwidth=width)
    head = nodes.row()
    for title, _width in columns:
        head += cell(nodes.Text(title))
    group += nodes.thead("", head)
    body = nodes.tbody()
    group += body
    return result, body


def changed_pages(
    domain: EditionDomain, key: str, snapshot: object, pages: Iterable[str]
) -> list[str]:
    """``pages`` if ``snapshot`` (what they show) differs from the last build's, else none.

    For ``env-get-updated``: such pages are not read again when the data they list changes.
    """
    if snapshot == domain.data.get(key):
        return []
    domain.data[key] = snapshot
    return sorted(pages)
