"""Bad input, one row a case: every data file is untrusted, and nothing a contributor writes
crashes the build, slips markup through or changes the text.

``BAD`` breaks one data file of a small root (annotations, persons, glossary, quotation marks,
``not-persons.tsv``, ``.bib``) and expects the build to stop with
``file:line: ERROR: <record>: message`` (no traceback, nothing written). ``INERT`` puts LaTeX
and HTML injection in every printed field of the ``hostile`` root and expects the strict
LaTeX and HTML builds to show it as text, with the article's paragraphs unchanged.
"""

from __future__ import annotations

import io
import re
import shutil
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from conftest import plain, sphinx_build
from critical_edition.datafiles import DataError
from test_apparatus_errors import GOOD, annotation, body


class Case(NamedTuple):
    root: str  # test root: apparatus | register
    file: str  # the file broken, inside the root
    text: object  # the file's new text, or (old, new): a replacement in it
    where: object  # the line expected: a number, or the text of that line (its first line)
    record: str | None  # "annotation 'x'", "entry 'x'", …; None: the file as a whole
    message: str  # a fragment of the message
    config: dict | None = None  # configuration overrides


A, P, G = "annotations/a.toml", "register/persons.toml", "register/glossary.toml"
M, T, B = "quotation-marks.toml", "register/not-persons.tsv", "refs.bib"
EM = "annotation 'em-aesseotda'"
XB = "annotation 'x-body'"
TROTSKY, LO = "entry 'trotsky'", "entry 'left-opposition'"
TSV = "form\tcategory\n레닌그라드\tplace\n"
LONG = "가" * 4001


def notes_on(words: str, count: int) -> str:
    return "\n".join(
        annotation(
            id=f'"x-{n}"', kind='"explanatory"', quote=f'"{words}"', reading=None,
            verification='"unverified"',
        )
        for n in range(count)
    )  # fmt: skip


#: Nine notes on ever shorter quotes from the same place: each inside the one before.
NESTED = "\n".join(
    annotation(
        id=f'"x-{n}"', kind='"explanatory"', quote=f'"{"혁명은 계속되어야 한다"[: 11 - n]}"',
        reading=None, verification='"unverified"',
    )
    for n in range(9)
)  # fmt: skip


def bib_field(field: str) -> tuple[str, str]:
    return "@book{lenin-cw33,", f"@book{{lenin-cw33,\n  {field},"


BAD = {
    # -- annotation files: syntax, types, fields, ids, anchors, overlaps, keys ------------------
    "toml-syntax": Case("apparatus", A, GOOD + "[[annotation]\nid = 'x'\n", 10, None,
                        "TOML syntax error"),
    "wrong-type": Case("apparatus", A, annotation(paragraph='"one"'), "paragraph", EM,
                       "paragraph: 'one' is not of type 'integer'"),
    "unknown-field": Case("apparatus", A, annotation(lemma='"애써다"'), "lemma", EM,
                          "unknown field 'lemma'"),
    "missing-field": Case("apparatus", A, annotation(quote=None), 1, EM,
                          "missing required field 'quote'"),
    "duplicate-id": Case("apparatus", A, GOOD + "\n" + annotation(quote='"깨닫기"'), 12, EM,
                         "duplicate id: already used at line 2"),
    "bad-id": Case("apparatus", A, annotation(id='"Em_1"'), "id =", "annotation 'Em_1'",
                   "id 'Em_1' must be lowercase Latin letters"),
    "id-path-traversal": Case("apparatus", A, annotation(id='"../../etc/passwd"'), "id =",
                              "annotation '../../etc/passwd'", "must be lowercase Latin letters"),
    "key-path-traversal": Case(
        "apparatus", A,
        annotation(kind='"source"', reading=None, verification='"work"',
                   sources='[{ key = "../bib/cited" }]'),
        "sources", EM, "sources[1].key = '../bib/cited': not a bib key",
    ),
    "anchor-misses": Case("apparatus", A, annotation(quote='"애써 다"'), "quote", EM,
                          "target quote '애써 다' not found in text/a; copy it exactly"),
    "anchor-repeats": Case("apparatus", A, annotation(quote='"반대파"', reading='"반대파가"'),
                           "quote", EM, "target quote '반대파' occurs 2 times in text/a"),
    "prefix-misses": Case("apparatus", A, annotation(prefix='"위하여 "'), "quote", EM,
                          "the quote alone occurs 1 time(s), so check prefix/suffix"),
    "overlap": Case(
        "apparatus", A, GOOD + "\n" + annotation(id='"em-other"', quote='"써다."',
                                                 reading='"썼다."'),
        14, "annotation 'em-other'", "overlapping emendations",
    ),
    "unknown-bib-key": Case(
        "apparatus", A,
        annotation(kind='"source"', reading=None, verification='"work"',
                   sources='[{ key = "lenin-cw99" }]'),
        "sources", EM, "unknown bib key 'lenin-cw99'",
    ),
    "many-on-the-same-words": Case(
        "apparatus", A, notes_on("혁명은", 12), 4, "annotation 'x-0'",
        "12 annotations are anchored on the same words ('x-0', 'x-1', 'x-2', 'x-3', 'x-4', "
        "'x-5', 'x-6', 'x-7', 'x-8', 'x-9', 'x-10', 'x-11'); at most 8 may be",
    ),
    "many-inside-each-other": Case(
        "apparatus", A, NESTED, 4, "annotation 'x-0'",
        "9 annotations are anchored on words inside each other ('x-0', 'x-1', 'x-2', 'x-3', "
        "'x-4', 'x-5', 'x-6', 'x-7', 'x-8'); at most 8 may be",
    ),
    # -- bodies: directives, roles, links, nesting, sizes --------------------------------------
    "raw-directive-script": Case("apparatus", A,
                                 body("\n.. raw:: html\n\n   <script>alert(1)</script>\n"), 6,
                                 XB, 'Unknown directive type "raw"'),
    "include-directive": Case("apparatus", A, body("\n.. include:: /etc/passwd\n"), 6, XB,
                              'Unknown directive type "include"'),
    "role": Case("apparatus", A, body("\n:raw-html:`<img src=x onerror=alert(1)>` 글\n"), 6, XB,
                 'Unknown interpreted text role "raw-html"'),
    "javascript-link": Case("apparatus", A, body("\n`눌러 <javascript:alert(1)>`__ 보기\n"), 6,
                            XB, "link address 'javascript:alert(1)' is not allowed"),
    "file-link": Case("apparatus", A, body("\n`암호 <file:///etc/passwd>`__ 보기\n"), 6, XB,
                      "link address 'file:///etc/passwd' is not allowed"),
    "data-link": Case("apparatus", A,
                      body("\n`보기 <data:text/html,%3Cscript%3Ealert(1)%3C/script%3E>`__\n"), 6,
                      XB, "link address 'data:text/html"),
    "deeply-nested-body": Case("apparatus", A, body("\n" + "- " * 300 + "깊다\n"), 6, XB,
                               "body: the markup is nested too deeply"),
    "huge-body": Case("apparatus", A, annotation(body=f'"{LONG}"'), "body", EM,
                      "body is 4001 characters long; the limit is 4000"),
    "huge-quote": Case("apparatus", A, annotation(quote='"' + "가" * 2001 + '"'), "quote", EM,
                       "quote is 2001 characters long; the limit is 2000"),
    "huge-locator": Case(
        "apparatus", A,
        annotation(kind='"source"', reading=None, verification='"work"',
                   sources=f'[{{ key = "lenin-cw33", locator = "{"가" * 501}" }}]'),
        "sources", EM, "sources[1].locator is 501 characters long; the limit is 500",
    ),
    "huge-file": Case("apparatus", A, GOOD + ("# " + "가" * 100 + "\n") * 3400, 1, None,
                      "bytes; the limit is 1,000,000 bytes for a data file"),
    # -- characters ----------------------------------------------------------------------------
    "nul": Case("apparatus", A, annotation(body='"받침\\u0000 ㅆ이 빠졌다."'), "body", EM,
                "body: the control character U+0000 is not allowed"),
    "escape-sequence": Case("apparatus", A, annotation(reading='"애썼다\\u001b[31m"'),
                            "reading", EM, "reading: the control character U+001B"),
    "bom": Case("apparatus", A, "\ufeff" + GOOD, 1, None, "byte order mark (BOM)"),
    "zero-width-in-quote": Case("apparatus", A, annotation(quote='"애써\\u200b다"'), "quote", EM,
                                "quote: the invisible character U+200B (ZERO WIDTH SPACE)"),
    "bidi-in-body": Case("apparatus", A, annotation(body='"\\u202e다졌빠 이ㅆ 침받"'), "body",
                         EM, "body: the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    "homoglyph-quote": Case("apparatus", A, annotation(quote='"”혁명은"', reading='"혁명"'),
                            "quote", EM, "'”' (U+201D RIGHT DOUBLE QUOTATION MARK), which the "
                            "text does not use there: a lookalike?"),
    # -- the registers -------------------------------------------------------------------------
    "register-toml-syntax": Case("register", P, ('role = "러시아 혁명가."', 'role = "러시아'),
                                 "role", None, "TOML syntax error"),
    "register-unknown-field": Case("register", P, ('role = "러시아 혁명가."',
                                                   'role = "러시아 혁명가."\nrank = 1'),
                                   "rank", TROTSKY, "unknown field 'rank'"),
    "register-missing-field": Case("register", P, ('role = "러시아 혁명가."\n', ""), 1, TROTSKY,
                                   "missing required field 'role'"),
    "register-duplicate-id": Case("register", G, ('id = "opposition"', 'id = "troika"'),
                                  25, "entry 'troika'", "duplicate entry: id also"),
    "see-also-path-traversal": Case("register", P, ('see_also = ["left-opposition"]',
                                                    'see_also = ["../left-opposition"]'),
                                    "see_also", TROTSKY,
                                    "see_also[1] = '../left-opposition': not an entry id"),
    "register-key-path": Case("register", P, ('key = "ref-glossary", locator = "T"',
                                              'key = "/etc/passwd", locator = "T"'),
                              "sources", TROTSKY, "sources[1].key = '/etc/passwd': not a bib key"),
    "definition-directive": Case(
        "register", G,
        ('definition = "당 지도부에 맞선 분파."',
         'definition = """\n분파.\n\n.. raw:: latex\n\n   \\\\input{/etc/passwd}\n"""'),
        ".. raw::", "entry 'opposition'", 'definition: Unknown directive type "raw"',
    ),
    "role-javascript-link": Case("register", P, ('role = "러시아 혁명가."',
                                                 'role = "`혁명가 <javascript:alert(1)>`__"'),
                                 "role", TROTSKY, "role: link address 'javascript:alert(1)'"),
    "huge-role": Case("register", P, ('role = "러시아 혁명가."', f'role = "{LONG}"'), "role",
                      TROTSKY, "role is 4001 characters long; the limit is 4000"),
    "deeply-nested-definition": Case(
        "register", G, ('definition = "당 지도부에 맞선 분파."',
                        'definition = "' + "1. " * 300 + '분파."'),
        "1. 1. ", "entry 'opposition'", "definition: the markup is nested too deeply",
    ),
    "homoglyph-form": Case("register", G, ('forms = ["3자 동맹"]', 'forms = ["З자 동맹"]'),
                           "З자", "entry 'troika'",
                           "the form 'З자 동맹' occurs nowhere in the text (as a word, with or "
                           "without particles); correct it or remove it; it has 'З' (U+0417 "
                           "CYRILLIC CAPITAL LETTER ZE), which is neither Hangul nor ASCII"),
    "bidi-in-name": Case("register", P, ('name = "Лев Давидович Троцкий"',
                                         'name = "Лев \\u2067Троцкий"'),
                         "name", TROTSKY, "name: the invisible character U+2067"),
    "zero-width-in-form": Case("register", G, ('forms = ["반대파"]', 'forms = ["반대\\u200d파"]'),
                               "반대\\u200d", "entry 'opposition'",
                               "forms: the invisible character U+200D (ZERO WIDTH JOINER)"),
    "register-bom": Case("register", G, ("[[term]]", "\ufeff[[term]]"), 1, None,
                         "byte order mark (BOM)"),
    # -- quotation marks -----------------------------------------------------------------------
    "mark-unknown-use": Case("apparatus", M, ('use = "slogan"', 'use = "quote"'), "use",
                             "mark '혁명은 계속되어야 한다'", "use = 'quote' is not allowed"),
    "mark-duplicate": Case("apparatus", M, ('use = "slogan"',
                                            'use = "slogan"\n\n[[mark]]\ntext = "혁명은 계속되어야 '
                                            '한다"\nuse = "term"'),
                           8, "mark '혁명은 계속되어야 한다'", "duplicate text"),
    "mark-too-long": Case("apparatus", M, ('use = "slogan"',
                                           'use = "slogan"\nnote = "' + "가" * 4001 + '"'),
                          "note", "mark '혁명은 계속되어야 한다'",
                          "note is 4001 characters long; the limit is 4000"),
    "mark-control": Case("apparatus", M, ('use = "slogan"', 'use = "slogan"\nnote = "\\u0008"'),
                         "note", "mark '혁명은 계속되어야 한다'",
                         "note: the control character U+0008"),
    # -- not-persons.tsv -----------------------------------------------------------------------
    "tsv-columns": Case("register", T, TSV + "모스크바\n", 3, "row '모스크바'",
                        "a row is a word, a tab and its category (two columns)"),
    "tsv-category": Case("register", T, TSV + "모스크바\tcity\n", 3, "row '모스크바'",
                         "category 'city' is not allowed; use one of place"),
    "tsv-duplicate": Case("register", T, TSV + "레닌그라드\tplace\n", 3, "row '레닌그라드'",
                          "duplicate: already at line 2"),
    "tsv-bidi": Case("register", T, TSV + "모스\u202e크바\tplace\n", 3, "row '모스\\u202e크바'",
                     "the invisible character U+202E"),
    "tsv-bom": Case("register", T, "\ufeff" + TSV, 1, None, "byte order mark (BOM)"),
    # -- .bib ----------------------------------------------------------------------------------
    "bib-unbalanced": Case("apparatus", B, ("  title = {Collected Works},",
                                            "  title = {Collected {Works},"),
                           1, "entry 'lenin-cw33'",
                           "unbalanced braces: 8 '{' but 7 '}' in this entry"),
    "bib-duplicate-key": Case("apparatus", B, ("@book{lenin-cw33,",
                                               "@book{lenin-cw33, title = {X}}\n@book{lenin-cw33,"),
                              2, "entry 'lenin-cw33'", "duplicate key: already used at line 1"),
    "bib-missing-field": Case("apparatus", B, ("  title = {Collected Works},\n", ""), 1,
                              "entry 'lenin-cw33'", "missing required field(s) title"),
    "bib-unknown-group": Case("apparatus", B, bib_field("keywords = {lenni}"), "keywords",
                              "entry 'lenin-cw33'", "keywords = 'lenni' is not a group of the "
                              "bibliography; use one of lenin, trotsky",
                              {"edition_bib_groups": ["lenin", "trotsky"]}),
    "bib-javascript-url": Case("apparatus", B, bib_field("url = {javascript:alert(1)}"), "url",
                               "entry 'lenin-cw33'", "url 'javascript:alert(1)' is not allowed"),
    "bib-file-url": Case("apparatus", B, bib_field("url = {file:///etc/passwd}"), "url",
                         "entry 'lenin-cw33'", "url 'file:///etc/passwd' is not allowed"),
    "bib-data-url": Case("apparatus", B, bib_field("url = {data:text/html,<script>x</script>}"),
                         "url", "entry 'lenin-cw33'", "url 'data:text/html,<script>"),
    "bib-percent": Case("apparatus", B, bib_field("note = {rose by 50% in 1923}"), "note",
                        "entry 'lenin-cw33'", "note: a % starts a LaTeX comment"),
    "bib-key-path": Case("apparatus", B, ("@book{lenin-cw33,", "@book{../lenin-cw33,"), 1,
                         "entry '../lenin-cw33'", "the key must be letters and digits"),
    "bib-preamble": Case("apparatus", B, ("@book{", "@preamble{\"\\input{/etc/passwd}\"}\n@book{"),
                         1, None, "@preamble is not allowed"),
    "bib-nul": Case("apparatus", B, ("{Progress Publishers}", "{Progress\x00 Publishers}"),
                    "publisher", "entry 'lenin-cw33'", "the control character U+0000"),
    "bib-huge": Case("apparatus", B, ("@book{", "%" + "x" * 1_000_001 + "\n@book{"), 1, None,
                     "the limit is 1,000,000 bytes"),
}  # fmt: skip


def written(case: Case, srcdir) -> tuple[str, int]:
    """Break the file as the case says; its path (as messages show it) and the line expected."""
    path = srcdir / case.file
    if isinstance(case.text, tuple):
        old, new = case.text
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {case.file}"
        text = text.replace(old, new, 1)
    else:
        text = case.text
    path.write_bytes(text.encode("utf-8"))
    if isinstance(case.where, int):
        line = case.where
    else:
        line = next(n for n, ln in enumerate(text.splitlines(), 1) if case.where in ln)
    return str(path), line


@pytest.mark.parametrize("name", BAD)
def test_bad_input_stops_with_a_located_message(name, tmp_path, rootdir, make_app):
    case = BAD[name]
    srcdir = tmp_path / case.root
    shutil.copytree(rootdir / f"test-{case.root}", srcdir)
    texts = {p: p.read_text(encoding="utf-8") for p in (srcdir / "text").glob("*.rst")}
    path, line = written(case, srcdir)
    warning = io.StringIO()
    with pytest.raises(DataError, match="nothing was written"):
        app = make_app(
            "dummy", srcdir=srcdir, freshenv=True, warning=warning,
            confoverrides=case.config or {},
        )  # fmt: skip
        app.build()
    warnings = plain(warning.getvalue())
    expected = f"{path}:{line}: ERROR: {case.record or ''}"
    located = [w for w in warnings.splitlines() if w.startswith(expected)]
    assert any(case.message in w for w in located), (
        f"expected {expected}…{case.message}:\n{warnings}"
    )
    assert "Traceback" not in warnings
    # the text is never touched, and nothing was written
    assert texts == {p: p.read_text(encoding="utf-8") for p in (srcdir / "text").glob("*.rst")}
    assert not list((tmp_path / case.root / "_build").rglob("*.html"))


def test_an_unforeseen_error_in_a_record_is_a_located_problem(tmp_path):
    """The safety net: whatever a record's maker raises becomes a problem of that record."""
    from critical_edition import annotation_files, datafiles

    path = tmp_path / "a.toml"
    path.write_text(GOOD, encoding="utf-8")

    def broken(table):
        raise RecursionError("maximum recursion depth exceeded")

    records, problems = datafiles.load(annotation_files.FILE, path, broken)
    assert records == ()
    assert [(p.line, str(p)) for p in problems] == [
        (1, "annotation 'em-aesseotda': this annotation could not be read (RecursionError: "
            "maximum recursion depth exceeded); simplify it, and report the message if it is "
            "not clear what is wrong")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("edition_annotations_dir", "../../etc"),
        ("edition_register_dir", "/etc"),
        ("edition_quotation_marks", "..\\quotation-marks.toml"),
    ],
)
def test_configured_paths_stay_inside_the_source_folder(option, value, tmp_path, rootdir, make_app):
    from sphinx.errors import ConfigError

    srcdir = tmp_path / "apparatus"
    shutil.copytree(rootdir / "test-apparatus", srcdir)
    with pytest.raises(ConfigError, match=re.escape(f"{option} = {value!r}: give a path inside")):
        make_app("dummy", srcdir=srcdir, freshenv=True, confoverrides={option: value})


def test_the_suite_covers_every_data_file_kind():
    assert len(BAD) >= 35
    kinds = {case.file.rsplit("/", 1)[-1] for case in BAD.values()}
    assert kinds == {"a.toml", "persons.toml", "glossary.toml", "quotation-marks.toml",
                     "not-persons.tsv", "refs.bib"}  # fmt: skip


# -- Inert rendering ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, rootdir):
    """The hostile root built strictly as HTML and LaTeX: {format: (pages, article .rst)}."""
    srcdir = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(rootdir / "test-hostile", srcdir)
    built = {}
    for builder in ("html", "latex"):
        out = srcdir.parent / builder
        result = sphinx_build(builder, srcdir, out, "-c", str(srcdir))
        assert result.returncode == 0, result.stderr
        assert plain(result.stderr) == "", result.stderr
        built[builder] = out
    return srcdir, built


#: (field, where it is printed): each must reach the page, as text.
INERT = [
    ("body", "text/a"), ("reading", "text/a"), ("reading", "back/corrections"),
    ("locator", "text/a"), ("name", "back/persons"), ("latin", "back/persons"),
    ("sort", "back/persons"), ("role", "back/persons"), ("usual", "back/persons"),
    ("original", "back/glossary"), ("russian", "back/glossary"), ("translit", "back/glossary"),
    ("definition", "back/glossary"), ("title", "back/bibliography"),
    ("titlekorean", "back/bibliography"), ("publisher", "back/bibliography"),
]  # fmt: skip


def html_text(outdir, page: str) -> tuple[str, str]:
    source = (outdir / f"{page}.html").read_text(encoding="utf-8")
    return source, BeautifulSoup(source, "html.parser").get_text()


@pytest.mark.parametrize(("field", "page"), INERT, ids=[f"{f}-{p}" for f, p in INERT])
def test_injection_in_html_is_text(field, page, hostile):
    _srcdir, built = hostile
    source, text = html_text(built["html"], page)
    assert f"{field}: " in text, f"{field} is not on {page}"
    for payload in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"):
        assert payload not in source  # never a tag
    assert 'onmouseover="alert' not in source  # never an attribute
    assert "<script>alert(1)</script>" in text  # shown as text (the payload, escaped)


@pytest.mark.parametrize(("field", "page"), INERT, ids=[f"{f}-{p}" for f, p in INERT])
def test_injection_in_latex_is_escaped(field, page, hostile):
    _srcdir, built = hostile
    tex = (built["latex"] / "hostile.tex").read_text(encoding="utf-8")
    document = tex[tex.index(r"\sphinxmaketitle") :]
    assert f"{field}: " in document, f"{field} is not in the LaTeX"
    for command in (r"\input{", r"\input ", r"\write18", r"\write ", r"\catcode"):
        assert command not in document, command
    for special in ("50%", "#1", "&4", "$5", "_6"):  # never unescaped
        assert not re.search(r"(?<!\\)" + re.escape(special), document), special
    assert "^2" not in document and "~3" not in document
    # bib fields lose what BibTeX itself reads as markup (braces); the others keep every
    # character, escaped
    if field not in ("title", "titlekorean", "publisher"):
        assert f"{field}: " + r"\textbackslash{}input\{/etc/passwd\}" in document


def test_fields_that_are_not_printed_stay_out(hostile):
    _srcdir, built = hostile
    pages = "".join(p.read_text(encoding="utf-8") for p in built["html"].rglob("*.html"))
    tex = (built["latex"] / "hostile.tex").read_text(encoding="utf-8")
    for field in ("note: ",):  # the .bib note and the quotation mark's note
        assert field not in pages and field not in tex


def test_the_article_text_is_unchanged_by_hostile_data(hostile):
    srcdir, built = hostile
    page = BeautifulSoup((built["html"] / "text/a.html").read_text(encoding="utf-8"), "html.parser")
    for added in page.select(
        ".edition-note, .edition-note-marker, .edition-corrected, .edition-term-preview, "
        "a.edition-pnum, a.headerlink"
    ):
        added.decompose()
    shown = [p.get_text() for p in page.select("section > p")]
    rst = (srcdir / "text" / "a.rst").read_text(encoding="utf-8").split("\n\n")[1:]
    assert shown == [paragraph.strip() for paragraph in rst]
