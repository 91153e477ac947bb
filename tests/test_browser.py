"""The edition in a real headless Chromium (Debian's): layout a reader actually sees."""

from __future__ import annotations

import pytest


def open_page(browser, url: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    return page


def test_desktop_numbers_sit_in_the_left_margin(browser, edition_html):
    page = open_page(browser, (edition_html / "text" / "00-opening.html").as_uri(), 1400)
    para = page.locator("#p-1")
    number = para.locator("a.edition-pnum")
    assert number.inner_text() == "1"
    para_box, number_box = para.bounding_box(), number.bounding_box()
    assert number_box["x"] + number_box["width"] <= para_box["x"]
    assert abs(number_box["y"] - para_box["y"]) < 20
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('#p-1'));"
        " return [s.wordBreak, s.fontFamily]; }"
    )
    assert style[0] == "keep-all"
    assert "Noto Serif" in style[1]
    page.close()


def test_phone_numbers_stay_on_screen(browser, edition_html):
    page = open_page(browser, (edition_html / "text" / "00-opening.html").as_uri(), 390)
    number = page.locator("#p-2 a.edition-pnum").bounding_box()
    assert number["x"] >= 0
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390
    page.close()


def test_the_contents_button_opens_the_contents_on_a_phone_and_hides_them_on_a_desktop(
    browser, edition_html
):
    url = (edition_html / "text" / "05-thirteenth-congress.html").as_uri()
    page = open_page(browser, url, 360)
    # the ☰ a reader sees is the page's only one (the themes' scripts wire the first)
    toggles = page.locator("button.primary-toggle")
    assert toggles.count() == 1 and toggles.first.is_visible()
    toggles.first.click()
    dialog = page.locator("#pst-primary-sidebar-modal")
    assert dialog.evaluate("(d) => d.open")
    link = dialog.locator("a.reference", has_text="13차 당대회").first
    assert link.is_visible()
    box = link.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 360
    page.keyboard.press("Escape")
    assert not dialog.evaluate("(d) => d.open")
    page.close()
    page = open_page(browser, url, 1366)
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    page.locator("button.primary-toggle").click()
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('#pst-primary-sidebar')).visibility"
        " === 'hidden'"
    )
    page.close()


def test_paragraph_anchor_opens_at_its_paragraph(browser, edition_html):
    url = (edition_html / "text" / "06-literary-discussion.html").as_uri()
    page = open_page(browser, url, 1400)
    first = int(page.locator("a.edition-pnum").first.inner_text())
    target = first + 3
    page.goto(f"{url}#p-{target}")
    page.wait_for_timeout(300)
    box = page.locator(f"#p-{target}").bounding_box()
    assert 0 <= box["y"] < 900
    assert page.evaluate("() => document.querySelector(':target').id") == f"p-{target}"
    page.close()


# -- The apparatus --------------------------------------------------------------------------

EMENDED_PAGE = ("text", "05-thirteenth-congress.html")
NOTE = "em-bangchim-eul"  # 방침"를 → 방침"을


def test_reading_toggle_switches_the_whole_text_and_is_remembered(browser, edition_html):
    page = open_page(browser, edition_html.joinpath(*EMENDED_PAGE).as_uri(), 1400)
    emended = page.locator(f'.edition-emendation[data-note="n-{NOTE}"]')
    assert emended.inner_text() == '방침"을'
    toggle = page.locator("button.edition-reading-toggle")
    # the button says which reading is shown (its label changes, so it is no aria-pressed
    # toggle: a pressed "저본대로" said the opposite of a label naming the reading shown)
    assert toggle.inner_text().endswith("교정본")
    toggle.click()
    assert emended.inner_text() == '방침"를'
    assert toggle.inner_text().endswith("저본대로")
    assert toggle.get_attribute("data-reading") == "diplomatic"
    # another part opens in the diplomatic reading too
    page.goto((edition_html / "text" / "03-twelfth-congress.html").as_uri())
    other = page.locator('.edition-emendation[data-note="n-em-aesseotda"]')
    assert other.inner_text() == "애써다"
    page.locator("button.edition-reading-toggle").click()
    assert other.inner_text() == "애썼다"
    page.close()


def test_desktop_notes_sit_in_the_right_margin_beside_their_line(browser, edition_html):
    page = open_page(browser, edition_html.joinpath(*EMENDED_PAGE).as_uri(), 1400)
    marker = page.locator(f"#r-{NOTE}")
    note = page.locator(f"#n-{NOTE}")
    marker.scroll_into_view_if_needed()
    paragraph = page.locator("p.edition-numbered", has=marker).bounding_box()
    marker_box, note_box = marker.bounding_box(), note.bounding_box()
    assert note.is_visible()
    assert note_box["x"] >= paragraph["x"] + paragraph["width"]  # in the margin
    assert note_box["x"] + note_box["width"] <= 1400  # on screen
    assert abs(note_box["y"] - marker_box["y"]) < 150  # near its line, even in a dense passage
    collapsed = note_box["height"]
    # pointing at the marker opens the whole note beside its line
    marker.hover()
    assert "is-active" in note.get_attribute("class")
    opened = note.bounding_box()
    assert abs(opened["y"] - marker.bounding_box()["y"]) < 20
    assert opened["height"] >= collapsed
    assert '방침"를' in note.inner_text() and "받침" in note.inner_text()
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    assert "is-active" not in note.get_attribute("class")
    assert abs(note.bounding_box()["y"] - note_box["y"]) < 1  # back in its place
    # a click keeps it open; Escape closes it
    marker.click()
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    assert "is-open" in note.get_attribute("class")
    assert marker.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert "is-open" not in note.get_attribute("class")
    page.close()


def margin_report(page) -> dict:
    """Where each note of the page sits against its marker, in margin mode."""
    return page.evaluate(
        """() => {
          const top = (e) => e.getBoundingClientRect().top + window.pageYOffset;
          const notes = [...document.querySelectorAll("span.edition-note")];
          return {
            mode: document.documentElement.className.match(/edition-notes-wide/)?.[0],
            scroll: document.documentElement.scrollWidth,
            notes: notes.map((n) => {
              const marker = document.getElementById("r-" + n.id.slice(2));
              const box = n.getBoundingClientRect();
              return {id: n.id, drift: top(n) - top(marker), right: box.right, left: box.left};
            }),
          };
        }"""
    )


@pytest.mark.parametrize("width", [1920, 1366, 1200])
def test_every_note_is_in_the_margin_and_a_click_away_from_its_line(browser, edition_html, width):
    """The densest part: every note in the margin, on screen, below its marker's line and
    never above it; most within 150 px; any note opens beside its line on a click."""
    page = open_page(
        browser, (edition_html / "text" / "10-united-opposition-china.html").as_uri(), width
    )
    report = margin_report(page)
    assert report["mode"] == "edition-notes-wide"
    assert report["scroll"] <= width  # nothing pushes the page sideways
    notes = report["notes"]
    assert all(0 <= n["left"] and n["right"] <= width for n in notes)
    assert all(n["drift"] >= -1 for n in notes)  # never above its line
    near = sum(1 for n in notes if n["drift"] < 150)
    assert near >= 0.6 * len(notes), sorted(n["drift"] for n in notes)[-10:]
    for entry in sorted(notes, key=lambda n: -n["drift"])[:5]:  # the furthest ones
        marker = page.locator(f"#r-{entry['id'][2:]}")
        marker.scroll_into_view_if_needed()
        marker.click()
        note = page.locator(f"#{entry['id']}")
        assert abs(note.bounding_box()["y"] - marker.bounding_box()["y"]) < 20
        page.keyboard.press("Escape")
    page.close()


# From 992 px the notes stand in the margin (the text makes room for it below 1200 px):
# tests/test_notes_browser.py measures them there.
@pytest.mark.parametrize("width", [320, 390, 768, 991])
def test_narrower_windows_open_notes_under_their_line(browser, edition_html, width):
    page = open_page(browser, edition_html.joinpath(*EMENDED_PAGE).as_uri(), width)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    note = page.locator(f"#n-{NOTE}")
    assert not note.is_visible()
    marker = page.locator(f"#r-{NOTE}")
    marker.click()
    box = note.bounding_box()
    assert note.is_visible() and 0 <= box["x"] and box["x"] + box["width"] <= width
    assert box["y"] > marker.bounding_box()["y"]  # under the line, in the flow of the text
    page.keyboard.press("Escape")
    page.mouse.move(0, 0)
    assert not note.is_visible()
    page.close()


def test_phone_notes_open_on_tap_or_enter_not_on_focus(browser, edition_html):
    """On a phone a note opens under its line only when asked: focus alone no longer shows
    a preview over the text (that preview was the overlay that covered the text)."""
    page = open_page(browser, edition_html.joinpath(*EMENDED_PAGE).as_uri(), 390)
    marker = page.locator(f"#r-{NOTE}")
    note = page.locator(f"#n-{NOTE}")
    assert not note.is_visible()
    marker.focus()
    assert not note.is_visible()
    page.keyboard.press("Enter")
    assert note.is_visible()
    page.keyboard.press("Escape")
    assert not note.is_visible()
    marker.click()
    assert note.is_visible()
    assert marker.get_attribute("aria-expanded") == "true"
    box = note.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    marker.click()
    page.mouse.move(0, 0)
    assert not note.is_visible()
    page.close()


def test_note_permalink_and_way_back(browser, edition_html):
    url = edition_html.joinpath(*EMENDED_PAGE).as_uri()
    page = open_page(browser, f"{url}#n-{NOTE}", 390)
    note = page.locator(f"#n-{NOTE}")
    assert note.is_visible()  # opened by its address, even on a phone
    note.locator("a.edition-note-label").click()
    page.wait_for_timeout(200)
    assert page.evaluate("() => location.hash") == f"#r-{NOTE}"
    box = page.locator(f"#r-{NOTE}").bounding_box()
    assert 0 <= box["y"] < 900
    page.close()


def test_pages_run_without_script_errors(browser, edition_html):
    errors = []
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("pageerror", lambda error: errors.append(str(error)))
    for name in ("00-opening.html", "05-thirteenth-congress.html"):
        page.goto((edition_html / "text" / name).as_uri())
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
    page.goto((edition_html / "back" / "corrections.html").as_uri())
    assert errors == []
    page.close()


# -- Persons and terms ------------------------------------------------------------------------


def first_term(page):
    return page.locator("a.edition-term-persons").first


def test_term_preview_shows_on_hover_and_on_focus_and_hides_on_escape(browser, edition_html):
    page = open_page(
        browser, (edition_html / "text" / "06-literary-discussion.html").as_uri(), 1400
    )
    link = first_term(page)
    preview = page.locator(f"#{link.get_attribute('aria-describedby')}")
    assert not preview.is_visible()
    link.hover()
    assert preview.is_visible()
    assert preview.inner_text().startswith("트로츠키 (Лев Давидович Троцкий")
    box, anchor = preview.bounding_box(), link.bounding_box()
    assert box["y"] > anchor["y"]  # under the word, not over it
    assert 0 <= box["x"] and box["x"] + box["width"] <= 1400
    page.mouse.move(0, 0)
    assert not preview.is_visible()
    link.focus()
    assert preview.is_visible()  # keyboard users get it too
    page.keyboard.press("Escape")
    assert not preview.is_visible()
    page.close()


def test_term_link_leads_to_its_register_entry(browser, edition_html):
    page = open_page(
        browser, (edition_html / "text" / "06-literary-discussion.html").as_uri(), 1400
    )
    first_term(page).click()
    page.wait_for_url("**/back/persons.html#p-trotsky", timeout=5000)
    assert page.locator("#p-trotsky").is_visible()
    page.close()


def test_phone_first_tap_previews_second_tap_follows(browser, edition_html):
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto((edition_html / "text" / "06-literary-discussion.html").as_uri())
    link = first_term(page)
    preview = page.locator(f"#{link.get_attribute('aria-describedby')}")
    link.tap()
    assert preview.is_visible()
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800  # a sheet at the foot, in view
    assert "06-literary-discussion" in page.url  # still here
    link.tap()
    page.wait_for_url("**/back/persons.html#p-trotsky", timeout=5000)
    context.close()
