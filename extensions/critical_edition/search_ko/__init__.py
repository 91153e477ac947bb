"""Korean full-text search: particles, compound parts, original names, paragraph snippets.

Index side (Python, ``language.py``): a Korean search language that indexes what the
analyser kiwipiepy finds (``terms.py``), with a token cache (``cache.py``) so that the 500 MB
analyser is loaded only when a text it has not seen must be indexed, and an alias table
(``aliases.py``) for names and terms in other scripts.

Query side (browser, ``static/web/``): ``search-ko-stemmer.js`` becomes Sphinx's ``Stemmer``
(peels particles and endings, keeps the first remainder present in the index);
``edition-search.js`` makes a multi-word query a real AND and shows, for each page, a
highlighted snippet of the paragraph where the words occur with links to its ¶ anchor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from critical_edition.search_ko.build import add_search_page_assets, bind_language, save_cache
from critical_edition.search_ko.language import SearchKorean

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    app.add_search_language(SearchKorean)
    app.connect("write-started", bind_language)
    app.connect("html-page-context", add_search_page_assets)
    app.connect("build-finished", save_cache)
