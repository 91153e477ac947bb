"""What the search page needs to rank its results: the pages in reading order, which of them
are the article's parts, and how often each term occurs on each page.

Sphinx's index says only *which* pages hold a term. When a page is written, its text is cut
into terms as Sphinx's index builder cuts it (the same nodes, the same search language) and
the terms are counted (:func:`count_hits`). The counts are kept between builds in
``<doctreedir>/edition-search-hits.pickle`` (pages not written again keep their counts, as
they keep their entries in Sphinx's index) and reach the search page as JSON data
(``<script type="application/json" id="edition-search-ranks">``), read by the edition's
scorer (``static/web/search-ko-scorer.js``) and result code (``edition-search.js``).

The data, compact because the search page carries it::

    {"pages": ["index", "text/00-opening", …],   # reading order
     "parts": [1, 2, …],                         # indices (in "pages") of the article's parts
     "hits": {"국민당": "12:45 17:15", …}}        # page:count for counts of 2 and more
                                                  # (1 where not given)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import TYPE_CHECKING

from docutils import nodes

from critical_edition.search_ko.cache import load_versioned, save_versioned

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

FILENAME = "edition-search-hits.pickle"
#: The id of the search page's JSON element.
ELEMENT_ID = "edition-search-ranks"

TAGS = re.compile(r"<[^<]+?>")
SCRIPTS = re.compile(r"<(style|script).*?</\1>", re.IGNORECASE | re.DOTALL)


def page_terms(doctree: nodes.Node, split: Callable[[str], list[str]]) -> Counter[str]:
    """Every term of a page's text, counted, from the nodes Sphinx's index builder reads:
    comments and elements of class ``no-search`` are skipped, HTML is stripped of tags."""
    counts: Counter[str] = Counter()
    stack = [doctree]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.comment) or (
            isinstance(node, nodes.Element) and "no-search" in node["classes"]
        ):
            continue
        if isinstance(node, nodes.raw):
            if "html" in node.get("format", "").split():
                counts.update(split(TAGS.sub("", SCRIPTS.sub("", node.astext()))))
            continue
        if isinstance(node, nodes.Text):
            counts.update(split(node.astext()))
            continue
        stack.extend(reversed(node.children))
    return counts


class HitCounts:
    """Term counts per page, loaded from and saved to ``path``; stale for another ``version``."""

    def __init__(self, path: Path | None, version: str) -> None:
        self.path = path
        self.version = version
        self.pages: dict[str, dict[str, int]] = self._load()
        self.changed = False

    def _load(self) -> dict[str, dict[str, int]]:
        pages = load_versioned(self.path, self.version, "pages", "search hit counts")
        return pages if pages is not None else {}  # type: ignore[return-value]

    def put(self, docname: str, counts: Counter[str]) -> None:
        self.pages[docname] = dict(counts)
        self.changed = True

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        save_versioned(self.path, self.version, "pages", self.pages)
        self.changed = False

    def to_json(self, order: Iterable[str], is_part: Callable[[str], bool]) -> str:
        """The search page's data: pages in ``order`` (those with counts), parts, counts ≥ 2."""
        pages = [docname for docname in order if docname in self.pages]
        hits: dict[str, list[str]] = {}
        for i, docname in enumerate(pages):
            for term, count in sorted(self.pages[docname].items()):
                if count > 1:
                    hits.setdefault(term, []).append(f"{i}:{count}")
        data = {
            "pages": pages,
            "parts": [i for i, docname in enumerate(pages) if is_part(docname)],
            "hits": {term: " ".join(counts) for term, counts in sorted(hits.items())},
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return text.replace("<", "\\u003c")  # never ends the <script> element
