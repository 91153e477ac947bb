"""The PDF as Korean typesetting: Korean faces, lines broken between words only, no box that
sticks out, en dashes in page ranges, no gap between a closing quote and its particle,
visible emphasis, no widows, a serif index, registers that read like a reference book."""

from __future__ import annotations

import itertools
import re
import tomllib

import pytest
from conftest import PROJECT

HANGUL = "\uac00-\ud7a3"
#: A run of letters or digits (Hangul, Latin, Cyrillic …) at the end or start of a line.
WORD_END = re.compile(rf"[{HANGUL}\w]+$")
WORD_START = re.compile(rf"^[{HANGUL}\w]+")


@pytest.fixture(scope="module")
def log(edition_pdf) -> str:
    return edition_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")


def fontspec_specs(log: str) -> list[tuple[str, str, str]]:
    """The NFSS specs fontspec reports (``Noto Serif CJK KR/OT:script=hang;…``), unwrapped:
    TeX cuts a log line at 79 characters, fontspec continues its own with ``(fontspec)``."""
    lines = log.splitlines()
    joined = "".join(line if len(line) == 79 else line + "\n" for line in lines)
    joined = re.sub(r"\n\(fontspec\)\s+", " ", joined)
    return re.findall(r"\((m|b)/(n|it)\) with NFSS spec\.: <->\"([^\"]+)\"", joined)


@pytest.fixture(scope="module")
def tex(edition_pdf) -> str:
    return edition_pdf.with_suffix(".tex").read_text(encoding="utf-8")


def titles(outline: list) -> list[str]:
    """Every bookmark's title, at every level."""
    return [
        t for item in outline for t in (titles(item) if isinstance(item, list) else [item.title])
    ]


def between(page_texts: list[str], chapters: dict[str, int], first: str, until: str) -> list[str]:
    return page_texts[chapters[first] : chapters[until]]


def words_broken(page_texts: list[str], tex: str) -> list[str]:
    """Line ends inside a word: the line ends and the next begins with a letter or digit, one
    of them Hangul, and the LaTeX source has the two halves together but never apart."""
    broken = []
    for page in page_texts:
        lines = [line.strip() for line in page.splitlines()]
        for line, following in itertools.pairwise(lines):
            end, start = WORD_END.search(line), WORD_START.search(following)
            if not (end and start):
                continue
            tail, head = end.group(), start.group()
            if not re.match(f"[{HANGUL}]", tail[-1]) and not re.match(f"[{HANGUL}]", head[0]):
                continue  # Latin or digits on both sides: hyphenation, a web address
            if tail + head in tex and f"{tail} {head}" not in tex:
                broken.append(f"{line[-12:]}|{following[:12]}")
    return broken


def test_the_korean_faces_shape_as_korean(log):
    """Every Noto CJK font loaded is the Korean face of its collection (… CJK KR), and the
    fonts that set Hangul shape it with the Korean language system, which picks the Korean
    forms of punctuation and Hanja. (The PDF cannot show the face: the faces of a Noto CJK
    collection share one font program, named …CJKjp, whichever face is used.)"""
    specs = [spec for _series, _shape, spec in fontspec_specs(log)]
    noto = [spec for spec in specs if "CJK" in spec]
    assert noto, "no Noto CJK font in the log"
    assert all(re.match(r"Noto (Serif|Sans|Sans Mono) CJK KR/", s) for s in noto), noto
    hangul = [spec for spec in noto if "script=hang" in spec]
    assert {s.split("/")[0] for s in hangul} >= {"Noto Serif CJK KR", "Noto Sans CJK KR"}
    assert all("language=KOR" in spec for spec in hangul), hangul


def test_lines_break_between_words(page_texts, chapters, tex):
    """Korean books break a line at a space between two 어절, never inside one (반|대하여,
    1|년에): in the editors' preface, the article with its notes and the registers, outside
    tables."""
    text = [
        *between(page_texts, chapters, "이 판에 대하여", "교정 목록"),
        *between(page_texts, chapters, "용어집", "참고문헌"),
    ]
    assert words_broken(text, tex) == []


def test_no_line_sticks_out(log):
    """No box is more than 1 pt wider (or taller) than its room."""
    overfull = re.findall(r"^Overfull \\[hv]box \((\d+\.?\d*)pt too (?:wide|high)\).*$", log, re.M)
    assert [width for width in overfull if float(width) > 1] == []


def test_page_ranges_in_the_index_take_an_en_dash(page_texts, chapters):
    index = "".join(page_texts[chapters["찾아보기"] :])
    assert re.findall(r"\d+[-\u2010\u2011]{2}\d+", index) == []
    assert re.search(r"\d+–\d+", index)


def test_no_gap_between_a_closing_quote_and_its_particle(page_texts, tex):
    """‘업다’를, not ‘업다’ 를: the closing quote is no CJK bracket with a gap after it."""
    gaps = [
        match.group()
        for match in re.finditer(rf"[’”] ([{HANGUL}]+)", "".join(page_texts))
        if match.group().replace(" ", "") in tex and match.group() not in tex
    ]
    assert gaps == []


def test_emphasis_is_slanted_and_every_font_shape_exists(log):
    """Noto CJK has no italic: emphasis is slanted by the font, and no shape falls back."""
    assert not re.search(r"Font shape `[^']*' undefined", log)
    specs = fontspec_specs(log)
    italic = [spec for _series, shape, spec in specs if shape == "it" and "CJK" in spec]
    assert italic and all("slant=" in spec for spec in italic), italic


def test_no_widows_in_the_article(page_texts, chapters, reader):
    """No page of the article starts with the last line of a paragraph: the number of the
    next paragraph (alone on a line in the text layer) never follows the page's first line,
    unless that line is a heading."""
    article = between(page_texts, chapters, "트로츠키와 러시아 좌익반대파", "교정 목록")
    headings = {re.sub(r"\s+", " ", title) for title in titles(reader.outline)}
    widows = []
    for number, page in enumerate(article):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        first, following = [*lines[1:3], "", ""][:2]  # below the running head
        if re.fullmatch(r"\d+", following) and not re.fullmatch(r"\d*", first):
            if first not in headings:
                widows.append((number, first))
    assert widows == []


def test_index_entries_are_in_the_face_of_the_text(reader, chapters):
    """Sphinx sets index entries in the typewriter face, made for names of Python objects; the
    edition's are words of the text, in its serif. Only the running head and the page's foot
    are in the (bold) sans."""
    fonts: set[str] = set()

    def visit(text, _cm, _tm, font, _size):
        if font and text.strip():
            fonts.add(str(font.get("/BaseFont")))

    # 찾아보기 runs to the colophon (판권), the last page, which sets its labels in the sans
    for page in reader.pages[chapters["찾아보기"] : chapters["판권"]]:
        page.extract_text(visitor_text=visit)
    assert any("Serif" in name for name in fonts), fonts
    assert [name for name in fonts if "Serif" not in name and "Bold" not in name] == []


def test_register_entries_read_as_a_reference_book(page_texts, chapters):
    """In the registers, the first source runs on after "출처:", and a definition starts its
    own line after the "통용 표기" line instead of running on from it."""
    registers = "\n".join(between(page_texts, chapters, "용어집", "참고문헌"))
    lines = [line.strip() for line in registers.splitlines()]
    assert "출처:" not in lines
    usual = [
        "통용 표기: " + ", ".join(record["usual"])
        for path in sorted((PROJECT / "source" / "register").glob("*.toml"))
        for records in tomllib.loads(path.read_text(encoding="utf-8")).values()
        for record in records
        if record.get("usual")
    ]
    assert usual
    # the text layer gives · as " · " and - as U+2011
    flat = {re.sub(r"\s+", "", line).replace("\u2011", "-") for line in lines}
    assert [line for line in usual if re.sub(r"\s+", "", line) not in flat] == []


#: The Noto CJK collections Debian ships (fonts-noto-cjk).
NOTO = "/usr/share/fonts/opentype/noto/"


def cids_of(font_dict) -> dict[str, set[int]]:
    """Character -> the CIDs a PDF font (Identity-H) sets it with, from its ToUnicode map."""
    cmap = font_dict["/ToUnicode"].get_object().get_data().decode("latin-1")
    found: dict[str, set[int]] = {}

    def note(cid: int, hexchars: str) -> None:
        found.setdefault(bytes.fromhex(hexchars).decode("utf-16-be"), set()).add(cid)

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for cid, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            note(int(cid, 16), uni)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, uni in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            for step in range(int(high, 16) - int(low, 16) + 1):
                note(int(low, 16) + step, f"{int(uni, 16) + step:04X}")
    return found


def test_hanja_take_their_korean_glyphs(reader):
    """Where the faces of a Noto CJK collection draw a Hanja differently (半, 漢: the Japanese
    and the Korean forms), the PDF sets it with the Korean face's glyph. The check is made
    on the glyphs: the PDF's font list names every face …CJKjp (they share one program)."""
    from fontTools.ttLib import TTCollection

    used: dict[tuple[str, str], set[int]] = {}
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            name = str(font.get("/BaseFont", ""))
            family = re.search(r"Noto(Serif|Sans)CJK", name)
            if family and "/ToUnicode" in font:
                for char, cids in cids_of(font).items():
                    used.setdefault((family.group(1), char), set()).update(cids)
    compared = 0
    for family in ("Serif", "Sans"):
        collection = TTCollection(f"{NOTO}Noto{family}CJK-Regular.ttc", lazy=True)
        faces = {font["name"].getDebugName(4).split()[-1]: font for font in collection.fonts}
        korean, japanese = faces["KR"].getBestCmap(), faces["JP"].getBestCmap()
        for (font_family, char), cids in used.items():
            if font_family != family or len(char) != 1:
                continue
            code = ord(char)
            if code in korean and korean[code] != japanese.get(code):
                compared += 1
                assert cids == {int(korean[code].removeprefix("cid"))}, (family, char, cids)
    assert compared >= 2  # 半 and 漢 at least, in the serif of the text


def test_index_entries_are_upright(reader, chapters):
    """The originals after the headwords are upright, whether or not their parentheses nest:
    slanted text has a skewed text matrix."""
    slanted: list[str] = []

    def visit(text, _cm, tm, _font, _size):
        if text.strip() and abs(tm[2]) > 1e-3:
            slanted.append(text)

    for page in reader.pages[chapters["찾아보기"] : chapters["판권"]]:
        page.extract_text(visitor_text=visit)
    assert slanted == []
