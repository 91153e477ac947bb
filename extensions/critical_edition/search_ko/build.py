"""The search during an HTML build: bind the Korean language to the build, count the terms
of each page written, add the search page's assets and ranking data, save the caches.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translator
from sphinx.util import logging

from critical_edition.config import SEARCH_ALIASES_EVENT
from critical_edition.numbering import reading_order
from critical_edition.search_ko.aliases import AliasTable, validated
from critical_edition.search_ko.analyser import analyser_version
from critical_edition.search_ko.cache import FILENAME, TermCache
from critical_edition.search_ko.language import IndexTerms, SearchKorean
from critical_edition.search_ko.ranks import ELEMENT_ID, HitCounts, page_terms
from critical_edition.search_ko.ranks import FILENAME as HITS_FILENAME

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: The messages of Sphinx's searchtools.js that the edition's catalogue
#: (``source/locales/ko/LC_MESSAGES/sphinx.po``) may translate: ``(singular, plural)`` for a
#: plural message. Sphinx's own Korean catalogue leaves the result count empty.
SEARCH_MESSAGES: tuple[str | tuple[str, str], ...] = (
    (
        "Search finished, found one page matching the search query.",
        "Search finished, found ${resultCount} pages matching the search query.",
    ),
    "Your search did not match any documents. Please make sure that all words are spelled "
    "correctly and that you've selected enough categories.",
)

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
    doctreedir = Path(builder.doctreedir)
    cache = TermCache(doctreedir / FILENAME, analyser_version())
    hits = HitCounts(doctreedir / HITS_FILENAME, analyser_version())
    terms = IndexTerms(cache, alias_table(app), hits)
    app.add_search_language(SearchKorean.bound(terms))


def count_hits(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Count the terms of a page about to be written (and indexed), for the ranking; not
    those of a page that Sphinx leaves out of the index (``:nosearch:``)."""
    lang = korean_language(app)
    metadata = app.env.metadata.get(docname, {})
    if lang is None or "no-search" in metadata or "nosearch" in metadata:
        return
    lang.terms.hits.put(docname, page_terms(doctree, lang.split))


def search_messages(app: Sphinx) -> dict[str, str | list[str]]:
    """The edition's translations of searchtools.js messages, as Sphinx's JS catalogue has them."""
    translator = get_translator("sphinx")
    messages: dict[str, str | list[str]] = {}
    for message in SEARCH_MESSAGES:
        if isinstance(message, tuple):
            singular, plural = message
            forms = [translator.ngettext(singular, plural, n) for n in (1, 2)]
            if singular not in forms and plural not in forms:
                messages[singular] = forms[:1] if forms[0] == forms[1] else forms
        elif (translated := translator.gettext(message)) != message:
            messages[message] = translated
    return messages


def add_search_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    """The result enhancer, its stylesheet and the ranking data, on the search page only."""
    lang = korean_language(app)
    if pagename != "search" or lang is None:
        return
    app.add_css_file("search-ko.css")
    prefix = app.config.edition_text_prefix
    ranks = lang.terms.hits.to_json(reading_order(app.env), lambda d: d.startswith(prefix))
    app.add_js_file(None, body=ranks, type="application/json", id=ELEMENT_ID)
    app.add_js_file(
        "edition-search.js",
        defer="defer",
        **{
            "data-aliases": lang.terms.aliases.to_json(),
            "data-messages": json.dumps(search_messages(app), ensure_ascii=False),
        },
    )


def save_cache(app: Sphinx, exception: BaseException | None) -> None:
    lang = korean_language(app)
    if lang is None or exception is not None:
        return
    if lang.terms.cache.added:
        logger.info("search: analysed %d new texts with kiwipiepy", lang.terms.cache.added)
    lang.terms.cache.save()
    lang.terms.hits.save()
