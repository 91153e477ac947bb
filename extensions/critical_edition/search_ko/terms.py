"""What the Korean search index holds: the rules from analysed tokens to index terms.

The analyser (``analyser.py``) cuts a text into morphemes. This module decides which of them
become search terms, without knowing the analyser, so the rules can be read and tested alone:

- nouns, proper nouns, numerals, roots, Hanja and numbers with their counters are indexed
  **without particles and endings** (트로츠키는 → 트로츠키, 1923년에 → 1923년);
- a run of nouns written as one word is indexed whole **and by its parts**: every contiguous
  part that starts with a noun (좌익반대파 → 좌익반대파, 좌익, 반대파; 반혁명 → 반혁명, 혁명);
  the plural suffix 들 ends a run (농민들 → 농민);
- a long noun the analyser keeps whole but that ends in a productive suffix (트로츠키주의,
  영구혁명론, 반대파) is split once more: its head is analysed again, and the head's parts are
  indexed alone and with the suffix (영구혁명론 → 영구, 혁명, 영구혁명, 혁명론, 론…);
- verbs and adjectives are indexed by their dictionary form (이끌었다 → 이끌다);
- Latin and other foreign-script words are indexed lowercased (NEP → nep).

Every occurrence yields its terms once (a compound gives each of its parts once), so that
counting the terms of a page counts the occurrences: the search ranks pages by them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

#: Bump when the rules change: the token cache is keyed by it.
RULES_VERSION = "2"

#: Tags (Sejong tag set, as kiwipiepy uses it) of tokens that can start a term.
NOUNS = frozenset({"NNG", "NNP", "NR", "SH", "XR", "SN"})
#: Tags of tokens that belong to a noun run: nouns, bound nouns, noun prefixes and suffixes.
RUN = NOUNS | {"NNB", "XSN", "XPN"}
VERBS = frozenset({"VV", "VA"})
FOREIGN = frozenset({"SL"})
PLURAL = "들"
#: Suffixes of compound nouns that the analyser may keep as one token.
COMPOUND_SUFFIXES = ("주의자", "주의", "파", "론", "당")


class Token(NamedTuple):
    """One analysed morpheme, independent of the analyser that produced it."""

    form: str
    tag: str  # e.g. "NNG", "VA-I" (the part after "-" marks irregular conjugation)
    start: int
    end: int
    lemma: str

    @property
    def pos(self) -> str:
        return self.tag.partition("-")[0]


def noun_runs(tokens: Iterable[Token]) -> Iterator[list[Token]]:
    """Maximal runs of noun-like tokens written together (no space or punctuation between)."""
    run: list[Token] = []
    for token in tokens:
        joined = bool(run) and run[-1].end == token.start
        if token.pos in RUN and not (token.pos == "XSN" and token.form == PLURAL):
            if run and not joined:
                yield run
                run = []
            run.append(token)
            continue
        if run:
            yield run
            run = []
    if run:
        yield run


def run_terms(run: Sequence[Token]) -> list[str]:
    """The whole run and every contiguous part of it that starts with a noun."""
    terms: list[str] = []
    if any(t.pos in NOUNS for t in run):
        terms.append("".join(t.form for t in run))
    for i, first in enumerate(run):
        if first.pos not in NOUNS:
            continue
        for j in range(i, len(run)):
            if run[j].pos != "XPN":
                terms.append("".join(t.form for t in run[i : j + 1]))
    return terms


def compound_head(form: str) -> tuple[str, str] | None:
    """Split a long noun into head and productive suffix (트로츠키주의 → 트로츠키, 주의)."""
    for suffix in COMPOUND_SUFFIXES:
        if form.endswith(suffix) and len(form) - len(suffix) >= 2:
            return form[: -len(suffix)], suffix
    return None


def decomposed_terms(form: str, analyse: Callable[[str], list[Token]]) -> list[str]:
    """Terms of a single noun token that ends in a compound suffix, from its analysed head."""
    split = compound_head(form)
    if split is None:
        return []
    head, suffix = split
    terms = [suffix] if len(suffix) > 1 else []
    for run in noun_runs(analyse(head)):
        terms.extend(run_terms(run))
        for i, first in enumerate(run):
            if first.pos in NOUNS:
                terms.append("".join(t.form for t in run[i:]) + suffix)
    return terms


def index_terms(tokens: Sequence[Token], analyse: Callable[[str], list[Token]]) -> list[str]:
    """The search terms of an analysed text: nouns, then verbs and foreign words; each term
    once per occurrence (a run of nouns is one occurrence of each of its parts)."""
    terms: list[str] = []
    for run in noun_runs(tokens):
        found = run_terms(run)
        for token in run:
            if token.pos in {"NNG", "NNP"} and len(token.form) >= 3:
                found.extend(decomposed_terms(token.form, analyse))
        terms.extend(dict.fromkeys(found))
    for token in tokens:
        if token.pos in VERBS and token.lemma.endswith("다"):
            terms.append(token.lemma)
        elif token.pos in FOREIGN:
            terms.append(token.form.lower())
    return [t for t in terms if t and not t.isdigit()]
