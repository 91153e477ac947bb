"""The edition's bibliography style (pybtex plugin ``edition``): Korean first, then the original.

An entry reads, for a book::

    『전집33권』 — Lenin, V. I. *Collected Works*, 33권. Moscow: Progress Publishers, 1965.
    러시아어: *Сочинения* (Sochineniia).

and for a piece in a periodical::

    「트로츠키는 1924년에 …」 — "Should Trotsky …", *Workers Vanguard*, 369호, 1984년 12월 21일.

The Korean title is the one the article uses (``titlekorean``); the original-language data
follow; a Russian work adds its Cyrillic title and transliteration (``titlerussian``,
``titletranslit``) and the first edition (``origaddress``, ``origpublisher``, ``origyear``).

pybtex's stock styles require fields (publisher, year, author) that ``bib/`` leaves out
when no source confirmed them; this style prints what there is and never invents the rest.
An entry whose ``verification`` is not ``verified`` ends with ``[서지 일부 미확인]``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from pybtex.plugin import register_plugin
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.sorting import BaseSortingStyle

from critical_edition import datacache
from critical_edition.nodes import note_source

if TYPE_CHECKING:
    from pybtex.database import Entry, Person
    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.domain import BibtexDomain


#: Entry types whose title is a whole publication (『』) rather than a piece in one (「」).
WHOLE = {"book", "proceedings", "collection", "mvbook", "periodical", "manual", "thesis"}
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
UNVERIFIED_MARK = "[서지 일부 미확인]"
#: A web address in parentheses within a locator, left out of short citations.
WEB_ADDRESS = re.compile(r"\s*\((?:https?://)?[\w-]+(?:\.[\w-]+)+/[^()\s]*\)")
#: The only addresses a bibliography entry may link to.
SAFE_URL_SCHEMES = ("http://", "https://")


def latex(entry: Entry, name: str) -> Text | None:
    """A field as rich text (braces and ``--`` resolved), or None when it is absent."""
    value = entry.fields.get(name, "").strip()
    return from_latex(value) if value else None


@cache
def from_latex(value: str) -> Text:
    """Decoding LaTeX is slow and every note formats its work again: decode each value once
    (rich text is never changed in place, so one value can be shared), and keep it for the
    next build (sphinxcontrib-bibtex formats every work at every build)."""
    return datacache.remembered("latex", value, Text.from_latex)


#: The parts of the entries formatted in this process, by content (``EditionStyle.parts``).
_PARTS: dict[tuple, tuple[Text | None, Text, Text | None, Text | None]] = {}
MAX_KEPT_ENTRIES = 4096


def entry_signature(entry: Entry) -> tuple:
    """Everything of an entry its formatting may read: type, fields and persons' names."""
    return (
        entry.type,
        tuple(entry.fields.items()),
        tuple(
            (
                role,
                tuple(
                    tuple(map(tuple, (p.first_names, p.middle_names, p.prelast_names)))
                    + tuple(map(tuple, (p.last_names, p.lineage_names)))
                    for p in persons
                ),
            )
            for role, persons in entry.persons.items()
        ),
    )


def person_name(person: Person) -> str:
    given = " ".join(person.first_names + person.middle_names)
    last = " ".join(person.prelast_names + person.last_names)
    return f"{last}, {given}" if given else last


def names(entry: Entry, role: str) -> str | None:
    persons = entry.persons.get(role)
    return "; ".join(person_name(p) for p in persons) if persons else None


def korean_date(entry: Entry) -> str | None:
    """``1984년 12월 21일`` from year, month and day, as far as they are given."""
    year = entry.fields.get("year", "").strip()
    if not year:
        return None
    date = f"{year}년"
    month = entry.fields.get("month", "").strip()
    number = MONTHS.get(month.lower()) or (int(month) if month.isdigit() else None)
    if number:
        date += f" {number}월"
        day = entry.fields.get("day", "").strip()
        if day:
            date += f" {day}일"
    elif month:
        date += f" {month}"
    return date


def joined(parts: list[Text | str | None], sep: str) -> Text:
    return Text(sep).join([Text(p) if isinstance(p, str) else p for p in parts if p])


class EditionStyle(BaseStyle):
    """Bilingual entries, tolerant of fields ``bib/`` leaves out for want of a source."""

    default_sorting_style = "edition"
    default_label_style = "number"

    def format_entry(self, label: str, entry: Entry, bib_data: object = None) -> FormattedEntry:
        return FormattedEntry(entry.key, self.entry_text(entry), label)

    def entry_text(self, entry: Entry, locator: str | None = None) -> Text:
        """The entry; with ``locator`` (the place within the work), as a source note."""
        sentences: list[Text] = []
        head, original, imprint, russian = self.parts(entry)
        sentences.append(Text(head, " — ", original) if head else original)
        if imprint:
            sentences.append(imprint)
        if locator:
            sentences[-1] = Text(sentences[-1], ", ", locator)
        if russian:
            sentences.append(russian)
        url = entry.fields.get("url", "").strip()
        if url.startswith(SAFE_URL_SCHEMES):
            sentences.append(Text(HRef(url, url)))
        elif url:  # refused by bibfiles.check_bibfiles; never a live link
            sentences.append(Text(url))
        text = Text()
        for sentence in sentences:
            text += Text(" ", sentence) if len(text) else sentence
            if not str(sentence).endswith(("?", "!", ".")):
                text += Text(".")
        if entry.fields.get("verification", "verified").strip() != "verified":
            text += Text(" ", UNVERIFIED_MARK)
        return text

    def parts(self, entry: Entry) -> tuple[Text | None, Text, Text | None, Text | None]:
        """The Korean title, the original, the imprint and the Russian title of an entry.

        Every source note formats its work again (a work is cited by many notes, each with
        its own locator): the parts are made once per entry's content and style (rich text
        is never changed in place, so they can be shared)."""
        key = (type(self), entry_signature(entry))
        made = _PARTS.get(key)
        if made is None:
            if len(_PARTS) > MAX_KEPT_ENTRIES:
                _PARTS.clear()
            made = _PARTS[key] = (
                self.korean_title(entry),
                self.original(entry),
                self.imprint(entry),
                self.russian(entry),
            )
        return made

    def korean_title(self, entry: Entry) -> Text | None:
        title = latex(entry, "titlekorean")
        if title is None:
            return None
        return Text("『", title, "』") if entry.type in WHOLE else Text("「", title, "」")

    def original(self, entry: Entry) -> Text:
        """Author, title and the publication it is in."""
        title = latex(entry, "title") or Text("[제목 없음]")
        if entry.type in WHOLE:
            title = Text(Tag("em", title))
        else:
            title = Text("“", title, "”")
        container = latex(entry, "journal") or latex(entry, "booktitle")
        parts: list[Text | str | None] = [names(entry, "author"), title]
        if container is not None:
            parts.append(Text(Tag("em", container)))
        volume = entry.fields.get("volume", "").strip()
        if volume:
            parts.append(f"{volume}권")
        number = entry.fields.get("number", "").strip()
        if number:
            parts.append(f"{number}호")
        editors = names(entry, "editor")
        if editors:
            parts.append(f"{editors} 엮음")
        translators = names(entry, "translator")
        if translators:
            parts.append(f"{translators} 옮김")
        edition = entry.fields.get("edition", "").strip()
        if edition:
            parts.append(f"{edition}판" if edition.isdigit() else edition)
        return joined(parts, ", ")

    def imprint(self, entry: Entry) -> Text | None:
        """``Place: Publisher, date`` (a periodical: the date alone)."""
        place = latex(entry, "address")
        publisher = (
            latex(entry, "publisher")
            or latex(entry, "organization")
            or latex(entry, "institution")
            or latex(entry, "howpublished")
        )
        who = joined([place, publisher], ": ") if place or publisher else None
        return joined([who, korean_date(entry)], ", ") or None

    def russian(self, entry: Entry) -> Text | None:
        """The Russian title, its transliteration and the first edition, where ``bib/`` has them."""
        title = latex(entry, "titlerussian")
        if title is None:
            return None
        text = Text("러시아어: ", Tag("em", title))
        translit = latex(entry, "titletranslit")
        if translit is not None:
            text += Text(" (", translit, ")")
        first = joined(
            [
                joined([latex(entry, "origaddress"), latex(entry, "origpublisher")], ": "),
                entry.fields.get("origyear", "").strip() or None,
            ],
            ", ",
        )
        if len(first):
            text += Text(", 초판 ", first)
        return text


def short_name(entry: Entry) -> str | None:
    """``Carr``, ``Broué 외``, ``Fel'shtinskii 엮음``: whom a short citation names."""
    for role, suffix in (("author", ""), ("editor", " 엮음")):
        persons = entry.persons.get(role)
        if persons:
            first = " ".join(persons[0].prelast_names + persons[0].last_names)
            return first + (" 외" if len(persons) > 1 else "") + suffix
    return None


def short_text(entry: Entry, locator: str | None = None) -> Text:
    """A short citation: who, the title (Korean if the article gives one, else the original's
    main title), volume, year and the place in the work. No imprint, no address: the
    bibliography has them (참고문헌)."""
    title = latex(entry, "titlekorean")
    if title is None:
        title = latex(entry, "title") or Text("[제목 없음]")
        main = str(title).split(": ")[0]
        if main != str(title):
            title = Text(main)
        title = Text(Tag("em", title)) if entry.type in WHOLE else Text("“", title, "”")
    else:
        title = Text("『", title, "』") if entry.type in WHOLE else Text("「", title, "」")
    volume = entry.fields.get("volume", "").strip()
    year = entry.fields.get("year", "").strip()
    if locator:  # a web address in the place ("… (site.com/page)") is the full note's
        locator = WEB_ADDRESS.sub("", locator).strip() or None
    return joined(
        [short_name(entry), title, f"{volume}권" if volume else None, year or None, locator],
        ", ",
    )


@cache
def notes_style() -> EditionStyle:
    """One style object for every source note of a process (pybtex styles hold no state)."""
    return EditionStyle()


def source_note(cite: BibtexDomain, key: str, locator: str) -> note_source | None:
    """The work ``key`` and the place in it, as a source note; None for an unknown key."""
    entry = cite.bibdata.data.entries.get(key)
    if entry is None:
        return None
    text = notes_style().entry_text(entry, locator or None)
    # A work's words are indexed on the bibliography page, not wherever a note cites it.
    node = note_source("", "", *text.render(cite.backend), key=key, classes=["no-search"])
    if locator:
        node["locator"] = locator
    return node


def short_source_note(cite: BibtexDomain, key: str, locator: str) -> note_source | None:
    """The work ``key`` and the place in it, as a short citation; None for an unknown key."""
    entry = cite.bibdata.data.entries.get(key)
    if entry is None:
        return None
    text = short_text(entry, locator or None)
    node = note_source("", "", *text.render(cite.backend), key=key, classes=["no-search"])
    if locator:
        node["locator"] = locator
    return node


class EditionSorting(BaseSortingStyle):
    """Author (or editor), year, then title: chronological within an author's works."""

    def sorting_key(self, entry: Entry) -> tuple[str, str, str]:
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        who = " ".join(person_name(p) for p in persons).lower()
        title = entry.fields.get("titlekorean") or entry.fields.get("title", "")
        return who, entry.fields.get("year", ""), title.lower()


def setup(app: Sphinx) -> None:
    register_plugin("pybtex.style.formatting", "edition", EditionStyle)
    register_plugin("pybtex.style.sorting", "edition", EditionSorting)
