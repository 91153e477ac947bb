"""Korean search in a real headless Chromium, on the built edition and on the search test root.

The pages a query must list are computed from the witness independently of the analyser:
a part of the article must be listed when its text (witness lines, heading included) matches
the query's pattern, and no other part may be listed. The site is served over http on the
loopback interface, as a reader's browser gets it: the result snippets fetch the pages, which
Chromium refuses for file:// URLs.
"""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

import pytest
from conftest import PROJECT, edition_annotations, serve, sphinx_build
from fidelity import FIRST_ARTICLE_LINE, text_pages, witness_lines

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

#: Witness lines of the part headings (see test_edition_html): part k runs up to part k+1.
HEADING_LINES = (13, 47, 77, 85, 107, 119, 133, 167, 185, 197, 209, 289, 327)


class Query(NamedTuple):
    text: str  # as the reader types it
    patterns: tuple[str, ...]  # every one must match a part's text for the part to be listed
    kind: str


def q(text: str, *patterns: str, kind: str) -> Query:
    return Query(text, patterns or (re.escape(text),), kind)


QUERIES = [
    q("트로츠키", kind="bare noun"),
    q("스탈린", kind="bare noun"),
    q("지노비에프", kind="bare noun"),
    q("카메네프", kind="bare noun"),
    q("부하린", kind="bare noun"),
    q("코민테른", kind="bare noun"),
    q("국민당", kind="bare noun"),
    q("레닌", "레닌(?!그라드)", kind="two syllables"),
    q("혁명", kind="two syllables"),
    q("관료", kind="two syllables"),
    q("제명", kind="two syllables"),
    q("네프", "(?<![가-힣])네프(?!맨)", kind="two syllables"),
    q("트로츠키는", "트로츠키", kind="inflected"),
    q("트로츠키의", "트로츠키", kind="inflected"),
    q("스탈린이", "스탈린", kind="inflected"),
    q("레닌은", "레닌(?!그라드)", kind="inflected"),
    q("지노비에프와", "지노비에프", kind="inflected"),
    q("반대파들은", "반대파", kind="inflected"),
    q("이끌었다", "이끌(?![리려])|이끈|이끄", kind="inflected verb"),  # not 이끌리다
    q("좌익반대파", kind="compound"),
    q("좌익반대파가", "좌익반대파", kind="compound, inflected"),
    q("반대파", kind="compound part"),
    q("좌익", kind="compound part"),
    q("영구혁명", kind="compound part"),
    q("당대회", kind="compound part"),
    # a noun inside a compound the analyser keeps whole (유언장): the query side finds it
    q("유언", kind="compound head"),
    q("레닌의 유언", "레닌(?!그라드)", "유언", kind="compound head, AND"),
    q("트로츠키 레닌", "트로츠키", "레닌(?!그라드)", kind="AND"),
    q("스탈린 부하린", "스탈린", "부하린", kind="AND"),
    q("3자 동맹", "3자", "동맹", kind="AND, term"),
    q("사회주의", kind="term"),
    q("통합반대파", kind="term"),
    q("노동자 국가", "노동자", "국가", kind="AND, term"),
    q(
        "NEP",
        "NEP|(?<![가-힣])네프(?!맨)|신경제정책",
        kind="term, Latin (and its Korean forms, from the glossary)",
    ),
    q("KPD", "KPD|독일 ?공산당", kind="term, Latin (and its Korean forms)"),
    q("1923년", kind="term, number"),
]

#: Original-script queries: the persons register and the glossary supply the aliases.
ORIGINAL_SCRIPT = [
    q("Zinoviev", "지노비에프", kind="original name"),
    q("Зиновьев", "지노비에프", kind="original name"),
    q("troika", "3자 ?동맹|삼자동맹", kind="original term"),
    q("Kuomintang", "국민당", kind="original term"),
    # the usual Korean forms of names the article spells otherwise (persons register)
    q("지노비예프", "지노비[에예]프", kind="usual Korean form"),
    q("크룹스카야", "그룹스카야|크룹스카야", kind="usual Korean form"),
]


def part_texts() -> list[str]:
    """What a reader can find on each part's page: the witness text of the part (from its
    first line to the next part's) and the editors' notes on it (their sources excepted:
    those are found on the bibliography page)."""
    lines = witness_lines()
    starts = [FIRST_ARTICLE_LINE, *HEADING_LINES[1:]]
    ends = [*HEADING_LINES[1:], len(lines) + 1]
    texts = ["\n".join(lines[s - 1 : e - 1]) for s, e in zip(starts, ends, strict=True)]
    parts = sorted(p.stem for p in (PROJECT / "source" / "text").glob("*.rst"))
    return [text + "\n" + notes_text(part) for text, part in zip(texts, parts, strict=True)]


def notes_text(part: str) -> str:
    """The editorial notes and emendations of a part, as plain text (markup dropped)."""
    shown = []
    for record in edition_annotations(part):
        if record.kind != "source":
            shown += [record.reading or "", record.body or ""]
    text = "\n".join(shown)
    text = re.sub(r"`([^`<]*?)\s*<[^>]*>`__", r"\1", text)  # a link: its words
    return re.sub(r"\*\*|\*|``|\\ ", "", text)


def expected_parts(query: Query, html_dir: Path) -> set[str]:
    names = [f"text/{page.stem}" for page in text_pages(html_dir)]
    return {
        name
        for name, text in zip(names, part_texts(), strict=True)
        if all(re.search(pattern, text) for pattern in query.patterns)
    }


@pytest.fixture(scope="module")
def search_root_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("search-root") / "html"
    root = PROJECT / "tests" / "roots" / "test-search"
    result = sphinx_build("html", root, out, "-c", str(root))
    assert result.returncode == 0, result.stderr
    yield from serve(out)


@pytest.fixture(scope="module")
def search_page(browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    page.close()


class Result(NamedTuple):
    href: str
    snippet: str  # inner HTML of the snippet, "" if none
    highlighted: list[str]
    paragraph_links: list[str]


def search(search_page, site: str, query: str) -> list[Result]:
    page, errors = search_page
    page.goto(f"{site}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => document.querySelector('#search-results h2')?.textContent === '검색 결과'"
        " && [...document.querySelectorAll('ul.search li')]"
        "      .every((li) => li.dataset.snippet === 'done')",
        timeout=15000,
    )
    assert not errors, errors
    return [
        Result(*item)
        for item in page.eval_on_selector_all(
            "ul.search li",
            """items => items.map(li => [
                li.querySelector('a').getAttribute('href'),
                li.querySelector('p.edition-search-snippet')?.innerHTML ?? '',
                [...li.querySelectorAll('p.edition-search-snippet span.highlighted')]
                    .map(s => s.textContent),
                [...li.querySelectorAll('a.edition-search-paragraph')]
                    .map(a => a.getAttribute('href')),
            ])""",
        )
    ]


def status_text(search_page) -> str:
    """The line under the results' heading (the result count)."""
    page, _errors = search_page
    return page.inner_text("#search-results p.search-summary")


def listed_parts(results: list[Result]) -> set[str]:
    return {
        r.href.split("#")[0].removesuffix(".html") for r in results if r.href.startswith("text/")
    }


@pytest.mark.parametrize(
    "query",
    [
        *QUERIES,
        *ORIGINAL_SCRIPT,
    ],
    ids=lambda query: f"{query.kind}: {query.text}",
)
def test_query_lists_every_part_that_contains_it(search_page, edition_site, edition_html, query):
    expected = expected_parts(query, edition_html)
    assert expected, "a query of the table must occur in the article"
    results = search(search_page, edition_site, query.text)
    assert listed_parts(results) == expected
    for result in results:
        if result.href.startswith("text/"):
            assert result.highlighted, result  # a snippet with the words highlighted
            if result.paragraph_links:  # the words are in a paragraph, not only in a heading
                assert result.href == result.paragraph_links[0], result
                assert re.search(r"#p-\d+$", result.href), result


def test_result_links_to_the_paragraph_with_a_highlighted_snippet(
    search_page, edition_site, edition_html
):
    results = search(search_page, edition_site, "지노비에프와 카메네프")
    first = next(r for r in results if r.href.startswith("text/"))
    page, anchor = first.href.split("#")
    assert first.paragraph_links[0] == first.href
    assert set(first.highlighted) == {"지노비에프", "카메네프"}
    paragraph = (edition_html / page).read_text(encoding="utf-8")
    start = paragraph.index(f'id="{anchor}"')
    text = paragraph[start : paragraph.index("</p>", start)]
    assert "지노비에프" in text and "카메네프" in text
    page_, _errors = search_page
    page_.goto(f"{edition_site}/{first.href}")
    page_.wait_for_timeout(300)
    assert page_.evaluate("() => document.querySelector(':target').id") == anchor


def test_a_word_missing_from_the_article_empties_an_and_query(search_page, edition_site):
    assert listed_parts(search(search_page, edition_site, "고양이")) == set()
    # Sphinx's own AND ignores words of one or two characters and would list the parts
    # with 트로츠키; every word must be in a listed page.
    assert listed_parts(search(search_page, edition_site, "트로츠키 고양")) == set()


@pytest.mark.parametrize(
    ("typed", "resolved"),
    [
        ("트로츠키", "트로츠키"),
        ("트로츠키는", "트로츠키"),
        ("반대파들은", "반대파"),
        ("좌익반대파에게", "좌익반대파"),
        ("이끌었다", "이끌다"),
        ("비판했다", "비판"),
        ("nep", "nep"),
        ("고슴도치", "고슴도치"),  # not in the index: unchanged, Sphinx's substring match applies
    ],
)
def test_stemmer_accepts_only_remainders_in_the_index(search_page, edition_site, typed, resolved):
    page, _errors = search_page
    page.goto(f"{edition_site}/search.html")
    page.wait_for_function("() => Search.hasIndex()")
    assert page.evaluate("(word) => new Stemmer().stemWord(word)", typed) == resolved


def test_other_paragraphs_of_the_page_are_linked(search_page, edition_site):
    results = search(search_page, edition_site, "3자 동맹")
    triumvirate = next(r for r in results if r.href.startswith("text/07-"))
    assert len(triumvirate.paragraph_links) > 2
    assert all(re.fullmatch(r"text/07-[a-z-]+\.html#p-\d+", h) for h in triumvirate.paragraph_links)


@pytest.mark.parametrize(
    ("query", "page", "korean"),
    [
        ("Zinoviev", "text/a", "지노비에프"),
        ("Зиновьев", "text/a", "지노비에프"),
        ("troika", "text/a", "3자 동맹"),
        ("Kuomintang", "text/b", "국민당"),
        ("Kamenev", "text/a", "카메네프"),
    ],
)
def test_original_script_names_on_the_search_root(
    search_page, search_root_site, query, page, korean
):
    results = search(search_page, search_root_site, query)
    assert listed_parts(results) == {page}
    (result,) = [r for r in results if r.href.startswith("text/")]
    assert " ".join(result.highlighted) == korean or korean in result.highlighted


def test_a_word_only_in_a_note_is_found_in_the_note(search_page, edition_site):
    """흐루쇼프 (Khrushchev) occurs in no paragraph of the article, only in a note of part 00:
    the result links to that note, with its words highlighted, not to a paragraph."""
    results = search(search_page, edition_site, "흐루쇼프")
    assert [r.href.split("#")[0] for r in results if r.href.startswith("text/")] == [
        "text/00-opening.html"
    ]
    result = next(r for r in results if r.href.startswith("text/"))
    assert re.search(r"#n-[a-z0-9-]+$", result.href), result
    assert "흐루쇼프" in result.highlighted
    assert not result.paragraph_links


# --- ranking ---------------------------------------------------------------------------

REGISTER = PROJECT / "source" / "register"


def register_entry(kind: str, form: str) -> str:
    """The anchor of the persons (p-) or glossary (g-) entry whose forms or usual forms
    include ``form``, from the register data."""
    table, key, prefix = {
        "person": ("persons.toml", "person", "p-"),
        "term": ("glossary.toml", "term", "g-"),
    }[kind]
    data = tomllib.loads((REGISTER / table).read_text(encoding="utf-8"))
    (entry,) = [e for e in data[key] if form in (*e["forms"], *e.get("usual", ()))]
    return prefix + entry["id"]


def occurrences(query: Query, html_dir: Path) -> dict[str, int]:
    """How often the query's patterns occur in each part that lists it (witness and notes)."""
    names = [f"text/{page.stem}" for page in text_pages(html_dir)]
    return {
        name: sum(len(re.findall(pattern, text)) for pattern in query.patterns)
        for name, text in zip(names, part_texts(), strict=True)
        if all(re.search(pattern, text) for pattern in query.patterns)
    }


RANKED = [
    q("국민당", kind="term"),
    q("지노비예프", "지노비[에예]프", kind="usual Korean form"),
    q("레닌의 유언", "레닌(?!그라드)", "유언", kind="compound head, AND"),
]


@pytest.mark.parametrize("query", RANKED, ids=lambda query: query.text)
def test_results_are_ranked_parts_first_then_by_hits(
    search_page, edition_site, edition_html, query
):
    results = search(search_page, edition_site, query.text)
    pages = [r.href.split("#")[0].removesuffix(".html") for r in results]
    is_part = [page.startswith("text/") for page in pages]
    # the article's parts first, then the other pages
    assert is_part == sorted(is_part, reverse=True), pages
    # a stable order: every result has its own score, highest first
    page, _errors = search_page
    scores = page.eval_on_selector_all("ul.search li > a", "as => as.map(a => +a.dataset.score)")
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores), scores
    # more hits first: of two parts, one with at least twice as many occurrences in the
    # witness (and notes) as the other is listed before it
    counts = occurrences(query, edition_html)
    parts = [p for p in pages if p.startswith("text/")]
    assert set(parts) == set(counts)
    for a in parts:
        for b in parts:
            if counts[a] >= 2 * counts[b]:
                assert parts.index(a) < parts.index(b), (a, counts[a], b, counts[b], parts)
    # and the part where the words occur most is listed first
    most = max(counts.values())
    assert counts[parts[0]] * 2 > most, (parts[0], counts)


def test_kuomintang_china_part_first_back_matter_to_entries(
    search_page, edition_site, edition_html
):
    results = search(search_page, edition_site, "국민당")
    china = max(occurrences(q("국민당", kind="term"), edition_html).items(), key=lambda i: i[1])
    assert results[0].href.startswith(china[0] + ".html#"), (china, results[0])
    hrefs = [r.href for r in results]
    # back-matter hits link to the entry or the row, not to the top of the page
    assert f"back/glossary.html#{register_entry('term', '국민당')}" in hrefs
    rows = [
        f"back/corrections.html#c-{record.id}"
        for record in edition_annotations()
        if record.kind == "emendation" and "국민당" in (record.quote + (record.reading or ""))
    ]
    (listed,) = [h for h in hrefs if h.startswith("back/corrections.html")]
    assert listed in rows, (listed, rows)
    for result in results:
        if not result.href.startswith("text/"):
            assert "#" in result.href, result


def test_usual_form_finds_the_person_entry(search_page, edition_site):
    results = search(search_page, edition_site, "지노비예프")
    entry = f"back/persons.html#{register_entry('person', '지노비예프')}"
    assert entry in [r.href for r in results]
    (person,) = [r for r in results if r.href == entry]
    assert "지노비에프" in person.highlighted


def test_result_count_is_said_in_korean(search_page, edition_site):
    results = search(search_page, edition_site, "국민당")
    assert status_text(search_page) == f"검색 결과 {len(results)}건"
    assert search(search_page, edition_site, "고슴도치") == []  # in no page
    assert status_text(search_page) == (
        "찾는 낱말이 있는 쪽이 없습니다. 낱말의 철자를 확인해 보십시오."
    )
