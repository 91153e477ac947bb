"""Standoff annotation files: read, locate and validate ``source/annotations/<part>.toml``.

A file holds an array of ``[[annotation]]`` tables (see ``schemas/annotations.schema.json``
and CONTRIBUTING.md). This module turns a file into :class:`Annotation` records, or into
:class:`Problem` reports that name the file, the line and the annotation id. It knows
nothing of Sphinx: the anchoring into the text happens in ``apparatus.py``.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jsonschema import Draft202012Validator
from sphinx.errors import SphinxError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jsonschema.exceptions import ValidationError

SCHEMA_PATH = Path(__file__).parent / "schemas" / "annotations.schema.json"

#: Korean names of the kinds, as readers see them.
KIND_LABELS = {
    "explanatory": "해설",
    "translation": "번역",
    "emendation": "교정",
    "factual": "사실 확인",
    "cross-reference": "참조",
    "source": "출처",
}

#: What the editors checked, as readers see it (``verification``). A source note says
#: whether the quoted wording was seen in the work; any other note, whether its statements
#: were checked in the works it cites.
VERIFICATION_LABELS = {
    "wording": "문구 확인",
    "work": "저작만 확인",
    "none": "미확인",
    "reviewed": "검토됨",
    "unverified": "미확인",
}


def verification_shown(series: str, level: str) -> bool:
    """Readers see what was checked on every source note, and on unverified editorial notes
    (a reviewed editorial note is the norm, stated on the about page)."""
    return series == "source" or level == "unverified"


#: The same, spelled out (tooltips, the 출처 현황 page, the about page).
VERIFICATION_DESCRIPTIONS = {
    "wording": "인용된 문구를 출전에서 직접 확인했다",
    "work": "출전 저작은 확인했으나 인용된 문구는 확인하지 못했다",
    "none": "출전이 추정일 뿐, 아무것도 확인하지 못했다",
    "reviewed": "주석의 내용을 인용한 문헌에서 확인했다",
    "unverified": "주석의 내용을 문헌에서 아직 확인하지 못했다",
}


class SourceRef(NamedTuple):
    key: str
    locator: str


class Annotation(NamedTuple):
    id: str
    kind: str
    quote: str
    prefix: str
    suffix: str
    paragraph: int | None
    reading: str | None
    body: str | None
    authors: tuple[str, ...]
    created: str
    updated: str | None
    verification: str
    evidence: str | None
    sources: tuple[SourceRef, ...]
    path: str
    line: int  # the line of its ``[[annotation]]`` header
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, field: str) -> int:
        return dict(self.field_lines).get(field, self.line)

    @property
    def series(self) -> str:
        """``source`` notes are numbered; all editorial notes are lettered."""
        return "source" if self.kind == "source" else "editorial"


class Problem(NamedTuple):
    path: str
    line: int
    annotation_id: str | None
    message: str

    def __str__(self) -> str:
        who = f"annotation '{self.annotation_id}'" if self.annotation_id else "annotation file"
        return f"{who}: {self.message}"


@cache
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


# -- Lines ------------------------------------------------------------------------------------

_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=(\s*(\"\"\"|\'\'\')\s*$)?")


class TableLines:
    """Where each ``[[<table>]]`` table and each of its values starts (1-based lines).

    A multi-line string that opens with a line break starts on the next line (TOML drops
    that first line break), so lines inside a note body can be counted from it.
    """

    def __init__(self, text: str, table: str = "annotation") -> None:
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


# -- Reading ----------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """TOML values as JSON Schema sees them: dates become ISO strings."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return value


def _schema_message(error: ValidationError) -> tuple[str | None, str]:
    """The field an error is about, and what to do, in a contributor's words."""
    path = list(error.absolute_path)
    field = str(path[2]) if len(path) > 2 else None
    instance = error.instance
    properties = error.schema.get("properties", {})
    if error.validator == "additionalProperties":
        unknown = sorted(set(instance) - set(properties))
        field = unknown[0] if unknown else field
        allowed = ", ".join(properties)
        return field, f"unknown field {', '.join(map(repr, unknown))}; allowed fields: {allowed}"
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in instance]
        kind = instance.get("kind") if isinstance(instance, dict) else None
        why = ""
        if kind and len(path) == 2:
            state = f"kind = {kind!r}"
            if "sources" in missing and kind != "source":
                state += f" with verification = {instance.get('verification')!r}"
            why = f" ({state} needs it)"
            if missing == ["evidence"]:
                why = " (verification = 'wording' needs it: say where the wording was seen)"
        return None, f"missing required field {', '.join(map(repr, missing))}{why}"
    if error.validator == "not" and "reading" in instance:
        return "reading", "'reading' is only for emendations: remove it, or set kind = 'emendation'"
    if error.validator == "enum":
        choices = ", ".join(map(repr, error.validator_value))
        return field, f"{field} = {instance!r} is not allowed; use one of {choices}"
    if error.validator == "pattern" and field == "id":
        return field, (
            f"id {instance!r} must be lowercase Latin letters and digits joined by single "
            "hyphens, starting with a letter (e.g. 'em-aesseotda')"
        )
    if error.validator == "format":
        return field, f"{field} = {instance!r} is not a date; write it as 2026-11-24 (no quotes)"
    if error.validator == "type" and len(path) == 2 and path[0] == "annotation":
        return None, "each [[annotation]] must be a table"
    return field, f"{field or 'value'}: {error.message}"


def _problems_of(data: dict, lines: TableLines, path: str) -> Iterator[Problem]:
    annotations = data.get("annotation", [])
    for error in sorted(validator().iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = list(error.absolute_path)
        if len(where) < 2 or where[0] != "annotation":
            field, message = _schema_message(error)
            if error.validator == "additionalProperties":
                message = (
                    f"unknown top-level table {field!r}: a file holds only [[annotation]] tables"
                )
            yield Problem(path, 1, None, message)
            continue
        index = int(where[1])
        item = annotations[index] if isinstance(annotations[index], dict) else {}
        field, message = _schema_message(error)
        yield Problem(path, lines.of(index, field), item.get("id"), message)
    seen: dict[str, int] = {}
    for index, item in enumerate(annotations):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            yield Problem(
                path,
                lines.of(index, "id"),
                ident,
                f"duplicate id: already used at line {seen[ident]}; give each annotation "
                "its own id",
            )
        else:
            seen[ident] = lines.of(index, "id")


def _record(item: dict, path: str, lines: TableLines, index: int) -> Annotation:
    return Annotation(
        id=item["id"],
        kind=item["kind"],
        quote=item["quote"],
        prefix=item.get("prefix", ""),
        suffix=item.get("suffix", ""),
        paragraph=item.get("paragraph"),
        reading=item.get("reading"),
        body=item.get("body"),
        authors=tuple(item["authors"]),
        created=item["created"],
        updated=item.get("updated"),
        verification=item["verification"],
        evidence=item.get("evidence"),
        sources=tuple(SourceRef(s["key"], s.get("locator", "")) for s in item.get("sources", ())),
        path=path,
        line=lines.of(index),
        field_lines=tuple(lines.keys[index].items()),
    )


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class AnnotationError(SphinxError):
    """The edition's data files (annotations, registers, quotation marks) have problems."""

    category = "Annotation error"


def shown(path: Path) -> str:
    """A file name for messages: relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def toml_syntax_error(error: tomllib.TOMLDecodeError) -> tuple[int, str]:
    """The line of a TOML syntax error, and its message without tomllib's position."""
    match = _TOML_POSITION.search(str(error))
    return (int(match.group(1)) if match else 1), _TOML_POSITION.sub("", str(error)).strip()


def load(path: Path, display_path: str | None = None) -> tuple[list[Annotation], list[Problem]]:
    """The annotations of one file, or the problems that keep it from being used."""
    display = display_path or str(path)
    text = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, message = toml_syntax_error(error)
        return [], [
            Problem(display, line, None, f"TOML syntax error: {message}; fix the syntax there")
        ]
    data = plain(raw)
    lines = TableLines(text)
    problems = list(_problems_of(data, lines, display))
    if problems:
        return [], problems
    items = data.get("annotation", [])
    return [_record(item, display, lines, index) for index, item in enumerate(items)], []
