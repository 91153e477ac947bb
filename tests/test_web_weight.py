"""What a reader's browser fetches: the weight of a text page, failed requests, console errors.

Measured in Debian's Chromium on the built edition served over http on the loopback
interface (as in test_search_browser): the bytes of every response body a page loads, fonts
excluded, and every request that fails or answers 400 or more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from pathlib import Path

#: The most a text page may load, fonts excluded (issue 14: it was 2.56 MB).
MAX_TEXT_PAGE_BYTES = 600 * 1024
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf")


def all_pages(edition_html: Path) -> list[str]:
    """Every HTML page of the edition, as a path from the top of the site."""
    return sorted(
        path.relative_to(edition_html).as_posix()
        for path in edition_html.rglob("*.html")
        if not path.relative_to(edition_html).parts[0].startswith("_")
    )


class Visit:
    """One page load: its responses, failed requests and console messages."""

    def __init__(self, browser, url: str, width: int = 1366) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.responses: list = []
        self.failed: list[str] = []
        self.console: list[str] = []
        self.page.on("response", self._response)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        self.page.goto(url, wait_until="networkidle")

    def _response(self, response) -> None:
        self.responses.append(response)
        if response.status >= 400:
            self.failed.append(f"{response.url}: {response.status}")

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text}")

    def weight(self) -> int:
        return sum(
            len(r.body())
            for r in self.responses
            if r.request.resource_type != "font" and not r.url.split("?")[0].endswith(FONT_SUFFIXES)
        )

    def urls(self) -> list[str]:
        return [r.url.split("?")[0] for r in self.responses]

    def close(self) -> None:
        self.page.close()


def text_pages(edition_html: Path) -> list[str]:
    pages = [p for p in all_pages(edition_html) if p.startswith("text/")]
    assert len(pages) == 13
    return pages


def test_every_text_page_is_light(browser, edition_site, edition_html):
    report = {}
    for name in text_pages(edition_html):
        visit = Visit(browser, f"{edition_site}/{name}")
        urls = visit.urls()
        assert not any(u.endswith("searchindex.js") for u in urls), name
        assert not any(u.endswith("searchtools.js") for u in urls), name
        assert not any(u.endswith("fontawesome.js") for u in urls), name
        report[name] = (visit.weight(), len(urls))
        visit.close()
    heavy = {name: w for name, w in report.items() if w[0] > MAX_TEXT_PAGE_BYTES}
    assert not heavy, f"over {MAX_TEXT_PAGE_BYTES} bytes (bytes, requests): {heavy}"


def test_no_page_fails_a_request_or_logs_an_error(browser, edition_site, edition_html):
    problems = {}
    for name in all_pages(edition_html):
        # a fresh context: a first visit, with nothing in localStorage
        visit = Visit(browser, f"{edition_site}/{name}")
        icon = visit.page.evaluate(
            "() => { const l = document.querySelector('link[rel=icon]'); return l && l.href; }"
        )
        if not icon:
            visit.failed.append("no <link rel=icon>")
        else:
            status = visit.page.request.get(icon).status
            if status != 200:
                visit.failed.append(f"{icon}: {status}")
        if visit.failed or visit.console:
            problems[name] = visit.failed + visit.console
        visit.close()
    assert not problems


def test_every_icon_of_the_theme_is_drawn(browser, edition_site, edition_html):
    """Without Font Awesome's script, each icon is a CSS mask (edition-icons.css)."""
    missing = {}
    for name in ("index.html", "text/05-thirteenth-congress.html", "search.html"):
        for width in (360, 1366):
            visit = Visit(browser, f"{edition_site}/{name}", width)
            blank = visit.page.evaluate(
                """() => [...document.querySelectorAll('.fa-solid, .fas')]
                  .filter((e) => {
                    const s = getComputedStyle(e);
                    return !s.maskImage.startsWith('url(') || s.width === '0px';
                  })
                  .map((e) => e.className)"""
            )
            if blank:
                missing[f"{name} @{width}"] = blank
            visible = visit.page.evaluate(
                """() => [...document.querySelectorAll('i.fa-solid, i.fas')]
                  .filter((e) => e.getClientRects().length).length"""
            )
            assert visible > 0, name
            visit.close()
    assert not missing


def test_the_search_dialog_leads_to_the_search_page(browser, edition_site):
    visit = Visit(browser, f"{edition_site}/text/05-thirteenth-congress.html", 1366)
    page = visit.page
    page.locator(".search-button__button").first.click()
    field = page.locator("#pst-search-dialog input[name=q]")
    field.fill("트로츠키")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_selector("#search-results li", timeout=30_000)
    assert page.locator("#search-results li").count() > 0
    assert any(u.endswith("searchindex.js") for u in visit.urls())
    assert not visit.failed and not visit.console, visit.failed + visit.console
    visit.close()


def test_search_page_loads_the_index_itself(browser, edition_site):
    visit = Visit(browser, f"{edition_site}/search.html?q={quote('스탈린')}")
    visit.page.wait_for_selector("#search-results li", timeout=30_000)
    assert visit.page.locator("#search-results li").count() > 0
    assert not visit.failed and not visit.console, visit.failed + visit.console
    visit.close()
