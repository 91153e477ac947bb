"""The persons register and the glossary: their data files, read and checked.

``source/register/persons.toml`` holds ``[[person]]`` tables and ``glossary.toml`` holds
``[[term]]`` tables (``edition_register_dir``); each is checked against its JSON Schema
(``schemas/persons.schema.json``, ``schemas/glossary.schema.json``). An entry lists the
Korean forms the article writes; ``linking.py`` finds them in the text.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jsonschema import Draft202012Validator

from critical_edition.standoff import TableLines, plain, shown, toml_syntax_error

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

SCHEMAS = Path(__file__).parent / "schemas"
#: register kind -> (file name, TOML table, id prefix of its entries' anchors)
KINDS = {"persons": ("persons.toml", "person", "p"), "glossary": ("glossary.toml", "term", "g")}
TITLES = {"persons": "인명 색인", "glossary": "용어집"}


class Entry(NamedTuple):
    kind: str  # persons | glossary
    id: str
    forms: tuple[str, ...]
    usual: tuple[str, ...]  # the usual Korean forms, where they differ from the article's
    original: str  # a person's name in its script; a term in English
    latin: str  # a person's Latin name; a term's Russian transliteration (or "")
    sort: str  # Latin sort key
    russian: str  # terms only
    born: str
    died: str
    text: str  # a person's role, a term's definition (reST)
    see_also: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (key, locator)
    status: str
    path: str
    line: int
    field_lines: tuple[tuple[str, int], ...]

    @property
    def headword(self) -> str:
        return self.forms[0]

    @property
    def anchor(self) -> str:
        return f"{KINDS[self.kind][2]}-{self.id}"

    def line_of(self, field: str) -> int:
        return dict(self.field_lines).get(field, self.line)

    @property
    def dates(self) -> str:
        if not (self.born or self.died):
            return ""
        return f"{self.born or '?'}–{self.died or '?'}"


class RegisterProblem(NamedTuple):
    path: str
    line: int
    entry_id: str | None
    message: str

    def __str__(self) -> str:
        return f"entry '{self.entry_id}': {self.message}" if self.entry_id else self.message


@cache
def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def register_path(env: BuildEnvironment, kind: str) -> Path:
    return Path(env.srcdir, env.config.edition_register_dir, KINDS[kind][0])


def load(kind: str, path: Path, display: str) -> tuple[list[Entry], list[RegisterProblem]]:
    """The entries of one register file (none if it has any problem) and its problems.

    Every text document, the register pages, the checks and the search aliases ask for the
    same files: each is read and validated once per process while it is unchanged.
    """
    if not path.is_file():
        return [], []
    entries, problems = _load(kind, path, path.stat().st_mtime_ns, display)
    return list(entries), list(problems)


@lru_cache(maxsize=8)
def _load(
    kind: str, path: Path, _mtime_ns: int, display: str
) -> tuple[tuple[Entry, ...], tuple[RegisterProblem, ...]]:
    text = path.read_text(encoding="utf-8")
    try:
        data = plain(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        line, message = toml_syntax_error(error)
        return (), (RegisterProblem(display, line, None, f"TOML syntax error: {message}"),)
    table = KINDS[kind][1]
    lines = TableLines(text, table)
    items = data.get(table, [])
    problems = []
    for error in sorted(validator(kind).iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = list(error.absolute_path)
        if len(where) < 2:
            problems.append(
                RegisterProblem(display, 1, None, f"only [[{table}]] tables: {error.message}")
            )
            continue
        index, item = int(where[1]), items[int(where[1])]
        field = str(where[2]) if len(where) > 2 else None
        ident = item.get("id") if isinstance(item, dict) else None
        problems.append(
            RegisterProblem(
                display, lines.of(index, field), ident, f"{field or table}: {error.message}"
            )
        )
    if problems:
        return (), tuple(problems)
    entries = []
    for index, item in enumerate(items):
        entries.append(
            Entry(
                kind=kind,
                id=item["id"],
                forms=tuple(item["forms"]),
                usual=tuple(item.get("usual", ())),
                original=item.get("name") or item["original"],
                latin=item.get("latin") or item.get("translit", ""),
                sort=item.get("sort") or item["original"],
                russian=item.get("russian", ""),
                born=item.get("born", ""),
                died=item.get("died", ""),
                text=item.get("role") or item["definition"],
                see_also=tuple(item.get("see_also", ())),
                sources=tuple((s["key"], s.get("locator", "")) for s in item["sources"]),
                status=item["status"],
                path=display,
                line=lines.of(index),
                field_lines=tuple(lines.keys[index].items()),
            )
        )
    return tuple(entries), ()


def load_all(env: BuildEnvironment) -> tuple[list[Entry], list[RegisterProblem]]:
    """Both registers: their entries and problems (a broken file contributes no entries)."""
    entries: list[Entry] = []
    problems: list[RegisterProblem] = []
    for kind in KINDS:
        path = register_path(env, kind)
        found, wrong = load(kind, path, shown(path))
        entries += found
        problems += wrong
    return entries, problems


# -- Korean ordering ---------------------------------------------------------------------------

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
#: A Korean index files double consonants under their plain consonant.
FOLDED = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
OTHER_GROUP = "기타"


def initial(word: str) -> str:
    """The initial consonant group of a word (ㄱ ㄴ ㄷ …), or 기타 for a digit or Latin start."""
    first = word[:1]
    if "가" <= first <= "힣":
        consonant = INITIALS[(ord(first) - ord("가")) // 588]
        return FOLDED.get(consonant, consonant)
    return OTHER_GROUP


def korean_key(word: str) -> tuple[int, str]:
    """Sort key: Hangul words in dictionary order (code point order), others first."""
    return (0 if initial(word) == OTHER_GROUP else 1, word)


# -- Named persons without entries --------------------------------------------------------------


def names_without_entries(srcdir: Path, register_dir: str = "register") -> list[str]:
    """Proper nouns of the text that no register entry covers and no list explains.

    kiwipiepy tags proper nouns (NNP). Each must fall inside an occurrence of a person's or
    term's form, or be listed in ``<register_dir>/not-persons.tsv`` (places, organisations,
    publications, words derived from a name). What is left is a person named without an
    entry: the list must be empty. Used by ``make names`` and by the tests.
    """
    from kiwipiepy import Kiwi

    from critical_edition.linking import find_forms  # linking imports this module

    folder = srcdir / register_dir
    forms: list[tuple[str, str]] = []
    for filename, table, _prefix in KINDS.values():
        data = tomllib.loads((folder / filename).read_text(encoding="utf-8"))
        forms += [(form, item["id"]) for item in data.get(table, []) for form in item["forms"]]
    forms.sort(key=lambda item: -len(item[0]))
    listed = {
        line.split("\t")[0]
        for line in (folder / "not-persons.tsv").read_text(encoding="utf-8").splitlines()[1:]
        if line.strip()
    }
    kiwi = Kiwi()
    missing: list[str] = []
    for path in sorted((srcdir / "text").glob("*.rst")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            spans = [(start, end) for start, end, _form, _id in find_forms(paragraph, forms)]
            for token in kiwi.tokenize(paragraph):
                if token.tag != "NNP":
                    continue
                start, end = token.start, token.start + token.len
                if any(s <= start and end <= e for s, e in spans):
                    continue
                word = re.match(r"[^\s\"'(),.\[\]]+", paragraph[start:])
                if token.form in listed or (word and word.group() in listed):
                    continue
                missing.append(f"{path.stem}: {token.form} ({word.group() if word else ''})")
    return sorted(set(missing))


if __name__ == "__main__":
    import sys

    found = names_without_entries(Path(sys.argv[1] if len(sys.argv) > 1 else "source"))
    print("\n".join(found) if found else "Every person the text names has an entry.")
    sys.exit(1 if found else 0)
