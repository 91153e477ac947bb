"""The PDF as a book: every reference resolved (an unresolved one fails `make pdf`), a colophon
and complete document information, both paper sizes, bookmarks for every part and back-matter
page, internal links that land, a chronology that fits the page, and the same bytes twice."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import JOBNAME, PROJECT, build_edition, commit_date, sphinx_build, typeset
from critical_edition import latex_log
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

#: Expected page counts (the edition as of issue 15; a change beyond these is worth a look).
PAGES = {"b5": range(240, 330), "a4": range(170, 260)}
#: Page sizes in PostScript points.
SIZES = {"b5": (499, 709), "a4": (595, 842)}
BACK_MATTER = ("교정 목록", "출처 현황", "연표", "용어집", "인명 색인", "참고문헌", "기여자")


@pytest.fixture(scope="session")
def edition_pdf_a4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition on A4 paper (`make pdf PAPER=a4`), built once for the session."""
    out = tmp_path_factory.mktemp("edition-a4") / "latex"
    result = sphinx_build(
        "latex", PROJECT / "source", out, "-D", "latex_elements.papersize=a4paper"
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return typeset(out)


@pytest.fixture(scope="module", params=["b5", "a4"])
def book(request) -> tuple[str, Path]:
    """Each paper size: (its name, the PDF)."""
    fixture = "edition_pdf" if request.param == "b5" else "edition_pdf_a4"
    return request.param, request.getfixturevalue(fixture)


def pdf_text(pdf: Path) -> list[str]:
    """The text of every page (poppler, as test_edition_pdf reads it)."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout.split("\f")[:-1]


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """Every bookmark: (depth, title, page number from 0)."""
    found = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def source_date() -> datetime.datetime:
    return datetime.datetime.fromtimestamp(int(commit_date()), tz=datetime.UTC)


# -- References ----------------------------------------------------------------------------------


def test_no_page_number_is_left_unresolved(book):
    _paper, pdf = book
    text = "".join(pdf_text(pdf))
    assert "??" not in text, re.findall(r".{30}\?\?.{10}", text)


def test_the_log_has_no_undefined_reference(book):
    _paper, pdf = book
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert latex_log.undefined_references(log) == []
    assert "There were undefined references" not in log


WRAPPED_LOG = """\
[240]

LaTeX Warning: Hyper reference `back/glossary:letter-_uae30_ud0c0' on page 241
undefined on input line 11303.

LaTeX Warning: Reference `text/09-united-opposition:t-kuomintang-1' on page 250
 undefined on input line 11571.

LaTeX Warning: There were undefined references.
"""


def test_the_log_reader_finds_wrapped_warnings():
    # TeX wraps log lines at 79 characters, inside a label or before "undefined"
    log = WRAPPED_LOG.replace("on page 241\n", "on page 241 \n")
    assert latex_log.undefined_references(log) == [
        "hyper reference to an undefined label back/glossary:letter-_uae30_ud0c0"
        " (page 241, line 11303 of the .tex)",
        "reference to an undefined label text/09-united-opposition:t-kuomintang-1"
        " (page 250, line 11571 of the .tex)",
    ]


def test_an_undefined_reference_fails_make_pdf(tmp_path):
    """`make pdf` runs the log reader after latexmk: it names each reference and fails."""
    log = tmp_path / f"{JOBNAME}.log"
    log.write_text(WRAPPED_LOG.replace("on page 241\n", "on page 241 \n"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "critical_edition.latex_log", str(log)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"{log}: ERROR: reference to an undefined label text/09-" in result.stderr
    clean = tmp_path / "clean.log"
    clean.write_text("[1] [2]\nOutput written on x.pdf (2 pages).\n", encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "critical_edition.latex_log", str(clean)])
    assert ok.returncode == 0
    recipe = (PROJECT / "Makefile").read_text(encoding="utf-8").split("\npdf:")[1].split("\n\n")[0]
    assert "-m critical_edition.latex_log $(BUILDDIR)/latex/$(JOBNAME).log" in recipe
    assert "rm -f $(BUILDDIR)/latex/$(JOBNAME).pdf" in recipe.split("latex_log")[1]


def test_a_term_inside_an_emendation_has_its_page(edition_pdf):
    """국민당 in "국민당에 에" (¶79) and E.H Carr in ¶26 stand in emended places: the register
    prints their pages, and 찾아보기 lists them."""
    pages = pdf_text(edition_pdf)
    text = re.sub(r"\s+", " ", "".join(pages))
    assert re.search(r"¶79 \(\d+쪽\)", text)
    assert re.search(r"¶26 \(\d+쪽\)", text)


# -- Colophon and document information ---------------------------------------------------------


def test_the_last_page_is_the_colophon(edition_pdf):
    last = re.sub(r"[ \t]+", " ", pdf_text(edition_pdf)[-1])
    version = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    day = source_date()
    assert "트로츠키와 러시아 좌익반대파" in last
    assert f"디지털 비판본 · 판 {version}" in last
    assert "000_e8ae33c1e403aa22.txt" in last
    assert f"{day.year}년 {day.month}월 {day.day}일" in last  # SOURCE_DATE_EPOCH's day
    assert "원문과 번역문의 권리는 국제공산주의동맹에 있다" in re.sub(r"\s+", " ", last)
    data = subprocess.run(
        ["git", "log", "-1", "--format=%H", "--", "source", "bib"],
        cwd=PROJECT, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert f"커밋 {data[:12]}" in last


def test_document_information(book):
    _paper, pdf = book
    reader = PdfReader(pdf)
    info = reader.metadata
    assert info.title == "트로츠키와 러시아 좌익반대파"
    assert info.author == "국제공산주의동맹(ICL)"
    assert info.subject.startswith("「트로츠키와 러시아 좌익반대파」(『스파르타시스트』 56호")
    assert "좌익반대파" in info.get("/Keywords", "") and "트로츠키" in info["/Keywords"]
    assert str(reader.trailer["/Root"]["/Lang"]) == "ko-KR"
    assert info.creator == "Sphinx, XeLaTeX"
    assert info.producer.startswith("xdvipdfmx")
    expected = source_date()
    assert info.creation_date == expected.replace(tzinfo=info.creation_date.tzinfo)
    assert info.creation_date.utcoffset() in (None, datetime.timedelta(0))
    assert info.get("/ModDate", info["/CreationDate"]) == info["/CreationDate"]


# -- Paper, bookmarks, links -------------------------------------------------------------------


def test_paper_size_and_page_count(book):
    paper, pdf = book
    reader = PdfReader(pdf)
    width, height = (round(float(v)) for v in reader.pages[0].mediabox.upper_right)
    assert (width, height) == SIZES[paper]
    assert len(reader.pages) in PAGES[paper], len(reader.pages)


def test_the_makefile_builds_either_paper():
    recipe = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "PAPER      ?= b5" in recipe
    assert "-D latex_elements.papersize=$(PAPER)paper" in recipe


def test_bookmarks_for_every_part_and_back_matter_page(book):
    _paper, pdf = book
    reader = PdfReader(pdf)
    marks = outline(reader)
    titles = [title for _depth, title, _page in marks]
    parts = []
    for path in sorted((PROJECT / "source" / "text").glob("*.rst")):
        lines = path.read_text(encoding="utf-8").splitlines()
        parts += [lines[i - 1] for i, line in enumerate(lines) if re.fullmatch(r"[=-]{3,}", line)]
    assert parts and all(part in titles for part in parts), set(parts) - set(titles)
    for title in (*BACK_MATTER, "찾아보기", "판권"):
        assert title in titles, title
    top = {title: page for depth, title, page in marks if depth == 0}
    assert top["판권"] == len(reader.pages) - 1
    pages = pdf_text(pdf)
    for title, page in top.items():
        if title != "판권":  # the colophon has no heading, as in a Korean book
            assert title in re.sub(r"\s+", " ", pages[page]), (title, page)
    assert "000_e8ae33c1e403aa22.txt" in pages[top["판권"]]


def named_destinations(reader: PdfReader) -> set[str]:
    names: set[str] = set()
    root = reader.trailer["/Root"]
    tree = root.get("/Names", {}).get("/Dests")
    todo = [tree.get_object()] if tree is not None else []
    while todo:
        node = todo.pop()
        if "/Names" in node:
            names.update(str(n) for n in node["/Names"][::2])
        todo.extend(kid.get_object() for kid in node.get("/Kids", []))
    if "/Dests" in root:
        names.update(str(k)[1:] for k in root["/Dests"].get_object())
    return names


def internal_links(reader: PdfReader) -> list[tuple[int, object]]:
    """(page, destination) of every link within the document."""
    links = []
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if "/Dest" in annot:
                links.append((number, annot["/Dest"]))
            elif isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo":
                links.append((number, action["/D"]))
    return links


def test_every_internal_link_lands(book):
    _paper, pdf = book
    reader = PdfReader(pdf)
    names = named_destinations(reader)
    links = internal_links(reader)
    assert len(links) > 2000, len(links)  # ¶ references, note marks, registers, contents
    pages = {page.indirect_reference.idnum for page in reader.pages}
    dangling = []
    for page, dest in links:
        dest = dest.get_object() if hasattr(dest, "get_object") else dest
        if isinstance(dest, ArrayObject):  # an explicit destination: a page of this PDF
            if dest[0].idnum not in pages:
                dangling.append((page + 1, repr(dest)))
        elif str(dest) not in names:
            dangling.append((page + 1, str(dest)))
    assert not dangling, dangling[:20]


# -- The chronology in print -------------------------------------------------------------------


def test_the_chronology_is_a_short_table(book):
    paper, pdf = book
    marks = {title: page for depth, title, page in outline(PdfReader(pdf)) if depth == 0}
    first, end = marks["연표"], marks["용어집"]
    assert end - first <= {"b5": 30, "a4": 20}[paper], end - first
    text = "".join(pdf_text(pdf)[first:end])
    assert "http" not in text  # short citations: the bibliography has the addresses
    assert "Progress Publishers" not in text


def test_print_cites_the_works_of_the_chronology_short(tmp_path, rootdir, make_app):
    """Who, title, volume, year: no publisher, place or address (the bibliography has them);
    the web page keeps the whole entry."""
    srcdir = tmp_path / "chronology"
    shutil.copytree(rootdir / "test-chronology", srcdir)
    app = make_app("latex", srcdir=srcdir, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "chronology.tex").read_text(encoding="utf-8")
    chapter = tex[tex.index(r"\chapter{연표}") : tex.index(r"\chapter{용어집}")]
    assert r"\edsource{Lenin, \sphinxstyleemphasis{Collected Works}, 33권, 1965}" in chapter
    assert "Progress Publishers" not in chapter and "Moscow" not in chapter
    html = make_app("html", srcdir=srcdir, freshenv=True)
    html.build()
    web = (html.outdir / "back" / "chronology.html").read_text(encoding="utf-8")
    assert "Moscow: Progress Publishers" in web


def test_no_overfull_line_in_the_chronology(edition_pdf):
    log = latex_log.unwrapped(
        edition_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    )
    tex = edition_pdf.with_suffix(".tex").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(tex) if line.startswith(r"\chapter{연표}")) + 1
    end = next(i for i, line in enumerate(tex) if line.startswith(r"\chapter{용어집}")) + 1
    overfull = [
        int(m[1])
        for m in re.finditer(r"Overfull \\hbox \([\d.]+pt too wide\) .*?lines (\d+)--\d+", log)
        if float(re.search(r"\(([\d.]+)pt", m[0])[1]) > 1
    ]
    assert not [line for line in overfull if start <= line <= end]


# -- Reproducible ------------------------------------------------------------------------------


@pytest.mark.edition
def test_two_pdf_builds_are_byte_identical(edition_pdf, tmp_path):
    """The same commit and SOURCE_DATE_EPOCH, another folder: the same PDF, byte for byte."""
    env = {"SOURCE_DATE_EPOCH": commit_date()} if commit_date() else {}
    again = typeset(build_edition("latex", tmp_path / "latex", env=env))
    first, second = edition_pdf.read_bytes(), again.read_bytes()
    assert first == second, f"{len(first)} vs {len(second)} bytes"
