"""The theme's stylesheet, without the rules no page of the edition can use.

pydata-sphinx-theme ships one 377 KB stylesheet: all of Bootstrap 5, every Font Awesome icon
class and the theme's own rules. A text page of the edition uses a small part of it, and the
stylesheet alone was more than half of the page's weight. When an HTML build has finished,
this module rewrites its copy in ``_static/styles/`` without the selectors that name a class
found neither in the built pages nor in the pages' scripts (Bootstrap and the theme add
classes such as ``show`` from script, so any class named anywhere in a script is kept, and
so is every ``bs-`` class, which Bootstrap's script builds from parts).

A selector is dropped only when it cannot match: one of its classes, outside ``:not()`` and
other parentheses, is used nowhere. Rules left without selectors, and ``@media`` blocks left
empty, go too; everything else (custom properties, ``@font-face``, keyframes, element
selectors) is kept as the theme wrote it. The result depends only on the built files, so two
builds of one commit give the same stylesheet.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The theme's stylesheets that are slimmed, relative to the output's _static/.
STYLESHEETS = ("styles/pydata-sphinx-theme.css",)
#: Classes kept whatever the pages hold: Bootstrap's script builds these names from parts
#: (``bs-${name}-auto``), so they are not found whole in its text.
KEEP_PREFIXES = ("bs-",)

_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
_CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_WORD_RUN = re.compile(r"[\w-]+")
_PIECE = 4
_PARENTHESISED = re.compile(r"\([^()]*\)")
#: The last slimmed stylesheet, in the doctree directory (:class:`SlimmedCache`).
CACHE_FILENAME = "edition-slim-css.json"
#: As many as the last builds used: the theme's stylesheet as Sphinx copies it, and as the
#: last build left it (a build that copies nothing slims the slimmed one again), per file.
KEPT_STYLESHEETS = 2 * len(STYLESHEETS) + 2
_AT_RULES_WITH_RULES = ("@media", "@supports", "@layer", "@container")


def used_names(outdir: Path) -> tuple[set[str], str]:
    """The class names in the built pages, and the text of every script of the output."""
    classes: set[str] = set()
    for page in sorted(outdir.rglob("*.html")):
        for value in _CLASS_ATTR.findall(page.read_text("utf-8", errors="replace")):
            classes.update(value.split())
    scripts = "\n".join(
        path.read_text("utf-8", errors="replace") for path in sorted(outdir.rglob("*.js"))
    )
    return classes, scripts


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """Split a stylesheet into (prelude, body) pairs at its top level.

    A statement without a block (``@charset``, ``@import``) or a comment has body None.
    Strings and comments are skipped over, so braces inside them do not count.
    """
    out: list[tuple[str, str | None]] = []
    i, n, start = 0, len(css), 0
    depth, body_start = 0, 0
    prelude = ""
    while i < n:
        c = css[i]
        if c == "/" and css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = n if end < 0 else end + 2
            if depth == 0 and not css[start:i].strip():
                out.append((css[i:end], None))
                start = end
            i = end
            continue
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            i = j + 1
            continue
        if c == "{":
            if depth == 0:
                prelude = css[start:i]
                body_start = i + 1
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append((prelude, css[body_start:i]))
                start = i + 1
        elif c == ";" and depth == 0:
            out.append((css[start : i + 1], None))
            start = i + 1
        i += 1
    if css[start:].strip():
        out.append((css[start:], None))
    return out


def _split_selectors(prelude: str) -> list[str]:
    """The selectors of a rule's prelude, split at commas outside parentheses and strings."""
    parts, depth, start, quote = [], 0, 0, ""
    for i, c in enumerate(prelude):
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


class Slimmer:
    """Drops the selectors of a stylesheet that name a class used nowhere."""

    def __init__(self, classes: set[str], scripts: str) -> None:
        self.classes = classes
        # A class name is made of word characters and hyphens: it stands in the scripts only
        # within a run of them. Each run once, one to a line, is a seventh of the scripts
        # (Font Awesome's repeat themselves); most names are in none of them, and a name with
        # a four-character piece that no run holds is not searched for at all.
        self.words = set(_WORD_RUN.findall(scripts))
        self.runs = "\n".join(sorted(self.words))
        self.pieces = {self.runs[i : i + _PIECE] for i in range(len(self.runs) - _PIECE + 1)}
        self._known: dict[str, bool] = {}

    def in_scripts(self, name: str) -> bool:
        if name in self.words:
            return True
        pieces = (name[i : i + _PIECE] for i in range(len(name) - _PIECE + 1))
        return all(piece in self.pieces for piece in pieces) and name in self.runs

    def used(self, name: str) -> bool:
        known = self._known.get(name)
        if known is None:
            known = self._known[name] = (
                name.startswith(KEEP_PREFIXES) or name in self.classes or self.in_scripts(name)
            )
        return known

    def can_match(self, selector: str) -> bool:
        # Attribute values may hold dots: only class names outside brackets are read.
        bare = re.sub(r"\[[^\]]*\]", "", selector)
        while True:
            inner = _PARENTHESISED.sub("", bare)
            if inner == bare:
                break
            bare = inner
        return all(self.used(name) for name in _CLASS_IN_SELECTOR.findall(bare))

    def slim(self, css: str) -> str:
        out: list[str] = []
        for prelude, body in _blocks(css):
            head = prelude.strip()
            if body is None:
                out.append(prelude)
            elif head.startswith(_AT_RULES_WITH_RULES):
                inner = self.slim(body)
                if inner.strip():
                    out.append(f"{prelude}{{{inner}}}")
            elif head.startswith("@"):
                out.append(f"{prelude}{{{body}}}")
            else:
                kept = [s for s in _split_selectors(prelude) if self.can_match(s)]
                if kept:
                    out.append(f"{','.join(kept)}{{{body}}}")
        return "".join(out)


def inputs_digest(css: str, classes: set[str], scripts: str) -> str:
    """A digest of all a slimmed stylesheet depends on, this module's code included."""
    h = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16)
    for part in (css, " ".join(sorted(classes)), scripts):
        h.update(part.encode("utf-8", errors="surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class SlimmedCache:
    """The last slimmed stylesheets, by the digest of what they were made from, kept in the
    doctree directory: a build whose pages and scripts name the same classes (a rebuild with
    nothing changed, ``-E`` after a change to the text) writes the same stylesheet again
    without slimming it again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            loaded = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            loaded = {}
        self.entries: dict[str, str] = loaded if isinstance(loaded, dict) else {}

    def get(self, key: str) -> str | None:
        value = self.entries.get(key)
        return value if isinstance(value, str) else None

    def put(self, key: str, slimmed: str) -> str:
        self.entries[key] = slimmed
        for old in list(self.entries)[:-KEPT_STYLESHEETS]:  # the oldest first
            del self.entries[old]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.entries), "utf-8")
        return slimmed


def slim_theme_css(app: Sphinx, exception: BaseException | None) -> None:
    builder = app.builder
    if exception is not None or builder.format != "html" or builder.name != "html":
        return
    outdir = Path(builder.outdir)
    classes, scripts = used_names(outdir)
    slimmer = None
    kept = SlimmedCache(Path(app.doctreedir) / CACHE_FILENAME)
    for name in STYLESHEETS:
        path = outdir / "_static" / name
        if not path.is_file():
            continue
        css = path.read_text("utf-8")
        key = inputs_digest(css, classes, scripts)
        slimmed = kept.get(key)
        if slimmed is None:
            slimmer = slimmer or Slimmer(classes, scripts)
            slimmed = kept.put(key, slimmer.slim(css))
        if slimmed != css:
            path.write_text(slimmed, "utf-8")
            logger.info("%s: %d of %d bytes kept", name, len(slimmed), len(css))


def setup(app: Sphinx) -> None:
    app.connect("build-finished", slim_theme_css)
