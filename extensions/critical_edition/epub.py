"""EPUB: every content document says it is Korean.

Sphinx's EPUB 3 builder writes its own ``<html>`` tag on each page, without the language
the HTML builder puts there; the language is in the package metadata (``content.opf``)
only. Reading systems choose fonts, hyphenation and speech by the document's language, so
each page gets ``lang`` and ``xml:lang`` (an XHTML page needs both) from ``epub_language``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_language(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    tag = context.get("html_tag")
    if app.builder.name != "epub" or not tag or " lang=" in tag:
        return
    lang = escape(app.config.epub_language, quote=True)
    context["html_tag"] = tag.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_language)
