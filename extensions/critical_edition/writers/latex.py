"""LaTeX visitors; the macros they call are defined in ``static/latex/edition.sty``."""

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


# -- The apparatus ----------------------------------------------------------------------------
# Editorial notes go to the footnote series E (lettered), source references to series S
# (numbered); both are declared with manyfoot in edition.sty. Labels are the edition's own,
# so HTML and PDF mark a note alike.

SERIES_LETTERS = {"editorial": "E", "source": "S"}


def _label(self: LaTeXTranslator, node_id: str) -> str:
    return self.idescape(f"{self.curfilestack[-1]}:{node_id}")


def visit_witness_reading(self: LaTeXTranslator, node: nodes.Element) -> None:
    if not node.get("in_note"):
        raise nodes.SkipNode  # print shows the corrected reading; the note keeps this one


def visit_note_marker(self: LaTeXTranslator, node: nodes.Element) -> None:
    series = SERIES_LETTERS[node["series"]]
    label = self.encode(node["label"])
    self.body.append(
        rf"\edmark{{{series}}}{{{label}}}{{{_label(self, node['ids'][0])}}}"
        rf"{{{_label(self, node['refid'])}}}"
    )
    raise nodes.SkipNode


def visit_edition_note(self: LaTeXTranslator, node: nodes.Element) -> None:
    series = SERIES_LETTERS[node["series"]]
    label = self.encode(node["label"])
    self.body.append(rf"\ednote{{{series}}}{{{label}}}{{{_label(self, node['ids'][0])}}}{{")
    if node["kind_label"]:
        self.body.append(rf"\edkind{{{self.encode(node['kind_label'])}}}")


def depart_edition_note(self: LaTeXTranslator, node: nodes.Element) -> None:
    if node["verification_label"]:
        self.body.append(rf"\edverification{{{self.encode(node['verification_label'])}}}")
    self.body.append("}")


def visit_apparatus_entry(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"\edapp{")


def depart_apparatus_entry(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("}")


def visit_corrected_reading(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"\edlemma{" if node.get("in_note") else "{")


def depart_corrected_reading(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"}\edbracket{}" if node.get("in_note") else "}")


def visit_note_paragraph(self: LaTeXTranslator, node: nodes.Element) -> None:
    if node.get("separated"):
        self.body.append(r"\edparsep{}")


def visit_note_source(self: LaTeXTranslator, node: nodes.Element) -> None:
    if node.get("separated"):
        self.body.append(r"\edparsep{}")
    self.body.append(r"\edsource{")


def depart_note_source(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("}")


# -- Persons register and glossary ------------------------------------------------------------


def visit_register_term(self: LaTeXTranslator, node: nodes.Element) -> None:
    """An anchor for the page numbers of the registers and the index; the word as it is."""
    self.body.append(self.hypertarget(node["ids"][0], anchor=True))


def visit_page_ref(self: LaTeXTranslator, node: nodes.Element) -> None:
    label = self.idescape(f"{node['docname']}:{node['refid']}")
    self.body.append(rf"\edpageref{{{label}}}")
    raise nodes.SkipNode


def visit_fallback_text(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(r"\edfallback{")


def depart_fallback_text(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("}")
