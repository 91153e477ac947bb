"""Notes as readers meet them, measured in Debian's Chromium: beside their marker on wide
screens, under the line on narrow ones, in place without script; the reading controls
(읽기 설정) and their persistence; the keyboard paths."""

from __future__ import annotations

import itertools
import types

import pytest
from critical_edition import config as edition_config
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sphinx.errors import ConfigError
from test_browser import open_page

PARTS = [
    "00-opening",
    "01-civil-war-to-nep",
    "02-stalin-general-secretary",
    "03-twelfth-congress",
    "04-comintern-germany-1923",
    "05-thirteenth-congress",
    "06-literary-discussion",
    "07-triumvirate-split",
    "08-comintern-opportunism",
    "09-united-opposition",
    "10-united-opposition-china",
    "11-against-bloc-with-bukharinists",
    "12-icl-heritage",
]
DENSE = "10-united-opposition-china"
EMENDED = "05-thirteenth-congress"
NOTE = "em-bangchim-eul"
NEAR = 150  # px: the most a note may stand from its marker's line


def url(edition_html, part: str) -> str:
    return (edition_html / "text" / f"{part}.html").as_uri()


def settle(page) -> None:
    """Wait for the layout edition.js does on the next animation frames."""
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


NOTES_REPORT = """() => {
  const top = (e) => e.getBoundingClientRect().top + window.pageYOffset;
  return [...document.querySelectorAll("span.edition-note")].map((n) => {
    const marker = document.getElementById("r-" + n.id.slice(2));
    const box = n.getBoundingClientRect();
    const text = marker.closest("p").getBoundingClientRect();
    return {
      id: n.id, visible: box.height > 0 && getComputedStyle(n).display !== "none",
      drift: top(n) - top(marker), top: top(n), bottom: top(n) + box.height,
      left: box.left, right: box.right, textRight: text.right,
    };
  });
}"""


@pytest.mark.parametrize("width", [1100, 1366])
@pytest.mark.parametrize("part", PARTS)
def test_every_note_stands_beside_its_marker(browser, edition_html, part, width):
    """With the full apparatus, at 1100×800 and 1366×800, every note is in the margin, on
    screen, within 150 px of its marker's line, and no two collapsed notes overlap."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url(edition_html, part))
    settle(page)
    assert "edition-notes-wide" in page.evaluate("() => document.documentElement.className")
    notes = page.evaluate(NOTES_REPORT)
    assert notes
    for note in notes:
        assert note["visible"], note["id"]
        assert abs(note["drift"]) <= NEAR, (note["id"], note["drift"])
        assert note["left"] >= note["textRight"], note["id"]  # in the margin, not over text
        assert note["right"] <= width, note["id"]
    for before, after in itertools.pairwise(notes):
        assert before["bottom"] <= after["top"] + 0.5, (before["id"], after["id"])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.close()


@pytest.mark.parametrize("width", [1100, 1366])
def test_a_click_opens_the_note_whole_beside_its_marker_and_in_view(browser, edition_html, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url(edition_html, DENSE))
    settle(page)
    notes = page.evaluate(NOTES_REPORT)
    for entry in sorted(notes, key=lambda n: -abs(n["drift"]))[:6]:  # the furthest ones
        key = entry["id"][2:]
        marker, note = page.locator(f"#r-{key}"), page.locator(f"#n-{key}")
        marker.scroll_into_view_if_needed()
        marker.click()
        assert "is-open" in note.get_attribute("class")
        assert marker.get_attribute("aria-expanded") == "true"
        box = note.bounding_box()
        assert abs(box["y"] - marker.bounding_box()["y"]) < 20  # beside the marker's line
        # whole: the full note, or a long one scrolling inside itself, on the screen
        assert box["height"] >= note.evaluate("(n) => n.scrollHeight") - 1 or note.evaluate(
            "(n) => getComputedStyle(n).overflowY === 'auto'"
        )
        assert 0 <= box["y"] and box["y"] + box["height"] <= 800  # brought into view
        assert box["x"] + box["width"] <= width
        page.keyboard.press("Escape")
        assert "is-open" not in note.get_attribute("class")
    page.close()


# What reaches past the right edge, outermost first: said when the page scrolls sideways.
STICKING_OUT = """(width) => [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > width + 0.5)
  .filter((e) => e.parentElement.getBoundingClientRect().right <= width + 0.5)
  .slice(0, 5)
  .map((e) => [e.tagName, e.className, e.id, e.getBoundingClientRect().left,
               e.getBoundingClientRect().right].join(" "))"""


SWEEP = sorted({*range(320, 1921, 40), 360, 991, 992, 1100, 1199, 1200, 1366})


@pytest.mark.parametrize("part", [EMENDED, DENSE])
def test_nothing_is_off_screen_from_320_to_1920_px(browser, edition_html, part):
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(url(edition_html, part))
    for width in SWEEP:
        page.set_viewport_size({"width": width, "height": 800})
        settle(page)
        # once the layout has settled (the theme's sidebar too; a slow machine may need longer)
        try:
            page.wait_for_function(
                "(w) => document.documentElement.scrollWidth <= w", arg=width, timeout=3000
            )
        except PlaywrightTimeout:
            pass
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll <= width, (width, scroll, page.evaluate(STICKING_OUT, width))
        outside = page.evaluate(
            """(width) => [...document.querySelectorAll("span.edition-note")]
                 .filter((n) => n.getBoundingClientRect().height > 0)
                 .filter((n) => n.getBoundingClientRect().right > width + 0.5
                             || n.getBoundingClientRect().left < 0)
                 .map((n) => n.id)""",
            width,
        )
        assert outside == [], (width, outside)
    # an opened note and the reading controls stay on screen too
    for width in (320, 800, 1100, 1366):
        page.set_viewport_size({"width": width, "height": 800})
        settle(page)
        marker = page.locator("a.edition-note-marker").first
        marker.scroll_into_view_if_needed()
        marker.click()
        note = page.locator("span.edition-note.is-open")
        box = note.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, width
        page.keyboard.press("Escape")
        page.locator("button.edition-controls-toggle").click()
        panel = page.locator("#edition-controls").bounding_box()
        assert 0 <= panel["x"] and panel["x"] + panel["width"] <= width, width
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        page.keyboard.press("Escape")
    page.close()


@pytest.mark.parametrize("width", [1100, 1366])
def test_block_quotations_are_not_stretched_by_their_notes(browser, edition_html, width):
    """A block quotation is as tall with its notes in the margin as with no notes at all."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    measured = """() => [...document.querySelectorAll("article blockquote")]
        .filter((q) => q.querySelector("span.edition-note"))
        .map((q) => q.getBoundingClientRect().height)"""
    quotations = 0
    for part in PARTS:
        page.goto(url(edition_html, part))
        settle(page)
        with_notes = page.evaluate(measured)
        page.add_style_tag(content="span.edition-note { display: none !important; }")
        settle(page)
        without = page.evaluate(measured)
        assert [round(h) for h in with_notes] == [round(h) for h in without], part
        quotations += len(with_notes)
    assert quotations >= 15  # every block quotation with a note, in every part
    page.close()


FONT_SIZE = (
    "() => parseFloat(getComputedStyle(document.querySelector('p.edition-numbered')).fontSize)"
)


def open_controls(page):
    toggle = page.locator("button.edition-controls-toggle")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return page.locator("#edition-controls")


def test_the_defaults_come_from_conf_py(browser, edition_html):
    page = open_page(browser, url(edition_html, EMENDED), 1366)
    script = page.locator("script[data-notes-editorial]")
    assert script.get_attribute("data-notes-editorial") == "margin"
    assert script.get_attribute("data-notes-source") == "margin"
    controls = open_controls(page)
    assert controls.locator('input[name="edition-editorial"][value="margin"]').is_checked()
    assert controls.locator('input[name="edition-reading"][value="corrected"]').is_checked()
    assert controls.locator('input[name="edition-size"][value="normal"]').is_checked()
    page.close()


def test_choices_are_kept_across_pages_and_reloads(browser, edition_html):
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()
    page.goto(url(edition_html, EMENDED))
    size = page.evaluate(FONT_SIZE)
    controls = open_controls(page)
    controls.get_by_label("저본대로").check()
    controls.locator('input[name="edition-source"][value="hidden"]').check()
    controls.locator('input[name="edition-editorial"][value="demand"]').check()
    controls.get_by_label("크게", exact=True).check()
    page.keyboard.press("Escape")
    for _ in range(2):  # this page reloaded, then another part
        settle(page)
        controls = open_controls(page)
        assert controls.locator('input[name="edition-reading"][value="diplomatic"]').is_checked()
        assert controls.locator('input[name="edition-source"][value="hidden"]').is_checked()
        assert controls.locator('input[name="edition-editorial"][value="demand"]').is_checked()
        assert controls.locator('input[name="edition-size"][value="large"]').is_checked()
        page.keyboard.press("Escape")
        larger = page.evaluate(FONT_SIZE)
        assert larger == pytest.approx(size * 1.125, abs=0.2)
        assert page.locator("button.edition-reading-toggle").inner_text().endswith("저본대로")
        # source notes: neither markers nor notes; editorial notes: markers only
        source = page.locator("a.edition-note-marker.edition-series-source").first
        assert not source.is_visible()
        editorial = page.locator("a.edition-note-marker.edition-series-editorial").first
        assert editorial.is_visible()
        note = page.locator("#" + editorial.get_attribute("href")[1:])
        assert not note.is_visible()
        editorial.scroll_into_view_if_needed()
        editorial.click()  # on demand: opens beside its marker
        assert note.is_visible()
        assert abs(note.bounding_box()["y"] - editorial.bounding_box()["y"]) < 20
        assert note.bounding_box()["x"] > editorial.bounding_box()["x"]
        page.keyboard.press("Escape")
        if page.url.endswith(f"{EMENDED}.html"):
            page.reload()
            page.goto(url(edition_html, DENSE))
    # the emendation shows the witness's reading
    page.goto(url(edition_html, EMENDED))
    assert page.locator(f'.edition-emendation[data-note="n-{NOTE}"]').inner_text() == '방침"를'
    context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_escape_closes_the_note_and_returns_to_its_marker(browser, edition_html, width):
    page = open_page(browser, url(edition_html, EMENDED), width)
    marker, note = page.locator(f"#r-{NOTE}"), page.locator(f"#n-{NOTE}")
    marker.focus()
    page.keyboard.press("Enter")
    assert "is-open" in note.get_attribute("class") and note.is_visible()
    page.keyboard.press("Tab")  # into the note: its first link
    assert page.evaluate(f"() => document.activeElement.closest('#n-{NOTE}') !== null")
    page.keyboard.press("Escape")
    assert "is-open" not in note.get_attribute("class")
    assert page.evaluate("() => document.activeElement.id") == f"r-{NOTE}"
    # the close button too
    page.keyboard.press("Enter")
    note.locator("button.edition-note-close").click()
    assert "is-open" not in note.get_attribute("class")
    assert page.evaluate("() => document.activeElement.id") == f"r-{NOTE}"
    if width < 992:
        assert not note.is_visible()
    page.close()


def test_escape_closes_the_reading_controls(browser, edition_html):
    page = open_page(browser, url(edition_html, EMENDED), 390)
    toggle = page.locator("button.edition-controls-toggle")
    assert toggle.get_attribute("aria-label") == "읽기 설정"
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.locator("#edition-controls").is_visible()
    assert page.evaluate("() => document.activeElement.type") == "radio"  # focus in the menu
    page.keyboard.press("Escape")
    assert not page.locator("#edition-controls").is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    focused = page.evaluate("() => document.activeElement.className")
    assert "edition-controls-toggle" in focused
    page.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_every_note_opens_and_closes_from_the_keyboard(browser, edition_html, width):
    page = open_page(browser, url(edition_html, EMENDED), width)
    ids = page.evaluate(
        "() => [...document.querySelectorAll('a.edition-note-marker')].map((m) => m.id)"
    )
    assert len(ids) > 20
    for marker_id in ids:
        marker = page.locator(f"#{marker_id}")
        note = page.locator(f"#n-{marker_id[2:]}")
        marker.focus()
        page.keyboard.press("Enter")
        assert note.is_visible() and "is-open" in note.get_attribute("class"), marker_id
        page.keyboard.press("Enter")
        assert "is-open" not in note.get_attribute("class"), marker_id
        if width < 992:
            assert not note.is_visible(), marker_id
    page.close()


@pytest.mark.parametrize("width", [360, 800, 1100, 1366])
def test_without_script_every_note_is_readable_in_place(browser, edition_html, width):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    for part in (EMENDED, DENSE):
        page.goto(url(edition_html, part))
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        notes = page.evaluate(NOTES_REPORT)
        assert notes
        for note in notes:
            assert note["visible"], note["id"]
            assert 0 <= note["left"] and note["right"] <= width, note["id"]
            assert 0 < note["drift"] < 60, note["id"]  # right after its marker, in the text
    context.close()


@pytest.mark.parametrize("width", [360, 1100, 1366])
def test_screenshots_of_parts_05_and_10(browser, edition_html, width, tmp_path):
    """Screenshots to look at (kept in pytest's tmp folder): nothing in them is off screen."""
    for part in (EMENDED, DENSE):
        page = open_page(browser, url(edition_html, part), width)
        settle(page)
        page.screenshot(path=tmp_path / f"{part}-{width}.png")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        page.close()


def test_a_display_outside_the_choices_is_refused():
    class Registry:
        """Records the defaults config.setup declares (every edition_* value)."""

        def __init__(self):
            self.values = {}

        def add_config_value(self, name, default, *args, **kwargs):
            self.values[name] = default

        def add_event(self, *args):
            pass

        def connect(self, *args, **kwargs):
            pass

    registry = Registry()
    edition_config.setup(registry)
    values = {**registry.values, "edition_text_prefix": "text/"}
    good = types.SimpleNamespace(**{**values, "edition_notes_display": {"source": "demand"}})
    edition_config.check(None, good)
    bad = types.SimpleNamespace(**{**values, "edition_notes_display": {"source": "popup"}})
    with pytest.raises(ConfigError, match="edition_notes_display"):
        edition_config.check(None, bad)


@pytest.mark.parametrize("width", [1100, 1366])
def test_notes_stay_beside_their_marker_in_the_largest_text(browser, edition_html, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(url(edition_html, DENSE))
    open_controls(page).get_by_label("아주 크게").check()
    page.keyboard.press("Escape")
    settle(page)
    notes = page.evaluate(NOTES_REPORT)
    assert all(abs(n["drift"]) <= NEAR for n in notes), max(abs(n["drift"]) for n in notes)
    assert all(n["right"] <= width for n in notes)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()


def test_a_page_printed_after_the_layout_keeps_no_margin_geometry(browser, edition_html):
    """The margin's geometry is for the screen only: printed, no note keeps it (how print
    shows notes is the print stylesheet's; here, each is at least on the page)."""
    page = open_page(browser, url(edition_html, DENSE), 1366)
    settle(page)
    page.emulate_media(media="print")
    notes = page.evaluate(NOTES_REPORT)
    for note in filter(lambda n: n["visible"], notes):
        assert 0 <= note["left"] and note["right"] <= 1366, note["id"]
        assert note["drift"] >= 0, note["id"]  # not lifted to a margin line above
    page.close()
