"""Citing the web edition: bibliographic meta in every page's ``<head>``, and what
``edition-cite.js`` needs to cite a paragraph.

* Every page of the site gets Google Scholar's ``citation_*`` meta (as Scholar, Zotero and
  reference managers read them) and Dublin Core ``DC.*`` meta, as ``(name, content)`` pairs in
  the page's context (``edition_meta``); the template ``source/_templates/edition-meta.html``
  writes them, escaped. They describe the edition (its title, the original's author, the
  edition's date, version, publisher and rights), not the page alone.
* ``edition-cite.js`` (copy a ¶'s or a note's address, cite a ¶ in Korean and as BibTeX)
  reads its settings (:func:`cite_settings`) from the data attributes of its own ``<script>``
  element (``assets.py``): the title, version, date, editors, the original's publication and
  the base address. No script is written here.

The edition's date is the build's (``SOURCE_DATE_EPOCH``, the commit's date, when set), as on
every page's footer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util.i18n import format_date

from critical_edition.downloads import books, is_site

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Dublin Core's element set, which the DC.* names refer to.
DC_SCHEMA = "http://purl.org/dc/elements/1.1/"


def edition_date(config: Config, fmt: str) -> str:
    """The edition's date in ``fmt``, as the footer's date is made."""
    return format_date(
        fmt, language=config.language or "en", local_time=not config.html_last_updated_use_utc
    )


def absolute(config: Config, path: str) -> str:
    """A path under the site's top folder as an address, or "" without ``edition_base_url``."""
    return config.edition_base_url + path if config.edition_base_url else ""


def meta_of(app: Sphinx, pagename: str, context: dict[str, Any]) -> list[tuple[str, str]]:
    """The ``citation_*`` and ``DC.*`` meta of a page, in order."""
    config = app.config
    title = config.project
    authors = [config.author] if config.author else []
    publisher = config.epub_publisher or config.edition_editors
    date = edition_date(config, "%Y-%m-%d")
    language = config.language or "en"
    meta = [("citation_title", title)]
    meta += [("citation_author", author) for author in authors]
    meta += [
        ("citation_publication_date", date.replace("-", "/")),
        ("citation_online_date", date.replace("-", "/")),
        ("citation_language", language),
    ]
    if publisher:
        meta.append(("citation_publisher", publisher))
    for book in books(app):
        if book.name.endswith(".pdf"):
            url = absolute(config, book.name) or context["pathto"](book.name, 1)
            meta.append(("citation_pdf_url", url))
            break
    landing = absolute(config, app.builder.get_target_uri(config.root_doc))
    if landing:
        meta.append(("citation_abstract_html_url", landing))
    # The page's own title, as text (the context's ``title`` is HTML); the edition's on the
    # top page and on pages that are not documents (index, search).
    node = app.env.titles.get(pagename)
    own_title = node.astext() if node is not None and pagename != config.root_doc else title
    meta += [("DC.title", own_title)]
    if own_title != title:
        meta.append(("DC.relation.isPartOf", title))
    meta += [("DC.creator", author) for author in authors]
    if config.edition_editors:
        meta.append(("DC.contributor", config.edition_editors))
    meta += [("DC.date", date), ("DC.language", language)]
    if publisher:
        meta.append(("DC.publisher", publisher))
    if config.copyright:
        meta.append(("DC.rights", f"© {config.copyright}"))
    meta.append(("DC.type", "Text"))
    if config.edition_original:
        meta.append(("DC.source", f"「{title}」, {config.edition_original}"))
    page = absolute(config, app.builder.get_target_uri(pagename))
    if page:
        meta.append(("DC.identifier", page))
    if config.edition_identifier:
        meta.append(("DC.identifier", config.edition_identifier))
    return meta


def add_meta(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    if is_site(app):
        context["edition_meta"] = meta_of(app, pagename, context)
        context["edition_dc_schema"] = DC_SCHEMA


def cite_settings(app: Sphinx) -> dict[str, str]:
    """What ``edition-cite.js`` reads from its ``<script>`` element's data attributes."""
    config = app.config
    return {
        "title": config.project,
        "author": config.author or "",
        "version": config.version or "",
        "date": edition_date(config, "%Y-%m-%d"),
        # as the footer gives it (html_last_updated_fmt), else as Sphinx's |today| does
        "date-label": edition_date(
            config, config.html_last_updated_fmt or config.today_fmt or "%Y-%m-%d"
        ),
        "editors": config.edition_editors,
        "original": config.edition_original,
        "base-url": config.edition_base_url,
        "key": config.epub_basename or "edition",
    }


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_meta)
