"""Anchoring standoff data in the text: find an exact quote, wrap it in a node.

The semantics are those of the W3C Web Annotation ``TextQuoteSelector``: a quote, with an
optional prefix and suffix that must stand right before and after it. Offsets are counted
in the *witness* text of a unit (a paragraph or an attribution line): corrected readings
and notes that earlier anchors inserted do not count, so every anchor is placed against
the text as the witness has it, whatever was anchored before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes

from critical_edition.nodes import corrected_reading, edition_note, note_marker, register_preview

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

#: Nodes whose text is the edition's, not the witness's.
EDITORIAL = (corrected_reading, edition_note, note_marker, register_preview)

CONTEXT = 12  # characters of context shown around a candidate place


class Place(NamedTuple):
    unit: int  # index into the units searched
    start: int
    end: int


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
            if text[:start].endswith(prefix) and text[end:].startswith(suffix):
                places.append(Place(index, start, end))
            start = text.find(quote, start + 1)
    return places


def context(text: str, place: Place) -> str:
    """``…before[quote]after…``: a candidate place, for messages."""
    before = text[max(0, place.start - CONTEXT) : place.start]
    after = text[place.end : place.end + CONTEXT]
    return f"…{before}[{text[place.start : place.end]}]{after}…"


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
