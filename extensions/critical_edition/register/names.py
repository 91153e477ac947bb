"""``make names``: the persons the text names without an entry in the register.

kiwipiepy tags proper nouns; each must be covered by a register form or listed in
``<register_dir>/not-persons.tsv``. Run as ``python -m critical_edition.register.names``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from critical_edition.anchoring import Forms, find_forms
from critical_edition.register.data import (
    FILE_NAMES,
    FILES,
    KINDS,
    NOT_PERSONS,
    load_not_persons,
)


def names_without_entries(srcdir: Path, register_dir: str = "register") -> list[str]:
    """Proper nouns of the text that no register entry covers and no list explains.

    kiwipiepy tags proper nouns (NNP). Each must fall inside an occurrence of a person's or
    term's form, or be listed in ``<register_dir>/not-persons.tsv`` (places, organisations,
    publications, words derived from a name). What is left is a person named without an
    entry: the list must be empty. Used by ``make names`` and by the tests.
    """
    from kiwipiepy import Kiwi  # 500 MB: only when the check runs

    folder = srcdir / register_dir
    forms: list[tuple[str, str]] = []
    for kind in KINDS:
        data = tomllib.loads((folder / FILE_NAMES[kind]).read_text(encoding="utf-8"))
        table = FILES[kind].table
        forms += [(form, item["id"]) for item in data.get(table, []) for form in item["forms"]]
    listed, problems = load_not_persons(folder / NOT_PERSONS)
    if problems:  # the list itself is wrong: that is the report
        return [f"{p.path}:{p.line}: ERROR: {p}" for p in problems]
    index = Forms(forms)
    kiwi = Kiwi()
    missing: list[str] = []
    for path in sorted((srcdir / "text").glob("*.rst")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            spans = [(start, end) for start, end, _form, _id in find_forms(paragraph, index)]
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
