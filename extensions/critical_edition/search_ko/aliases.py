"""The alias table: names and terms in other scripts, mapped to their Korean forms in the text.

A reader may search for Zinoviev, Зиновьев or Kuomintang; the text says 지노비에프 and
국민당. The table maps an original-script form to the Korean form(s)::

    {"Zinoviev": ["지노비에프"], "Зиновьев": ["지노비에프"], "troika": ["3자 동맹", "트로이카"]}

Each word of an original form (lowercased, as the browser lowercases queries) becomes a search
term of every text that contains one of its Korean forms, so the index itself answers
``zinoviev``; the browser only needs the table to highlight the Korean forms.

The table is the union of the config value ``edition_search_aliases`` and of what handlers of
the event ``edition-search-aliases`` return (a mapping of the same shape): that is how the
persons and glossary data supply their original names. A handler whose data can change must
make the documents that contain the Korean forms be written again (the index of a page is
only rebuilt when the page is written).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Iterator

logger = logging.getLogger(__name__)

#: A word of a query as Sphinx's default ``splitQuery`` cuts it (letters, digits, underscore).
WORD = re.compile(r"\w+")


def validated(value: object, location: str | None) -> dict[str, tuple[str, ...]]:
    """The well-formed entries of ``value``; every malformed one is reported and dropped."""
    if not isinstance(value, Mapping):
        logger.warning(
            "search aliases must map original forms to Korean forms, not %r",
            type(value).__name__,
            location=location,
            type="edition",
            subtype="search_alias",
        )
        return {}
    table: dict[str, tuple[str, ...]] = {}
    for original, forms in value.items():
        if isinstance(forms, str):
            forms = [forms]
        ok = (
            isinstance(original, str)
            and WORD.search(original)
            and isinstance(forms, Sequence)
            and forms
            and all(isinstance(f, str) and f.strip() for f in forms)
        )
        if not ok:
            logger.warning(
                "search alias %r → %r ignored: give a word and one or more Korean forms",
                original,
                forms,
                location=location,
                type="edition",
                subtype="search_alias",
            )
            continue
        table[original] = tuple(f.strip() for f in forms)
    return table


class AliasTable:
    """Lowercased words of original forms → the Korean forms they stand for."""

    def __init__(self, entries: Mapping[str, Sequence[str]] | None = None) -> None:
        words: dict[str, dict[str, None]] = {}
        for original, forms in (entries or {}).items():
            for word in WORD.findall(original.lower()):
                words.setdefault(word, {}).update(dict.fromkeys(forms))
        self.words: dict[str, tuple[str, ...]] = {w: tuple(f) for w, f in sorted(words.items())}

    def __bool__(self) -> bool:
        return bool(self.words)

    def forms(self) -> Iterator[str]:
        yield from dict.fromkeys(f for forms in self.words.values() for f in forms)

    def to_json(self) -> str:
        """The table as the browser reads it (``data-aliases`` of the search page's script)."""
        return json.dumps(self.words, ensure_ascii=False, separators=(",", ":"))
