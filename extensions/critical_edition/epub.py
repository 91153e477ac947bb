"""EPUB: the e-book Sphinx's EPUB 3 builder makes, finished as a book.

Sphinx's builder is kept; a subclass (:class:`EditionEpubBuilder`, registered as ``epub``)
changes only what it leaves out:

* **Korean pages.** Sphinx writes its own ``<html>`` tag on each page, without the language
  the HTML builder puts there. Reading systems choose fonts, line breaking and speech by the
  document's language, so each page gets ``lang`` and ``xml:lang`` (XHTML needs both) from
  ``epub_language``.
* **Its own stylesheet and cover.** The web's stylesheets and scripts (margin notes, reading
  controls, icons) are for a site: none of the web folder's files goes into the book but the
  stylesheets its pages link (``EPUB_WEB_FILES``). The book gets ``edition-epub.css`` and
  a cover drawn by the build (``epub_cover``), declared as the ``cover-image`` of the package.
* **Korean guide titles** (표지, 차례) in ``content.opf``, and the titles of the tables of
  contents as the pages give them (Sphinx turned their straight quotes into English ones).
* **The same file for the same commit.** Sphinx zips every file with its modification time;
  here every entry is dated ``SOURCE_DATE_EPOCH`` (the commit's date, from the Makefile), with
  the same permissions, in Sphinx's order, so two builds give the same bytes.

The notes become EPUB footnotes in ``epub_notes``.
"""

from __future__ import annotations

import os
import shutil
import time
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from xml.dom import minidom
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder

from critical_edition.assets import STATIC, WEB
from critical_edition.epub_cover import cover_svg

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: The book's stylesheet, copied into its ``_static``.
EPUB_CSS = STATIC / "epub" / "edition-epub.css"
#: The files of the web folder that the book's pages use (the chronology's page links it).
EPUB_WEB_FILES = frozenset({"edition-chronology.css"})
#: The earliest date a zip entry can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def add_language(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    tag = context.get("html_tag")
    if app.builder.name != "epub" or not tag or " lang=" in tag:
        return
    lang = escape(app.config.epub_language, quote=True)
    context["html_tag"] = tag.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)


def leave_out_the_site(app: Sphinx, config: Config) -> None:
    """The web folder's files that are not the book's stay out of it (at config-inited, like
    ``assets.add_static_path``, so that the configuration compared between builds holds them)."""
    site = sorted(
        f"_static/{path.name}"
        for path in WEB.iterdir()
        if path.is_file() and path.name not in EPUB_WEB_FILES
    )
    config.epub_exclude_files = [
        *config.epub_exclude_files,
        *(name for name in site if name not in config.epub_exclude_files),
    ]


def build_time() -> time.struct_time:
    """When the book was made, as its metadata says: SOURCE_DATE_EPOCH, or now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return time.gmtime(int(epoch)) if epoch else time.gmtime()


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder with a cover, its own stylesheet and a reproducible zip."""

    guide_titles: ClassVar[dict[str, str]] = {
        **Epub3Builder.guide_titles,
        "toc": "차례",
        "cover": "표지",
    }

    def get_refnodes(
        self, doctree: nodes.Node, result: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Sphinx's entries of the tables of contents, each titled as its page is: Sphinx
        "educates" the quotes of these titles as English even with smartquotes off, so the
        diplomatic title "학구적 토론" was listed as ”학구적 토론”."""
        count = len(result)
        result = super().get_refnodes(doctree, result)
        if isinstance(doctree, nodes.reference) and len(result) > count:
            result[-1]["text"] = escape(doctree.astext())
        return result

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        super().toc_add_files(refnodes)
        root = refnodes[len(self.config.epub_pre_files)]
        root["text"] = escape(self.env.titles[self.config.root_doc].astext())

    def copy_static_files(self) -> None:
        super().copy_static_files()
        static = self.outdir / "_static"
        shutil.copyfile(EPUB_CSS, static / EPUB_CSS.name)
        if self.config.epub_cover:
            image = Path(self.outdir, self.config.epub_cover[0])
            image.parent.mkdir(parents=True, exist_ok=True)
            image.write_bytes(
                cover_svg(
                    self.config.epub_title,
                    self.config.edition_original,
                    self.config.version,
                )
            )

    def build_content(self) -> None:
        """Sphinx's ``content.opf``, with the cover's item declared as the ``cover-image``
        (Sphinx names it only in EPUB 2's ``<meta name="cover">``)."""
        if not self.config.epub_cover:
            super().build_content()
            return
        # Sphinx lists the files it finds in the output folder, then adds the cover page it
        # writes: a cover page left by the last build would be listed twice (epubcheck
        # RSC-005, a spine item twice) and in another place. It is written again below.
        (self.outdir / self.coverpage_name).unlink(missing_ok=True)
        super().build_content()
        path = self.outdir / "content.opf"
        document = minidom.parse(str(path))
        cover = self.make_id(self.config.epub_cover[0].replace(os.sep, "/"))
        items = [i for i in document.getElementsByTagName("item") if i.getAttribute("id") == cover]
        for item in items:
            item.setAttribute("properties", "cover-image")
        path.write_bytes(document.toxml(encoding="UTF-8"))

    def build_epub(self) -> None:
        """The zip: the stored mimetype first, then Sphinx's files in Sphinx's order, each
        dated by :func:`build_time` and readable by all."""
        date_time = max(tuple(build_time()[:6]), ZIP_EPOCH)
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        with ZipFile(self.outdir / f"{self.config.epub_basename}.epub", "w") as epub:
            for name in names:
                info = ZipInfo(name, date_time)
                info.compress_type = ZIP_STORED if name == "mimetype" else ZIP_DEFLATED
                info.create_system = 3  # Unix, so that the permissions below are read as such
                info.external_attr = 0o100644 << 16
                epub.writestr(info, (self.outdir / name).read_bytes())


def setup(app: Sphinx) -> None:
    app.add_builder(EditionEpubBuilder, override=True)
    app.connect("config-inited", leave_out_the_site)
    app.connect("html-page-context", add_language)
