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


def load_versioned(path: Path | None, version: str, key: str, what: str) -> object | None:
    """``key`` of the file a build kept at ``path``; None when it is missing, unreadable or
    of another ``version`` (then the caller starts anew)."""
    if path is None or not path.exists():
        return None
    try:
        with path.open("rb") as f:
            data = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError) as error:
        logger.info("%s %s are unreadable (%s): starting anew", what, path, error)
        return None
    if not isinstance(data, dict) or data.get("version") != version:
        return None
    return data[key]


def save_versioned(path: Path, version: str, key: str, value: object) -> None:
    """Keep ``value`` at ``path`` for the next build, replacing the file in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump({"version": version, key: value}, f, pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


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
        entries = load_versioned(self.path, self.version, "entries", "search token cache")
        return entries if entries is not None else {}  # type: ignore[return-value]

    def get(self, text: str) -> tuple[str, ...] | None:
        return self.entries.get(digest(text))

    def put(self, text: str, terms: tuple[str, ...]) -> None:
        self.entries[digest(text)] = terms
        self.added += 1

    def save(self) -> None:
        if self.path is None or not self.added:
            return
        save_versioned(self.path, self.version, "entries", self.entries)
        self.added = 0
