"""Parsed data files, kept between builds in the doctree directory.

Reading a data file (``datafiles.py``: TOML, the schema, the safe reST of every body) costs
more than anything else a build does before it writes: the annotation files alone take about
a sixth of a ``-E`` build, and a build that reads no document still loads them all for the
chronology. What a file gives (its records and problems) depends only on its bytes, its
name in messages and the edition's code, so it is kept in
``<doctreedir>/edition-data-files.pickle``, keyed by the file's kind and name and a digest of
its bytes, in a file stamped with a digest of the extension's code and the versions of
Python and the libraries that read and check them: a file edited, or a build with other
code, reads the file again. The store also remembers the results of a few pure functions of
a string across builds (:func:`remembered`: the LaTeX of the bibliography, decoded, and
the check of the ``.bib`` files).

The store holds one entry per file (a new digest replaces the old one), pickled when the
file is read, before anything could touch what it gives, and is written back at the end of a
build that added to it. Outside a build (``edition-check``, tests) it lives in memory only.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

T = TypeVar("T")

logger = logging.getLogger(__name__)

FILENAME = "edition-data-files.pickle"

#: (kind, maker, file name in messages) -> (digest of the bytes, the pickled result)
_store: dict[tuple[str, str, str], tuple[str, bytes]] = {}
_state: dict[str, Path | bool | None] = {"path": None, "added": False}
#: The remembered results asked for in this process (the others are not saved again).
_used: set[tuple[str, str, str]] = set()


@cache
def code_version() -> str:
    """A digest of the extension's code and schemas, and of the Python and docutils versions."""
    h = hashlib.blake2b(digest_size=16)
    h.update(sys.version.encode())
    for distribution in ("docutils", "pybtex", "latexcodec", "jsonschema", "sphinx"):
        h.update(f"|{distribution} {metadata.version(distribution)}".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".json"} and path.is_file():
            h.update(str(path.relative_to(package)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _key(kind: str, maker: str, display: str) -> tuple[str, str, str]:
    return (kind, maker, display)


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def get(kind: str, maker: str, display: str, raw: bytes) -> object | None:
    """What the file with these bytes gave when it was last read, or None."""
    kept = _store.get(_key(kind, maker, display))
    if kept is None or kept[0] != digest(raw):
        return None
    return pickle.loads(kept[1])


def put(kind: str, maker: str, display: str, raw: bytes, result: object) -> None:
    """Keep what the file gave, as it is now."""
    _store[_key(kind, maker, display)] = (
        digest(raw),
        pickle.dumps(result, pickle.HIGHEST_PROTOCOL),
    )
    _state["added"] = True


def remembered(namespace: str, key: str, compute: Callable[[str], T]) -> T:
    """``compute(key)``, kept between builds: for a pure function of a string whose result
    depends on nothing but the code (decoding a bibliography's LaTeX, ``bibstyle.py``)."""
    entry = ("remembered", namespace, key)
    _used.add(entry)
    kept = _store.get(entry)
    if kept is not None:
        return pickle.loads(kept[1])
    value = compute(key)
    _store[entry] = ("", pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    _state["added"] = True
    return value


def open_store(app: Sphinx) -> None:
    """Take up what the last build kept (if it was made by the same code)."""
    path = Path(app.doctreedir) / FILENAME
    _state["path"] = path
    _state["added"] = False
    _store.clear()  # another build's files (a test process builds many editions)
    _used.clear()
    if not path.is_file():
        return
    try:
        with path.open("rb") as f:
            data = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError) as error:
        logger.info("data file cache %s is unreadable (%s): reading the files", path, error)
        return
    if isinstance(data, dict) and data.get("version") == code_version():
        _store.update(data["entries"])


def save_store(app: Sphinx, exception: BaseException | None) -> None:
    """Keep the store for the next build, if this one added to it."""
    path = _state["path"]
    if exception is None and _state["added"] and isinstance(path, Path):
        _write(path)
    _store.clear()
    _used.clear()
    _state.update(path=None, added=False)


def _write(path: Path) -> None:
    # what was remembered and not asked for in this build goes (a file's entry is replaced
    # when the file changes)
    for entry in [e for e in _store if e[0] == "remembered" and e not in _used]:
        del _store[entry]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(
            {"version": code_version(), "entries": dict(_store)}, f, pickle.HIGHEST_PROTOCOL
        )
    tmp.replace(path)


def setup(app: Sphinx) -> None:
    # before anything reads a file: the .bib files are checked at config-inited
    app.connect("config-inited", lambda app, _config: open_store(app), priority=100)
    app.connect("build-finished", save_store)
