"""Persons register and glossary: finding the forms, linking, previews, pages, ordering, index
and bad input (the ``register`` root), and the real edition's coverage."""

from __future__ import annotations

import shutil
import tomllib

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT, plain, rebuild, sphinx_build, status_of
from critical_edition.anchoring import Forms, find_forms
from critical_edition.datafiles import DataError
from critical_edition.register import data as register
from critical_edition.register.names import names_without_entries

FORMS = sorted(
    [("트로츠키", "trotsky"), ("레온 트로츠키", "trotsky"), ("좌익반대파", "lo"), ("반대파", "o"),
     ("레닌", "lenin"), ("3자 동맹", "troika")],
    key=lambda item: -len(item[0]),
)  # fmt: skip


def found(text: str) -> list[tuple[str, str]]:
    return [(form, entry) for _s, _e, form, entry in find_forms(text, Forms(FORMS))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("트로츠키는 갔다", [("트로츠키", "trotsky")]),
        ("트로츠키에게서도", [("트로츠키", "trotsky")]),
        ("레온 트로츠키의 글", [("레온 트로츠키", "trotsky")]),  # longest match
        ("좌익반대파가 싸웠다", [("좌익반대파", "lo")]),  # not 반대파
        ("반대파들은", [("반대파", "o")]),
        ("레닌그라드에서", []),  # a longer word, not 레닌 with a particle
        ("반트로츠키 운동", []),  # not at the start of a word
        ('"3자 동맹"과', [("3자 동맹", "troika")]),
        ("레닌-트로츠키", [("레닌", "lenin"), ("트로츠키", "trotsky")]),
    ],
)
def test_forms_are_found_as_words_with_particles(text, expected):
    assert found(text) == expected


def test_korean_groups_fold_double_consonants_and_put_others_first():
    assert register.initial("트로츠키") == "ㅌ"
    assert register.initial("까메네프") == "ㄱ"
    assert register.initial("3자 동맹") == "기타"
    words = ["트로츠키", "가위", "3자 동맹", "까치", "나"]
    assert sorted(words, key=register.korean_key) == ["3자 동맹", "가위", "까치", "나", "트로츠키"]


# -- The register root ------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path, rootdir):
    srcdir = tmp_path / "register"
    shutil.copytree(rootdir / "test-register", srcdir)
    return srcdir


@pytest.fixture
def built(root, make_app):
    app = make_app("html", srcdir=root, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    return app


def html(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


def test_first_occurrence_in_a_part_links_with_a_preview_the_others_are_anchors(built):
    page = html(built, "text/a.html")
    terms = page.select(".edition-term-persons")
    assert [t.get_text() for t in terms] == ["트로츠키", "트로츠키", "지노비에프"]
    first, second = terms[0], terms[1]
    assert first.name == "a" and first["href"] == "../back/persons.html#p-trotsky"
    preview = page.select_one(f"#{first['aria-describedby']}")
    assert preview["role"] == "tooltip"
    assert preview.get_text(" ", strip=True).startswith(
        "트로츠키 (Лев Давидович Троцкий, 1879–1940)"
    )
    assert second.name == "span" and second["id"] == "t-trotsky-2"
    assert "레닌그라드" in page.get_text() and not page.select(".edition-term[id^=t-lenin]")
    # In the next part the first occurrence is linked again, by its longest form.
    part_b = html(built, "text/b.html")
    link = part_b.select_one("a.edition-term-persons")
    assert link.get_text() == "레온 트로츠키"
    assert part_b.select_one("a.edition-term-glossary").get_text() == "좌익 반대파"


def test_the_text_is_unchanged_by_the_links(built):
    page = html(built, "text/a.html")
    for hidden in page.select(".edition-term-preview, a.edition-pnum, a.headerlink"):
        hidden.decompose()
    paragraphs = [p.get_text() for p in page.select("section > p")]
    assert (
        "트로츠키는 좌익반대파를 이끌었다. 트로츠키가 쓴 글을 레닌그라드에서 읽었다." in paragraphs
    )


def test_register_pages_group_entries_and_list_every_paragraph(built):
    persons = html(built, "back/persons.html")
    assert [r.get_text() for r in persons.select("p.rubric")][:3] == ["ㅅ", "ㅈ", "ㅌ"]
    entry = persons.select_one("#p-trotsky").find_next_sibling("dd")
    text = entry.get_text(" ", strip=True)
    assert "본문 표기: 트로츠키, 레온 트로츠키" in text
    places = [a["href"] for a in entry.select("a") if "¶" in a.get_text()]
    assert places == ["../text/a.html#p-1", "../text/b.html#p-3"]
    assert "참조: 좌익반대파" in text
    assert "Glossary of People" in text
    assert "[미확인]" in persons.select_one("#p-zinoviev").get_text()
    # the usual Korean form: on the entry, and as a pointer where a reader would look for it
    zinoviev = persons.select_one("#p-zinoviev").find_next_sibling("dd")
    assert zinoviev.select_one("p").get_text() == "통용 표기: 지노비예프"
    pointers = [(t.get_text(), t.a["href"]) for t in persons.select("dt.edition-register-pointer")]
    assert pointers == [("지노비예프 → 지노비에프", "#p-zinoviev")]
    latin = [li.get_text(" ", strip=True) for li in persons.select("ul.edition-register-latin li")]
    assert latin == [
        "Stalin, Joseph → 스탈린",
        "Trotsky, Leon → 트로츠키",
        "Zinoviev, Grigory → 지노비에프",
    ]
    glossary = html(built, "back/glossary.html")
    definition = glossary.select_one("#g-left-opposition").find_next_sibling("dd")
    assert definition.select_one("em").get_text() == "반대파"  # safe inline markup
    assert (
        "Левая оппозиция (Levaia oppozitsiia)"
        in glossary.select_one("#g-left-opposition").get_text()
    )


def test_the_general_index_groups_by_initial_consonant(built):
    index = html(built, "genindex.html")
    headings = [h.get_text(strip=True) for h in index.select("h2")]
    assert "ㅌ" in headings and "ㅈ" in headings
    assert not any("\u1100" <= c <= "\u11ff" for h in headings for c in h)  # no combining jamo
    links = [a["href"] for a in index.select("a") if "t-trotsky-" in a.get("href", "")]
    assert len(links) == 3  # every occurrence is indexed


def test_search_aliases_come_from_the_registers(built):
    from critical_edition.register.pages import search_aliases

    aliases = search_aliases(built)
    assert aliases["Leon Trotsky"] == ["트로츠키", "레온 트로츠키"]
    assert aliases["Зиновьев" if "Зиновьев" in aliases else "Григорий Зиновьев"] == ["지노비에프"]
    assert aliases["troika"] == ["3자 동맹"]
    assert aliases["지노비예프"] == ["지노비에프"]  # the usual form finds the article's


def test_changing_the_register_rereads_the_text_and_rewrites_the_pages(built):
    path = built.srcdir / "register" / "persons.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("러시아 혁명가.", "혁명가."), encoding="utf-8"
    )
    rebuild(built)
    status = status_of(built)
    assert "0 added, 3 changed, 0 removed" in status  # the parts and the persons page
    assert "혁명가." in html(built, "back/persons.html").get_text()


def test_a_parallel_strict_build_passes(root, tmp_path):
    result = sphinx_build("html", root, tmp_path / "out", "-c", str(root), "-E")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


BAD = {
    "form-nowhere": (
        "persons.toml", '"레온 트로츠키"]', '"레온 트로츠키", "트로츠키이"]', 3, "trotsky",
        "the form '트로츠키이' occurs nowhere in the text",
    ),
    "duplicate-id": (
        "glossary.toml", 'id = "opposition"', 'id = "troika"', 25, "troika",
        "duplicate entry: id also used in",
    ),
    "duplicate-form": (
        "glossary.toml", 'forms = ["반대파"]', 'forms = ["반대파", "3자 동맹"]', 26, "troika",
        "duplicate entry: the form '3자 동맹' also belongs to 'opposition'",
    ),
    "unknown-see-also": (
        "persons.toml", 'see_also = ["left-opposition"]', 'see_also = ["left-oposition"]', 10,
        "trotsky", "see_also: unknown entry 'left-oposition'",
    ),
    "unknown-key": (
        "persons.toml", '{ key = "ref-glossary" }]\nstatus = "unverified"',
        '{ key = "mia-people" }]\nstatus = "unverified"', 27, "zinoviev",
        "sources: unknown bib key 'mia-people'",
    ),
    "schema": (
        "persons.toml", 'born = "1879"', 'born = 1879', 7, "trotsky", "born: 1879 is not of type",
    ),
    # Roles and definitions: the same safe reST as note bodies.
    "raw-directive": (
        "glossary.toml", 'definition = "트로츠키가 이끈 *반대파*\\\\ 이다."',
        'definition = """\n트로츠키가 이끈 반대파이다.\n\n.. raw:: html\n\n'
        '   <script>x</script>\n"""',
        10,  # the body starts on the line after the key; the directive is its third line
        "left-opposition", 'definition: Unknown directive type "raw".',
    ),
    "role": (
        "glossary.toml", 'definition = "당 지도부에 맞선 분파."',
        'definition = "당 지도부에 맞선 :raw-html:`<b>분파</b>`."', 18, "opposition",
        'definition: Unknown interpreted text role "raw-html".',
    ),
    "javascript-link": (
        "persons.toml", 'role = "러시아 혁명가."',
        'role = "러시아 `혁명가 <javascript:alert(1)>`__."', 9, "trotsky",
        "role: link address 'javascript:alert(1)' is not allowed",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_register_input_fails_with_file_line_and_entry(case, root, make_app):
    name, old, new, line, entry_id, message = BAD[case]
    path = root / "register" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    app = make_app("html", srcdir=root, freshenv=True)
    with pytest.raises(DataError, match="register files"):
        app.build()
    warnings = plain(app.warning.getvalue())
    assert f"register/{name}:{line}: ERROR: entry '{entry_id}': {message}" in warnings, warnings
    assert not (app.outdir / "back" / "persons.html").exists()
    assert not (app.outdir / "back" / "glossary.html").exists()


# -- The real edition -------------------------------------------------------------------------

REGISTER = PROJECT / "source" / "register"


def test_the_edition_has_every_person_and_at_least_forty_terms():
    persons = tomllib.loads((REGISTER / "persons.toml").read_text(encoding="utf-8"))["person"]
    terms = tomllib.loads((REGISTER / "glossary.toml").read_text(encoding="utf-8"))["term"]
    assert len(persons) > 50
    assert len(terms) >= 40
    for required in ("troika", "united-opposition", "left-opposition", "nep", "kuomintang"):
        assert required in {t["id"] for t in terms}


@pytest.mark.slow  # the real edition
def test_every_proper_noun_of_the_text_is_in_a_register_or_listed_as_not_a_person():
    """The report of named persons without entries (``make names``) is empty."""
    missing = names_without_entries(PROJECT / "source")
    assert not missing, "named without an entry:\n" + "\n".join(missing)


def test_edition_register_pages_link_every_paragraph(edition_html):
    persons = BeautifulSoup(
        (edition_html / "back" / "persons.html").read_text(encoding="utf-8"), "html.parser"
    )
    trotsky = persons.select_one("#p-trotsky").find_next_sibling("dd")
    places = [a for a in trotsky.select("a") if a.get_text().startswith("¶")]
    assert len(places) > 100
    rubrics = [r.get_text() for r in persons.select("p.rubric")]
    assert rubrics[0] == "기타" and "ㄱ" in rubrics and "ㅎ" in rubrics


def test_roles_and_definitions_are_rest_and_previews_plain_text(root, make_app):
    persons = root / "register" / "persons.toml"
    persons.write_text(
        persons.read_text(encoding="utf-8").replace(
            'role = "러시아 혁명가."',
            'role = "러시아 *혁명가*\\\\ 이자 `저술가 <https://example.org>`__."',
        ),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=root, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    entry = html(app, "back/persons.html").select_one("#p-trotsky").find_next("dd")
    assert entry.select_one("em").get_text() == "혁명가"
    assert entry.select_one("a[href='https://example.org']").get_text() == "저술가"
    assert "*" not in entry.get_text() and "\\" not in entry.get_text()
    # The preview shows the words, without the markup.
    page = html(app, "text/a.html")
    preview = page.select_one(".edition-term-preview").get_text()
    assert "러시아 혁명가이자 저술가." in preview
    glossary = html(app, "back/glossary.html").select_one("#g-left-opposition").find_next("dd")
    assert glossary.select_one("em").get_text() == "반대파" and "*" not in glossary.get_text()
    term = html(app, "text/a.html").select(".edition-term-preview")
    assert all("\\" not in t.get_text() and "*" not in t.get_text() for t in term)
