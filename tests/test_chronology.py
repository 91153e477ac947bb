"""The 연표 (chronology): dates read and worded, the page built from dated records (the
``chronology`` root) in HTML and print, bad dates, and the real edition's events."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT, assert_stops_at, edit, edition_annotations
from critical_edition import dates
from critical_edition.register import data as register
from test_browser import open_page

# -- Dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "korean"),
    [
        ("1927", "1927년"),
        ("1927-12", "1927년 12월"),
        ("1924-01-21", "1924년 1월 21일"),
        ("1927-12-02/1927-12-19", "1927년 12월 2–19일"),
        ("1922-03-27/1922-04-02", "1922년 3월 27일–4월 2일"),
        ("1928-07/1928-09", "1928년 7–9월"),
        ("1922-12/1923-01", "1922년 12월–1923년 1월"),
        ("1918-01-27/1918-05", "1918년 1월 27일–5월"),
        ("1928/1932", "1928–1932년"),
        ("1934-01-26/1934-02-10", "1934년 1월 26일–2월 10일"),
    ],
)
def test_dates_are_worded_as_the_edition_writes_them(text, korean):
    assert dates.korean(dates.parse(text)) == korean


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1924-02-30", "'1924-02-30' is not a day of the calendar"),
        ("1924-13", "'1924-13' has no month 13"),
        ("1924-1-21", "is not a date: write 1924, 1924-01 or 1924-01-21"),
        ("1927-12-19/1927-12-02", "ends before it starts"),
        ("1927-12/1927-12-19", "ends before it starts"),
        ("1924-01-21/1924-01-21", "starts and ends on the same date"),
    ],
)
def test_bad_dates_say_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=None) as error:
        dates.parse(text)
    assert message in str(error.value)


def test_a_year_or_a_month_comes_before_the_days_in_it():
    written = ["1927-12-02/1927-12-19", "1927-12", "1928", "1927", "1927-01-04", "1926-12"]
    ordered = sorted(written, key=lambda text: dates.parse(text).key)
    assert ordered == ["1926-12", "1927", "1927-01-04", "1927-12", "1927-12-02/1927-12-19", "1928"]


# -- The chronology root ----------------------------------------------------------------------


@pytest.fixture
def root(tmp_path, rootdir):
    srcdir = tmp_path / "chronology"
    shutil.copytree(rootdir / "test-chronology", srcdir)
    return srcdir


def build(make_app, srcdir, builder="html"):
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    return app


def page(app) -> BeautifulSoup:
    text = (app.outdir / "back" / "chronology.html").read_text(encoding="utf-8")
    return BeautifulSoup(text, "html.parser")


def test_the_events_stand_in_order_of_date_with_their_places(root, make_app):
    app = build(make_app, root)
    soup = page(app)
    years = [y.get_text() for y in soup.select(".edition-chronology-year-label")]
    assert years == ["1923", "1924", "1927"]
    events = soup.select("li.edition-chronology-event")
    assert [e["id"] for e in events] == [
        "e-declaration-of-the-46",
        "e-tr-conference",
        "e-ex-lenin-death",
        "e-platform",  # a year before the days in it
        "e-ex-fifteenth-congress",
    ]
    heads = [e.select_one(".edition-chronology-head").get_text(" ", strip=True) for e in events]
    assert heads == [
        "1923년 10월 15일 46인 선언이 정치국에 제출되다",
        "1924년 1월 16–18일 제13차 당협의회",
        "1924년 1월 21일 레닌이 죽다",
        "1927년 반대파의 정강이 작성되다",
        "1927년 12월 2–19일 제15차 당대회",
    ]
    assert [e.select_one("time")["datetime"] for e in events] == [
        "1923-10-15", "1924-01-16", "1924-01-21", "1927", "1927-12-02",
    ]  # fmt: skip

    def links(event) -> list[tuple[str, str]]:
        places = event.select_one(".edition-chronology-places")
        return [(a.get_text(), a["href"]) for a in places.select("a")]

    # A term: every paragraph it occurs in, and its entry.
    assert links(events[0]) == [
        ("¶1", "../text/a.html#p-1"),
        ("¶3", "../text/b.html#p-3"),
        ("용어집: 46인 선언", "glossary.html#g-declaration-of-the-46"),
    ]
    # A note: its own paragraph, and the note.
    assert links(events[1]) == [
        ("¶2", "../text/a.html#p-2"),
        ("주석 b", "../text/a.html#n-tr-conference"),
    ]
    # The sources, as the edition renders them: both works of the congress's note.
    sources = events[4].select(".edition-chronology-sources .edition-note-source")
    assert [s["class"] for s in sources] == [["no-search", "edition-note-source"]] * 2
    assert "Collected Works" in sources[0].get_text()
    assert "Glossary of People" in sources[1].get_text()
    assert "entry" in events[0].select_one(".edition-chronology-sources").get_text()
    # The year index links to the years, and the stylesheet is on this page only.
    assert [a["href"] for a in soup.select(".edition-chronology-years a")] == [
        "#y-1923", "#y-1924", "#y-1927",
    ]  # fmt: skip
    assert soup.select_one('link[href^="../_static/edition-chronology.css"]') is not None
    other = (app.outdir / "back" / "glossary.html").read_text(encoding="utf-8")
    assert "edition-chronology.css" not in other
    # An undated (unverified) note is not on the page.
    assert "ex-undated" not in str(soup)


def test_print_has_the_chronology_as_a_long_table(root, make_app):
    app = build(make_app, root, "latex")
    tex = (app.outdir / "chronology.tex").read_text(encoding="utf-8")
    chapter = tex[tex.index(r"\chapter{연표}") : tex.index(r"\chapter{용어집}")]
    assert r"\begin{longtable}" in chapter
    for title in ("날짜", "사건", "출처", "나오는 곳"):
        assert title in chapter
    written = ("46인 선언이 정치국에 제출되다", "제13차 당협의회", "레닌이 죽다",
               "반대파의 정강이 작성되다", "제15차 당대회")  # fmt: skip
    order = [chapter.index(t) for t in written]
    assert order == sorted(order)
    assert r"\edsource{" in chapter
    assert r"\edpageref{" in chapter  # the page numbers of the places
    assert chapter.count(r"\raggedright{}") == 5 * 4  # no justified narrow columns
    # the parts of a date stay whole; a range may break after its dash
    assert (
        r"\DUrole{edition-nobreak}{1월} \DUrole{edition-nobreak}{16\textendash{}}\allowbreak{}"
        r"\DUrole{edition-nobreak}{18일}"
    ) in chapter
    assert "edition-chronology" not in tex.replace("edition-chronology-table", "")


def test_text_builder_gets_a_table(root, make_app):
    app = build(make_app, root, "text")
    text = (app.outdir / "back" / "chronology.txt").read_text(encoding="utf-8")
    assert text.count("+---") > 5 and "제15차 당대회" in text and "¶3" in text  # a table


BAD = {
    # file, old, new, line, record, message
    "not-a-day": (
        "annotations/a.toml", 'date = "1924-01-21"', 'date = "1924-02-30"', 3,
        "annotation 'ex-lenin-death'", "date: '1924-02-30' is not a day of the calendar",
    ),
    "not-iso": (
        "register/glossary.toml", 'date = "1927"', 'date = "1927년"', 15, "entry 'platform'",
        "date = '1927년': not a date: write 1924, 1924-01 or 1924-01-21 (Gregorian calendar)",
    ),
    "backwards": (
        "annotations/b.toml", 'date = "1927-12-02/1927-12-19"', 'date = "1927-12-19/1927-12-02"',
        3, "annotation 'ex-fifteenth-congress'", "date: '1927-12-19/1927-12-02' ends before it",
    ),
    "without-event": (
        "register/glossary.toml", 'event = "반대파의 정강이 작성되다"\n', "", 15,
        "entry 'platform'", "date needs 'event' too: give both, or neither",
    ),
    "event-two-lines": (
        "annotations/a.toml", 'event = "레닌이 죽다"', 'event = """레닌이\n죽다"""', 4,
        "annotation 'ex-lenin-death'",
        "event = '레닌이\\n죽다': write the event in one line (no line breaks)",
    ),
    "unverified": (
        "annotations/b.toml", 'kind = "explanatory"\nquote = "다시',
        'date = "1927"\nevent = "다시 읽다"\nkind = "explanatory"\nquote = "다시', 15,
        "annotation 'ex-undated'", "date: only a reviewed record stands in the chronology",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_date_stops_the_build_at_its_line(case, root, make_app):
    name, old, new, line, record, message = BAD[case]
    edit(root / name, old, new)
    app = make_app("html", srcdir=root, freshenv=True)
    assert_stops_at(app, name, line, record, message, "back/chronology.html")


def test_the_page_is_written_again_when_a_date_changes(root, make_app):
    app = build(make_app, root)
    edit(root / "annotations" / "a.toml", 'date = "1924-01-21"', 'date = "1924-01"')
    app = make_app("html", srcdir=root)
    app.build()
    heads = [h.get_text(" ", strip=True) for h in page(app).select(".edition-chronology-head")]
    assert "1924년 1월 레닌이 죽다" in heads
    assert heads.index("1924년 1월 레닌이 죽다") < heads.index("1924년 1월 16–18일 제13차 당협의회")


# -- The real edition ---------------------------------------------------------------------------


def dated_records() -> list[tuple[str, str]]:
    """(anchor of the event, date) of every dated record of the real edition."""
    notes = [(f"e-{n.id}", n.date) for n in edition_annotations() if n.date]
    path = PROJECT / "source" / "register" / "glossary.toml"
    entries = [(f"e-{e.id}", e.date) for e in register.load("glossary", path)[0] if e.date]
    return notes + entries


@pytest.mark.edition
def test_every_dated_record_of_the_edition_is_on_the_page_once_in_order(edition_html):
    records = dated_records()
    assert len(records) >= 100
    soup = BeautifulSoup(
        (edition_html / "back" / "chronology.html").read_text(encoding="utf-8"), "html.parser"
    )
    shown = [e["id"] for e in soup.select("li.edition-chronology-event")]
    assert sorted(shown) == sorted(anchor for anchor, _date in records)  # each once
    by_anchor = dict(records)
    keys = [dates.parse(by_anchor[anchor]).key for anchor in shown]
    assert keys == sorted(keys)
    first, last = dates.parse(by_anchor[shown[0]]), dates.parse(by_anchor[shown[-1]])
    assert first.start[0] >= 1917 and (last.end or last.start)[0] <= 1940
    for event in soup.select("li.edition-chronology-event"):
        places = event.select(".edition-chronology-places a")
        assert places and places[0].get_text().startswith("¶"), event["id"]
        assert places[-1]["href"].split("#")[1] in (f"n-{event['id'][2:]}", f"g-{event['id'][2:]}")
        assert event.select(".edition-chronology-sources .edition-note-source"), event["id"]


@pytest.mark.edition
@pytest.mark.parametrize("width", [360, 800, 1100, 1366])
def test_the_timeline_fits_every_screen(browser, edition_html, width):
    page = open_page(browser, (edition_html / "back" / "chronology.html").as_uri(), width)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    label = page.locator("#y-1924").bounding_box()
    events = page.locator("#y-1924 + ol.edition-chronology-events").bounding_box()
    if width > 640:  # the year beside its events, left of the axis
        assert label["x"] + label["width"] <= events["x"]
    else:  # the year above its events
        assert label["y"] + label["height"] <= events["y"]
    assert events["x"] + events["width"] <= width
    page.close()
