"""The edition in a real headless Chromium (Debian's): layout a reader actually sees."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if shutil.which(CHROMIUM) is None:
        pytest.fail("Chromium is missing: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
