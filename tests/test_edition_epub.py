"""The real edition as EPUB: a valid container, Korean on every page, the article whole."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import JOBNAME, build_edition
from fidelity import APPARATUS_SELECTOR, UNIT_SELECTOR, Unit, differences, witness_units

pytestmark = pytest.mark.edition

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def edition_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition, built strictly as EPUB (as `make epub` builds it)."""
    out = build_edition("epub", tmp_path_factory.mktemp("edition") / "epub")
    return out / f"{JOBNAME}.epub"


@pytest.fixture(scope="module")
def book(edition_epub: Path) -> zipfile.ZipFile:
    with zipfile.ZipFile(edition_epub) as book:
        yield book


def test_a_zip_whose_first_entry_is_the_stored_mimetype(edition_epub, book):
    first = book.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert book.read("mimetype") == b"application/epub+zip"
    # what reading systems sniff: the name and the type at fixed offsets of the file
    assert edition_epub.read_bytes()[30:58] == b"mimetypeapplication/epub+zip"
    assert book.testzip() is None


def test_the_package_is_korean_and_names_the_book(book):
    container = ET.fromstring(book.read("META-INF/container.xml"))
    rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    package = ET.fromstring(book.read(rootfile.get("full-path")))
    assert package.get("version") == "3.0"
    assert package.get(XML_LANG) == "ko"
    metadata = package.find(f"{OPF}metadata")
    assert metadata.findtext(f"{DC}language") == "ko"
    assert metadata.findtext(f"{DC}title") == "트로츠키와 러시아 좌익반대파"
    assert metadata.findtext(f"{DC}creator") == "국제공산주의동맹(ICL)"
    identifier = metadata.find(f"{DC}identifier")
    assert identifier.get("id") == package.get("unique-identifier")
    assert re.fullmatch(r"[a-z-]+-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", identifier.text)
    # EPUB 2's table of contents names the book by the same identifier (epubcheck NCX-001)
    ncx = ET.fromstring(book.read("toc.ncx"))
    uid = ncx.find(".//{http://www.daisy.org/z3986/2005/ncx/}meta[@name='dtb:uid']")
    assert uid.get("content") == identifier.text


def content_documents(book: zipfile.ZipFile) -> list[str]:
    return [name for name in book.namelist() if name.endswith(".xhtml")]


def test_every_page_is_well_formed_xhtml_in_korean(book):
    names = content_documents(book)
    assert len(names) >= 13 + 8  # the parts, index, about, back matter, genindex, nav
    for name in names:
        root = ET.fromstring(book.read(name))  # XHTML: a parse error is a broken page
        assert root.tag == f"{XHTML}html", name
        assert root.get("lang") == "ko", name
        assert root.get(XML_LANG) == "ko", name


def test_the_article_is_in_it_unit_by_unit(book):
    """The fidelity test of the HTML, on the EPUB's pages: the article, character for character."""
    units = []
    for name in sorted(n for n in content_documents(book) if n.startswith("text/")):
        body = BeautifulSoup(book.read(name).decode("utf-8"), "html.parser").select_one("div.body")
        for element in body.select(UNIT_SELECTOR):
            for added in element.select(APPARATUS_SELECTOR):
                added.decompose()
            units.append(Unit(name, element.get_text()))
    reports = differences(witness_units(), units)
    assert not reports, "\n\n".join(reports)


def test_the_apparatus_is_in_it(book):
    page = book.read("text/06-literary-discussion.xhtml").decode("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select("a.edition-pnum")
    assert soup.select(".edition-note")
