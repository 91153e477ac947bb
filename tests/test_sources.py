"""Sources: the bilingual bibliography style, the check that every quotation has a source,
the report (출처 현황) and the grouped bibliography page (참고문헌)."""

from __future__ import annotations

import shutil

import pybtex.database
import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT, plain, sphinx_build
from critical_edition import bibstyle
from critical_edition.datafiles import DataError

bibstyle.register_plugin("pybtex.style.sorting", "edition", bibstyle.EditionSorting)

BIB = """\
@book{ru-work,
  author        = {Trotsky, Leon},
  title         = {The New Course},
  titlekorean   = {새로운 방침},
  titlerussian  = {Новый курс},
  titletranslit = {Novyi kurs},
  origpublisher = {Красная новь},
  origyear      = {1924},
  keywords      = {trotsky},
  verification  = {partial},
}
@article{piece,
  title        = {Should Trotsky Have Made a Bloc with Zinoviev in 1924?},
  journal      = {Workers Vanguard},
  number       = {369},
  year         = {1984},
  month        = dec,
  day          = {21},
  titlekorean  = {트로츠키는 1924년에 지노비에프와 연합을 맺었어야 했는가?},
  verification = {verified},
}
"""


@pytest.fixture(scope="module")
def entries():
    return pybtex.database.parse_string(BIB, "bibtex").entries


def rendered(entry, locator=None) -> str:
    return bibstyle.EditionStyle().entry_text(entry, locator).render_as("text")


def test_korean_title_comes_first_then_the_original_and_the_russian(entries):
    text = rendered(entries["ru-work"])
    assert text.startswith("『새로운 방침』 — Trotsky, Leon, The New Course.")
    assert "러시아어: Новый курс (Novyi kurs), 초판 Красная новь, 1924." in text


def test_missing_publisher_and_year_are_left_out_not_invented(entries):
    text = rendered(entries["ru-work"])
    assert "None" not in text and "[" not in text.replace("[서지 일부 미확인]", "")
    assert text.endswith("[서지 일부 미확인]")  # verification = partial


def test_a_piece_in_a_periodical_has_a_korean_date(entries):
    text = rendered(entries["piece"])
    assert text.startswith("「트로츠키는 1924년에 지노비에프와 연합을 맺었어야 했는가?」 — ")
    assert "Workers Vanguard, 369호. 1984년 12월 21일." in text
    assert "미확인" not in text


def test_the_locator_follows_the_imprint_and_nothing_is_added_without_one(entries):
    with_locator = rendered(entries["piece"], "답변 편지")
    assert with_locator.endswith("1984년 12월 21일, 답변 편지.")
    assert "쪽" not in rendered(entries["piece"])  # no page is ever made up


# -- The check: every quotation has a source --------------------------------------------------


@pytest.fixture
def root(tmp_path, rootdir):
    srcdir = tmp_path / "apparatus"
    shutil.copytree(rootdir / "test-apparatus", srcdir)
    return srcdir


def test_a_quotation_without_source_fails_the_build_with_its_place(root, make_app):
    (root / "quotation-marks.toml").unlink()
    app = make_app("html", srcdir=root, freshenv=True)
    with pytest.raises(DataError, match="1 quotation"):
        app.build()
    warnings = plain(app.warning.getvalue())
    assert "text/a.rst:6: ERROR: quotation without a source: “혁명은 계속되어야 한다”" in warnings
    assert "annotations/a.toml" in warnings and "quotation-marks.toml" in warnings
    assert not (app.outdir / "text" / "a.html").exists()


def test_a_block_quotation_without_source_fails(root, make_app):
    path = root / "annotations" / "a.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[annotation]]\nid = "src-lenin"')
    end = text.index("[[annotation]]", start + 1)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    app = make_app("html", srcdir=root, freshenv=True)
    with pytest.raises(DataError):
        app.build()
    assert 'block quotation without a source: “"인용된 문단이다."”' in plain(app.warning.getvalue())


def test_a_listed_mark_that_matches_nothing_is_an_error(root, make_app):
    marks = root / "quotation-marks.toml"
    marks.write_text(
        marks.read_text(encoding="utf-8") + '\n[[mark]]\ntext = "없는 말"\nuse = "scare"\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=root, freshenv=True)
    with pytest.raises(DataError):
        app.build()
    # the form of every data file's messages: file:line: ERROR: record: message
    assert "quotation-marks.toml:8: ERROR: mark '없는 말': matches no quotation mark" in plain(
        app.warning.getvalue()
    )


def test_a_mark_with_an_unknown_use_is_an_error(root, make_app):
    (root / "quotation-marks.toml").write_text(
        '[[mark]]\ntext = "혁명은 계속되어야 한다"\nuse = "quote"\n', encoding="utf-8"
    )
    app = make_app("html", srcdir=root, freshenv=True)
    with pytest.raises(DataError):
        app.build()
    assert (
        "quotation-marks.toml:3: ERROR: mark '혁명은 계속되어야 한다': use = 'quote' is not "
        "allowed; use one of 'term'"
    ) in plain(app.warning.getvalue())


def test_a_malformed_bib_file_fails_the_strict_build_and_names_it(root, tmp_path):
    (root / "refs.bib").write_text(
        "@book{lenin-cw33,\n  title = {Collected Works\n", encoding="utf-8"
    )
    result = sphinx_build("html", root, tmp_path / "out", "-c", str(root))
    assert result.returncode != 0
    assert "refs.bib:1: ERROR: entry 'lenin-cw33': unbalanced braces" in plain(result.stderr)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "//evil"])
def test_a_bib_url_that_is_not_http_is_refused_and_never_a_link(url, root, tmp_path):
    bib = root / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("@book{lenin-cw33,", f"@book{{lenin-cw33,\n  url = {{{url}}},"))
    result = sphinx_build("html", root, tmp_path / "out", "-c", str(root))
    assert result.returncode != 0
    assert f"refs.bib:2: ERROR: entry 'lenin-cw33': url '{url}' is not allowed" in plain(
        result.stderr
    )
    assert not (tmp_path / "out" / "text" / "a.html").exists()
    # The style itself never makes such an address a link.
    from pybtex.database import parse_string

    entry = parse_string(bib.read_text(encoding="utf-8"), "bibtex").entries["lenin-cw33"]
    rendered = bibstyle.EditionStyle().entry_text(entry).render_as("html")
    assert "href" not in rendered


def test_an_unknown_key_in_a_source_note_is_named(root, make_app):
    path = root / "annotations" / "a.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('key = "lenin-cw33"', 'key = "nowhere-1999"'),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=root, freshenv=True)
    with pytest.raises(DataError):
        app.build()
    assert "annotation 'src-lenin': unknown bib key 'nowhere-1999'" in plain(app.warning.getvalue())


# -- The real edition -------------------------------------------------------------------------


def page(edition_html, name: str) -> BeautifulSoup:
    return BeautifulSoup((edition_html / name).read_text(encoding="utf-8"), "html.parser")


def test_the_report_lists_no_quotation_without_a_source(edition_html):
    report = page(edition_html, "back/sources-report.html")
    rows = report.select("table.edition-sources-report tbody tr")
    assert len(rows) > 200  # every quotation mark, citation and block quotation
    assert not report.select("tr.edition-unsourced")
    assert "출처 없음: 0" in report.get_text()
    statuses = [row.select("td")[-1].get_text(strip=True) for row in rows]
    assert all(s.startswith(("출처 있음", "인용 아님")) for s in statuses)
    blocks = [row for row in rows if row.select("td")[1].get_text(strip=True) == "블록 인용"]
    assert len(blocks) == 17  # each block quotation (with its attribution line) once
    assert all(row.select("td")[3].select("a") for row in blocks)  # a link to its source note


def test_every_source_note_gives_its_work_and_the_articles_locator(edition_html):
    part = page(edition_html, "text/00-opening.html")
    note = part.select_one("#n-src-lenin-political-report-1922")
    text = note.get_text(" ", strip=True)
    assert "『전집33권』" in text and "Collected Works" in text
    assert '"러시아 공산당 (볼셰비키) 중앙위원회 정치보고", 1922년 3월 27일' in text


def test_the_bibliography_is_grouped_and_lists_every_entry(edition_html):
    bibliography = page(edition_html, "back/bibliography.html")
    headings = [h.get_text(strip=True).rstrip("#") for h in bibliography.select("h2, h3")]
    for group in (
        "레닌",
        "트로츠키",
        "그 밖의 1차 사료",
        "국제공산주의동맹(ICL)의 간행물",
        "연구 문헌",
    ):
        assert group in headings
    assert "편집자가 참고한 자료" in headings
    items = bibliography.select("li")
    keys = set()
    for name in ("cited.bib", "article.bib", "editors.bib"):
        keys |= set(pybtex.database.parse_file(PROJECT / "bib" / name).entries)
    assert len([li for li in items if "—" in li.get_text() or "." in li.get_text()]) >= len(keys)
    text = bibliography.get_text()
    assert "『무장하지 않은 예언자』 — Deutscher, Isaac, The Prophet Unarmed" in text
    assert "러시아어: Моя жизнь" in text


def test_works_the_article_cites_and_works_the_editors_cite_are_kept_apart():
    cited = pybtex.database.parse_file(PROJECT / "bib" / "cited.bib").entries
    editors = pybtex.database.parse_file(PROJECT / "bib" / "editors.bib").entries
    assert not set(cited) & set(editors)
    assert all(
        e.fields["keywords"] in {"lenin", "trotsky", "primary", "icl", "secondary"}
        for e in cited.values()
    )
    assert all(e.fields.get("keywords") == "editors" for e in editors.values())
    assert all(e.fields.get("titlekorean") for e in cited.values())


def test_a_citation_right_after_a_sourced_quotation_is_sourced_by_it(root, make_app):
    """``"…"고 말했다(전집33권)``: the note on the quotation sources its citation too."""
    text = root / "text" / "a.rst"
    text.write_text(
        text.read_text(encoding="utf-8").replace('한다"고 말했다.', '한다"고 말했다(전집33권).'),
        encoding="utf-8",
    )
    (root / "quotation-marks.toml").unlink()
    annotations = root / "annotations" / "a.toml"
    annotations.write_text(
        annotations.read_text(encoding="utf-8")
        + '\n[[annotation]]\nid = "src-revolution"\nkind = "source"\n'
        'quote = "혁명은 계속되어야 한다"\n'
        'sources = [{ key = "lenin-cw33" }]\nauthors = ["편집부"]\ncreated = 2026-11-24\n'
        'verification = "work"\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=root, freshenv=True)
    app.build()
    assert "without a source" not in plain(app.warning.getvalue())
    from critical_edition.domain import get_domain

    found = {(q.kind, q.text): q.sources for q in get_domain(app.env).quotations["text/a"]}
    assert found["quote", "혁명은 계속되어야 한다"] == ("src-revolution",)
    assert found["reference", "(전집33권)"] == ("src-revolution",)


def test_a_citation_far_from_any_quotation_needs_its_own_source(root, make_app):
    text = root / "text" / "a.rst"
    text.write_text(
        text.read_text(encoding="utf-8").replace(
            "반대파는 패배했다.", "반대파는 1927년 말에 당에서 쫓겨나 마침내 패배했다(전집33권)."
        ),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=root, freshenv=True)
    with pytest.raises(DataError):
        app.build()
    assert "text/a.rst:4: ERROR: reference without a source: (전집33권)" in plain(
        app.warning.getvalue()
    )
