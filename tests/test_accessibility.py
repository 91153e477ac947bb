"""Accessibility in Debian's Chromium: axe-core (WCAG 2.1 A and AA) on every page of the built
edition in light and dark mode, a visible focus on every kind of control, and term previews
that stay inside the window and close with Escape.

axe-core comes from the PyPI package axe-playwright-python (its ``axe.min.js``), pinned in the
dev extra: nothing is loaded from a CDN. The pages are served over http, as a reader gets them
(the search page fetches its snippets). One module, one browser, one pass over the pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    pass

#: The rules of WCAG 2.1 levels A and AA, and the one axe still calls experimental that the
#: edition was found to break (a button's name must contain its visible label, WCAG 2.5.3).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "rules": {"label-content-name-mismatch": {"enabled": True}},
    "resultTypes": ["violations"],
}
MODES = ("light", "dark")
TEXT_PAGE = "text/05-thirteenth-congress.html"  # emendations, both series of notes, terms
NOTE = "em-bangchim-eul"


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def site_pages(edition_html: Path) -> list[str]:
    """Every page a reader can open: the parts, front and back matter, search, index."""
    skip = {"_static", "_sources", "_downloads", "_images"}
    pages = sorted(
        p.relative_to(edition_html).as_posix()
        for p in edition_html.rglob("*.html")
        if not skip & set(p.relative_to(edition_html).parts)
    )
    assert {"index.html", "search.html", "genindex.html", TEXT_PAGE} <= set(pages)
    return pages


def run_axe(page, where: str) -> list[str]:
    """axe's violations on the page as it is now, one line per element."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    result = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{where}: {violation['id']} at {node['target']}: {summary}")
    return lines


def themed_context(browser, mode: str, width: int = 1366, **kwargs):
    """A browser context whose pages open in the theme's light or dark mode, as a reader who
    chose it with the theme's switch (localStorage 'mode' and 'theme')."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **kwargs)
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    return context


def test_axe_reports_no_violation_on_any_page_in_light_and_dark_mode(
    browser,
    edition_site,
    edition_html,
):
    pages = site_pages(edition_html)
    violations: list[str] = []
    for mode in MODES:
        context = themed_context(browser, mode)
        page = context.new_page()
        for name in pages:
            page.goto(f"{edition_site}/{name}")
            assert page.evaluate("() => document.documentElement.dataset.theme") == mode
            page.wait_for_timeout(100)
            violations += run_axe(page, f"[{mode}] {name}")
        # search with results listed
        page.goto(f"{edition_site}/search.html?q=트로츠키")
        page.wait_for_function(
            "() => [...document.querySelectorAll('ul.search li')].length > 0"
            " && [...document.querySelectorAll('ul.search li')]"
            "      .every((li) => li.dataset.snippet === 'done')",
            timeout=15000,
        )
        violations += run_axe(page, f"[{mode}] search.html?q=트로츠키")
        # the states a reader puts a text page in: the witness reading (the pressed button,
        # under the pointer), a note opened, a term's preview shown
        page.goto(f"{edition_site}/{TEXT_PAGE}")
        page.locator("button.edition-reading-toggle").click()
        page.locator(f"#r-{NOTE}").click()
        page.locator("a.edition-term[aria-describedby]").first.focus()
        page.locator("button.edition-reading-toggle").hover()  # pressed, under the pointer
        violations += run_axe(page, f"[{mode}] {TEXT_PAGE}, witness reading, note and preview")
        page.locator("button.edition-reading-toggle").click()
        context.close()
        # a phone: the note opened under its line, the preview as a sheet
        context = themed_context(browser, mode, width=360, has_touch=True, is_mobile=True)
        page = context.new_page()
        page.goto(f"{edition_site}/{TEXT_PAGE}")
        page.locator(f"#r-{NOTE}").tap()
        page.locator("a.edition-term[aria-describedby]").first.tap()
        violations += run_axe(page, f"[{mode}, 360 px] {TEXT_PAGE}, note and preview")
        context.close()
    assert not violations, f"{len(violations)} axe violations:\n" + "\n".join(violations)


#: The kinds of control (tag and classes) that show no focus ring: focused from the keyboard,
#: neither the control, nor a child (the theme rings the sidebar's <summary> through its icon),
#: nor a close ancestor (the search page's field rings its form) gains an outline or a shadow.
FOCUS_RINGS = r"""async () => {
  const sel = 'a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex="-1"])';
  const shown = (el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
  const around = (el) => [el, ...el.querySelectorAll('*'), el.parentElement,
                          el.parentElement?.parentElement].filter(Boolean);
  const rings = (els) => els.map((e) => {
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
    const shadow = s.boxShadow !== 'none' && !/^rgba\(0, 0, 0, 0\)/.test(s.boxShadow);
    return outline || shadow ? s.outline + ' ' + s.boxShadow : '';
  });
  const kinds = new Map();
  for (const el of document.querySelectorAll(sel)) {
    const kind = el.tagName.toLowerCase() + [...el.classList].sort().map((c) => '.' + c).join('');
    if (shown(el) && !kinds.has(kind)) kinds.set(kind, el);
  }
  const bare = [];
  document.activeElement?.blur();  // the skip link, focused by the first Tab
  for (const [kind, el] of kinds) {
    const els = around(el);
    const before = rings(els);
    el.focus();
    await new Promise((done) => setTimeout(done, 250));  // the theme's rings fade in
    const after = rings(els);
    if (document.activeElement === el && el.matches(':focus-visible')
        && !after.some((ring, i) => ring && ring !== before[i])) {
      bare.push(kind);
    }
    el.blur();
  }
  return [kinds.size, bare];
}"""


@pytest.mark.parametrize("width", [1366, 360])
def test_every_kind_of_control_shows_its_keyboard_focus(browser, edition_site, width):
    context = themed_context(browser, "light", width=width)
    page = context.new_page()
    for name in (TEXT_PAGE, "back/persons.html", "search.html"):
        page.goto(f"{edition_site}/{name}")
        page.keyboard.press("Tab")  # the keyboard is in use: focus() shows :focus-visible
        kinds, bare = page.evaluate(FOCUS_RINGS)
        assert kinds >= 3
        assert not bare, f"{name} at {width} px: no visible focus on {bare}"
    context.close()


#: Focus each visible term link with its word at the foot of the window (as Tab leaves it)
#: and report the previews that cross the window's edges.
PREVIEWS_OUTSIDE = r"""async () => {
  const outside = [];
  let seen = 0;
  for (const link of document.querySelectorAll('a.edition-term[aria-describedby]')) {
    if (!link.getClientRects().length) continue;  // in the reading not shown
    seen += 1;
    link.scrollIntoView({block: 'end'});
    link.focus({preventScroll: true});
    await new Promise((done) => requestAnimationFrame(() => done()));
    const box = document.getElementById(link.getAttribute('aria-describedby'))
      .getBoundingClientRect();
    if (!box.width || box.left < 0 || box.right > innerWidth || box.top < 0
        || box.bottom > innerHeight + 0.5) {
      outside.push([link.id, Math.round(box.left), Math.round(box.top),
                    Math.round(box.right), Math.round(box.bottom)]);
    }
    link.blur();
  }
  return [seen, outside];
}"""


@pytest.mark.parametrize("width", [1920, 1366, 1100, 992])
def test_term_previews_stay_inside_the_window(browser, edition_site, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    for name in ("text/01-civil-war-to-nep.html", "text/04-comintern-germany-1923.html", TEXT_PAGE):
        page.goto(f"{edition_site}/{name}")
        seen, outside = page.evaluate(PREVIEWS_OUTSIDE)
        assert seen >= 10
        assert not outside, f"{name} at {width} px: previews outside the window: {outside}"
    page.close()


def test_term_preview_shown_by_the_pointer_closes_with_escape(browser, edition_site):
    page = browser.new_page(viewport={"width": 1366, "height": 800})
    page.goto(f"{edition_site}/{TEXT_PAGE}")
    link = page.locator("a.edition-term[aria-describedby]").first
    preview = page.locator(f"#{link.get_attribute('aria-describedby')}")
    link.hover()
    assert preview.is_visible()
    page.keyboard.press("Escape")  # the pointer stays on the word (WCAG 1.4.13)
    assert not preview.is_visible()
    page.mouse.move(0, 0)
    link.hover()
    assert preview.is_visible()  # back on the word, it shows again
    page.close()


def test_phone_preview_sheet_is_inside_the_window_and_closes_with_escape(browser, edition_site):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto(f"{edition_site}/{TEXT_PAGE}")
    link = page.locator("a.edition-term[aria-describedby]").first
    preview = page.locator(f"#{link.get_attribute('aria-describedby')}")
    link.tap()
    assert preview.is_visible()
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740
    page.keyboard.press("Escape")
    assert not preview.is_visible()
    context.close()
