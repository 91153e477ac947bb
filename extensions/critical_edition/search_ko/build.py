"""The search during an HTML build: bind the Korean language to the build, add the search
page's assets, save the token cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from critical_edition.config import SEARCH_ALIASES_EVENT
from critical_edition.search_ko.aliases import AliasTable, validated
from critical_edition.search_ko.analyser import analyser_version
from critical_edition.search_ko.cache import FILENAME, TermCache
from critical_edition.search_ko.language import IndexTerms, SearchKorean

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

logger = logging.getLogger(__name__)


def korean_language(app: Sphinx) -> SearchKorean | None:
    """The Korean search language of this HTML build, if the build has one."""
    indexer = getattr(app.builder, "indexer", None)
    lang = getattr(indexer, "lang", None)
    return lang if isinstance(lang, SearchKorean) else None


def alias_table(app: Sphinx) -> AliasTable:
    """The config's aliases and those that handlers of ``edition-search-aliases`` supply."""
    conf = str(Path(app.confdir, "conf.py"))
    entries = dict(validated(app.config.edition_search_aliases, conf))
    for supplied in app.events.emit(SEARCH_ALIASES_EVENT):
        for original, forms in validated(supplied, None).items():
            entries[original] = (*entries.get(original, ()), *forms)
    return AliasTable(entries)


def bind_language(app: Sphinx, builder: Builder) -> None:
    """Before the index builder is made, bind the Korean language to this build's terms."""
    if builder.format != "html" or not getattr(builder, "search", False):
        return
    cache = TermCache(Path(builder.doctreedir) / FILENAME, analyser_version())
    terms = IndexTerms(cache, alias_table(app))
    app.add_search_language(SearchKorean.bound(terms))


def add_search_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    """The result enhancer and its stylesheet, on the search page only."""
    lang = korean_language(app)
    if pagename != "search" or lang is None:
        return
    app.add_css_file("search-ko.css")
    app.add_js_file(
        "edition-search.js",
        defer="defer",
        **{"data-aliases": lang.terms.aliases.to_json()},
    )


def save_cache(app: Sphinx, exception: BaseException | None) -> None:
    lang = korean_language(app)
    if lang is None or exception is not None:
        return
    if lang.terms.cache.added:
        logger.info("search: analysed %d new texts with kiwipiepy", lang.terms.cache.added)
    lang.terms.cache.save()
