"""Plain-text visitors: notes inline in brackets, paragraph numbers in brackets before the
paragraph, the corrected reading only."""

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


# -- The apparatus: notes inline, in brackets -------------------------------------------------


def visit_witness_reading(self: TextTranslator, node: nodes.Element) -> None:
    if not node.get("in_note"):
        raise nodes.SkipNode


def visit_note_marker(self: TextTranslator, node: nodes.Element) -> None:
    raise nodes.SkipNode  # the note follows at once, with its label


def visit_edition_note(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(f" [{node['label']}: ")


def depart_edition_note(self: TextTranslator, node: nodes.Element) -> None:
    label = node["verification_label"]
    self.add_text(f" ({label})]" if label else "]")


def depart_apparatus_entry(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(" 저본. ")


def depart_corrected_reading(self: TextTranslator, node: nodes.Element) -> None:
    if node.get("in_note"):
        self.add_text("] ")


def depart_note_paragraph(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(" ")
