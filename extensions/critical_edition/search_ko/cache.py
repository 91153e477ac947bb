"""The token cache: index terms per text, kept between builds in the doctree directory.

Sphinx indexes a page each time it writes it, also when its text did not change (a new
annotation, a renumbering, ``-E``). The terms of every text the analyser has seen are kept
in ``<doctreedir>/edition-search-terms.pickle``, keyed by a digest of the text, so that
such a rebuild never loads the analyser. The file records the analyser and rules version
(``analyser.analyser_version``); a file from another version is ignored.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

FILENAME = "edition-search-terms.pickle"


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class TermCache:
    """Terms by text digest, loaded lazily from ``path`` and saved when something was added."""

    def __init__(self, path: Path | None, version: str) -> None:
        self.path = path
        self.version = version
        self._entries: dict[str, tuple[str, ...]] | None = None
        self.added = 0

    @property
    def entries(self) -> dict[str, tuple[str, ...]]:
        if self._entries is None:
            self._entries = self._load()
        return self._entries

    def _load(self) -> dict[str, tuple[str, ...]]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            with self.path.open("rb") as f:
                data = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError) as error:
            logger.info("search token cache %s is unreadable (%s): starting anew", self.path, error)
            return {}
        if not isinstance(data, dict) or data.get("version") != self.version:
            return {}
        return data["entries"]

    def get(self, text: str) -> tuple[str, ...] | None:
        return self.entries.get(digest(text))

    def put(self, text: str, terms: tuple[str, ...]) -> None:
        self.entries[digest(text)] = terms
        self.added += 1

    def save(self) -> None:
        if self.path is None or not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump(
                {"version": self.version, "entries": self.entries}, f, pickle.HIGHEST_PROTOCOL
            )
        tmp.replace(self.path)
        self.added = 0
