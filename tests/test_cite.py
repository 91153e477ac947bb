"""Citing the web edition: every page's bibliographic meta (Google Scholar's ``citation_*``,
Dublin Core's ``DC.*``), escaped; the settings ``edition-cite.js`` reads; the PDF and the EPUB
in the download menu only when the site holds them (the theme's menu, which offered an empty
folder and the print dialog, is gone).

The root ``test-cite`` gives every value characters HTML and TeX must escape.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest


class Head(HTMLParser):
    """The meta (name → contents, in order), the links, the scripts and the download menu's
    links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.scripts: list[dict[str, str]] = []
        self.menu: list[str] = []
        self._menu_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "meta" and "name" in attributes:
            self.meta.setdefault(attributes["name"], []).append(attributes.get("content", ""))
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "script":
            self.scripts.append(attributes)
        if tag == "div" and "dropdown-download-buttons" in attributes.get("class", ""):
            self._menu_depth = 1
        elif tag == "div" and self._menu_depth:
            self._menu_depth += 1
        if (
            self._menu_depth
            and tag in ("a", "button")
            and "dropdown-item" in attributes.get("class", "")
        ):
            self.menu.append(attributes.get("href") or "(button)")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._menu_depth:
            self._menu_depth -= 1


def head_of(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def raw(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def cite_script(head: Head) -> dict[str, str]:
    return next(s for s in head.scripts if "edition-cite.js" in s.get("src", ""))


@pytest.fixture(autouse=True)
def no_books(request):
    """The tests of a root share its copy: each starts without the books of another."""
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        shutil.rmtree(Path(app.srcdir) / "books", ignore_errors=True)


def add_book(app, name: str, size: int = 2048) -> Path:
    path = Path(app.srcdir) / "books" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"%PDF-1.5\n" + b"0" * size)
    return path


@pytest.mark.sphinx("html", testroot="cite", freshenv=True, copy_test_root=True)
def test_every_page_has_the_citation_and_dublin_core_meta_escaped(app):
    add_book(app, "cite.pdf")
    app.build()
    for page in ("index.html", "text/a.html", "genindex.html", "search.html"):
        path = Path(app.outdir) / page
        meta = head_of(path).meta
        assert meta["citation_title"] == ['Cite <"this"> & that'], page
        assert meta["citation_author"] == ["Author & Co <a>"]
        assert meta["citation_publication_date"] == meta["citation_online_date"]
        assert re.fullmatch(r"\d{4}/\d\d/\d\d", meta["citation_publication_date"][0])
        assert meta["citation_language"] == ["ko"]
        assert meta["citation_publisher"] == ["Author & Co <a>"]  # epub_publisher's default
        assert meta["citation_pdf_url"] == ["https://example.org/ed/cite.pdf"]
        assert meta["citation_abstract_html_url"] == ["https://example.org/ed/index.html"]
        assert meta["DC.creator"] == ["Author & Co <a>"]
        assert meta["DC.contributor"] == ["Editors & <friends>"]
        assert meta["DC.date"][0] == meta["citation_publication_date"][0].replace("/", "-")
        assert meta["DC.language"] == ["ko"]
        assert meta["DC.rights"] == ['© 2001 "Them" & <us>']
        assert meta["DC.type"] == ["Text"]
        assert meta["DC.source"] == ['「Cite <"this"> & that」, Journal <No. 1> & more']
        assert meta["DC.identifier"] == [
            f"https://example.org/ed/{page}",
            "urn:uuid:00000000-0000-4000-8000-000000000000",
        ]
        schema = [link for link in head_of(path).links if link.get("rel") == "schema.DC"]
        assert schema and schema[0]["href"] == "http://purl.org/dc/elements/1.1/"
        # Escaped in the HTML itself: no raw < or " inside an attribute value.
        assert 'content="Cite &lt;&#34;this&#34;&gt; &amp; that"' in raw(path) or (
            'content="Cite &lt;&quot;this&quot;&gt; &amp; that"' in raw(path)
        )
    # A page's own title, and the edition it belongs to
    meta = head_of(Path(app.outdir) / "text" / "a.html").meta
    assert meta["DC.title"] == ['Part "A" & <B>']
    assert meta["DC.relation.isPartOf"] == ['Cite <"this"> & that']
    assert head_of(Path(app.outdir) / "index.html").meta["DC.title"] == ['Cite <"this"> & that']


@pytest.mark.sphinx("html", testroot="cite", freshenv=True, copy_test_root=True)
def test_the_cite_script_reads_its_settings_from_data_attributes(app):
    app.build()
    path = Path(app.outdir) / "text" / "a.html"
    script = cite_script(head_of(path))
    assert script["defer"] == "defer"
    assert script["data-title"] == 'Cite <"this"> & that'
    assert script["data-author"] == "Author & Co <a>"
    assert script["data-version"] == "1.2.3"
    assert script["data-editors"] == "Editors & <friends>"
    assert script["data-original"] == "Journal <No. 1> & more"
    assert script["data-base-url"] == "https://example.org/ed/"
    assert script["data-key"] == "cite-root"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", script["data-date"])
    assert script["data-date-label"] == script["data-date"]  # the root sets no date format
    assert (Path(app.outdir) / "_static" / "edition-cite.js").is_file()
    # No script is generated: the settings appear nowhere but in the attributes.
    assert "Journal <No. 1>" not in raw(path)


@pytest.mark.sphinx("html", testroot="cite", freshenv=True, copy_test_root=True)
def test_without_books_there_is_no_download_menu_and_no_pdf_meta(app):
    app.build()
    for page in ("index.html", "text/a.html"):
        head = head_of(Path(app.outdir) / page)
        assert head.menu == [], page
        assert "citation_pdf_url" not in head.meta
        assert "_sources" not in raw(Path(app.outdir) / page)
        assert "window.print()" not in raw(Path(app.outdir) / page)
    assert not list(Path(app.outdir).glob("cite.*"))


@pytest.mark.sphinx("html", testroot="cite", freshenv=True, copy_test_root=True)
def test_the_download_menu_offers_only_the_books_the_site_holds(app):
    add_book(app, "cite.pdf", size=300_000)
    app.build()
    outdir = Path(app.outdir)
    for page in ("index.html", "text/a.html"):
        menu = head_of(outdir / page).menu
        assert len(menu) == 1, page  # the PDF; the EPUB was not made
        assert (outdir / page).parent.joinpath(menu[0]).resolve() == (outdir / "cite.pdf")
        assert "PDF (0.3 MB)" in raw(outdir / page)
    assert (outdir / "cite.pdf").read_bytes() == (Path(app.srcdir) / "books/cite.pdf").read_bytes()
    assert not (outdir / "cite.epub").exists()

    # The EPUB made: every page is written again and offers both.
    add_book(app, "cite.epub")
    app.build()
    for page in ("index.html", "text/a.html"):
        menu = head_of(outdir / page).menu
        assert len(menu) == 2, page
        for href in menu:
            assert (outdir / page).parent.joinpath(href).resolve().is_file(), href

    # The PDF gone: it leaves the menu, the meta and the site.
    (Path(app.srcdir) / "books" / "cite.pdf").unlink()
    app.build()
    menu = head_of(outdir / "text" / "a.html").menu
    assert [Path(href).name for href in menu] == ["cite.epub"]
    assert "citation_pdf_url" not in head_of(outdir / "text" / "a.html").meta
    assert not (outdir / "cite.pdf").exists()


@pytest.mark.sphinx("epub", testroot="cite", freshenv=True, copy_test_root=True)
def test_the_epub_has_no_cite_script_and_no_download_menu(app):
    add_book(app, "cite.pdf")
    app.build()
    page = raw(Path(app.outdir) / "text" / "a.xhtml")
    assert "edition-cite.js" not in page
    assert "citation_title" not in page
    assert not (Path(app.outdir) / "cite.pdf").exists()


@pytest.mark.sphinx(
    "html", testroot="cite", freshenv=True, copy_test_root=True,
    confoverrides={"edition_base_url": ""},
)  # fmt: skip
def test_without_a_base_address_no_absolute_address_is_made_up(app):
    add_book(app, "cite.pdf")
    app.build()
    meta = head_of(Path(app.outdir) / "text" / "a.html").meta
    assert "citation_abstract_html_url" not in meta
    assert meta["DC.identifier"] == ["urn:uuid:00000000-0000-4000-8000-000000000000"]
    assert meta["citation_pdf_url"] == ["../cite.pdf"]


@pytest.mark.parametrize("base", ["example.org/ed/", "https://example.org/ed"])
def test_a_base_address_must_be_an_http_folder(make_app, rootdir, tmp_path, base):
    from sphinx.errors import ConfigError

    srcdir = tmp_path / "cite"
    shutil.copytree(rootdir / "test-cite", srcdir)
    with pytest.raises(ConfigError, match="edition_base_url"):
        make_app("html", srcdir=srcdir, confoverrides={"edition_base_url": base})


# -- The real edition -----------------------------------------------------------------------


def site_pages(site: Path) -> list[Path]:
    """The pages of a built site (not the theme's files under _static/)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def test_every_page_of_the_edition_has_the_meta(edition_html):
    pages = site_pages(edition_html)
    assert len(pages) > 15
    for path in pages:
        meta = head_of(path).meta
        for name in ("citation_title", "citation_author", "citation_publication_date",
                     "citation_online_date", "citation_language", "citation_publisher",
                     "DC.title", "DC.creator", "DC.date", "DC.language", "DC.publisher",
                     "DC.rights", "DC.type", "DC.identifier"):  # fmt: skip
            assert meta.get(name), f"{path.name}: no {name}"
        assert meta["citation_title"] == ["트로츠키와 러시아 좌익반대파"]
        assert meta["citation_language"] == ["ko"]


def test_every_download_item_of_the_edition_is_a_file_of_the_site(edition_html):
    """Whatever books the build found: nothing in the menu points outside the site's files,
    and the theme's items (the page's source, the print dialog) are gone."""
    for path in site_pages(edition_html):
        text = raw(path)
        assert "btn-download-source-button" not in text, path.name
        assert "window.print()" not in text, path.name
        for href in head_of(path).menu:
            assert not href.startswith(("http:", "https:", "javascript:")), href
            assert path.parent.joinpath(href).resolve().is_file(), f"{path.name}: {href}"
