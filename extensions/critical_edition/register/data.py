"""The persons register and the glossary: their data files, read and checked, and their order.

``source/register/persons.toml`` holds ``[[person]]`` tables and ``glossary.toml`` holds
``[[term]]`` tables (``edition_register_dir``); each is checked against its JSON Schema
(``schemas/persons.schema.json``, ``schemas/glossary.schema.json``) by ``datafiles.py``. An
entry lists the Korean forms the article writes (``linking.py`` finds them in the text); its
role or definition is parsed by the same safe reST path as a note's body.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from critical_edition import datafiles, dates, provenance
from critical_edition.records import Entry, Problem

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def _register_file(kind: str, table: str, example: str) -> datafiles.FileKind:
    return datafiles.FileKind(
        name="register file",
        table=table,
        schema=f"{kind}.schema.json",
        record="entry",
        key="id",
        unique=False,  # ids are unique across both files: checked with the whole register
        example=example,
    )


#: register kind -> its file
FILES = {
    "persons": _register_file("persons", "person", "zinoviev"),
    "glossary": _register_file("glossary", "term", "left-opposition"),
}
KINDS = tuple(FILES)
FILE_NAMES = {"persons": "persons.toml", "glossary": "glossary.toml"}
ANCHOR_PREFIXES = {"persons": "p", "glossary": "g"}
TITLES = {"persons": "인명 색인", "glossary": "용어집"}


def register_path(env: BuildEnvironment, kind: str) -> Path:
    return Path(env.srcdir, env.config.edition_register_dir, FILE_NAMES[kind])


def _entry(kind: str, table: datafiles.Table) -> tuple[Entry, list[Problem]]:
    item = table.item
    field = "role" if "role" in item else "definition"
    body, problems = datafiles.parse_body(table, field, FILES[kind])
    problems += provenance.problems(table, FILES[kind])
    problems += dates.problems(table, FILES[kind], reviewed=item["status"] == "reviewed")
    entry = Entry(
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
        text=item[field],
        body=body,
        see_also=tuple(item.get("see_also", ())),
        sources=tuple((s["key"], s.get("locator", "")) for s in item["sources"]),
        status=item["status"],
        authors=tuple(item["authors"]),
        created=item["created"],
        updated=item.get("updated"),
        path=table.path,
        line=table.line,
        field_lines=table.field_lines,
        anchor_prefix=ANCHOR_PREFIXES[kind],
        date=item.get("date"),
        event=item.get("event"),
    )
    return entry, problems


#: One maker per kind (module constants, so that the file cache recognises them).
MAKERS = {kind: partial(_entry, kind) for kind in FILES}


def load(kind: str, path: Path) -> tuple[list[Entry], list[Problem]]:
    """The entries of one register file (none if it has any problem) and its problems."""
    entries, problems = datafiles.load(FILES[kind], path, MAKERS[kind])
    return list(entries), list(problems)


def load_all(env: BuildEnvironment) -> tuple[list[Entry], list[Problem]]:
    """Both registers: their entries and problems (a broken file contributes no entries)."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for kind in KINDS:
        found, wrong = load(kind, register_path(env, kind))
        entries += found
        problems += wrong
    return entries, problems


# -- Names that are not persons ---------------------------------------------------------------

NOT_PERSONS = "not-persons.tsv"
#: What a proper noun of the text that is not a person may be (the second column).
NOT_PERSON_CATEGORIES = ("place", "organisation", "publication", "event", "derived", "other")
_NOT_PERSONS_HEADER = "form\tcategory"


def not_persons_path(env: BuildEnvironment) -> Path:
    return Path(env.srcdir, env.config.edition_register_dir, NOT_PERSONS)


def load_not_persons(path: Path) -> tuple[frozenset[str], list[Problem]]:
    """The words of ``not-persons.tsv`` (``make names`` skips them), and its problems: a header
    ``form<TAB>category``, then one word and its category a line, each word once."""
    if not path.is_file():
        return frozenset(), []
    shown = datafiles.shown(path)

    def problem(line: int, form: str | None, message: str) -> Problem:
        return Problem(shown, line, f"row {form!r}" if form else None, message, "names list")

    if message := datafiles.too_large(path.stat().st_size):
        return frozenset(), [problem(1, None, message)]
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        bom = "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM"
        return frozenset(), [problem(1, None, bom)]
    try:
        lines = raw.decode("utf-8").splitlines()
    except UnicodeDecodeError as error:
        return frozenset(), [problem(raw[: error.start].count(b"\n") + 1, None, "not UTF-8")]
    problems: list[Problem] = []
    if not lines or lines[0] != _NOT_PERSONS_HEADER:
        problems.append(problem(1, None, "the first line must be the header form<TAB>category"))
    forms: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        form = cells[0].strip()
        if wrong := datafiles.character_problem(line.replace("\t", " ")):
            problems.append(problem(number, form, wrong))
        elif len(cells) != 2 or not form:
            problems.append(
                problem(number, form, "a row is a word, a tab and its category (two columns)")
            )
        elif cells[1] not in NOT_PERSON_CATEGORIES:
            problems.append(
                problem(
                    number,
                    form,
                    f"category {cells[1]!r} is not allowed; use one of "
                    f"{', '.join(NOT_PERSON_CATEGORIES)}",
                )
            )
        elif form in forms:
            problems.append(problem(number, form, f"duplicate: already at line {forms[form]}"))
        else:
            forms[form] = number
    return frozenset(forms), problems


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
