"""What a build keeps to avoid doing work twice gives what the work would give (issue 16).

A work's formatted parts are shared by every note that cites it, and made anew when the
entry changes (``bibstyle.EditionStyle.parts``); the slimmed theme stylesheet is kept for the
same stylesheet, classes and scripts only (``slim_css.SlimmedCache``).
"""

from __future__ import annotations

import pybtex.database
from critical_edition import bibstyle, slim_css

BIB = """\
@book{work,
  author      = {Trotsky, Leon},
  title       = {The New Course},
  titlekorean = {새로운 방침},
  publisher   = {New Park},
  year        = {1956},
}
"""


def entry(bib: str = BIB):
    return pybtex.database.parse_string(bib, "bibtex").entries["work"]


def text(work, locator: str | None = None) -> str:
    return bibstyle.EditionStyle().entry_text(work, locator).render_as("text")


def test_a_work_cited_again_reads_the_same_with_its_own_locator() -> None:
    work = entry()
    first, again = text(work, "p. 3"), text(work, "p. 7")
    assert first.replace("p. 3", "p. 7") == again
    assert text(work) == text(entry())


def test_a_changed_entry_is_formatted_anew() -> None:
    before = text(entry())
    for old, new in [
        ("{New Park}", "{Pathfinder}"),
        ("{Trotsky, Leon}", "{Trotsky, Lev}"),
        ("@book", "@article"),
    ]:
        changed = text(entry(BIB.replace(old, new)))
        assert changed != before, (old, new)
    assert "Pathfinder" in text(entry(BIB.replace("{New Park}", "{Pathfinder}")))


CSS = ".used{color:red}.unused{color:blue}.scripted{margin:0}"


def test_the_slimmed_stylesheet_is_kept_for_the_same_inputs_only(tmp_path) -> None:
    classes, scripts = {"used"}, "el.classList.add('scripted')"
    slimmed = slim_css.Slimmer(classes, scripts).slim(CSS)
    assert slimmed == ".used{color:red}.scripted{margin:0}"

    cache = slim_css.SlimmedCache(tmp_path / slim_css.CACHE_FILENAME)
    key = slim_css.inputs_digest(CSS, classes, scripts)
    assert cache.get(key) is None
    cache.put(key, slimmed)
    # the next build
    again = slim_css.SlimmedCache(tmp_path / slim_css.CACHE_FILENAME)
    assert again.get(key) == slimmed
    for other in [
        slim_css.inputs_digest(CSS + ".new{}", classes, scripts),
        slim_css.inputs_digest(CSS, classes | {"unused"}, scripts),
        slim_css.inputs_digest(CSS, classes, ""),
    ]:
        assert other != key
        assert again.get(other) is None
