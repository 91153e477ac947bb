"""Reading the edition's data files: TOML, checked against a JSON Schema, into records.

Every data file a contributor edits (annotations, the two registers, the quotation-marks
file) goes through :func:`load`: the TOML is parsed, checked against the file's schema
(``schemas/``), its body-like fields are parsed by the safe reST path (``safe_rst.py``), and
each table becomes a record (``records.py``), or a :class:`~critical_edition.records.Problem`
naming the file, the line and the record, in a contributor's words. A file is read once per
process while it is unchanged (cached by modification time). Any problem stops the build
with a :class:`DataError` before a page is written. What a file gives is kept between builds
too, by a digest of its bytes (``datacache.py``).

Every file is untrusted: it is refused over :data:`MAX_FILE_BYTES`, with a BOM, or with
control, bidi or zero-width characters in any value (:func:`character_problem`, also used for
``not-persons.tsv`` and ``.bib``); the schemas bound every text field (``maxLength``); and
whatever a record's maker raises becomes a problem of that record (:func:`unexpected`), so
that no input ends in a traceback.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
import unicodedata
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jsonschema import Draft202012Validator
from sphinx.errors import SphinxError
from sphinx.util import logging

from critical_edition import datacache, safe_rst
from critical_edition.records import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from docutils import nodes
    from jsonschema.exceptions import ValidationError
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

SCHEMAS = Path(__file__).parent / "schemas"


class DataError(SphinxError):
    """The edition's data files have problems (each was logged with its file and line)."""

    category = "Data file error"


class FileKind(NamedTuple):
    """What a kind of data file holds, and how its problems are worded."""

    name: str  # "annotation file": the file, in messages without a record
    table: str  # the TOML array of tables: [[annotation]]
    schema: str  # its file in schemas/
    record: str  # "annotation": a table, in messages
    key: str  # the field that names a table in messages (and must be unique, if ``unique``)
    unique: bool  # a second table with the same key is a problem
    example: str  # a well-formed key, for the message about a malformed one


def shown(path: Path) -> str:
    """A file name for messages: relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def report(problem: Problem, subtype: str) -> None:
    """Log a problem at its file and line (``file:line: ERROR: record: message``)."""
    logger.error(
        str(problem), location=f"{problem.path}:{problem.line}", type="edition", subtype=subtype
    )


def stop(problems: Sequence[Problem], subtype: str, files: str) -> None:
    """Log every problem at its place; if there is any, stop before anything is written."""
    for problem in problems:
        report(problem, subtype)
    if problems:
        msg = f"{len(problems)} problem(s) in {files} (listed above); nothing was written"
        raise DataError(msg)


def depend(env: BuildEnvironment, path: Path) -> None:
    """The document being read uses this file (if it exists): re-read it when it changes.

    Sphinx re-reads a document whose dependency was deleted; one that does not exist yet is
    noticed when it appears (:func:`appeared`).
    """
    if path.is_file():
        env.note_dependency(str(path))


def appeared(env: BuildEnvironment, docname: str, path: Path) -> bool:
    """``path`` exists, but did not when the document was last read (for
    ``env-get-outdated``)."""
    return path.is_file() and path not in {Path(d) for d in env.dependencies.get(docname, ())}


# -- Lines ------------------------------------------------------------------------------------

_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=(\s*(\"\"\"|\'\'\')\s*$)?")


class TableLines:
    """Where each ``[[<table>]]`` table and each of its values starts (1-based lines).

    A multi-line string that opens with a line break starts on the next line (TOML drops
    that first line break), so lines inside a note body can be counted from it.
    """

    def __init__(self, text: str, table: str) -> None:
        header = re.compile(rf"^\s*\[\[\s*{table}\s*\]\]\s*(#.*)?$")
        self.headers: list[int] = []
        self.keys: list[dict[str, int]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if header.match(line):
                self.headers.append(number)
                self.keys.append({})
            elif self.keys and (match := _KEY.match(line)):
                start = number + 1 if match.group(2) else number
                self.keys[-1].setdefault(match.group(1).strip('"'), start)

    def of(self, index: int, field: str | None = None) -> int:
        if index >= len(self.headers):
            return 1
        if field is not None and field in self.keys[index]:
            return self.keys[index][field]
        return self.headers[index]

    def fields(self, index: int) -> tuple[tuple[str, int], ...]:
        return tuple(self.keys[index].items()) if index < len(self.keys) else ()


class Table(NamedTuple):
    """One table of a file, valid by the schema, with what a record needs to know."""

    item: dict[str, Any]
    path: str  # as shown
    line: int  # of its header
    field_lines: tuple[tuple[str, int], ...]

    def line_of(self, field: str) -> int:
        return dict(self.field_lines).get(field, self.line)


def plain(value: Any) -> Any:
    """TOML values as JSON Schema sees them: dates become ISO strings."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return value


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_syntax_error(error: tomllib.TOMLDecodeError) -> tuple[int, str]:
    """The line of a TOML syntax error, and its message without tomllib's position."""
    match = _TOML_POSITION.search(str(error))
    return (int(match.group(1)) if match else 1), _TOML_POSITION.sub("", str(error)).strip()


# -- Schemas ----------------------------------------------------------------------------------


@cache
def validator(schema: str) -> Draft202012Validator:
    document = json.loads((SCHEMAS / schema).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(document)
    return Draft202012Validator(document, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _schema_message(error: ValidationError, kind: FileKind) -> tuple[str | None, str]:
    """The field an error is about, and what to do, in a contributor's words."""
    path = list(error.absolute_path)
    field = str(path[2]) if len(path) > 2 else None
    instance = error.instance
    properties = error.schema.get("properties", {})
    if error.validator == "additionalProperties":
        unknown = sorted(set(instance) - set(properties))
        field = unknown[0] if unknown else field
        if len(path) < 2:
            return field, (
                f"unknown top-level table {field!r}: a file holds only [[{kind.table}]] tables"
            )
        allowed = ", ".join(properties)
        return field, f"unknown field {', '.join(map(repr, unknown))}; allowed fields: {allowed}"
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in instance]
        note_kind = instance.get("kind") if isinstance(instance, dict) else None
        why = ""
        if kind.table == "annotation" and note_kind and len(path) == 2:
            state = f"kind = {note_kind!r}"
            if "sources" in missing and note_kind != "source":
                state += f" with verification = {instance.get('verification')!r}"
            why = f" ({state} needs it)"
            if missing == ["evidence"]:
                why = " (verification = 'wording' needs it: say where the wording was seen)"
        return None, f"missing required field {', '.join(map(repr, missing))}{why}"
    if error.validator == "dependentRequired":
        given = next(k for k, needs in error.validator_value.items() if k in instance
                     and any(n not in instance for n in needs))  # fmt: skip
        missing = [n for n in error.validator_value[given] if n not in instance]
        return given, f"{given} needs {', '.join(map(repr, missing))} too: give both, or neither"
    if error.validator == "not" and "reading" in instance:
        return "reading", "'reading' is only for emendations: remove it, or set kind = 'emendation'"
    if error.validator == "enum":
        choices = ", ".join(map(repr, error.validator_value))
        return field, f"{field} = {instance!r} is not allowed; use one of {choices}"
    if error.validator == "maxLength":
        return field, (
            f"{_field_path(error)} is {len(instance)} characters long; the limit is "
            f"{error.validator_value}: shorten it"
        )
    if error.validator == "pattern" and "x-pattern-message" in error.schema:
        return field, f"{_field_path(error)} = {instance!r}: {error.schema['x-pattern-message']}"
    if error.validator == "pattern" and field == kind.key:
        return field, (
            f"{field} {instance!r} must be lowercase Latin letters and digits joined by single "
            f"hyphens, starting with a letter (e.g. {kind.example!r})"
        )
    if error.validator == "format":
        return field, f"{field} = {instance!r} is not a date; write it as 2026-11-24 (no quotes)"
    if error.validator == "type" and len(path) == 2 and path[0] == kind.table:
        return None, f"each [[{kind.table}]] must be a table"
    return field, f"{field or 'value'}: {error.message}"


def _field_path(error: ValidationError) -> str:
    """``body``, ``sources[1].key``: the value an error is about, inside its table."""
    text = ""
    for part in list(error.absolute_path)[2:]:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "value"


def named(kind: FileKind, item: object) -> str | None:
    """How messages name a table: ``annotation 'em-x'``, ``entry 'zinoviev'``."""
    value = item.get(kind.key) if isinstance(item, dict) else None
    return f"{kind.record} {value!r}" if isinstance(value, str) and value else None


def _schema_problems(data: dict, lines: TableLines, path: str, kind: FileKind) -> Iterator[Problem]:
    tables = data.get(kind.table, [])
    for error in sorted(
        validator(kind.schema).iter_errors(data), key=lambda e: list(e.absolute_path)
    ):
        where = list(error.absolute_path)
        field, message = _schema_message(error, kind)
        if len(where) < 2 or where[0] != kind.table:
            yield Problem(path, 1, None, message, kind.name)
            continue
        index = int(where[1])
        yield Problem(path, lines.of(index, field), named(kind, tables[index]), message, kind.name)
    if not kind.unique:
        return
    seen: dict[str, int] = {}
    for index, item in enumerate(tables):
        key = item.get(kind.key) if isinstance(item, dict) else None
        if not isinstance(key, str):
            continue
        if key in seen:
            yield Problem(
                path,
                lines.of(index, kind.key),
                named(kind, item),
                f"duplicate {kind.key}: already used at line {seen[key]}; give each "
                f"{kind.record} its own {kind.key}",
                kind.name,
            )
        else:
            seen[key] = lines.of(index, kind.key)


# -- Reading ----------------------------------------------------------------------------------

#: Control characters (TOML escapes can write them): none reaches a page, except the line
#: break and the tab of multi-line text.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Invisible characters that reorder or hide text (bidi controls: U+200E, U+200F,
#: U+202A–U+202E, U+2066–U+2069) or join and split it unseen (zero-width: U+200B–U+200D,
#: U+2060, U+FEFF). The witness has none, so a quote never needs one.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
#: The largest data file read (bytes): ten times the largest today.
MAX_FILE_BYTES = 1_000_000


def character_problem(text: str) -> str | None:
    """What is wrong with a character of a text field, if anything (for every data file)."""
    if found := CONTROL.search(text):
        return (
            f"the control character U+{ord(found.group()):04X} is not allowed "
            "(only line breaks and tabs); remove it"
        )
    if found := INVISIBLE.search(text):
        char = found.group()
        name = unicodedata.name(char, "invisible character")
        return (
            f"the invisible character U+{ord(char):04X} ({name}) is not allowed (bidi "
            "controls and zero-width characters hide or reorder text); remove it"
        )
    return None


def too_large(size: int) -> str | None:
    """The message for a data file over the size limit."""
    if size <= MAX_FILE_BYTES:
        return None
    return f"the file has {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes for a data file"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _control_problems(
    data: dict, lines: TableLines, path: str, kind: FileKind
) -> Iterator[Problem]:
    tables = data.get(kind.table)
    for index, item in enumerate(tables if isinstance(tables, list) else ()):
        for field, value in item.items() if isinstance(item, dict) else ():
            wrong = next((w for text in _strings(value) if (w := character_problem(text))), None)
            if wrong is not None:
                yield Problem(
                    path, lines.of(index, field), named(kind, item), f"{field}: {wrong}", kind.name
                )


def load(
    kind: FileKind, path: Path, make: Callable[[Table], tuple[Any, list[Problem]]]
) -> tuple[tuple[Any, ...], tuple[Problem, ...]]:
    """The records of a file and its problems.

    A file that cannot be read or fails its schema gives no records. A record whose body-like
    field has a problem is kept (the problem stops the build; what it shows is all of it
    that is allowed), so that every other problem of the file is found in the same build. A
    file that does not exist holds no records and has no problems.
    """
    if not path.is_file():
        return (), ()
    stat = path.stat()
    return _load(kind, path, stat.st_mtime_ns, stat.st_size, make)


# Every data file of an edition four times this one's size (an annotation file per part, the
# registers, the sources) stays loaded: a build reads each once however often it asks.
@lru_cache(maxsize=512)
def _load(
    kind: FileKind,
    path: Path,
    _mtime_ns: int,
    _size: int,
    make: Callable[[Table], tuple[Any, list[Problem]]],
) -> tuple[tuple[Any, ...], tuple[Problem, ...]]:
    display = shown(path)

    def unreadable(line: int, message: str) -> tuple[tuple[()], tuple[Problem]]:
        return (), (Problem(display, line, None, message, kind.name),)

    if message := too_large(_size):
        return unreadable(1, message)
    raw = path.read_bytes()
    maker = maker_name(make)
    if "<locals>" in maker:  # a maker made on the fly (tests) is not known by name: not kept
        return _read(kind, display, raw, make)
    kept = datacache.get(kind.name, maker, display, raw)
    if kept is not None:
        return kept  # type: ignore[return-value]
    result = _read(kind, display, raw, make)
    datacache.put(kind.name, maker, display, raw, result)
    return result


def maker_name(make: Callable) -> str:
    """A maker by name (``module.function``, with a partial's arguments)."""
    if isinstance(make, partial):
        return f"{maker_name(make.func)}{make.args!r}{sorted(make.keywords.items())!r}"
    return f"{getattr(make, '__module__', '')}.{getattr(make, '__qualname__', '<locals>')}"


def _read(
    kind: FileKind, display: str, raw: bytes, make: Callable[[Table], tuple[Any, list[Problem]]]
) -> tuple[tuple[Any, ...], tuple[Problem, ...]]:
    def unreadable(line: int, message: str) -> tuple[tuple[()], tuple[Problem]]:
        return (), (Problem(display, line, None, message, kind.name),)

    if raw.startswith(b"\xef\xbb\xbf"):
        return unreadable(
            1, "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return unreadable(line, "the file is not UTF-8; save it as UTF-8")
    try:
        data = plain(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        line, message = toml_syntax_error(error)
        return unreadable(line, f"TOML syntax error: {message}; fix the syntax there")
    except RecursionError:
        return unreadable(1, "values are nested too deeply to read; write plain values")
    lines = TableLines(text, kind.table)
    try:
        problems = list(_control_problems(data, lines, display, kind))
        problems += _schema_problems(data, lines, display, kind)
    except RecursionError:
        return unreadable(1, "values are nested too deeply to check; write plain values")
    if problems:
        return (), tuple(problems)
    records = []
    for index, item in enumerate(data.get(kind.table, [])):
        table = Table(item, display, lines.of(index), lines.fields(index))
        try:
            record, wrong = make(table)
        except Exception as error:  # the safety net: a record must not crash the build
            wrong = [unexpected(table, kind, error)]
            record = None
        if record is not None:
            records.append(record)
        problems += wrong
    return tuple(records), tuple(problems)


def unexpected(table: Table, kind: FileKind, error: BaseException) -> Problem:
    """The safety net: an error no check foresaw, as a problem of the record that raised it."""
    return Problem(
        table.path,
        table.line,
        named(kind, table.item),
        f"this {kind.record} could not be read ({type(error).__name__}: {error}); "
        "simplify it, and report the message if it is not clear what is wrong",
        kind.name,
    )


def parse_body(
    table: Table, field: str, kind: FileKind
) -> tuple[tuple[nodes.Node, ...], list[Problem]]:
    """A body-like field of a table (a note's body, a definition, a role) parsed as safe
    reST; none if the table has no such field."""
    if not table.item.get(field):
        return (), []
    paragraphs, found = safe_rst.parse_body(table.item[field], table.path)
    first = table.line_of(field)
    record = named(kind, table.item)
    problems = [
        Problem(table.path, first + p.line - 1, record, f"{field}: {p.message}", kind.name)
        for p in found
    ]
    return tuple(paragraphs), problems
