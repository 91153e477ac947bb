"""Bad annotation files: every mistake is named (file, line, id, what to do) and nothing is written.

Each case copies the ``apparatus`` root, breaks one annotation file and builds.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from textwrap import dedent

import pytest
from conftest import plain
from critical_edition import safe_rst
from critical_edition.datafiles import DataError

GOOD = """\
[[annotation]]
id = "em-aesseotda"
kind = "emendation"
quote = "애써다"
reading = "애썼다"
body = "받침 ㅆ이 빠졌다."
authors = ["편집부"]
created = 2026-11-24
verification = "reviewed"
"""


def annotation(**fields: str) -> str:
    """One [[annotation]] table: the good one with fields replaced (value None drops one)."""
    lines = []
    for line in GOOD.splitlines():
        key = line.split(" = ")[0]
        if key in fields:
            if fields[key] is not None:
                lines.append(f"{key} = {fields.pop(key)}")
            else:
                fields.pop(key)
        else:
            lines.append(line)
    lines += [f"{key} = {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


NOTE = annotation(
    id='"x-note"', kind='"explanatory"', quote='"혁명은"', reading=None, verification='"unverified"'
)


def body(text: str) -> str:
    return annotation(
        id='"x-body"',
        kind='"explanatory"',
        quote='"혁명은"',
        reading=None,
        body=f"'''{text}'''",
        verification='"unverified"',
    )


CASES = {
    "toml-syntax": (
        GOOD + "[[annotation]\nid = 'x'\n",
        10,
        None,
        "TOML syntax error",
    ),
    "unknown-kind": (
        annotation(kind='"comment"'),
        3,
        "em-aesseotda",
        "kind = 'comment' is not allowed; use one of 'explanatory'",
    ),
    "unknown-field": (
        annotation(lemma='"애써다"'),
        10,
        "em-aesseotda",
        "unknown field 'lemma'; allowed fields: id, kind, quote",
    ),
    "missing-field": (annotation(quote=None), 1, "em-aesseotda", "missing required field 'quote'"),
    "emendation-without-reading": (
        annotation(reading=None),
        1,
        "em-aesseotda",
        "missing required field 'reading' (kind = 'emendation' needs it)",
    ),
    "reading-on-a-note": (
        annotation(kind='"explanatory"'),
        5,
        "em-aesseotda",
        "'reading' is only for emendations",
    ),
    "bad-date": (
        annotation(created='"yesterday"'),
        8,
        "em-aesseotda",
        "created = 'yesterday' is not a date; write it as 2026-11-24",
    ),
    "bad-id": (annotation(id='"Em_1"'), 2, "Em_1", "id 'Em_1' must be lowercase"),
    "duplicate-id": (
        GOOD + "\n" + annotation(quote='"깨닫기"'),
        12,
        "em-aesseotda",
        "duplicate id",
    ),
    "quote-not-found": (
        annotation(quote='"애써 다"'),
        4,
        "em-aesseotda",
        "target quote '애써 다' not found in text/a; copy it exactly",
    ),
    "prefix-not-found": (
        annotation(prefix='"위하여 "'),
        4,
        "em-aesseotda",
        "the quote alone occurs 1 time(s), so check prefix/suffix",
    ),
    "quote-ambiguous": (
        annotation(quote='"반대파"', reading='"반대파가"'),
        4,
        "em-aesseotda",
        "target quote '반대파' occurs 2 times in text/a: "
        "…트로츠키는 [반대파]를 이끌기 위해 애써다…; "
        "…이끌기 위해 애써다. [반대파]는 패배했다.…. "
        "Add a prefix or suffix",
    ),
    "overlapping-emendations": (
        GOOD + "\n" + annotation(id='"em-other"', quote='"써다."', reading='"썼다."'),
        14,
        "em-other",
        "overlapping emendations",
    ),
    "overlapping-notes": (
        NOTE.replace('"혁명은"', '"혁명은 계속"')
        + "\n"
        + annotation(
            id='"x-two"',
            kind='"explanatory"',
            quote='"계속되어야"',
            reading=None,
            verification='"unverified"',
        ),
        13,
        "x-two",
        "the quotes overlap without one containing the other",
    ),
    "note-inside-emendation": (
        GOOD
        + "\n"
        + annotation(
            id='"x-in"',
            kind='"explanatory"',
            quote='"써다"',
            reading=None,
            verification='"unverified"',
        ),
        14,
        "x-in",
        "the quote lies inside an emendation's quote",
    ),
    "unknown-bib-key": (
        annotation(
            kind='"source"',
            reading=None,
            sources='[{ key = "lenin-cw99" }]',
            verification='"work"',
        ),
        9,
        "em-aesseotda",
        "unknown bib key 'lenin-cw99': add the work to a file in bib/",
    ),
    "raw-directive": (
        body("\n.. raw:: html\n\n   <script>alert(1)</script>\n"),
        6,
        "x-body",
        'Unknown directive type "raw". (directives and roles are disabled in note bodies)',
    ),
    "include-directive": (
        body("\n.. include:: /etc/passwd\n"),
        6,
        "x-body",
        'Unknown directive type "include".',
    ),
    "substitution-directive": (
        body("\n|x|\n\n.. |x| raw:: html\n\n   <b>x</b>\n"),
        8,
        "x-body",
        'Unknown directive type "raw".',
    ),
    "raw-role": (
        body("\n:raw-html:`<b>x</b>` 굵게\n"),
        6,
        "x-body",
        'Unknown interpreted text role "raw-html".',
    ),
    "ref-role": (body("\n:ref:`x` 참조\n"), 6, "x-body", 'Unknown interpreted text role "ref".'),
    "javascript-link": (
        body("\n`눌러 <javascript:alert(1)>`__ 보기\n"),
        6,
        "x-body",
        "link address 'javascript:alert(1)' is not allowed: use http(s) or mailto",
    ),
    "markup-before-particle": (
        body("\n*강조*와\n"),
        6,
        "x-body",
        r"a particle right after markup needs an escaped space: *강조*\ 와",
    ),
    "paragraph-ref-out-of-range": (
        body("\n같은 일은 ¶999에서 다시 본다.\n"),
        6,
        "x-body",
        "body: ¶999 does not exist; the article has ¶1–¶5",
    ),
    "source-note-reviewed": (
        annotation(kind='"source"', reading=None, sources='[{ key = "lenin-cw33" }]'),
        8,
        "em-aesseotda",
        "verification = 'reviewed' is not allowed; use one of 'wording', 'work', 'none'",
    ),
    "wording-without-evidence": (
        annotation(
            kind='"source"',
            reading=None,
            sources='[{ key = "lenin-cw33" }]',
            verification='"wording"',
        ),
        1,
        "em-aesseotda",
        "missing required field 'evidence' (verification = 'wording' needs it",
    ),
    "editorial-note-wording": (
        annotation(kind='"explanatory"', reading=None, verification='"wording"'),
        8,
        "em-aesseotda",
        "verification = 'wording' is not allowed; use one of 'reviewed', 'unverified'",
    ),
    "paragraph-hint": (
        annotation(paragraph="2"),
        10,
        "em-aesseotda",
        "paragraph = 2, but the quote is in ¶1; correct the paragraph number",
    ),
    "control-character": (
        annotation(body='"받침\\u0007 ㅆ이\\u001b[31m 빠졌다."'),
        6,
        "em-aesseotda",
        "body: the control character U+0007 is not allowed (only line breaks and tabs)",
    ),
    "byte-order-mark": (
        "\ufeff" + GOOD,
        1,
        None,
        "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM",
    ),
}


@pytest.fixture
def broken_root(tmp_path, rootdir):
    srcdir = tmp_path / "apparatus"
    shutil.copytree(rootdir / "test-apparatus", srcdir)
    return srcdir


@pytest.mark.parametrize("case", CASES)
def test_bad_annotation_fails_with_a_located_message(case, broken_root, make_app):
    text, line, ident, message = CASES[case]
    path = broken_root / "annotations" / "a.toml"
    path.write_text(text, encoding="utf-8")
    app = make_app("html", srcdir=broken_root, freshenv=True)
    with pytest.raises(DataError, match="nothing was written"):
        app.build()
    warnings = plain(app.warning.getvalue())
    who = f"annotation '{ident}'" if ident else "annotation file"
    expected = f"{path}:{line}: ERROR: {who}: "
    reported = [w for w in warnings.splitlines() if w.startswith(expected)]
    assert reported, f"no message at {path.name}:{line} for {who}:\n{warnings}"
    assert any(message in w for w in reported), warnings
    # no edition was written, not even the pages that were fine
    assert not (app.outdir / "text" / "b.html").exists()
    assert not (app.outdir / "text" / "a.html").exists()


def test_duplicate_id_across_files(broken_root, make_app):
    (broken_root / "annotations" / "b.toml").write_text(
        annotation(quote='"계혹해서"', reading='"계속해서"'), encoding="utf-8"
    )
    app = make_app("html", srcdir=broken_root, freshenv=True)
    with pytest.raises(DataError):
        app.build()
    warnings = app.warning.getvalue()
    assert "b.toml:2: ERROR: annotation 'em-aesseotda': duplicate id: also used in " in warnings
    assert "a.toml:4;" in warnings


def test_annotation_file_without_a_part(broken_root, make_app):
    (broken_root / "annotations" / "c.toml").write_text(GOOD, encoding="utf-8")
    app = make_app("html", srcdir=broken_root, freshenv=True)
    with pytest.raises(DataError):
        app.build()
    assert "c.toml:1: ERROR: annotation file: no text document text/c for this file" in (
        app.warning.getvalue()
    )


def test_every_problem_of_a_build_is_listed_at_once(broken_root, make_app):
    (broken_root / "annotations" / "a.toml").write_text(
        annotation(quote='"없는 말"') + "\n" + annotation(id='"em-two"', kind='"comment"'),
        encoding="utf-8",
    )
    (broken_root / "annotations" / "b.toml").write_text(
        annotation(id='"em-b"', quote='"없는"'), encoding="utf-8"
    )
    app = make_app("html", srcdir=broken_root, freshenv=True)
    with pytest.raises(DataError, match="3 problem"):
        app.build()


def test_strict_command_line_build_fails_and_names_the_place(broken_root, tmp_path):
    (broken_root / "annotations" / "a.toml").write_text(
        annotation(quote='"애써 다"'), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q",
         str(broken_root), str(out)],
        capture_output=True, text=True, check=False, cwd=broken_root,
    )  # fmt: skip
    assert result.returncode != 0
    assert (
        "annotations/a.toml:4: ERROR: annotation 'em-aesseotda': target quote '애써 다' "
        "not found in text/a" in result.stderr
    )
    assert not (out / "text" / "a.html").exists()


@pytest.mark.parametrize(
    "text",
    [
        ".. raw:: html\n\n   <script>alert(1)</script>",
        ".. include:: /etc/passwd",
        ".. image:: https://example.org/x.png",
        ".. |x| raw:: html\n\n   <b>x</b>\n\n|x|",
        "글 :raw-html:`<b>x</b>` 글",
        ".. _x: javascript:alert(1)\n\n글 x_ 글",
        "- 목록",
        "글\n\n.. 주석",
    ],
)
def test_unsafe_bodies_render_nothing_of_their_own(text):
    paragraphs, problems = safe_rst.parse_body(text, "test.toml")
    assert problems
    rendered = "".join(p.astext() for p in paragraphs)
    assert "<" not in rendered
    assert "root:" not in rendered  # nothing of /etc/passwd


def test_safe_body_keeps_inline_markup():
    paragraphs, problems = safe_rst.parse_body(
        "*기울임*, **굵게**, ``코드``, `링크 <https://example.org/>`__.\n\n둘째.", "t.toml"
    )
    assert problems == []
    assert [p.astext() for p in paragraphs] == ["기울임, 굵게, 코드, 링크.", "둘째."]
    assert dedent(paragraphs[0].pformat()).count("<reference") == 1
