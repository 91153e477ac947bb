"""Cite this, in Chromium: a ¶'s and a note's address copied (the Clipboard API, and the copy
command where the API is missing), the ¶'s citation in Korean and as BibTeX, the keyboard
path (Enter opens, Escape closes and returns to the number), the panel inside the viewport
at phone and desktop widths, and the base address of ``edition_base_url``.

Pages are served over http from 127.0.0.1, a secure context where the Clipboard API exists.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from conftest import PROJECT, serve, sphinx_build
from playwright.sync_api import TimeoutError as PlaywrightTimeout

if TYPE_CHECKING:
    from collections.abc import Iterator

PAGE = "text/05-thirteenth-congress.html"


@pytest.fixture(scope="module")
def root_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("cite-root") / "html"
    root = PROJECT / "tests" / "roots" / "test-cite"
    result = sphinx_build("html", root, out, "-c", str(root))
    assert result.returncode == 0, result.stderr
    yield from serve(out)


@pytest.fixture
def context(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


def open_page(context, url: str, width: int = 1366):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.errors = errors
    return page


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def said(page, expected: str) -> str:
    """What the live region says once the copy is done: it is cleared, then says the message
    a moment later (so that a repeated message is announced again); wait for this one."""
    status = page.locator(".edition-cite-status")
    status.wait_for(state="attached")
    try:
        page.wait_for_function(
            "(expected) => document.querySelector('.edition-cite-status').textContent === expected",
            arg=expected,
            timeout=5000,
        )
    except PlaywrightTimeout:
        pass  # the assertion below shows what it said instead
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    return status.inner_text()


def first_number(page) -> int:
    return int(page.locator("a.edition-pnum").nth(2).get_attribute("data-para"))


@pytest.mark.parametrize("width", [360, 1366])
def test_a_paragraphs_address_is_copied(context, edition_site, width):
    page = open_page(context, f"{edition_site}/{PAGE}?highlight=트로츠키", width)
    number = first_number(page)
    page.locator(f"#p-{number} a.edition-pnum").click()
    panel = page.locator(".edition-cite")
    assert panel.get_attribute("role") == "dialog"
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="주소 복사").click()
    assert said(page, "주소를 복사했습니다") == "주소를 복사했습니다"
    # absolute, without the query, ending in the ¶'s anchor
    assert clipboard(page) == f"{edition_site}/{PAGE}#p-{number}"
    assert page.locator(".edition-cite-url").input_value() == clipboard(page)
    assert page.errors == []


def test_a_paragraph_is_cited_in_korean_and_as_bibtex(context, edition_site, edition_html):
    page = open_page(context, f"{edition_site}/{PAGE}")
    number = first_number(page)
    script = page.locator("script[src*='edition-cite.js']")
    version, date = script.get_attribute("data-version"), script.get_attribute("data-date")
    url = f"{edition_site}/{PAGE}#p-{number}"
    page.locator(f"#p-{number} a.edition-pnum").click()
    toggle = page.get_by_role("button", name="이 문단 인용하기")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"

    text = page.locator(".edition-cite-text").inner_text()
    assert text.startswith("국제공산주의동맹(ICL), 「트로츠키와 러시아 좌익반대파」, ")
    assert "『스파르타시스트』 56호 (2001년 봄)" in text
    assert f"디지털 비판본, 이 판의 기여자들 엮음, 판 {version} (" in text
    assert f", ¶{number}, {url} (접속: " in text
    assert re.search(r"\(접속: \d{4}년 \d{1,2}월 \d{1,2}일\)\.$", text)
    page.get_by_role("button", name="인용 복사").click()
    assert said(page, "인용을 복사했습니다") == "인용을 복사했습니다"
    assert clipboard(page) == text

    bib = page.locator(".edition-cite-bibtex").inner_text()
    assert bib.startswith(f"@misc{{trotsky-left-opposition-p{number},\n")
    fields = dict(re.findall(r"^  (\w+)\s+= \{(.*)\},$", bib, re.MULTILINE))
    assert fields["title"] == "트로츠키와 러시아 좌익반대파"
    assert fields["author"] == "{국제공산주의동맹(ICL)}"
    assert fields["editor"] == "{이 판의 기여자들}"
    assert fields["version"] == version
    assert fields["year"] == date[:4]
    assert fields["date"] == date
    assert fields["url"] == url
    assert fields["howpublished"] == f"디지털 비판본, \\url{{{url.replace('#', chr(92) + '#')}}}"
    assert fields["note"].startswith(f"¶{number}. 원문: ")
    assert bib.endswith("\n}")
    page.get_by_role("button", name="BibTeX 복사").click()
    assert said(page, "BibTeX를 복사했습니다") == "BibTeX를 복사했습니다"
    assert clipboard(page) == bib


def test_a_notes_address_is_copied(context, edition_site):
    page = open_page(context, f"{edition_site}/{PAGE}")
    link = page.locator("a.edition-note-permalink").first
    note_id = link.get_attribute("href")[1:]
    assert link.get_attribute("aria-label") == "이 주석의 주소 복사"
    link.focus()  # keyboard: reachable, and Enter copies
    page.keyboard.press("Enter")
    assert said(page, "주소를 복사했습니다") == "주소를 복사했습니다"
    assert clipboard(page) == f"{edition_site}/{PAGE}#{note_id}"


def test_the_keyboard_opens_and_closes_the_panel(context, edition_site):
    page = open_page(context, f"{edition_site}/{PAGE}")
    number = first_number(page)
    link = page.locator(f"#p-{number} a.edition-pnum")
    assert link.get_attribute("aria-haspopup") == "dialog"
    link.focus()
    page.keyboard.press("Enter")
    assert link.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.textContent") == "주소 복사"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # 이 문단 인용하기
    assert page.locator(".edition-cite-forms").is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".edition-cite").count() == 0
    assert link.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('data-para')") == str(number)


def test_without_the_clipboard_api_the_copy_command_copies(browser, edition_site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page.goto(f"{edition_site}/{PAGE}")
        number = first_number(page)
        page.locator(f"#p-{number} a.edition-pnum").click()
        page.get_by_role("button", name="주소 복사").click()
        assert said(page, "주소를 복사했습니다") == "주소를 복사했습니다"
        reader = context.new_page()
        reader.goto(f"{edition_site}/index.html")
        assert clipboard(reader) == f"{edition_site}/{PAGE}#p-{number}"
    finally:
        context.close()


def test_the_base_address_names_the_published_site(context, root_site):
    page = open_page(context, f"{root_site}/text/a.html")
    page.locator("#p-1 a.edition-pnum").click()
    page.get_by_role("button", name="주소 복사").click()
    assert said(page, "주소를 복사했습니다") == "주소를 복사했습니다"
    assert clipboard(page) == "https://example.org/ed/text/a.html#p-1"
    page.get_by_role("button", name="이 문단 인용하기").click()
    text = page.locator(".edition-cite-text").inner_text()
    assert text.startswith('Author & Co <a>, 「Cite <"this"> & that」, Journal <No. 1> & more; ')
    bib = page.locator(".edition-cite-bibtex").inner_text()
    assert '  title        = {Cite <"this"> \\& that},' in bib
    assert "  editor       = {{Editors \\& <friends>}}," in bib
