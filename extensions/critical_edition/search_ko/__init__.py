"""Korean full-text search: particles, compound parts, original names, paragraph snippets.

Index side (Python, ``language.py``): a Korean search language that indexes what the
analyser kiwipiepy finds (``terms.py``), with a token cache (``cache.py``) so that the 500 MB
analyser is loaded only when a text it has not seen must be indexed, and an alias table
(``aliases.py``) for names and terms in other scripts.

Query side (browser, ``static/web/``): ``search-ko-stemmer.js`` becomes Sphinx's ``Stemmer``
(peels particles and endings, keeps the first remainder present in the index, and knows the
compounds a noun heads); ``search-ko-scorer.js`` becomes Sphinx's ``Scorer`` (the article's
parts first, then more hits, then reading order; the counts come from ``ranks.py``);
``edition-search.js`` makes a multi-word query a real AND over the words and the compounds
they head, counts the hits, and shows, for each page, a highlighted snippet of the paragraph
or register entry where the words occur with a link to it, and the result count in Korean.

The index entries of the pages a build does not write again are given back to Sphinx's
index (``index_entries.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from critical_edition.assets import WEB
from critical_edition.search_ko import index_entries
from critical_edition.search_ko.build import (
    add_search_page_assets,
    bind_language,
    count_hits,
    save_cache,
)
from critical_edition.search_ko.language import SearchKorean

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Sphinx's ``html_search_scorer``, unless the edition's configuration names another.
SCORER = WEB / "search-ko-scorer.js"


def use_scorer(app: Sphinx, config: Config) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup(app: Sphinx) -> None:
    app.add_search_language(SearchKorean)
    app.connect("config-inited", use_scorer)
    app.connect("write-started", bind_language)
    app.connect("doctree-resolved", count_hits, priority=900)  # after every change to the tree
    app.connect("html-page-context", add_search_page_assets)
    app.connect("build-finished", save_cache)
    index_entries.setup(app)
