"""Paragraph numbers: continuous through the text documents, anchored, in every builder."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import rebuild, status_of


def numbered(app, docname):
    html = (app.outdir / f"{docname}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    return [
        (p["id"], p.select_one("a.edition-pnum").get_text(), p.get_text())
        for p in soup.select("p.edition-numbered")
    ]


@pytest.mark.sphinx("html", testroot="numbering", freshenv=True)
def test_numbers_continue_across_documents(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert [n for _id, n, _t in numbered(app, "text/a")] == ["1", "2", "3", "4"]
    assert [n for _id, n, _t in numbered(app, "text/b")] == ["5", "6"]
    assert numbered(app, "text/b")[0] == ("p-5", "5", "5First paragraph of B.")
    assert numbered(app, "index") == []


@pytest.mark.sphinx("html", testroot="numbering", freshenv=True)
def test_masthead_and_attributions_are_not_numbered(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "text/b.html").read_text(encoding="utf-8"), "html.parser")
    assert "edition-numbered" not in soup.select_one("p.kicker")["class"]
    assert "edition-numbered" not in soup.select_one("p.issue-line")["class"]
    attribution = soup.select_one("blockquote p.attribution")
    assert attribution.get_text() == "Author without dash, 1940"
    soup = BeautifulSoup((app.outdir / "text/a.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("p.attribution").get_text() == '- Author, "A work", 1923'
    assert not soup.select("section ul")


@pytest.mark.sphinx("html", testroot="numbering", freshenv=True, parallel=2)
def test_parallel_build_numbers_the_same(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert [n for _id, n, _t in numbered(app, "text/b")] == ["5", "6"]


@pytest.mark.sphinx("html", testroot="numbering", freshenv=True, copy_test_root=True)
def test_renumbering_rewrites_later_documents_without_rereading_them(app):
    app.build()
    part_a = app.srcdir / "text" / "a.rst"
    part_a.write_text(
        part_a.read_text(encoding="utf-8").replace(
            "Second paragraph of A.", "Second paragraph of A.\n\nAn added paragraph."
        ),
        encoding="utf-8",
    )
    rebuild(app)
    status = status_of(app)
    assert re.search(r"reading sources\.\.\. \[100%\] text/a", status)
    assert "text/b\n" not in status.split("writing output")[0]  # b is not read again…
    assert [n for _id, n, _t in numbered(app, "text/b")] == ["6", "7"]  # …but renumbered


@pytest.mark.sphinx("html", testroot="numbering", freshenv=True, copy_test_root=True)
def test_unchanged_rebuild_writes_nothing(app):
    app.build()
    rebuild(app)
    assert "0 added, 0 changed, 0 removed" in status_of(app)
    assert not re.search(r"writing output\.\.\. \[", status_of(app))


@pytest.mark.sphinx("latex", testroot="numbering", freshenv=True)
def test_latex_margin_numbers_targets_and_masthead(app):
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "numbering.tex").read_text(encoding="utf-8")
    assert r"\edpnum{\phantomsection\label{\detokenize{text/a:p-1}}}{1}" in tex
    assert r"\edpnum{\phantomsection\label{\detokenize{text/b:p-6}}}{6}" in tex
    assert '\\begin{edattribution}\n\\sphinxhyphen{} Author, "A work", 1923' in tex
    # the kicker stays with its title: after \chapter{Part B}, not at the end of Part A
    chapter_b = tex.index(r"\chapter{Part B}")
    assert tex.index(r"\begin{sphinxuseclass}{kicker}") > chapter_b
    assert tex.index(r"\begin{sphinxuseclass}{issueline}") > chapter_b
    assert (app.outdir / "edition.sty").exists()


@pytest.mark.sphinx("text", testroot="numbering", freshenv=True)
def test_text_builder(app):
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / "text" / "b.txt").read_text(encoding="utf-8")
    assert "[5] First paragraph of B." in text
    assert "Author without dash, 1940" in text
