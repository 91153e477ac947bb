"""LaTeX visitors; the macros they call are defined in ``static/edition.sty``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.latex import LaTeXTranslator

    from critical_edition.nodes import attribution_line, paragraph_number


def visit_paragraph_number(self: LaTeXTranslator, node: paragraph_number) -> None:
    target = self.hypertarget(node["refid"], anchor=True)
    self.body.append(rf"\edpnum{{{target}}}{{{int(node['number'])}}}")
    raise nodes.SkipNode


def visit_attribution_line(self: LaTeXTranslator, node: attribution_line) -> None:
    self.body.append("\n\\begin{edattribution}\n")


def depart_attribution_line(self: LaTeXTranslator, node: attribution_line) -> None:
    self.body.append("\n\\end{edattribution}\n")
