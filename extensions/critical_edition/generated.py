"""The pages the edition writes from its data (교정 목록, 출처 현황, 용어집, 인명 색인).

Each is a directive that leaves a placeholder and notes the page in the domain
(:class:`PagePlaceholder`), a post-transform that fills the placeholder when the page is
written (:class:`FillPage`), and a snapshot of what the page shows, compared at
``env-get-updated`` so that the page is written again when its data changed
(:func:`written_again`). Also the pieces they are made of: links to places in the text,
tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from critical_edition.domain import get_domain

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.environment import BuildEnvironment


class PagePlaceholder(SphinxDirective):
    """A directive that leaves a placeholder for a page written from the edition's data."""

    node_class: ClassVar[type[nodes.Element]]
    page: ClassVar[str]  # the kind of page, as the domain notes it

    def placeholder(self) -> tuple[nodes.Element, str]:
        return self.node_class(), self.page

    def run(self) -> list[nodes.Node]:
        node, page = self.placeholder()
        self.set_source_info(node)
        get_domain(self.env).note_generated_page(self.env.current_document.docname, page)
        return [node]


class FillPage(SphinxPostTransform):
    """Replace each placeholder of ``node_class`` by what :meth:`fill` makes of the data."""

    default_priority = 6  # after the paragraphs are numbered (5), before references (10)
    node_class: ClassVar[type[nodes.Element]]

    def run(self, **kwargs: object) -> None:
        for placeholder in list(self.document.findall(self.node_class)):
            placeholder.replace_self(self.fill(placeholder))

    def fill(self, placeholder: nodes.Element) -> list[nodes.Node]:
        raise NotImplementedError


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


def written_again(env: BuildEnvironment, page: str, snapshot: object) -> list[str]:
    """The documents showing ``page`` if ``snapshot`` (what they show) differs from the last
    build's, else none.

    For ``env-get-updated``: such pages are not read again when the data they list changes.
    """
    domain = get_domain(env)
    if snapshot == domain.snapshots.get(page):
        return []
    domain.snapshots[page] = snapshot
    return domain.pages_of(page)
