"""Per-builder visitors of the edition's nodes, registered for every builder Sphinx ships.

HTML visitors also serve the epub, singlehtml and dirhtml builders (same format).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from critical_edition import nodes as edition_nodes
from critical_edition.writers import html, latex, text

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _skip(self: object, node: object) -> None:
    raise nodes.SkipNode


def _pass(self: object, node: object) -> None:
    pass


SKIP = (_skip, None)
PASS = (_pass, _pass)


def register_nodes(app: Sphinx) -> None:
    n = edition_nodes
    app.add_node(
        n.paragraph_number,
        html=(html.visit_paragraph_number, None),
        latex=(latex.visit_paragraph_number, None),
        text=(text.visit_paragraph_number, None),
        man=SKIP,
        texinfo=SKIP,
    )
    app.add_node(
        n.attribution_line,
        html=(html.visit_attribution_line, html.depart_attribution_line),
        latex=(latex.visit_attribution_line, latex.depart_attribution_line),
        text=(text.visit_attribution_line, text.depart_attribution_line),
        man=PASS,
        texinfo=PASS,
    )
    # The apparatus. man and texinfo pages show the corrected text without notes.
    app.add_node(
        n.lemma,
        html=(html.visit_lemma, html.depart_lemma),
        latex=PASS,
        text=PASS,
        man=PASS,
        texinfo=PASS,
    )
    app.add_node(
        n.emendation,
        html=(html.visit_emendation, html.depart_emendation),
        latex=PASS,
        text=PASS,
        man=PASS,
        texinfo=PASS,
    )
    app.add_node(
        n.witness_reading,
        html=(html.visit_witness_reading, html.depart_witness_reading),
        latex=(latex.visit_witness_reading, _pass),
        text=(text.visit_witness_reading, _pass),
        man=SKIP,
        texinfo=SKIP,
    )
    app.add_node(
        n.corrected_reading,
        html=(html.visit_corrected_reading, html.depart_corrected_reading),
        latex=(latex.visit_corrected_reading, latex.depart_corrected_reading),
        text=(_pass, text.depart_corrected_reading),
        man=PASS,
        texinfo=PASS,
    )
    app.add_node(
        n.note_marker,
        html=(html.visit_note_marker, None),
        latex=(latex.visit_note_marker, None),
        text=(text.visit_note_marker, None),
        man=SKIP,
        texinfo=SKIP,
    )
    app.add_node(
        n.edition_note,
        html=(html.visit_edition_note, html.depart_edition_note),
        latex=(latex.visit_edition_note, latex.depart_edition_note),
        text=(text.visit_edition_note, text.depart_edition_note),
        man=SKIP,
        texinfo=SKIP,
    )
    app.add_node(
        n.apparatus_entry,
        html=(html.visit_apparatus_entry, html.depart_apparatus_entry),
        latex=(latex.visit_apparatus_entry, latex.depart_apparatus_entry),
        text=(_pass, text.depart_apparatus_entry),
        man=SKIP,
        texinfo=SKIP,
    )
    app.add_node(
        n.note_paragraph,
        html=(html.visit_note_paragraph, html.depart_note_paragraph),
        latex=(latex.visit_note_paragraph, _pass),
        text=(_pass, text.depart_note_paragraph),
        man=SKIP,
        texinfo=SKIP,
    )
    app.add_node(
        n.note_source,
        html=(html.visit_note_source, html.depart_note_source),
        latex=(latex.visit_note_source, latex.depart_note_source),
        text=PASS,
        man=SKIP,
        texinfo=SKIP,
    )
    # Replaced by a table before writing; a builder that skips post-transforms drops it.
    app.add_node(n.corrections_list, html=SKIP, latex=SKIP, text=SKIP, man=SKIP, texinfo=SKIP)
    app.add_node(n.sources_report, html=SKIP, latex=SKIP, text=SKIP, man=SKIP, texinfo=SKIP)
    app.add_node(n.register_list, html=SKIP, latex=SKIP, text=SKIP, man=SKIP, texinfo=SKIP)
    app.add_node(n.contributors_list, html=SKIP, latex=SKIP, text=SKIP, man=SKIP, texinfo=SKIP)
    app.add_node(n.chronology_list, html=SKIP, latex=SKIP, text=SKIP, man=SKIP, texinfo=SKIP)
    # The timeline: HTML only (every other builder gets the chronology as a table).
    for node, visit, depart in (
        (n.chronology, html.visit_chronology, html.depart_chronology),
        (n.chronology_year, html.visit_chronology_year, html.depart_chronology_year),
        (n.chronology_event, html.visit_chronology_event, html.depart_chronology_event),
        (n.chronology_date, html.visit_chronology_date, html.depart_chronology_date),
    ):
        app.add_node(node, html=(visit, depart), latex=SKIP, text=SKIP, man=SKIP, texinfo=SKIP)
    # Persons and terms: links and previews on the web, anchors for page numbers in print.
    app.add_node(
        n.register_term,
        html=(html.visit_register_term, html.depart_register_term),
        latex=(latex.visit_register_term, _pass),
        text=PASS,
        man=PASS,
        texinfo=PASS,
    )
    app.add_node(
        n.register_preview,
        html=(html.visit_register_preview, html.depart_register_preview),
        latex=SKIP,
        text=SKIP,
        man=SKIP,
        texinfo=SKIP,
    )
    app.add_node(
        n.fallback_text,
        html=PASS,
        latex=(latex.visit_fallback_text, latex.depart_fallback_text),
        text=PASS,
        man=PASS,
        texinfo=PASS,
    )
    # Replaced by a link before writing (crossrefs.py); its text is the fallback.
    app.add_node(n.paragraph_ref, html=PASS, latex=PASS, text=PASS, man=PASS, texinfo=PASS)
    app.add_node(
        n.page_ref,
        html=SKIP,
        latex=(latex.visit_page_ref, None),
        text=SKIP,
        man=SKIP,
        texinfo=SKIP,
    )
