"""The page 연표 (chronology): the article's events in order of date, from the edition's data.

``.. edition-chronology::`` leaves a placeholder. Its events are the glossary entries and the
annotations that have a ``date`` (and its one-line ``event``; see ``dates.py``), never a
hand-written list. Each event shows its date in Korean, its line, the works its record
cites (as the edition renders sources everywhere) and links: to the paragraphs (¶) that
mention it (every occurrence of a term; the paragraph of a note) and to the entry or the
note itself.

On the web the events stand on a vertical timeline, grouped by year (nodes of ``nodes.py``
drawn by ``writers/html.py`` and ``static/web/edition-chronology.css``, added to that page
only); every other builder gets a table (in print a ``longtable`` with the same columns).
What the page shows is a snapshot made when the documents have been read
(``env-get-updated``), so the page is written again when a date, an event, a source or a
place changes.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes

from critical_edition import annotation_files, apparatus, datafiles, dates
from critical_edition.bibstyle import source_note
from critical_edition.domain import get_domain
from critical_edition.generated import FillPage, PagePlaceholder, cell, link, table, written_again
from critical_edition.nodes import (
    chronology,
    chronology_date,
    chronology_event,
    chronology_list,
    chronology_year,
    page_ref,
)
from critical_edition.numbering import Numbering, anchor, reading_order
from critical_edition.register import data
from critical_edition.register.pages import occurrences_by_entry

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

PAGE = "chronology"

#: The columns of the table (print and other non-HTML builders): (title, width).
COLUMNS = (("날짜", 13), ("사건", 27), ("출처", 39), ("나오는 곳", 21))
CLASSES = ["edition-chronology-table", "longtable", "colwidths-given"]
#: In print each cell is set ragged right: justified, a narrow column spreads a title or an
#: address word from word. (Sphinx sets a cell in a box that resets what a column spec
#: would say, so the cell says it itself; only LaTeX reads it.)
RAGGED = r"\raggedright{}"
STYLESHEET = "edition-chronology.css"


class Place(NamedTuple):
    """A paragraph that mentions an event: its document, its number there, and the anchor of
    the mention (for its page number in print; empty when there is none)."""

    docname: str
    local: int
    target: str


class Event(NamedTuple):
    """One event of the chronology, from a glossary entry or an annotation."""

    date: dates.EventDate
    event: str
    record: str  # glossary | annotation
    id: str
    title: str  # the entry's headword, or the note's label
    docname: str  # of the note; of the glossary page for an entry ("" when there is none)
    target: str  # the anchor of the entry or the note
    sources: tuple[tuple[str, str], ...]  # (key, locator)
    places: tuple[Place, ...]


class ChronologyDirective(PagePlaceholder):
    """``.. edition-chronology::``: every dated event of the edition's data."""

    node_class = chronology_list
    page = PAGE

    def placeholder(self) -> tuple[nodes.Element, str]:
        datafiles.depend(self.env, data.register_path(self.env, "glossary"))
        return chronology_list(), PAGE


# -- The events --------------------------------------------------------------------------------


def from_glossary(env: BuildEnvironment) -> list[Event]:
    entries, _problems = data.load_all(env)  # problems: reported at env-updated
    occurrences = occurrences_by_entry(env)
    page = get_domain(env).register_pages.get("glossary", "")
    events = []
    for entry in entries:
        if entry.kind != "glossary" or not entry.date or not entry.event:
            continue
        places = dict.fromkeys(
            Place(o.docname, o.local, o.target) for o in occurrences.get(entry.id, ())
        )
        events.append(
            Event(
                dates.parse(entry.date),
                entry.event,
                "glossary",
                entry.id,
                entry.headword,
                page,
                entry.anchor,
                entry.sources,
                tuple(_first_per_paragraph(places)),
            )
        )
    return events


def _first_per_paragraph(places: dict[Place, None]) -> list[Place]:
    seen: set[tuple[str, int]] = set()
    result = []
    for place in places:
        if (place.docname, place.local) not in seen:
            seen.add((place.docname, place.local))
            result.append(place)
    return result


def from_annotations(env: BuildEnvironment) -> list[Event]:
    """The dated annotations that are anchored in a document of this build."""
    anchored = {
        record.id: record for records in get_domain(env).annotations.values() for record in records
    }
    events = []
    for docname in reading_order(env):
        path = apparatus.annotation_file(env, docname)
        if path is None:
            continue
        notes, _problems = annotation_files.load(path)  # problems: reported while reading
        for note in notes:
            placed = anchored.get(note.id)
            if not note.date or not note.event or placed is None:
                continue
            events.append(
                Event(
                    dates.parse(note.date),
                    note.event,
                    "annotation",
                    note.id,
                    placed.label,
                    placed.docname,
                    f"n-{note.id}",
                    tuple((s.key, s.locator) for s in note.sources),
                    (Place(placed.docname, placed.local, f"r-{note.id}"),),
                )
            )
    return events


def events(env: BuildEnvironment) -> tuple[Event, ...]:
    """Every dated event, by date (the text's order for the same date)."""
    order = {docname: index for index, docname in enumerate(reading_order(env))}

    def key(event: Event) -> tuple:
        first = event.places[0] if event.places else Place("", 0, "")
        return (event.date.key, order.get(first.docname, len(order)), first.local, event.id)

    return tuple(sorted(from_glossary(env) + from_annotations(env), key=key))


# -- The page ------------------------------------------------------------------------------------


def ragged(smaller: bool = False) -> nodes.raw:
    """In print: the cell ragged right (the works cited a size smaller)."""
    return nodes.raw("", RAGGED + (r"\small{}" if smaller else ""), format="latex")


def unbroken(text: str) -> list[nodes.Node]:
    """Words that do not break inside (print breaks Korean between any two syllables:
    ``15`` and ``일`` would part in a narrow column)."""
    result: list[nodes.Node] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            result.append(nodes.Text(" "))
        result.append(nodes.inline("", word, classes=["edition-nobreak"]))
    return result


class FillChronology(FillPage):
    """The events for every builder: a table (print, text and the rest)."""

    node_class = chronology_list
    default_priority = 7  # after the web's timeline (6), before references (10)

    def fill(self, placeholder: nodes.Element) -> list[nodes.Node]:
        shown = get_domain(self.env).snapshots.get(PAGE)
        found: tuple[Event, ...] = shown[0] if isinstance(shown, tuple) else ()
        if not found:
            return [nodes.paragraph("", "날짜가 기록된 사건이 없다.")]
        self.here = self.env.current_document.docname
        self.numbering = Numbering(self.env)
        self.cite = self.env.get_domain("cite")
        return self.show(found)

    def show(self, found: tuple[Event, ...]) -> list[nodes.Node]:
        return [self.table(found)]

    # A table ----------------------------------------------------------------------------------

    def table(self, found: tuple[Event, ...]) -> nodes.table:
        result, body = table(COLUMNS, list(CLASSES))
        for event in found:
            row = nodes.row()
            row += cell(ragged(), *unbroken(dates.korean(event.date)))
            row += cell(ragged(), nodes.Text(event.event))
            row += cell(ragged(smaller=True), *self.sources(event))
            row += cell(ragged(), *self.places(event))
            body += row
        return result

    # The parts of an event -----------------------------------------------------------------------

    def sources(self, event: Event) -> list[nodes.Node]:
        """The works the record cites, as source notes (unknown keys: reported elsewhere)."""
        notes = [source_note(self.cite, key, locator) for key, locator in event.sources]
        found = [note for note in notes if note is not None]
        result: list[nodes.Node] = []
        for index, note in enumerate(found):
            if index:
                note["separated"] = True  # print sets each source on a line of its own
                result.append(nodes.Text(" "))
            result.append(note)
        return result

    def places(self, event: Event) -> list[nodes.Node]:
        """``¶12, ¶13 · 용어집: 3자 동맹`` or ``¶45 · 주석 b``."""
        result: list[nodes.Node] = []
        for place in event.places:
            if result:
                result.append(nodes.Text(", "))
            number = self.numbering.number(place.docname, place.local)
            result.append(link(f"¶{number}", self.here, place.docname, anchor(number)))
            if place.target:  # a page number in print
                result.append(page_ref(docname=place.docname, refid=place.target))
        if event.docname:
            if result:
                result.append(nodes.Text(" · "))
            what = "용어집: " if event.record == "glossary" else "주석 "
            result.append(link(f"{what}{event.title}", self.here, event.docname, event.target))
        return result


class FillTimeline(FillChronology):
    """The events on the web: a timeline by year, filled before the table could be."""

    formats = ("html",)
    default_priority = 6

    def show(self, found: tuple[Event, ...]) -> list[nodes.Node]:
        return self.timeline(found)

    # The timeline -----------------------------------------------------------------------------

    def timeline(self, found: tuple[Event, ...]) -> list[nodes.Node]:
        years = itertools.groupby(found, key=lambda e: e.date.start[0])
        result = chronology()
        index = nodes.paragraph(classes=["edition-chronology-years"])
        for year, members in years:
            if len(index):
                index += nodes.Text(" · ")
            index += link(str(year), self.here, self.here, f"y-{year}")
            group = chronology_year(year=year)
            for event in members:
                group += self.item(event)
            result += group
        return [index, result]

    def item(self, event: Event) -> chronology_event:
        node = chronology_event(ids=[f"e-{event.id}"])
        line = nodes.paragraph(classes=["edition-chronology-head"])
        line += chronology_date("", dates.korean(event.date), datetime=event.date.iso)
        line += nodes.inline("", event.event, classes=["edition-chronology-text"])
        node += line
        if sources := self.sources(event):
            node += self.line("출처", sources, "edition-chronology-sources")
        node += self.line("나오는 곳", self.places(event), "edition-chronology-places")
        return node

    def line(self, label: str, children: list[nodes.Node], css: str) -> nodes.paragraph:
        paragraph = nodes.paragraph(classes=["edition-chronology-line", css])
        paragraph += nodes.strong("", f"{label}: ")
        paragraph.extend(children)
        return paragraph


# -- Events --------------------------------------------------------------------------------------


def chronology_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Gather the events once per build; write the page again if they changed."""
    if not get_domain(env).pages_of(PAGE):
        return []
    return written_again(env, PAGE, (events(env), Numbering(env).state()))


def add_stylesheet(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.Node | None
) -> None:
    """The timeline's stylesheet, on the page that shows it only."""
    if doctree is not None and next(iter(doctree.findall(chronology)), None) is not None:
        app.add_css_file(STYLESHEET)


def setup(app: Sphinx) -> None:
    app.add_directive("edition-chronology", ChronologyDirective)
    app.add_post_transform(FillTimeline)
    app.add_post_transform(FillChronology)
    app.connect("env-get-updated", chronology_changed)
    app.connect("html-page-context", add_stylesheet)
