"""The Korean morphological analyser (kiwipiepy), loaded only when a text must be analysed.

Loading kiwipiepy and its model takes about 2 s and 500 MB, so nothing here imports it at
module import: the first call of :func:`analyse` does, once per process. Builds that find
every text in the token cache (``cache.py``) never load it.
"""

from __future__ import annotations

import functools
from importlib.metadata import version
from typing import TYPE_CHECKING

from sphinx.util import logging

from critical_edition.search_ko.terms import RULES_VERSION, Token

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

logger = logging.getLogger(__name__)


def analyser_version() -> str:
    """Identifies the analyser and the rules: cached terms from another version are stale."""
    packages = ", ".join(f"{name} {version(name)}" for name in ("kiwipiepy", "kiwipiepy-model"))
    return f"rules {RULES_VERSION}; {packages}"


@functools.cache
def kiwi() -> Kiwi:
    logger.info("loading the Korean morphological analyser (kiwipiepy)…")
    from kiwipiepy import Kiwi

    return Kiwi()


def analyse(text: str) -> list[Token]:
    """The morphemes of ``text``, with their tags, offsets and dictionary forms."""
    return [Token(t.form, t.tag, t.start, t.start + t.len, t.lemma) for t in kiwi().tokenize(text)]
