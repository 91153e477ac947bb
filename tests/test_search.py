"""Korean search, index side: what the Korean search language puts in the search index."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import status_of
from critical_edition.search_ko.cache import FILENAME
from critical_edition.search_ko.ranks import ELEMENT_ID, page_terms
from critical_edition.search_ko.terms import Token, index_terms, noun_runs
from docutils import nodes
from sphinx.search import js_index

ALIAS_WARNING = re.compile(r"WARNING: search alias .*\[edition\.search_alias\]")


def search_index(app) -> dict:
    return js_index.loads((app.outdir / "searchindex.js").read_text(encoding="utf-8"))


def pages_of(app, word: str) -> set[str]:
    """The parts (``text/…``) in which the index finds ``word``, in the text or in a title."""
    index = search_index(app)
    docs: set[str] = set()
    for mapping in (index["terms"], index["titleterms"]):
        found = mapping.get(word, [])
        docs.update(index["docnames"][i] for i in ([found] if isinstance(found, int) else found))
    return {docname for docname in docs if docname.startswith("text/")}


def token(form: str, tag: str, start: int, lemma: str = "") -> Token:
    return Token(form, tag, start, start + len(form), lemma or form)


def test_rules_runs_parts_and_plural():
    # 좌익반대파들은 농민 — as the analyser cuts it
    tokens = [
        token("좌익", "NNG", 0),
        token("반대파", "NNG", 2),
        token("들", "XSN", 5),
        token("은", "JX", 6),
        token("농민", "NNG", 8),
    ]
    assert [[t.form for t in run] for run in noun_runs(tokens)] == [["좌익", "반대파"], ["농민"]]
    terms = index_terms(tokens, analyse=lambda head: [token("반대", "NNG", 0)])
    assert terms == ["좌익반대파", "좌익", "반대파", "반대", "농민"]


def test_rules_prefix_verbs_and_foreign_words():
    tokens = [
        token("반", "XPN", 0),
        token("혁명", "NNG", 1),
        token("이끌", "VV", 4, "이끌다"),
        token("었", "EP", 6),
        token("다", "EF", 7),
        token("NEP", "SL", 9),
        token("1923", "SN", 13),
    ]
    assert index_terms(tokens, analyse=lambda head: []) == ["반혁명", "혁명", "이끌다", "nep"]


def test_rules_count_every_occurrence():
    # 트로츠키는 좌익반대파와 … 트로츠키가 좌익반대파를: terms once per occurrence, for ranking
    tokens = [
        token("트로츠키", "NNP", 0),
        token("는", "JX", 4),
        token("좌익", "NNG", 6),
        token("반대파", "NNG", 8),
        token("트로츠키", "NNP", 12),
        token("가", "JKS", 16),
        token("좌익", "NNG", 18),
        token("반대파", "NNG", 20),
    ]
    terms = index_terms(tokens, analyse=lambda head: [])
    assert terms.count("트로츠키") == terms.count("좌익반대파") == terms.count("반대파") == 2


def test_page_terms_count_what_the_index_reads():
    page = nodes.document(None, None)
    page += nodes.paragraph("", "레닌 레닌")
    page += nodes.paragraph("", "레닌", classes=["no-search"])
    page += nodes.comment("", "레닌")
    assert page_terms(page, str.split) == {"레닌": 2}


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_search_page_carries_ranks_scorer_and_messages(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "search.html").read_text(encoding="utf-8"), "html.parser")
    ranks = json.loads(soup.select_one(f"script#{ELEMENT_ID}[type='application/json']").string)
    assert ranks["pages"] == ["index", "text/a", "text/b"]  # reading order
    assert [ranks["pages"][i] for i in ranks["parts"]] == ["text/a", "text/b"]
    # 트로츠키 occurs once in text/a (¶) and twice in text/b; counts of 1 are left out
    assert ranks["hits"]["트로츠키"] == "2:2"
    language_data = (app.outdir / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "var Scorer = {" in language_data and "Scorer.ranks()" in language_data
    script = soup.select_one('script[src^="_static/edition-search.js"]')
    # The root has no catalogue of its own, and Sphinx's Korean one leaves the result count
    # empty: only the edition's catalogue supplies it (test_search_browser checks it).
    messages = json.loads(script["data-messages"])
    assert not [m for m in messages if m.startswith("Search finished")], messages


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_index_holds_words_without_particles(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert "dumping search index in Korean (code: ko)" in status_of(app)
    assert pages_of(app, "트로츠키") == {"text/a", "text/b"}
    for surface in ("트로츠키는", "트로츠키가", "레닌은", "농민들", "이끌었다"):
        assert pages_of(app, surface) == set(), surface
    assert pages_of(app, "레닌") == pages_of(app, "혁명") - {"text/b"} == {"text/a"}
    assert pages_of(app, "이끌다") == {"text/a"}
    assert pages_of(app, "1923년") == {"text/a"}
    assert pages_of(app, "농민") == {"text/b"}
    assert pages_of(app, "nep") == {"text/b"}


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_compound_nouns_are_found_by_their_parts(app):
    app.build()
    for part in ("좌익반대파", "좌익"):
        assert pages_of(app, part) == {"text/a"}, part
    assert pages_of(app, "반대파") == {"text/a", "text/b"}
    for part in ("영구혁명론", "영구혁명", "혁명론", "영구"):
        assert pages_of(app, part) == {"text/b"}, part
    assert pages_of(app, "트로츠키주의자") == {"text/b"}


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_original_names_find_the_korean_passages(app):
    app.build()
    assert pages_of(app, "zinoviev") == pages_of(app, "зиновьев") == {"text/a"}
    assert pages_of(app, "troika") == {"text/a"}  # 3자 동맹: both words of the form
    assert pages_of(app, "kuomintang") == {"text/b"}
    assert pages_of(app, "kamenev") == {"text/a"}  # supplied through the event
    soup = BeautifulSoup((app.outdir / "search.html").read_text(encoding="utf-8"), "html.parser")
    script = soup.select_one('script[src^="_static/edition-search.js"]')
    assert script.has_attr("defer")
    aliases = json.loads(script["data-aliases"])
    assert aliases["zinoviev"] == aliases["зиновьев"] == ["지노비에프"]
    assert aliases["troika"] == ["3자 동맹", "트로이카"]
    assert aliases["kamenev"] == ["카메네프"]


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_search_assets_only_on_the_search_page(app):
    app.build()
    language_data = (app.outdir / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "var Stemmer = function" in language_data and "PARTICLES" in language_data
    assert (app.outdir / "_static" / "edition-search.js").exists()
    assert "search-ko.css" in (app.outdir / "search.html").read_text(encoding="utf-8")
    page = (app.outdir / "text" / "a.html").read_text(encoding="utf-8")
    assert "edition-search.js" not in page and "search-ko.css" not in page


@pytest.mark.sphinx(
    "html",
    testroot="search",
    freshenv=True,
    confoverrides={"edition_search_aliases": {"Trotsky": [], "Lenin": "레닌"}},
)
def test_malformed_alias_is_reported_and_dropped(app):
    app.build()
    warnings = app.warning.getvalue()
    assert len(ALIAS_WARNING.findall(warnings)) == 1, warnings
    assert "'Trotsky'" in warnings and "conf.py" in warnings
    assert pages_of(app, "trotsky") == set()
    assert pages_of(app, "lenin") == {"text/a"}


@pytest.mark.sphinx("html", testroot="search", freshenv=True, parallel=2)
def test_parallel_build_indexes_the_same(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert pages_of(app, "트로츠키") == {"text/a", "text/b"}
    assert pages_of(app, "zinoviev") == {"text/a"}


@pytest.mark.sphinx("html", testroot="search", freshenv=True, copy_test_root=True)
def test_unchanged_text_is_not_analysed_again(app, make_app):
    cache = app.doctreedir / FILENAME
    cache.unlink(missing_ok=True)  # test roots share their build directory
    app.build()
    assert re.search(r"search: analysed \d+ new texts", status_of(app))
    assert cache.exists()

    # A fresh environment reads and indexes every page again; the texts are in the cache.
    again = make_app("html", srcdir=app.srcdir, freshenv=True)
    again.build()
    assert "search: analysed" not in status_of(again)
    assert pages_of(again, "트로츠키") == {"text/a", "text/b"}

    # One changed paragraph: only its text is analysed.
    part_a = app.srcdir / "text" / "a.rst"
    part_a.write_text(
        part_a.read_text(encoding="utf-8").replace("레닌은", "부하린은"), encoding="utf-8"
    )
    changed = make_app("html", srcdir=app.srcdir)
    changed.build()
    assert "search: analysed 1 new texts" in status_of(changed)
    assert pages_of(changed, "부하린") == {"text/a"}
    assert pages_of(changed, "레닌") == set()
