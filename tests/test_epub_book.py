"""The EPUB as an e-book: its notes are EPUB footnotes, it has a cover made by the build, full
Korean metadata, it passes epubcheck with no message, and two builds are the same file."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from conftest import JOBNAME, build_edition

pytestmark = pytest.mark.edition

#: 2001-09-09 01:46:40 UTC, the date both builds are made with.
EPOCH = 1_000_000_000

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
SVG = "{http://www.w3.org/2000/svg}"


def build(out: Path) -> Path:
    built = build_edition("epub", out, env={"SOURCE_DATE_EPOCH": str(EPOCH)})
    return built / f"{JOBNAME}.epub"


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("book") / "epub")


@pytest.fixture(scope="module")
def book(epub: Path) -> zipfile.ZipFile:
    with zipfile.ZipFile(epub) as book:
        yield book


@pytest.fixture(scope="module")
def package(book: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(book.read("content.opf"))


def page(book: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(book.read(name))


def manifest(package: ET.Element) -> dict[str, ET.Element]:
    return {item.get("id"): item for item in package.iter(f"{OPF}item")}


# -- epubcheck ---------------------------------------------------------------------------------


def epubcheck_command() -> list[str]:
    """epubcheck as Debian installs it: a jar in /usr/bin, run with java (the jar's own
    executable bit needs binfmt_misc, which containers often lack)."""
    jar = shutil.which("epubcheck") or "/usr/share/java/epubcheck.jar"
    java = shutil.which("java")
    if not Path(jar).exists() or java is None:
        pytest.fail(
            "epubcheck is not installed: `make test` installs it (Debian package epubcheck), "
            "or run `apt-get install epubcheck`",
            pytrace=False,
        )
    return [java, "-jar", str(Path(jar).resolve())]


def test_epubcheck_reports_nothing(epub):
    result = subprocess.run(
        [*epubcheck_command(), str(epub)], capture_output=True, text=True, check=False
    )
    output = result.stdout + result.stderr
    messages = [
        line for line in output.splitlines() if re.match(r"(FATAL|ERROR|WARNING|USAGE)\(", line)
    ]
    assert not messages, "\n".join(messages)
    assert "0 fatals / 0 errors / 0 warnings" in output, output
    assert result.returncode == 0, output


# -- Notes -------------------------------------------------------------------------------------


def parts(book: zipfile.ZipFile) -> list[str]:
    return sorted(n for n in book.namelist() if n.startswith("text/") and n.endswith(".xhtml"))


def test_every_note_is_an_epub_footnote_with_a_link_back(book):
    seen = 0
    for name in parts(book):
        root = page(book, name)
        ids = {e.get("id"): e for e in root.iter() if e.get("id")}
        for paragraph in root.iter(f"{XHTML}p"):
            assert paragraph.find(f".//{XHTML}aside") is None, f"{name}: a note inside a <p>"
        markers = [a for a in root.iter(f"{XHTML}a") if "edition-note-marker" in a.get("class", "")]
        notes = [a for a in root.iter(f"{XHTML}aside") if "edition-note" in a.get("class", "")]
        assert len(markers) == len(notes), name
        for marker in markers:
            seen += 1
            assert marker.get(EPUB_TYPE) == "noteref", name
            target = ids[marker.get("href").removeprefix("#")]
            assert target.tag == f"{XHTML}aside", name
            assert target.get(EPUB_TYPE) == "footnote", name
            # the note's label links back to its marker, and reads as the marker does
            back = [a for a in target.iter(f"{XHTML}a") if a.get("href") == "#" + marker.get("id")]
            assert back, f"{name}: note {target.get('id')} has no link back to its marker"
            assert "".join(back[0].itertext()) == "".join(marker.itertext())
    assert seen > 300


def test_the_notes_of_a_part_come_after_its_text_by_series(book):
    root = page(book, "text/06-literary-discussion.xhtml")
    body = "".join(root.itertext())
    text_end = body.index("암시적인 도전이었다")
    assert body.index("출처 주석") > text_end
    assert body.index("편집 주석") > text_end
    # a reader needs no script: nothing in the book is a control that does nothing
    assert root.find(f".//{XHTML}button") is None
    assert root.find(f".//{XHTML}script") is None


def test_an_emendation_shows_the_corrected_reading_and_its_note_the_witness(book):
    css = "\n".join(
        book.read(n).decode("utf-8") for n in book.namelist() if n.endswith("edition-epub.css")
    )
    # the witness's reading stays in the book's text (the transcription is whole) but is not
    # shown there: the note says it, after the corrected reading
    assert re.search(r"\.edition-emendation\s*>\s*\.edition-witness\s*\{\s*display:\s*none", css)
    root = page(book, "text/06-literary-discussion.xhtml")
    note = next(a for a in root.iter(f"{XHTML}aside") if a.get("id") == "n-em-dwicheojin")
    # punctuated as text, so that speech and copied text read it too
    assert "뒤처진] 뒤쳐진 저본" in "".join(note.itertext())


@pytest.fixture(scope="module")
def unzipped(book, tmp_path_factory) -> Path:
    """The book's files, as a reading system (here Chromium) opens them."""
    folder = tmp_path_factory.mktemp("unzipped")
    book.extractall(folder)
    return folder


def test_on_a_phone_no_page_is_wider_than_the_screen(browser, unzipped):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    wide = {}
    for path in sorted(unzipped.rglob("*.xhtml")):
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path.relative_to(unzipped).as_posix()] = width
    assert not wide, wide


def test_a_reader_sees_the_corrected_reading_and_the_notes_after_the_text(browser, unzipped):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto((unzipped / "text" / "06-literary-discussion.xhtml").as_uri())
    paragraph = page.inner_text("#p-53")
    assert "뒤처진" in paragraph and "뒤쳐진" not in paragraph
    assert "저작만 확인" not in paragraph  # no note, no preview in the paragraph
    # the marker leads to its note, whose label leads back
    page.click("#r-em-dwicheojin")
    assert page.evaluate("location.hash") == "#n-em-dwicheojin"
    assert "뒤처진] 뒤쳐진 저본" in page.inner_text("#n-em-dwicheojin").replace("\n", " ")
    page.click("#n-em-dwicheojin a.edition-note-label")
    assert page.evaluate("location.hash") == "#r-em-dwicheojin"


# -- Cover -------------------------------------------------------------------------------------


def test_the_cover_is_made_by_the_build_and_declared(book, package):
    items = manifest(package)
    covers = [i for i in items.values() if "cover-image" in (i.get("properties") or "").split()]
    assert len(covers) == 1
    cover = covers[0]
    assert cover.get("media-type") == "image/svg+xml"
    svg = ET.fromstring(book.read(cover.get("href")))
    assert svg.tag == f"{SVG}svg"
    words = "".join(svg.itertext())
    assert "트로츠키와" in words and "러시아 좌익반대파" in words
    assert "디지털 비판본" in words
    # the cover page comes first, and shows the image
    first = items[package.find(f"{OPF}spine").find(f"{OPF}itemref").get("idref")]
    cover_page = page(book, first.get("href"))
    images = [e for e in cover_page.iter() if e.tag in (f"{XHTML}img", f"{SVG}image")]
    srcs = {e.get("src") or e.get("{http://www.w3.org/1999/xlink}href") for e in images}
    base = PurePosixPath(first.get("href")).parent
    assert {str(base / s) if str(base) != "." else s for s in srcs} == {cover.get("href")}
    assert cover_page.get("lang") == "ko"


# -- Metadata ----------------------------------------------------------------------------------


def test_the_metadata_is_korean_and_complete(package):
    metadata = package.find(f"{OPF}metadata")
    assert metadata.findtext(f"{DC}language") == "ko"
    for field in ("title", "creator", "publisher", "description", "rights", "identifier"):
        assert (metadata.findtext(f"{DC}{field}") or "").strip(), field
    assert metadata.findtext(f"{DC}date") == "2001-09-09T01:46:40Z"
    modified = metadata.find(f"{OPF}meta[@property='dcterms:modified']")
    assert modified.text == "2001-09-09T01:46:40Z"
    # the guide's titles are Korean too
    titles = {r.get("type"): r.get("title") for r in package.iter(f"{OPF}reference")}
    assert titles == {"cover": "표지", "toc": "차례"}


def test_the_tables_of_contents_give_the_titles_as_the_pages_do(book):
    """Sphinx "educates" the quotes of the titles it lists, as English, even with smartquotes
    off: "학구적 토론" became ”학구적 토론”. The diplomatic title is the page's."""
    h1 = "".join(page(book, "text/06-literary-discussion.xhtml").find(f".//{XHTML}h1").itertext())
    assert h1 == '"학구적 토론"'
    nav = {a.get("href"): "".join(a.itertext()) for a in page(book, "nav.xhtml").iter(f"{XHTML}a")}
    assert nav["text/06-literary-discussion.xhtml"] == h1
    ncx = ET.fromstring(book.read("toc.ncx"))
    ns = "{http://www.daisy.org/z3986/2005/ncx/}"
    labels = {
        point.find(f"{ns}content").get("src"): point.findtext(f"{ns}navLabel/{ns}text")
        for point in ncx.iter(f"{ns}navPoint")
    }
    assert labels["text/06-literary-discussion.xhtml"] == h1


# -- Reproducible ------------------------------------------------------------------------------


def test_two_builds_are_the_same_file(epub, tmp_path):
    """A second build from scratch, then a third into its folder (which holds the pages and
    the cover page of the second): the same file each time."""
    again = build(tmp_path / "epub")
    assert again.read_bytes() == epub.read_bytes(), "a build from scratch differs"
    again = build(tmp_path / "epub")
    with zipfile.ZipFile(epub) as first, zipfile.ZipFile(again) as second:
        assert first.namelist() == second.namelist()
        for a, b in zip(first.infolist(), second.infolist(), strict=True):
            assert (a.filename, a.date_time, a.external_attr) == (
                b.filename,
                b.date_time,
                b.external_attr,
            )
            assert first.read(a) == second.read(b), a.filename
        # every entry is dated by SOURCE_DATE_EPOCH, not by when its file was written
        assert {i.date_time for i in first.infolist()} == {(2001, 9, 9, 1, 46, 40)}
    assert epub.read_bytes() == again.read_bytes()
