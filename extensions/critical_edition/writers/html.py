"""HTML visitors (also used by the epub and singlehtml builders)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from critical_edition.nodes import attribution_line, paragraph_number


def visit_paragraph_number(self: HTML5Translator, node: paragraph_number) -> None:
    number = int(node["number"])
    self.body.append(
        self.starttag(
            node,
            "a",
            "",
            href="#" + node["refid"],
            CLASS="edition-pnum",
            **{"aria-label": f"문단 {number}", "data-para": str(number)},
        )
    )
    self.body.append(f"{number}</a>")
    raise nodes.SkipNode


def visit_attribution_line(self: HTML5Translator, node: attribution_line) -> None:
    self.body.append(self.starttag(node, "p", "", CLASS="attribution"))


def depart_attribution_line(self: HTML5Translator, node: attribution_line) -> None:
    self.body.append("</p>\n")
