"""The ``.bib`` files, checked before anything is read: a contributor's mistake in one is named
with its file, line and entry key, and stops the build at once.

sphinxcontrib-bibtex would otherwise fail later with a traceback that names neither (a syntax
error, a repeated key), and would make any address a live link (``javascript:`` included).
Checked here:

* the file: at most :data:`~critical_edition.datafiles.MAX_FILE_BYTES`, UTF-8 without a BOM,
  no control or invisible characters (as in every data file), BibTeX syntax, no
  ``@preamble`` (it would reach the LaTeX preamble);
* each entry: a key of letters and digits joined by ``- _ : .`` (no path), used once; the
  fields ``edition_bib_required`` asks for; ``keywords`` one of ``edition_bib_groups`` (the
  groups of 참고문헌), when that is set; a ``url`` only ``http://`` or ``https://``.

Field values may hold BibTeX markup (``{braces}``, ``\\emph``): the style renders them as text,
which the writers escape, so nothing of them runs in LaTeX or HTML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.database
import pybtex.scanner
from pybtex.exceptions import PybtexError

from critical_edition import datacache, datafiles
from critical_edition.bibstyle import SAFE_URL_SCHEMES
from critical_edition.records import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from sphinx.application import Sphinx
    from sphinx.config import Config

FILE_KIND = "bib file"
BOM = "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM"
#: A BibTeX key: the same pattern as ``sources.key`` in the schemas.
KEY = re.compile(r"[A-Za-z0-9]+(?:[-_:.][A-Za-z0-9]+)*")
#: ``@type{key,`` at the start of a line: where each entry starts.
_ENTRY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s]*)", re.MULTILINE)
#: Entry types that are not entries.
_NOT_ENTRIES = {"comment", "string", "preamble"}


#: Fields read as they are, not as LaTeX: addresses, where ``%`` is an escape of the URL.
RAW_FIELDS = frozenset({"url", "note-verification"})
#: A percent sign that is not escaped (``\%``): in a LaTeX field, the start of a comment.
COMMENT = re.compile(r"(?<!\\)%")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _Entry:
    """Where an entry starts in the file, and where each of its fields does."""

    def __init__(self, text: str, start: int, end: int, key: str) -> None:
        self.key, self.line = key, _line(text, start)
        self.text, self.start, self.end = text, start, end

    def line_of(self, field: str) -> int:
        pattern = re.compile(rf"^[ \t]*{re.escape(field)}[ \t]*=", re.MULTILINE | re.IGNORECASE)
        match = pattern.search(self.text, self.start, self.end)
        return _line(self.text, match.start()) if match else self.line


def _entries(text: str) -> list[_Entry]:
    starts = [m for m in _ENTRY.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES]
    ends = [m.start() for m in starts[1:]] + [len(text)]
    return [_Entry(text, m.start(), end, m.group(2)) for m, end in zip(starts, ends, strict=True)]


def check_file(
    path: Path, shown: str, required: Sequence[str], groups: Sequence[str]
) -> list[Problem]:
    """The problems of one ``.bib`` file."""

    def problem(line: int, key: str | None, message: str) -> Problem:
        return Problem(shown, line, f"entry {key!r}" if key else None, message, FILE_KIND)

    if message := datafiles.too_large(path.stat().st_size):
        return [problem(1, None, message)]
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return [problem(1, None, BOM)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return [problem(raw[: error.start].count(b"\n") + 1, None, "the file is not UTF-8")]
    # Parsing the files is most of the check: a file checked before, unchanged, has the
    # problems it had (none, or the build would have stopped).
    key = "\0".join([shown, datacache.digest(raw), repr(tuple(required)), repr(tuple(groups))])
    return datacache.remembered("bib", key, lambda _key: _checked(text, problem, required, groups))


def _checked(
    text: str,
    problem: Callable[[int, str | None, str], Problem],
    required: Sequence[str],
    groups: Sequence[str],
) -> list[Problem]:
    entries = _entries(text)
    problems = list(_text_problems(text, entries, problem))
    if problems:
        return problems
    try:
        data = pybtex.database.parse_string(text, "bibtex")
    except pybtex.scanner.PybtexSyntaxError as error:
        return [problem(error.lineno, None, f"malformed BibTeX: {error}")]
    except PybtexError as error:
        return [problem(1, None, f"malformed BibTeX: {error}")]
    except RecursionError:
        return [problem(1, None, "malformed BibTeX: braces nested too deeply")]
    lines = {entry.key.lower(): entry for entry in entries}
    for key, entry in data.entries.items():
        where = lines.get(key.lower())
        line_of = where.line_of if where else (lambda _field: 1)
        missing = [name for name in required if not entry.fields.get(name, "").strip()]
        if missing:
            problems.append(
                problem(
                    where.line if where else 1,
                    key,
                    f"missing required field(s) {', '.join(missing)}; every entry gives "
                    f"{', '.join(required)}",
                )
            )
        group = entry.fields.get("keywords", "").strip()
        if groups and group and group not in groups:
            problems.append(
                problem(
                    line_of("keywords"),
                    key,
                    f"keywords = {group!r} is not a group of the bibliography; use one of "
                    f"{', '.join(groups)}",
                )
            )
        for name, value in entry.fields.items():
            if name.lower() not in RAW_FIELDS and COMMENT.search(value):
                problems.append(
                    problem(
                        line_of(name),
                        key,
                        f"{name}: a % starts a LaTeX comment, and everything after it would be "
                        "lost from the field; write \\% for a percent sign",
                    )
                )
        url = entry.fields.get("url", "").strip()
        if url and not url.startswith(SAFE_URL_SCHEMES):
            problems.append(
                problem(
                    line_of("url"),
                    key,
                    f"url {url!r} is not allowed; give an http:// or https:// address",
                )
            )
    return problems


def _text_problems(text: str, entries: list[_Entry], problem: object) -> Iterator[Problem]:
    """Characters, keys and ``@preamble``: what is checked before the file is parsed."""
    for number, line in enumerate(text.splitlines(), start=1):
        if wrong := datafiles.character_problem(line.replace("\r", "")):
            key = next((e.key for e in reversed(entries) if e.line <= number), None)
            yield problem(number, key, wrong)
    for match in re.finditer(r"^[ \t]*@[ \t]*preamble\b", text, re.MULTILINE | re.IGNORECASE):
        yield problem(
            _line(text, match.start()),
            None,
            "@preamble is not allowed: it would be copied into the LaTeX preamble",
        )
    seen: dict[str, int] = {}
    for entry in entries:
        body = re.sub(r"\\[{}]", "", text[entry.start : entry.end])
        if body.count("{") != body.count("}"):
            yield problem(
                entry.line,
                entry.key,
                f"unbalanced braces: {body.count('{')} '{{' but {body.count('}')} '}}' in this "
                "entry; close every brace you open",
            )
        if not KEY.fullmatch(entry.key):
            yield problem(
                entry.line,
                entry.key,
                "the key must be letters and digits joined by single - _ : or . (no /, \\ "
                "or ..), e.g. 'lenin-cw33'",
            )
        elif entry.key.lower() in seen:
            yield problem(
                entry.line,
                entry.key,
                f"duplicate key: already used at line {seen[entry.key.lower()]}; give each "
                "entry its own key",
            )
        else:
            seen[entry.key.lower()] = entry.line


def check_bibfiles(app: Sphinx, config: Config) -> None:
    """Every ``.bib`` file of ``bibtex_bibfiles``; any problem stops the build at once."""
    problems: list[Problem] = []
    for name in getattr(config, "bibtex_bibfiles", None) or ():
        path = Path(app.srcdir, name)
        if path.is_file():  # sphinxcontrib-bibtex names a missing file itself
            problems += check_file(
                path,
                datafiles.shown(path),
                tuple(config.edition_bib_required),
                tuple(config.edition_bib_groups),
            )
    datafiles.stop(problems, "bib", "the bib files")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", check_bibfiles)
