"""Per-builder visitors of the edition's nodes, registered for every builder Sphinx ships."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from critical_edition.nodes import attribution_line, paragraph_number
from critical_edition.writers import html, latex, text

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _skip(self: object, node: object) -> None:
    raise nodes.SkipNode


def _pass(self: object, node: object) -> None:
    pass


def register_nodes(app: Sphinx) -> None:
    app.add_node(
        paragraph_number,
        html=(html.visit_paragraph_number, None),
        latex=(latex.visit_paragraph_number, None),
        text=(text.visit_paragraph_number, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_node(
        attribution_line,
        html=(html.visit_attribution_line, html.depart_attribution_line),
        latex=(latex.visit_attribution_line, latex.depart_attribution_line),
        text=(text.visit_attribution_line, text.depart_attribution_line),
        man=(_pass, _pass),
        texinfo=(_pass, _pass),
    )
