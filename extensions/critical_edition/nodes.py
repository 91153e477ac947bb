"""Docutils nodes of the edition. Each has visitors in ``writers/`` for every builder."""

from __future__ import annotations

from docutils import nodes


class paragraph_number(nodes.Inline, nodes.Element):
    """The margin number of an article paragraph (``number`` attribute, ``refid`` target).

    It has no text children, so neither the search index nor the fidelity test sees the
    number as part of the text.
    """


class attribution_line(nodes.Part, nodes.TextElement):
    """The attribution line of a block quotation, exactly as the witness gives it.

    Unlike ``nodes.attribution`` no writer adds a dash: the witness's own ``-`` (or its
    absence) is part of the text.
    """


# -- The critical apparatus (see ``apparatus.py``) -------------------------------------------


class lemma(nodes.Inline, nodes.TextElement):
    """The stretch of text an editorial note or source reference comments on.

    ``note_ids``: the ids (``n-…``) of the notes keyed to it.
    """


class emendation(nodes.Inline, nodes.Element):
    """An emended place: a :class:`witness_reading` and a :class:`corrected_reading`.

    The corrected reading is shown; the witness reading is kept for the diplomatic view.
    ``note_id`` names the apparatus note that records the emendation.
    """


class witness_reading(nodes.Inline, nodes.TextElement):
    """The text as the witness has it, inside an :class:`emendation` (not shown in print) or
    an :class:`apparatus_entry` (``in_note``)."""


class corrected_reading(nodes.Inline, nodes.TextElement):
    """The editors' reading, inside an :class:`emendation` or an :class:`apparatus_entry`
    (``in_note``: the lemma of the note)."""


class note_marker(nodes.Inline, nodes.Element):
    """The mark in the text (``a``, ``b`` … or ``1``, ``2`` …) that opens a note.

    Attributes: ``ids`` (``r-<id>``, the way back), ``refid`` (``n-<id>``), ``label``,
    ``series`` (``editorial`` or ``source``).
    """


class edition_note(nodes.Inline, nodes.Element):
    """An apparatus note, placed right after its marker.

    HTML sets it in the right margin (``edition.css``); LaTeX at the foot of the page, in
    the footnote series of its ``series``. Attributes: ``ids`` (``n-<id>``), ``backref``
    (``r-<id>``), ``label``, ``series``, ``kind``, ``verification``, and the words readers
    see: ``kind_label`` (해설, 번역 …; empty for emendations and sources),
    ``verification_label`` and ``verification_title`` (empty when not shown), and
    ``provenance_label`` (who wrote it and when; shown on the web only). Children: an
    optional :class:`apparatus_entry`, then :class:`note_paragraph` and :class:`note_source`
    nodes.
    """


class apparatus_entry(nodes.Inline, nodes.Element):
    """``corrected] witness 저본``: the lemma-style head of an emendation note.

    Children: a :class:`corrected_reading` and a :class:`witness_reading`.
    """


class note_paragraph(nodes.Inline, nodes.TextElement):
    """A paragraph of a note body (inline, so that a note can sit inside a paragraph).

    ``separated``: it follows another paragraph (print starts it on a new line).
    """


class note_source(nodes.Inline, nodes.TextElement):
    """A source of a note: the formatted bibliography entry and the locator.

    Attributes: ``key`` (the bib key), ``locator``, ``separated`` (print starts it on a new
    line).
    """


class corrections_list(nodes.General, nodes.Element):
    """Placeholder for the list of corrections (교정 목록), filled when the page is written."""


class sources_report(nodes.General, nodes.Element):
    """Placeholder for the sources report (출처 현황), filled when the page is written."""


class contributors_list(nodes.General, nodes.Element):
    """Placeholder for a part (``part``: data | history) of the 기여자 page, filled when the
    page is written."""


class register_term(nodes.Inline, nodes.TextElement):
    """An occurrence of a person or term of the registers.

    Attributes: ``entry`` (its id), ``kind`` (persons | glossary), ``anchor`` (the entry's on
    its register page), ``ids`` (the occurrence's anchor), ``linked`` (the first in its
    part: a link to the entry with a preview), ``describedby`` (the preview's id) and, once
    the domain resolved the link, ``refuri`` (the entry's address).
    """


class register_preview(nodes.Inline, nodes.TextElement):
    """The preview of an entry shown when its linked occurrence is hovered or focused."""


class register_list(nodes.General, nodes.Element):
    """Placeholder for a register page's entries (``kind``), filled when the page is written."""


class paragraph_ref(nodes.Inline, nodes.TextElement):
    """``¶N`` written in a note body or a definition: the article paragraph ``number``.

    Replaced before writing by a link to the paragraph (and its page number in print).
    """


class page_ref(nodes.Inline, nodes.Element):
    """A page number in print: ``docname`` and ``refid`` of the place referred to."""


class fallback_text(nodes.Inline, nodes.TextElement):
    """In print: a word with letters the Korean fonts lack, set in a fallback font."""


# -- The chronology (see ``chronology.py``) ---------------------------------------------------


class chronology_list(nodes.General, nodes.Element):
    """Placeholder for the events of the 연표 page, filled when the page is written."""


class chronology(nodes.General, nodes.Element):
    """The timeline of the 연표 page on the web: :class:`chronology_year` children."""


class chronology_year(nodes.General, nodes.Element):
    """The events of one ``year`` on the timeline: :class:`chronology_event` children."""


class chronology_event(nodes.General, nodes.Element):
    """One event on the timeline: a :class:`chronology_date`, then its lines (paragraphs)."""


class chronology_date(nodes.Inline, nodes.TextElement):
    """The date of an event in Korean; ``datetime``: its first day in ISO form."""
