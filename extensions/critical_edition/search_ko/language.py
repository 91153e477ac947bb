"""The Korean search language: what Sphinx's index builder calls to cut text into terms.

Sphinx has no Korean search language: with ``language = 'ko'`` it silently indexes as
English, whole words with their particles (트로츠키는, 트로츠키가), and the browser cannot
find 트로츠키 or two-syllable words (레닌, 혁명). :class:`SearchKorean` indexes what
``terms.py`` says (nouns and stems without particles, compound nouns with their parts, alias
words), and ships a query-side stemmer (``static/web/search-ko-stemmer.js``) that peels particles
and endings off a query word and keeps the first remainder that *is in the index*.

Sphinx instantiates the language class itself, with ``html_search_options`` only. The class
registered in ``setup()`` works alone (no cache, no aliases); for an HTML build,
``write-started`` registers a subclass bound to that build's :class:`IndexTerms`
(token cache in the doctree directory, alias table), see :meth:`SearchKorean.bound`.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from sphinx.search import SearchLanguage

from critical_edition.assets import WEB
from critical_edition.search_ko.aliases import AliasTable
from critical_edition.search_ko.analyser import analyse, analyser_version
from critical_edition.search_ko.cache import TermCache
from critical_edition.search_ko.ranks import HitCounts
from critical_edition.search_ko.terms import index_terms

if TYPE_CHECKING:
    from collections.abc import Iterable


#: Texts whose terms are kept in memory at once (``IndexTerms.of``): more than the pages of
#: an edition four times this one hold.
MAX_KEPT_TEXTS = 100_000


class IndexTerms:
    """The terms of texts in one build: from the cache, else from the analyser; plus aliases;
    and the terms counted per page, for ranking (``ranks.py``)."""

    def __init__(
        self, cache: TermCache, aliases: AliasTable, hits: HitCounts | None = None
    ) -> None:
        self.cache = cache
        self.aliases = aliases
        self.hits = hits or HitCounts(None, cache.version)
        self._form_keys: dict[str, tuple[str, ...]] = {}
        self._of: dict[str, tuple[str, ...]] = {}

    def analysed(self, text: str) -> tuple[str, ...]:
        if not text.strip():
            return ()
        terms = self.cache.get(text)
        if terms is None:
            terms = tuple(index_terms(analyse(text), analyse))
            self.cache.put(text, terms)
        return terms

    def form_keys(self, form: str) -> tuple[str, ...]:
        """The terms a text must hold to contain ``form``: the longest term of each word."""
        if form not in self._form_keys:
            keys = []
            for word in form.split():
                terms = self.analysed(word)
                keys.append(max(terms, key=len) if terms else word)
            self._form_keys[form] = tuple(keys)
        return self._form_keys[form]

    @functools.cached_property
    def _forms_by_key(self) -> dict[str, list[tuple[int, str, tuple[str, ...]]]]:
        """Every alias form, filed under its first key term, with its word's place in the
        table: a text then looks up only the forms whose first key it holds."""
        index: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
        for place, (word, forms) in enumerate(self.aliases.words.items()):
            for form in forms:
                keys = self.form_keys(form)
                index.setdefault(keys[0], []).append((place, word, keys))
        return index

    def alias_words(self, terms: Iterable[str]) -> list[str]:
        """The alias words of a text, each as often as the text holds one of its forms.

        Linear in the text: only the forms filed under one of its terms are looked at."""
        present = Counter(terms)
        found: dict[int, tuple[str, int]] = {}
        index = self._forms_by_key
        for term in present:
            for place, word, keys in index.get(term, ()):
                times = min(present[key] for key in keys)
                if times and times > found.get(place, (word, 0))[1]:
                    found[place] = (word, times)
        return [word for _, (word, times) in sorted(found.items()) for _ in range(times)]

    def of(self, text: str) -> list[str]:
        """The terms of a text and its alias words. Each text is split twice (for Sphinx's
        index and for the page's counts, ``ranks.py``): the second time costs a look-up."""
        found = self._of.get(text)
        if found is None:
            if len(self._of) >= MAX_KEPT_TEXTS:
                self._of.clear()
            terms = self.analysed(text)
            found = self._of[text] = (
                (*terms, *self.alias_words(terms)) if terms and self.aliases else terms
            )
        return list(found)


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    js_stemmer_code = (WEB / "search-ko-stemmer.js").read_text(encoding="utf-8")

    #: The build's terms; ``None`` on the class registered in ``setup()``.
    bound_terms: ClassVar[IndexTerms | None] = None

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.terms = self.bound_terms or IndexTerms(
            TermCache(None, analyser_version()), AliasTable()
        )

    @classmethod
    def bound(cls, terms: IndexTerms) -> type[SearchKorean]:
        """A subclass that Sphinx instantiates with ``terms`` (cache and aliases) attached."""
        return type(cls.__name__, (cls,), {"bound_terms": terms, "__module__": cls.__module__})

    def split(self, input: str) -> list[str]:
        return self.terms.of(input)

    def word_filter(self, word: str) -> bool:
        return bool(word) and not word.isdigit()
