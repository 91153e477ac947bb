"""How the data files reach the edition: a broken file stops the build at its line, the
sources report shows what the data says, an edited or deleted file rebuilds what shows it,
and the registers reach print."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import edit, plain, rebuild, status_of
from sphinx.errors import SphinxError  # the edition's own error is one


def soup_of(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup(
        (app.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser"
    )


def read_in(app) -> list[str]:
    """The documents the last build read."""
    return re.findall(r"reading sources\.\.\. \[ *\d+%\] (\S+)", status_of(app))


def written_in(app) -> list[str]:
    """The documents the last build wrote."""
    return re.findall(r"writing output\.\.\. \[ *\d+%\] (\S+)", status_of(app))


# -- TOML syntax errors in the shared data files ------------------------------------------------

TOML_ERRORS = {
    # root, file, what is broken, line of the error
    "glossary": (
        "register", "register/glossary.toml",
        ('definition = "트로츠키가 이끈', "definition = 트로츠키가 이끈"), 7,
    ),
    "persons": (
        "register", "register/persons.toml",
        ('[[person]]\nid = "stalin"', '[[person]\nid = "stalin"'), 32,
    ),
    "quotation-marks": (
        "apparatus", "quotation-marks.toml", ('use = "slogan"', 'use = "slogan'), 5,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", TOML_ERRORS)
def test_a_toml_syntax_error_names_the_file_and_line_and_nothing_is_written(
    case, tmp_path, rootdir, make_app
):
    testroot, name, (old, new), line = TOML_ERRORS[case]
    srcdir = tmp_path / testroot
    shutil.copytree(rootdir / f"test-{testroot}", srcdir)
    edit(srcdir / name, old, new)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    with pytest.raises(SphinxError):
        app.build()
    warnings = plain(app.warning.getvalue())
    reported = [w for w in warnings.splitlines() if "TOML syntax error" in w]
    assert len(reported) == 1, warnings
    assert f"{name}:{line}" in reported[0], warnings
    assert not (app.outdir / "text" / "a.html").exists()
    assert not (app.outdir / "text" / "b.html").exists()
    assert sorted(app.outdir.rglob("*.html")) == []


# -- The sources report ---------------------------------------------------------------------------


def report_rows(app) -> list[tuple]:
    """Each row of 출처 현황: ¶ and its link, kind, text, note links, status, evidence."""
    rows = []
    for row in soup_of(app, "back/sources").select("table.edition-sources-report tbody tr"):
        number, kind, text, notes, status = row.select("td")
        rows.append(
            (
                number.get_text(),
                number.a["href"],
                kind.get_text(),
                text.get_text(),
                [(a.get_text(), a["href"]) for a in notes.select("a")],
                status.p.get_text(),
                [p.get_text() for p in status.select("p.edition-evidence")],
            )
        )
    return rows


@pytest.mark.sphinx("html", testroot="sources", freshenv=True)
def test_the_sources_report_counts_and_lists_every_quotation_and_reference(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = soup_of(app, "back/sources")
    summary = page.select_one("table.edition-sources-report").find_previous_sibling("ul")
    assert [li.get_text(strip=True) for li in summary.select("li")] == [
        "출처가 있는 인용·출처 표시: 3",  # the block quotation, the quotation and its citation
        "그 가운데 문구 확인: 2",
        "그 가운데 저작만 확인: 1",
        "그 가운데 미확인: 0",
        "인용이 아닌 따옴표·괄호: 2",  # the slogan and the term
        "출처 없음: 0",
    ]
    evidence = ["1937년 영역본 9장에서 문구를 확인했다."]
    betrayed = [("1", "../text/b.html#n-src-betrayed")]
    assert report_rows(app) == [
        ("2", "../text/a.html#p-2", "인용", "혁명은 계속되어야 한다", [], "인용 아님: 구호", []),
        (
            "3", "../text/a.html#p-3", "블록 인용", '"인용된 문단이다."',
            [("1", "../text/a.html#n-src-lenin")], "출처 있음: 저작만 확인", [],
        ),
        ("4", "../text/b.html#p-4", "인용", "신노선", [], "인용 아님: 용어·명칭", []),
        (
            "5", "../text/b.html#p-5", "인용", "관료는 새로운 특권층이다",
            betrayed, "출처 있음: 문구 확인", evidence,
        ),
        (
            "5", "../text/b.html#p-5", "출처 표시", "(배반당한 혁명, 1937)",
            betrayed, "출처 있음: 문구 확인", evidence,
        ),
    ]  # fmt: skip
    assert not page.select("tr.edition-unsourced")
    # the labels are those of the notes they link to
    for docname, note in (("text/a", "n-src-lenin"), ("text/b", "n-src-betrayed")):
        label = soup_of(app, docname).select_one(f"#{note} a.edition-note-label")
        assert label.get_text() == "1"


# -- Rebuilds after editing the data files --------------------------------------------------------


def term_becomes_scare_quotes(app) -> None:
    edit(
        app.srcdir / "quotation-marks.toml",
        'text = "신노선"\nuse = "term"',
        'text = "신노선"\nuse = "scare"',
    )


@pytest.mark.sphinx("html", testroot="sources", freshenv=True, copy_test_root=True)
def test_editing_the_quotation_marks_rewrites_the_report(app):
    app.build()
    assert report_rows(app)[2][5] == "인용 아님: 용어·명칭"
    term_becomes_scare_quotes(app)
    rebuild(app)
    assert app.warning.getvalue() == ""
    assert "back/sources" in written_in(app)
    assert [row[5] for row in report_rows(app)] == [
        "인용 아님: 구호",
        "출처 있음: 저작만 확인",
        "인용 아님: 거리 두는 따옴표",
        "출처 있음: 문구 확인",
        "출처 있음: 문구 확인",
    ]
    assert "인용이 아닌 따옴표·괄호: 2" in soup_of(app, "back/sources").get_text()


@pytest.mark.sphinx("html", testroot="sources", freshenv=True, copy_test_root=True)
def test_editing_the_quotation_marks_rereads_no_text(app):
    app.build()
    term_becomes_scare_quotes(app)
    rebuild(app)
    assert [docname for docname in read_in(app) if docname.startswith("text/")] == []


def test_editing_a_bib_entry_rereads_only_the_part_that_cites_it(tmp_path, rootdir, make_app):
    """text/a cites lenin-cw33 in its source note; text/b has no source note.

    sphinxcontrib-bibtex parses the .bib files when the builder starts, so the second build
    is a new application on the same folders, as each ``make html`` (and each rebuild of
    sphinx-autobuild) is.
    """
    srcdir = tmp_path / "apparatus"
    shutil.copytree(rootdir / "test-apparatus", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert "Collected Works" in soup_of(app, "text/a").select_one("#n-src-lenin").get_text()
    assert soup_of(app, "text/b").select(".edition-note-source") == []
    app.cleanup()
    edit(srcdir / "refs.bib", "title = {Collected Works}", "title = {Selected Works}")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    assert read_in(app) == ["text/a"]
    assert "text/a" in written_in(app)
    assert "text/b" not in written_in(app)
    source = soup_of(app, "text/a").select_one("#n-src-lenin .edition-note-source").get_text()
    assert source.startswith("Lenin, V. I., Selected Works, 33권.")
    assert "Collected Works" not in source


@pytest.mark.sphinx("html", testroot="apparatus", freshenv=True, copy_test_root=True)
def test_a_deleted_annotation_file_takes_its_notes_and_corrections_away(app):
    app.build()
    assert "계혹해서" in soup_of(app, "back/corrections").select_one("tbody").get_text()
    (app.srcdir / "annotations" / "b.toml").unlink()
    rebuild(app)
    assert app.warning.getvalue() == ""
    assert "0 added, 1 changed, 0 removed" in status_of(app)
    assert read_in(app) == ["text/b"]
    assert "back/corrections" in written_in(app)
    part = soup_of(app, "text/b")
    assert part.select(".edition-note, .edition-note-marker, .edition-emendation") == []
    paragraph = part.select_one("#p-4")
    paragraph.select_one("a.edition-pnum").decompose()
    assert paragraph.get_text() == "계혹해서 싸웠다."  # the witness, as it is
    corrections = soup_of(app, "back/corrections")
    rows = corrections.select("table.edition-corrections tbody tr")
    assert [[td.get_text() for td in row.select("td")] for row in rows] == [
        ["1", "애써다", "애썼다", "b"],
        ["2", "깨닫기", "깨닫지", "c"],
    ]
    assert "계혹해서" not in corrections.get_text()


# -- The registers in print -----------------------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="register", freshenv=True)
def test_latex_register_index_entries_anchors_and_page_references(app):
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "register.tex").read_text(encoding="utf-8")
    # Every occurrence: an index entry under its initial consonant, an anchor, the word.
    trotsky = (
        r"\index{ㅌ@\spxentry{ㅌ}!트로츠키 (Leon Trotsky)@\spxentry{트로츠키}"
        r"\spxextra{Leon Trotsky}}"
    )
    assert trotsky + r"\phantomsection\label{\detokenize{text/a:t-trotsky-1}}트로츠키는" in tex
    assert trotsky + r"\phantomsection\label{\detokenize{text/a:t-trotsky-2}}트로츠키가" in tex
    assert trotsky + r"\phantomsection\label{\detokenize{text/b:t-trotsky-1}}레온 트로츠키의" in tex
    assert tex.count(trotsky) == 3
    assert (
        r"\index{기타@\spxentry{기타}!3자 동맹 (troika)@\spxentry{3자 동맹}\spxextra{troika}}"
        r"\phantomsection\label{\detokenize{text/a:t-troika-1}}3자 동맹은" in tex
    )
    assert r"\index{트로츠키" not in tex  # the web's entry, which makeindex cannot group
    # The register pages give the paragraph and the page of each place.
    persons = tex.split(r"\chapter{인명 색인}")[1].split(r"\chapter{용어집}")[0]
    assert (
        r"\sphinxstylestrong{나오는 곳: }"
        r"{\hyperref[\detokenize{text/a:p-1}]{\sphinxcrossref{\P{}1}}}"
        r"\edpageref{\detokenize{text/a:t-trotsky-1}}, "
        r"{\hyperref[\detokenize{text/b:p-3}]{\sphinxcrossref{\P{}3}}}"
        r"\edpageref{\detokenize{text/b:t-trotsky-1}}" in persons
    )
    pages = re.findall(r"\\edpageref\{(\\detokenize\{[^}]*\})\}", tex)
    labels = set(re.findall(r"\\label\{(\\detokenize\{[^}]*\})\}", tex))
    assert len(pages) == 8  # persons: 1 + 1 + 2 places; glossary: 1 + 1 + 2
    assert set(pages) <= labels
    # The previews (headword, original, dates, gist) are for the web only.
    text = tex.split(r"\chapter{Part A}")[1].split(r"\chapter{인명 색인}")[0]
    for preview in ("Лев Давидович Троцкий", "러시아 혁명가", "Левая оппозиция", "트로츠키가 이끈"):
        assert preview not in text
    assert tex.count("러시아 혁명가.") == 1  # on the persons page


# -- Configuration --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("edition_text_prefix", "text", "edition_text_prefix = 'text': name a folder"),
        ("edition_annotations_dir", "../elsewhere", "edition_annotations_dir = '../elsewhere'"),
        ("edition_register_dir", "/etc", "edition_register_dir = '/etc'"),
    ],
)
def test_a_configuration_the_edition_cannot_use_is_refused_at_once(
    option, value, message, rootdir, tmp_path, make_app
):
    from sphinx.errors import ConfigError

    srcdir = tmp_path / "apparatus"
    shutil.copytree(rootdir / "test-apparatus", srcdir)
    with pytest.raises(ConfigError, match=re.escape(message)):
        make_app("html", srcdir=srcdir, freshenv=True, confoverrides={option: value})
