"""Compare the article text in the built HTML with the witness, unit by unit.

A *unit* is one non-empty line of the witness from line 11 on: the kicker, the title, the
issue line, a heading, a paragraph (quoted or not) or an attribution line. Lines 1–9 are
the web page's frame, which the edition leaves out (see ``source/about.rst``).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import NamedTuple

from bs4 import BeautifulSoup

WITNESS = Path(__file__).resolve().parent.parent / "source" / "witness" / "000_e8ae33c1e403aa22.txt"
FIRST_ARTICLE_LINE = 11
FRAME_LINES = {1, 2, 3, 5, 7, 9}  # the non-empty lines before the article
UNIT_SELECTOR = "p.kicker, h1, p.issue-line, p.edition-numbered, p.attribution"
#: What the edition adds inside a unit: margin numbers, permalinks, and the apparatus (notes,
#: their markers, and the corrected reading of an emendation, whose witness reading stays).
APPARATUS_SELECTOR = (
    "a.edition-pnum, a.headerlink, a.edition-note-marker, span.edition-note, "
    ".edition-term-preview, .edition-emendation > .edition-corrected"
)


class Unit(NamedTuple):
    where: str  # witness line number, or page of the build
    text: str


def witness_lines() -> list[str]:
    return WITNESS.read_text(encoding="utf-8").split("\n")


def witness_units() -> list[Unit]:
    lines = witness_lines()
    return [
        Unit(f"witness line {n}", line)
        for n, line in enumerate(lines, start=1)
        if n >= FIRST_ARTICLE_LINE and line
    ]


def text_pages(html_dir: Path) -> list[Path]:
    """The pages of the article in reading order (their names are numbered 00–12)."""
    return sorted((html_dir / "text").glob("*.html"))


#: The corrected reading: the apparatus goes, and so does the witness reading of emendations.
CORRECTED_APPARATUS_SELECTOR = (
    "a.edition-pnum, a.headerlink, a.edition-note-marker, span.edition-note, "
    ".edition-term-preview, .edition-emendation > .edition-witness"
)


def page_units(page: Path, apparatus: str = APPARATUS_SELECTOR) -> list[Unit]:
    """The text of the page's units without the ``apparatus``: by default the diplomatic
    text (the witness readings); with :data:`CORRECTED_APPARATUS_SELECTOR`, the corrected
    text readers see by default."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    units = []
    for element in article.select(UNIT_SELECTOR):
        for added in element.select(apparatus):
            added.decompose()
        units.append(Unit(page.name, element.get_text()))
    return units


def edition_units(html_dir: Path) -> list[Unit]:
    return [unit for page in text_pages(html_dir) for unit in page_units(page)]


def differences(witness: list[Unit], edition: list[Unit]) -> list[str]:
    """Readable reports of every unit where the edition differs from the witness."""
    reports = []
    for expected, actual in zip(witness, edition, strict=False):
        if expected.text == actual.text:
            continue
        matcher = difflib.SequenceMatcher(a=expected.text, b=actual.text, autojunk=False)
        changes = [
            f"  {op}: witness {expected.text[i1:i2]!r} → edition {actual.text[j1:j2]!r}"
            f" (at character {i1}: …{expected.text[max(0, i1 - 15) : i2 + 15]}…)"
            for op, i1, i2, j1, j2 in matcher.get_opcodes()
            if op != "equal"
        ]
        reports.append(f"{expected.where} ≠ {actual.where}:\n" + "\n".join(changes))
    if len(witness) != len(edition):
        reports.append(
            f"the witness has {len(witness)} units, the edition {len(edition)}; "
            f"first unmatched: {(witness[len(edition) :] or edition[len(witness) :])[0]}"
        )
    return reports
