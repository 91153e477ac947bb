"""Provenance: who wrote each note and entry and when, shown quietly on the web and on the
register pages but not in the PDF's footnotes; the 기여자 page from the data and from the git
history (or one sentence without it); bad provenance stops the build at its line; names are
text, escaped everywhere (the ``provenance`` root), and the real edition's page."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib

import pytest
from bs4 import BeautifulSoup
from conftest import (
    PROJECT,
    assert_stops_at,
    edit,
    edition_annotations,
    rebuild,
    status_of,
)
from critical_edition.contributors import KINDS
from critical_edition.provenance import date_range, label


def test_dates_are_written_as_the_edition_writes_them():
    assert date_range("2026-11-24", "2026-11-24") == "2026년 11월 24일"
    assert date_range("2026-11-24", "2026-11-26") == "2026년 11월 24–26일"
    assert date_range("2026-11-25", "2026-12-02") == "2026년 11월 25일–12월 2일"
    assert date_range("2025-12-31", "2026-01-02") == "2025년 12월 31일–2026년 1월 2일"
    assert label(["편집부"], "2026-11-24", None) == "편집부 · 2026년 11월 24일 작성"
    assert label(["가", "나"], "2026-11-24", "2026-11-24") == "가, 나 · 2026년 11월 24일 작성"


# -- The provenance root ------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path, rootdir):
    """A copy of the root, outside any git repository."""
    srcdir = tmp_path / "provenance"
    shutil.copytree(rootdir / "test-provenance", srcdir)
    return srcdir


def build(make_app, root, builder="html"):
    app = make_app(builder, srcdir=root, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    return app


def html(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


def provenance_of_notes(app) -> dict[str, str]:
    page = html(app, "text/a.html")
    lines = {}
    for note in page.select("span.edition-note"):
        line = note.select_one("span.edition-note-provenance")
        assert line.select_one("a.edition-note-permalink")["href"] == f"#{note['id']}"
        lines[note["id"]] = line.get_text().removesuffix("#")
    return lines


def provenance_of_entry(app, page: str, anchor: str) -> str:
    entry = html(app, page).select_one(f"#{anchor}").find_next_sibling("dd")
    return entry.select("p")[-1].get_text()


def contributors_rows(app) -> list[list[list[str]]]:
    """Each table of the 기여자 page, as rows of cell texts (head row first)."""
    page = html(app, "back/contributors.html")
    return [
        [[c.get_text(strip=True) for c in row.select("th, td")] for row in table.select("tr")]
        for table in page.select("table.edition-contributors")
    ]


def test_notes_and_entries_show_who_wrote_them_and_when(root, make_app):
    app = build(make_app, root)
    assert provenance_of_notes(app) == {
        "n-ex-opposition": "편집부 · 2026년 11월 24일 작성 · 2026년 11월 26일 수정",
        "n-em-aesseotda": "편집부, 김기여 · 2026년 11월 25일 작성",
        "n-src-lenin": "김기여 · 2026년 12월 2일 작성",
    }
    assert provenance_of_entry(app, "back/persons.html", "p-trotsky") == (
        "편집부 · 2026년 11월 24일 작성 · 2026년 11월 25일 수정"
    )
    assert (
        provenance_of_entry(app, "back/persons.html", "p-lenin") == "김기여 · 2026년 11월 30일 작성"
    )
    assert provenance_of_entry(app, "back/glossary.html", "g-left-opposition") == (
        "편집부 · 2026년 11월 24일 작성"
    )


def test_the_contributors_page_counts_the_data_and_says_when_there_is_no_history(root, make_app):
    app = build(make_app, root)
    (data,) = contributors_rows(app)  # no history: no second table
    assert data == [
        ["기여자", "쓴 기록", "기간"],
        ["김기여", "교정 1 · 출처 1 · 인물 1", "2026년 11월 25일–12월 2일"],
        ["편집부", "해설 1 · 교정 1 · 인물 1 · 용어 1", "2026년 11월 24–26일"],
    ]
    page = html(app, "back/contributors.html").get_text()
    assert "저장소의 변경 이력(git)을 읽을 수 없어" in page


def git(root, *args, who: str = "Ada Lovelace", date: str = "2026-11-20T12:00:00+09:00"):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": who,
        "GIT_AUTHOR_EMAIL": f"{who.split()[0].lower()}@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": "committer@example.org",
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=root, env=env, check=True, capture_output=True,
    )  # fmt: skip


def test_the_history_gives_the_commit_authors_of_what_the_data_does_not_record(root, make_app):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    (root / "refs.bib").write_text((root / "refs.bib").read_text() + "\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "bib", who="Bo", date="2026-11-22T09:00:00+00:00")
    (root / "conf.py").write_text((root / "conf.py").read_text() + "\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "conf", who="Cy", date="2026-11-23T09:00:00+00:00")
    (root / "text" / "a.rst").write_text((root / "text" / "a.rst").read_text() + "\n")
    git(root, "commit", "-q", "-am", "a", who="dee@example.org", date="2026-11-24T09:00:00+00:00")
    app = build(make_app, root)
    _data, history = contributors_rows(app)
    assert history == [
        ["부분", "기여자", "커밋", "기간"],
        ["본문 전사", "(주소 생략)", "1", "2026년 11월 24일"],
        ["본문 전사", "Ada Lovelace", "1", "2026년 11월 20일"],
        ["참고문헌", "Ada Lovelace", "1", "2026년 11월 20일"],
        ["참고문헌", "Bo", "1", "2026년 11월 22일"],
    ]  # Cy changed only conf.py, which is in no part; a name that is an address is not shown
    page = (app.outdir / "back" / "contributors.html").read_text(encoding="utf-8")
    assert "example.org" not in page and "@" not in html(app, "back/contributors.html").get_text()


def test_print_keeps_notes_clean_and_prints_entries_and_the_page(root, make_app):
    app = build(make_app, root, "latex")
    tex = (app.outdir / "provenance.tex").read_text(encoding="utf-8")
    assert "11월 26일" not in tex  # the note's last change: on the web only
    assert "2026년 12월 2일 작성" not in tex
    assert r"\ednote{E}" in tex and r"\ednote{S}" in tex  # the notes are there
    assert (
        r"\DUrole{edition-provenance}{편집부 · 2026년 11월 24일 작성 · 2026년 11월 25일 수정}"
        in tex
    )
    assert r"\chapter{기여자}" in tex and r"\X{50}{100}" in tex  # the widths are given


BAD = {
    # file, old, new, line, record, message
    "entry-without-authors": (
        "register/persons.toml", 'authors = ["김기여"]\n', "", 14, "entry 'lenin'",
        "missing required field 'authors'",
    ),
    "entry-without-created": (
        "register/glossary.toml", "created = 2026-11-24\n", "", 1, "entry 'left-opposition'",
        "missing required field 'created'",
    ),
    "entry-updated-before-created": (
        "register/persons.toml", "updated = 2026-11-25", "updated = 2026-11-20", 12,
        "entry 'trotsky'",
        "updated = 2026-11-20 is before created = 2026-11-24; the last change cannot come "
        "before the first",
    ),
    "entry-date-as-text": (
        "register/glossary.toml", "created = 2026-11-24", 'created = "24 November"', 9,
        "entry 'left-opposition'", "created = '24 November' is not a date",
    ),
    "entry-empty-authors": (
        "register/persons.toml", 'authors = ["김기여"]', "authors = []", 23, "entry 'lenin'",
        "authors: [] should be non-empty",
    ),
    "entry-long-name": (
        "register/persons.toml", 'authors = ["김기여"]', f'authors = ["{"가" * 101}"]', 23,
        "entry 'lenin'", "authors[1] is 101 characters long; the limit is 100: shorten it",
    ),
    "entry-name-spaces": (
        "register/persons.toml", 'authors = ["김기여"]', 'authors = [" 김기여"]', 23,
        "entry 'lenin'", "authors: '김기여' must be one line without spaces around it",
    ),
    "entry-name-control": (
        "register/persons.toml", 'authors = ["김기여"]', 'authors = ["김\\u0007기여"]', 23,
        "entry 'lenin'", "authors: the control character U+0007 is not allowed",
    ),
    "note-updated-before-created": (
        "annotations/a.toml", "updated = 2026-11-26", "updated = 2026-11-01", 10,
        "annotation 'ex-opposition'",
        "updated = 2026-11-01 is before created = 2026-11-24",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_provenance_stops_the_build_at_its_line(case, root, make_app):
    name, old, new, line, record, message = BAD[case]
    edit(root / name, old, new)
    app = make_app("html", srcdir=root, freshenv=True)
    assert_stops_at(app, name, line, record, message, "back/contributors.html")


HOSTILE = ["<script>alert(1)</script>", r"\input{x}"]


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_names_are_text_in_every_output(builder, root, make_app):
    names = ", ".join(f'"{name}"' for name in HOSTILE).replace("\\", "\\\\")
    edit(root / "register" / "persons.toml", 'authors = ["김기여"]', f"authors = [{names}]")
    edit(root / "annotations" / "a.toml", 'authors = ["김기여"]', f"authors = [{names}]")
    app = build(make_app, root, builder)
    if builder == "html":
        for page in ("text/a.html", "back/persons.html", "back/contributors.html"):
            source = (app.outdir / page).read_text(encoding="utf-8")
            assert (
                "<script>alert" not in source and "&lt;script&gt;alert(1)&lt;/script&gt;" in source
            )
        assert provenance_of_notes(app)["n-src-lenin"] == (
            "<script>alert(1)</script>, \\input{x} · 2026년 12월 2일 작성"
        )
        rows = contributors_rows(app)[0]
        names = [row[0] for row in rows[1:]]
        assert names == ["<script>alert(1)</script>", "\\input{x}", "김기여", "편집부"]
    else:
        tex = (app.outdir / "provenance.tex").read_text(encoding="utf-8")
        assert r"\input{x}" not in tex
        assert r"\textbackslash{}input\{x\}" in tex
        assert r"\textless{}script\textgreater{}" in tex


# -- The real edition ---------------------------------------------------------------------------

REGISTER = PROJECT / "source" / "register"


@pytest.mark.edition
def test_the_edition_credits_every_record_to_its_authors(edition_html):
    expected: dict[str, list[int]] = {}
    columns = [kind for kind, _title in KINDS]
    records = [(note.kind, note.authors) for note in edition_annotations()]
    for kind, name, table in (
        ("persons", "persons.toml", "person"),
        ("glossary", "glossary.toml", "term"),
    ):
        entries = tomllib.loads((REGISTER / name).read_text(encoding="utf-8"))[table]
        records += [(kind, tuple(entry["authors"])) for entry in entries]
    for kind, authors in records:
        for author in set(authors):
            expected.setdefault(author, [0] * len(columns))[columns.index(kind)] += 1
    page = BeautifulSoup(
        (edition_html / "back" / "contributors.html").read_text(encoding="utf-8"), "html.parser"
    )
    data = page.select("table.edition-contributors")[0]
    titles = [title for _kind, title in KINDS]
    shown = {}
    for row in data.select("tbody tr"):
        name, written, _dates = (c.get_text(strip=True) for c in row.select("td"))
        shown[name] = [0] * len(titles)
        for item in written.split(" · "):
            title, _space, count = item.rpartition(" ")
            shown[name][titles.index(title)] = int(count)
    assert shown == expected
    assert "편집부" in shown and sum(shown["편집부"]) == len(records)


def test_the_page_is_written_again_when_a_note_changes_hands(root, make_app):
    app = build(make_app, root)
    rebuild(app)
    assert "back/contributors" not in status_of(app)  # nothing changed: not written again
    edit(root / "annotations" / "a.toml", 'authors = ["김기여"]', 'authors = ["이새로"]')
    rebuild(app)
    assert app.warning.getvalue() == ""
    names = [row[0] for row in contributors_rows(app)[0][1:]]
    assert names == ["김기여", "이새로", "편집부"]  # 김기여 still has the emendation
