"""The critical apparatus: standoff annotations anchored, rendered and listed in every builder."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import rebuild, status_of


def soup_of(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup(
        (app.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser"
    )


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True)
def test_emendation_shows_corrected_reading_and_keeps_the_witness(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = soup_of(app, "text/a")
    emendation = soup.select_one('.edition-emendation[data-note="n-em-aesseotda"]')
    assert emendation.select_one(":scope > .edition-corrected").get_text() == "애썼다"
    assert emendation.select_one(":scope > .edition-witness").get_text() == "애써다"
    note = soup.select_one("#n-em-aesseotda")
    assert "edition-kind-emendation" in note["class"]
    assert note.select_one(".edition-app").get_text() == "애썼다애써다저본"
    assert note.select_one(".edition-note-p").get_text() == "받침 ㅆ이 빠졌다."


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True)
def test_two_series_lettered_and_numbered_with_links_both_ways(app):
    app.build()
    soup = soup_of(app, "text/a")
    markers = [
        (m["id"], m["href"], m.get_text(), m["class"][1])
        for m in soup.select("a.edition-note-marker")
    ]
    assert markers == [
        ("r-ex-opposition", "#n-ex-opposition", "a", "edition-series-editorial"),
        ("r-em-aesseotda", "#n-em-aesseotda", "b", "edition-series-editorial"),
        ("r-em-kkaedatji", "#n-em-kkaedatji", "c", "edition-series-editorial"),
        ("r-src-lenin", "#n-src-lenin", "1", "edition-series-source"),
    ]
    for marker_id, href, label, _series in markers:
        note = soup.select_one(href)
        assert note.select_one("a.edition-note-label")["href"] == f"#{marker_id}"
        assert note.select_one("a.edition-note-label").get_text() == label
        assert note.select_one("a.edition-note-permalink")["href"] == href
    # part B starts its own letters
    assert [m.get_text() for m in soup_of(app, "text/b").select("a.edition-note-marker")] == ["a"]


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True)
def test_note_body_keeps_every_paragraph_and_inline_markup(app):
    app.build()
    note = soup_of(app, "text/a").select_one("#n-ex-opposition")
    paragraphs = note.select(".edition-note-p")
    assert [p.get_text() for p in paragraphs] == [
        "좌익반대파를 말한다.",
        "둘째 문단에는 강조와 링크가 있다.",
        "같은 일은 ¶5에서, 인용은 ¶3에서 다시 본다.",
    ]
    assert paragraphs[1].select_one("em").get_text() == "강조"
    assert paragraphs[1].select_one("a")["href"] == "https://example.org/"
    assert note.select_one(".edition-note-kind").get_text() == "해설"
    assert note.select_one(".edition-note-status").get_text() == "미확인"
    # ¶N is a link to the paragraph, in whichever part holds it
    links = [(a.get_text(), a["href"]) for a in paragraphs[2].select("a")]
    assert links == [("¶5", "b.html#p-5"), ("¶3", "#p-3")]
    lemma = soup_of(app, "text/a").select_one('.edition-lemma[data-note="n-ex-opposition"]')
    assert lemma.get_text() == "반대파"


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True)
def test_source_note_gives_the_entry_and_the_locator(app):
    app.build()
    note = soup_of(app, "text/a").select_one("#n-src-lenin")
    source = note.select_one(".edition-note-source").get_text()
    assert "Collected Works" in source
    assert "Progress Publishers" in source
    assert source.endswith("Moscow: Progress Publishers, 1965년, 1922년 3월 27일.")
    status = note.select_one(".edition-note-status")
    assert status.get_text() == "저작만 확인"  # verification = "work"
    assert "문구는 확인하지 못했다" in status["title"]


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True)
def test_list_of_corrections(app):
    app.build()
    rows = soup_of(app, "back/corrections").select("table.edition-corrections tbody tr")
    cells = [[td.get_text() for td in row.select("td")] for row in rows]
    assert cells == [
        ["1", "애써다", "애썼다", "b"],
        ["2", "깨닫기", "깨닫지", "c"],
        ["4", "계혹해서", "계속해서", "a"],
    ]
    links = [a["href"] for a in rows[2].select("a")]
    assert links == ["../text/b.html#p-4", "../text/b.html#n-em-gyesokhaeseo"]


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True, parallel=2)
def test_parallel_build_anchors_the_same(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert len(soup_of(app, "text/a").select(".edition-note")) == 4
    assert len(soup_of(app, "back/corrections").select("tbody tr")) == 3


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True, copy_test_root=True)
def test_changing_one_annotation_rereads_only_its_part(app):
    app.build()
    path = app.srcdir / "annotations" / "b.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"계속해서"', '"계속하여"'),
        encoding="utf-8",
    )
    rebuild(app)
    status = status_of(app)
    assert "1 changed" in status
    assert re.findall(r"reading sources\.\.\. \[ *\d+%\] (\S+)", status) == ["text/b"]
    # the list of corrections is written again, not re-read
    written = re.findall(r"writing output\.\.\. \[ *\d+%\] (\S+)", status)
    assert "back/corrections" in written
    assert "text/a" not in written
    assert "계속하여" in soup_of(app, "text/b").select_one("#n-em-gyesokhaeseo").get_text()
    rows = soup_of(app, "back/corrections").select("tbody tr")
    assert rows[2].select("td")[2].get_text() == "계속하여"


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True, copy_test_root=True)
def test_a_new_annotation_file_is_read(app):
    (app.srcdir / "annotations" / "b.toml").unlink()
    app.build()
    assert soup_of(app, "text/b").select(".edition-note") == []
    (app.srcdir / "annotations" / "b.toml").write_text(
        '[[annotation]]\nid = "x-second"\nkind = "explanatory"\nquote = "둘째"\n'
        'body = "설명."\nauthors = ["편집부"]\ncreated = 2026-11-24\nverification = "unverified"\n',
        encoding="utf-8",
    )
    app.build()
    assert [n["id"] for n in soup_of(app, "text/b").select(".edition-note")] == ["n-x-second"]


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True, copy_test_root=True)
def test_unchanged_rebuild_writes_nothing(app):
    app.build()
    rebuild(app)
    assert "0 added, 0 changed, 0 removed" in status_of(app)
    assert not re.search(r"writing output\.\.\. \[", status_of(app))


@pytest.mark.sphinx("latex", testroot="apparatus", freshenv=True)
def test_latex_two_footnote_series_and_apparatus_entries(app):
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "apparatus.tex").read_text(encoding="utf-8")
    assert r"\edmark{E}{a}{\detokenize{text/a:r-ex-opposition}}" in tex
    assert r"\ednote{E}{b}{\detokenize{text/a:n-em-aesseotda}}" in tex
    assert r"\edapp{\edlemma{애썼다}\edbracket{}애써다}받침 ㅆ이 빠졌다." in tex
    assert r"\ednote{S}{1}{\detokenize{text/a:n-src-lenin}}{\edsource{" in tex
    assert r"\edkind{해설}" in tex and r"\edverification{미확인}" in tex
    assert r"\edverification{저작만 확인}" in tex  # every source note says what was checked
    # ¶N in a note: a link to the paragraph, and its page
    assert r"\hyperref[\detokenize{text/b:p-5}]" in tex
    assert r"\edpageref{\detokenize{text/b:p-5}}" in tex
    # the text prints the corrected reading only
    assert "위해 {애썼다}" in tex
    assert "위해 애써다" not in tex
    # the list of corrections is a table
    assert "계혹해서" in tex.split(r"\chapter{Corrections}")[1]


@pytest.mark.sphinx("text", testroot="apparatus", freshenv=True)
def test_text_builder_notes_in_brackets(app):
    app.build()
    text = " ".join((app.outdir / "text" / "a.txt").read_text(encoding="utf-8").split())
    assert "위해 애썼다 [b: 애썼다] 애써다 저본. 받침 ㅆ이 빠졌다. ]" in text
    assert "위해 애써다" not in text
