"""Anchoring standoff data in the text: find an exact quote or a register form, wrap it.

The places anything may anchor in are the *units* of a text document: its article
paragraphs and attribution lines (:func:`units_of`). An annotation is found by its quote
(:func:`find`), a person or term of the registers by its forms as words (:func:`find_forms`).

The semantics of quotes are those of the W3C Web Annotation ``TextQuoteSelector``: a quote, with an
optional prefix and suffix that must stand right before and after it. Offsets are counted
in the *witness* text of a unit (a paragraph or an attribution line): corrected readings
and notes that earlier anchors inserted do not count, so every anchor is placed against
the text as the witness has it, whatever was anchored before.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes

from critical_edition.nodes import (
    attribution_line,
    corrected_reading,
    edition_note,
    note_marker,
    register_preview,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

#: Nodes whose text is the edition's, not the witness's.
EDITORIAL = (corrected_reading, edition_note, note_marker, register_preview)

CONTEXT = 12  # characters of context shown around a candidate place


class Place(NamedTuple):
    unit: int  # index into the units searched
    start: int
    end: int


def units_of(doctree: nodes.document) -> list[tuple[nodes.Element, int]]:
    """The places annotations may anchor in: article paragraphs and attribution lines.

    Each comes with the local number of its paragraph (for an attribution line, the
    paragraph it follows). Only numbered paragraphs (``edition_local``) count.
    """
    units: list[tuple[nodes.Element, int]] = []
    local = 0
    for node in doctree.findall(lambda n: isinstance(n, (nodes.paragraph, attribution_line))):
        if isinstance(node, nodes.paragraph):
            if "edition_local" not in node:
                continue
            local = node["edition_local"]
        units.append((node, local))
    return units


def witness_texts(unit: nodes.Element) -> Iterator[nodes.Text]:
    """The Text nodes of a unit that hold witness text, in order."""
    for node in unit.findall(nodes.Text):
        parent = node.parent
        while parent is not None and parent is not unit:
            if isinstance(parent, EDITORIAL):
                break
            parent = parent.parent
        else:
            yield node


def witness_text(unit: nodes.Element) -> str:
    return "".join(str(text) for text in witness_texts(unit))


def find(texts: Sequence[str], quote: str, prefix: str = "", suffix: str = "") -> list[Place]:
    """Every place where ``prefix + quote + suffix`` stands, as the range of ``quote``."""
    places = []
    for index, text in enumerate(texts):
        start = text.find(quote)
        while start != -1:
            end = start + len(quote)
            before = start - len(prefix)
            if before >= 0 and text.startswith(prefix, before) and text.startswith(suffix, end):
                places.append(Place(index, start, end))
            start = text.find(quote, start + 1)
    return places


def context(text: str, place: Place) -> str:
    """``…before[quote]after…``: a candidate place, for messages."""
    before = text[max(0, place.start - CONTEXT) : place.start]
    after = text[place.end : place.end + CONTEXT]
    return f"…{before}[{text[place.start : place.end]}]{after}…"


def strangers(words: str, texts: Sequence[str] | None = None) -> str:
    """A hint for words that were not found: their characters that the text does not use
    (``texts``; without them, those that are neither Hangul nor ASCII), named, since a
    lookalike (Cyrillic З for 3, ” for ") cannot be told apart on screen. Empty if none."""
    known = set("".join(texts)) if texts is not None else None
    found = sorted(
        {
            c
            for c in words
            if (c not in known if known is not None else not (is_hangul(c) or c.isascii()))
        }
    )
    if not found:
        return ""
    named = ", ".join(f"{c!r} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in found)
    why = "the text does not use there" if known is not None else "is neither Hangul nor ASCII"
    return f"; it has {named}, which {why}: a lookalike?"


class Crossing(Exception):
    """The range starts and ends in different text nodes (it crosses another anchor)."""


def wrap(unit: nodes.Element, start: int, end: int, wrapper: nodes.Element) -> nodes.Element:
    """Move the witness text ``[start, end)`` of ``unit`` into ``wrapper``, in place.

    ``wrapper`` receives the text as a child unless it already has children (an emendation
    brings its own). Returns the wrapper, now in the tree.
    """
    offset = 0
    for text in witness_texts(unit):
        length = len(text)
        if offset <= start < offset + length or (start == end == offset + length):
            if end > offset + length:
                raise Crossing
            value = str(text)
            local_start, local_end = start - offset, end - offset
            if not len(wrapper):
                wrapper += nodes.Text(value[local_start:local_end])
            pieces: list[nodes.Node] = []
            if value[:local_start]:
                pieces.append(nodes.Text(value[:local_start]))
            pieces.append(wrapper)
            if value[local_end:]:
                pieces.append(nodes.Text(value[local_end:]))
            text.parent.replace(text, pieces)
            return wrapper
        offset += length
    raise Crossing


# -- Register forms -----------------------------------------------------------------------------

#: Particles and endings that may follow a name or a term within its word, stacked.
PARTICLES = (
    "에게서 에게로 에게 에서 으로부터 로부터 으로서 로서 으로써 로써 으로 로 부터 까지 조차 마저 "
    "처럼 보다 이라는 라는 이란 란 이나 이며 이다 였다 이었다 였던 이었던 와 과 은 는 이 가 을 를 "
    "의 에 도 만 인 나 며 들 간"
).split()
ENDING = re.compile(rf"(?:{'|'.join(PARTICLES)})*(?![가-힣])")


def is_hangul(char: str) -> bool:
    return "가" <= char <= "힣"


class Forms:
    """The forms of the register entries, ``(form, entry id)``, filed by their first
    character, longest first: at a place in the text only the forms that can start there
    are tried, so finding them is linear in the text, whatever the size of the registers."""

    def __init__(self, forms: Iterable[tuple[str, str]]) -> None:
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        for form, entry_id in sorted(forms, key=lambda item: -len(item[0])):
            if form:
                self.by_first.setdefault(form[0], []).append((form, entry_id))


def find_forms(text: str, forms: Forms) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, form, entry id) of every occurrence of a form as a word.

    A form is found where a word starts (after a space, a mark or the start) and ends before
    a non-Hangul character or before particles (트로츠키는, 지노비에프와의, 3자 동맹에게).
    Where several forms start at the same place, the longest wins.
    """
    position = 0
    while position < len(text):
        if position and is_hangul(text[position - 1]):
            position += 1
            continue
        for form, entry_id in forms.by_first.get(text[position], ()):
            end = position + len(form)
            if text.startswith(form, position) and ENDING.match(text, end):
                yield position, end, form, entry_id
                position = end
                break
        else:
            position += 1
