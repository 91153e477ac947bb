"""The indexed look-ups that keep the build linear in the text (issue 16) give what the plain
definitions give: alias words of a text (``search_ko/language.py``) and register forms in a
text (``anchoring.find_forms``)."""

from __future__ import annotations

import random
from collections import Counter

from critical_edition.anchoring import ENDING, Forms, find_forms, is_hangul
from critical_edition.search_ko.aliases import AliasTable
from critical_edition.search_ko.cache import TermCache
from critical_edition.search_ko.language import IndexTerms

#: Analysed words, as the token cache would hold them: no analyser is loaded.
ANALYSED = {
    "지노비에프": ("지노비에프",),
    "3자": ("3자",),
    "동맹": ("동맹",),
    "트로이카": ("트로이카",),
    "국민당": ("국민당", "국민", "당"),
    "좌익반대파": ("좌익반대파", "좌익", "반대파"),
    "반대파": ("반대파",),
}
ALIASES = {
    "Zinoviev": ["지노비에프"],
    "Зиновьев": ["지노비에프"],
    "troika": ["3자 동맹", "트로이카"],
    "Kuomintang": ["국민당"],
    "Left Opposition": ["좌익반대파"],
    "Opposition": ["반대파"],
}


def index_terms() -> IndexTerms:
    cache = TermCache(None, "test")
    for text, terms in ANALYSED.items():
        cache.put(text, terms)
    return IndexTerms(cache, AliasTable(ALIASES))


def plain_alias_words(terms: IndexTerms, text: list[str]) -> list[str]:
    """The definition: every alias word, as often as the text holds one of its forms."""
    present = Counter(text)
    words: list[str] = []
    for word, forms in terms.aliases.words.items():
        times = max(min(present[key] for key in terms.form_keys(form)) for form in forms)
        words.extend([word] * times)
    return words


def test_alias_words_are_those_of_the_definition() -> None:
    terms = index_terms()
    vocabulary = [t for found in ANALYSED.values() for t in found] + ["레닌", "혁명", "당"]
    rng = random.Random(16)
    for _ in range(500):
        text = rng.choices(vocabulary, k=rng.randrange(0, 12))
        assert terms.alias_words(text) == plain_alias_words(terms, text), text


def test_alias_words_of_a_form_of_two_words_need_both() -> None:
    terms = index_terms()
    assert terms.alias_words(["3자", "동맹", "동맹"]) == ["troika"]
    assert terms.alias_words(["동맹"]) == []
    assert terms.alias_words(["트로이카", "3자", "동맹", "트로이카"]) == ["troika", "troika"]


FORMS = [("레온", "leon"), ("트로츠키", "t"), ("레온 트로츠키", "t"), ("좌익반대파", "lo"),
         ("반대파", "o"), ("레닌", "l"), ("3자 동맹", "3"), ("스탈린", "s"),
         ("스탈린주의", "sm")]  # fmt: skip


def plain_find_forms(text: str, forms: list[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """The definition: at each word start, the longest form that stands there as a word."""
    ordered = sorted(forms, key=lambda item: -len(item[0]))
    found, position = [], 0
    while position < len(text):
        if position and is_hangul(text[position - 1]):
            position += 1
            continue
        for form, entry in ordered:
            end = position + len(form)
            if text.startswith(form, position) and ENDING.match(text, end):
                found.append((position, end, form, entry))
                position = end
                break
        else:
            position += 1
    return found


def test_register_forms_found_are_those_of_the_definition() -> None:
    pieces = [form for form, _ in FORMS] + ["는 ", "의 ", " ", "반", "그라드", "-", "와 ", "주의"]
    rng = random.Random(16)
    index = Forms(FORMS)
    for _ in range(500):
        text = "".join(rng.choices(pieces, k=rng.randrange(0, 16)))
        assert list(find_forms(text, index)) == plain_find_forms(text, FORMS), text
