"""A page printed from the browser (Chromium's print to PDF): every note on paper, no controls.

On screen a note stands in the margin or opens under its line; printed, it is listed under its
paragraph, numbered by its marker (edition-print.css, edition-print.js), or, without script,
printed in the text after its marker. The PDF's text is read back with pypdf.
"""

from __future__ import annotations

import io
import re

import pytest

PAGE = "text/05-thirteenth-congress.html"
TEXT_PAGES = [
    "text/00-opening.html",
    "text/05-thirteenth-congress.html",
    "text/06-literary-discussion.html",
    "text/10-united-opposition-china.html",
]
HIDDEN_IN_PRINT = (
    ".bd-header",
    ".bd-sidebar-primary",
    ".bd-header-article",
    ".edition-reading-toggle",
    ".edition-term-preview",
    ".prev-next-area",
    "#pst-back-to-top",
)


def squash(text: str) -> str:
    """Text without its spaces and line breaks (PDF text extraction moves both)."""
    return re.sub(r"\s+", "", text)


def notes_of(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.bd-article span.edition-note')].map((n) => ({
          id: n.id,
          label: n.querySelector('.edition-note-label').textContent,
          text: [...n.querySelectorAll('.edition-note-p')].map((p) => p.textContent).join(' '),
        }))"""
    )


@pytest.fixture(params=TEXT_PAGES)
def print_page(browser, edition_site, request):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{edition_site}/{request.param}", wait_until="networkidle")
    page.emulate_media(media="print")
    yield page
    page.close()


def test_every_note_is_listed_under_its_paragraph_in_print(print_page):
    page = print_page
    notes = notes_of(page)
    assert len(notes) > 10
    listed = page.evaluate(
        """() => {
        const block = (list) => {
          const before = list.previousElementSibling;
          return before && before.matches(AFTER) ? before : list.parentElement;
        };
        return [...document.querySelectorAll('ol.edition-print-notes')].map((list) => ({
          visible: list.getClientRects().length > 0,
          after: block(list).id,
          labels: [...list.querySelectorAll(':scope > li > .edition-note-label')]
            .map((l) => l.textContent),
          markers: [...block(list).querySelectorAll('a.edition-note-marker')]
            .map((m) => m.textContent),
          text: list.innerText,
        }));
        }""".replace("AFTER", repr("p, h1, h2, h3, h4, h5, h6, figcaption"))
    )
    assert all(item["visible"] for item in listed)
    # numbered by the markers of the paragraph they follow, in their order
    for item in listed:
        assert item["labels"] == item["markers"], item["after"]
    printed = squash(" ".join(item["text"] for item in listed))
    for note in notes:
        assert squash(note["text"]) in printed, note["id"]
    # the notes themselves leave the text, the copies carry no second id
    assert page.locator(".bd-article span.edition-note").first.is_hidden()
    assert page.locator("ol.edition-print-notes [id]").count() == 0
    # on screen the lists do not show
    page.emulate_media(media="screen")
    assert page.locator("ol.edition-print-notes").first.is_hidden()


def test_controls_and_navigation_are_left_out_and_numbers_kept(print_page):
    page = print_page
    for selector in HIDDEN_IN_PRINT:
        for element in page.locator(selector).all():
            assert element.is_hidden(), selector
    para = page.locator("p.edition-numbered").first
    number = para.locator("a.edition-pnum")
    assert number.is_visible() and number.inner_text().isdigit()
    para_box, number_box = para.bounding_box(), number.bounding_box()
    assert number_box["x"] >= para_box["x"]  # in the text, not in a margin cut off on paper
    word_break = page.evaluate(
        "() => [getComputedStyle(document.querySelector('p.edition-numbered')).wordBreak,"
        " getComputedStyle(document.querySelector('ol.edition-print-notes')).wordBreak]"
    )
    assert word_break == ["keep-all", "keep-all"]


def test_the_printed_pdf_holds_every_note(browser, edition_site):
    from pypdf import PdfReader

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{edition_site}/{PAGE}", wait_until="networkidle")
    notes = notes_of(page)
    pdf = page.pdf(format="A4")
    page.close()
    reader = PdfReader(io.BytesIO(pdf))
    text = squash("".join(p.extract_text() for p in reader.pages))
    assert "13차당대회" in text
    for note in notes:
        assert squash(note["text"])[:40] in text, note["id"]
    for control in ("저본대로", "본문으로건너뛰기", "맨위로"):
        assert control not in text


def test_without_script_each_note_is_printed_after_its_marker(browser, edition_site):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{edition_site}/{PAGE}", wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator("ol.edition-print-notes").count() == 0
    notes = page.locator(".bd-article span.edition-note")
    assert notes.count() > 10
    for i in range(notes.count()):
        assert notes.nth(i).is_visible()
    context.close()
