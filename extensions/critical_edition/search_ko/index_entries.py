"""The index entries of the search index, kept for the pages a build does not write again.

``searchindex.js`` lists the index entries of every page (the registers' entries: a search
for a person offers the places the person is indexed). Sphinx collects them from each page
it writes, into a table of the build environment, but it saves the environment before
writing and does not read them back from the last ``searchindex.js``: a rebuild with
nothing changed wrote an index without any entry, and a rebuild after one annotation edited
only that part's (Sphinx 9.0). The entries of every page written are therefore kept in
``<doctreedir>/edition-search-index-entries.pickle``, and a build gives back those of the
pages it does not write again, before the index is written. The entries are put in the
order of the pages' names, the order of a full build, so that every build of the same
sources writes the same index.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

FILENAME = "edition-search-index-entries.pickle"

Entries = dict[str, list[tuple[str, str, str]]]


def _kept(path: Path) -> Entries:
    try:
        with path.open("rb") as f:
            kept = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        return {}
    return kept if isinstance(kept, dict) else {}


def complete_entries(app: Sphinx) -> list:
    """Give back the entries of the pages not written again (at ``html-collect-pages``,
    before the index is written); keep all of them for the next build."""
    indexer = getattr(app.builder, "indexer", None)
    entries: Entries | None = getattr(indexer, "_index_entries", None)
    if indexer is None or not isinstance(entries, dict):
        return []
    path = Path(app.doctreedir) / FILENAME
    kept = _kept(path)
    indexed = getattr(indexer, "_titles", {})  # the pages in the index
    complete = {
        docname: entries[docname] if docname in entries else kept[docname]
        for docname in sorted(app.env.all_docs)
        if docname in indexed and (docname in entries or docname in kept)
    }
    indexer._index_entries = complete  # Sphinx's table, completed
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(complete, f, pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return []


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", complete_entries)
