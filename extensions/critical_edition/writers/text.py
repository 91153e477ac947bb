"""Plain-text visitors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.text import TextTranslator

    from critical_edition.nodes import attribution_line, paragraph_number


def visit_paragraph_number(self: TextTranslator, node: paragraph_number) -> None:
    self.add_text(f"[{int(node['number'])}] ")
    raise nodes.SkipNode


def visit_attribution_line(self: TextTranslator, node: attribution_line) -> None:
    self.new_state(0)


def depart_attribution_line(self: TextTranslator, node: attribution_line) -> None:
    self.end_state()
