"""The real edition as PDF: pages, Korean fonts embedded, no missing glyphs, Korean labels."""

from __future__ import annotations

import re
import tomllib

from conftest import PROJECT, edition_annotations
from fidelity import FIRST_ARTICLE_LINE, witness_lines
from pypdf import PdfReader


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Base font name -> whether its font program is embedded, over all pages."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts[str(font["/BaseFont"])] = any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return fonts


def test_a_book_of_pages(reader):
    assert len(reader.pages) >= 30
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (499, 709)  # B5 (176 × 250 mm)


def test_korean_fonts_are_embedded(reader, edition_pdf):
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    # The Noto CJK collections share one CFF font program (named …CJKjp); the face the
    # document asked for is recorded in the LaTeX log.
    assert any("NotoSerifCJK" in name for name in fonts)
    assert any("NotoSansCJK" in name for name in fonts)
    log = edition_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert re.search(r"Font family 'NotoSerifCJKKR\(\d+\)' created", log)
    assert re.search(r"Font family 'NotoSansCJKKR\(\d+\)' created", log)


def test_no_missing_glyphs(edition_pdf):
    log = edition_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_korean_labels_and_title_page(page_texts):
    first = page_texts[0]
    assert "비판적 평가서" in first and "좌익반대파" in first
    assert "56호" in first
    release = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert re.search(
        rf"디지털 비판본 · 판 {re.escape(release)} · \d{{4}}년 \d{{1,2}}월 \d{{1,2}}일", first
    )
    contents = page_texts[1]
    assert "목차" in contents
    text = "".join(page_texts)
    # Sphinx's English labels, as headings or running heads (a cited work may say "Chapter")
    labels = re.compile(r"(?m)^\s*(Contents|Index|Release\b.*|Chapter \d+)\s*$")
    assert not labels.search(text), labels.search(text)


def test_metadata(reader):
    assert reader.metadata.title == "트로츠키와 러시아 좌익반대파"
    assert str(reader.trailer["/Root"]["/Lang"]) == "ko-KR"


def test_the_article_text_is_in_the_pdf(page_texts):
    text = "".join(page_texts)
    compact = re.sub(r"\s+", "", text)
    assert "1920년대,러시아혁명의고립과쇠퇴의상황들에서" in compact
    # the last sentence, whatever note marker (a, b …, 1, 2 …) follows a word, and the page
    # break (with the notes at the foot of the page) that may fall inside it
    assert re.search(r"이것이ICL이(?:[a-z0-9]{1,3})?자랑스럽게", compact)
    assert "고수하는유산이다." in compact


def source_note_texts(annotations) -> list[str]:
    """The works and locators the notes print, as the edition's style renders them."""
    import pybtex.database
    from critical_edition import bibstyle

    bibstyle.register_plugin("pybtex.style.sorting", "edition", bibstyle.EditionSorting)
    entries = {}
    for path in (PROJECT / "bib").glob("*.bib"):
        entries.update(pybtex.database.parse_file(path).entries)
    style = bibstyle.EditionStyle()
    return [
        style.entry_text(entries[s.key], s.locator or None).render_as("text")
        for a in annotations
        for s in a.sources
    ]


def test_typesetting_keeps_the_witness_characters(chapters, page_texts):
    """TeX ligatures would print ' as ’ and -- as –: the PDF keeps the witness's characters."""
    first, end = chapters["트로츠키와 러시아 좌익반대파"], chapters["교정 목록"]
    text = "".join(page_texts[first:end])
    article = "\n".join(witness_lines()[FIRST_ARTICLE_LINE - 1 :])
    # The pages print the corrected readings, and the apparatus at their foot.
    annotations = edition_annotations()
    notes = source_note_texts(annotations)
    for char in ("'", "\u2018", "\u2019", "\u201c", "\u201d", "\u2013"):
        expected = (
            article.count(char)
            + sum(
                2 * (a.reading or "").count(char) + (a.body or "").count(char) for a in annotations
            )
            + sum(note.count(char) for note in notes)
        )
        assert text.count(char) == expected, repr(char)
    assert "'러시아 혁명을 방어하기" in re.sub(r"\s+", " ", text)


def test_two_note_series_at_the_foot_of_the_pages(edition_pdf, page_texts):
    """Editorial notes (lettered, with the emendations' apparatus) and source notes (numbered)."""
    tex = edition_pdf.with_suffix(".tex").read_text(encoding="utf-8")
    annotations = edition_annotations()
    emendations = [a for a in annotations if a.kind == "emendation"]
    sources = [a for a in annotations if a.kind == "source"]
    assert tex.count(r"\ednote{E}") == len([a for a in annotations if a.kind != "source"])
    assert tex.count(r"\ednote{S}") == len(sources) >= 1
    assert tex.count(r"\edapp{") == len(emendations)
    # Noto CJK's hyphen glyph maps back to U+2011 in the PDF's text layer
    text = re.sub(r"\s+", "", "".join(page_texts)).replace("\u2011", "-")
    for emendation in emendations:  # "corrected] witness 저본" at the foot of a page
        entry = f"{emendation.reading}]{emendation.quote}저본"
        assert re.sub(r"\s+", "", entry) in text, emendation.id
    assert "『전집33권』—Lenin,V.I.,CollectedWorks,33권.Moscow:ProgressPublishers,1965년" in text


def test_list_of_corrections_in_the_back_matter(chapters, page_texts):
    start = chapters["교정 목록"]
    text = re.sub(r"\s+", "", "".join(page_texts[start : chapters["용어집"]]))
    assert "프롤레티라아트프롤레타리아트" in text


def test_index_is_grouped_by_initial_consonant(edition_pdf):
    """makeindex cannot group Hangul: each consonant is a main entry with the entries under it."""
    ind = edition_pdf.with_suffix(".ind").read_text(encoding="utf-8")  # valid UTF-8 throughout
    groups = re.findall(r"^  \\item \\spxentry\{(\S+)\}$", ind, flags=re.MULTILINE)
    assert groups[:4] == ["ㄱ", "ㄴ", "ㄷ", "ㄹ"]
    assert groups[-1] == "기타" and "ㅎ" in groups
    assert re.search(r"\\subitem \\spxentry\{트로츠키[ }].*Leon Trotsky", ind)


def test_registers_and_index_give_page_numbers(chapters, page_texts):
    """용어집 and 인명 색인 list every paragraph with its page; 찾아보기 has the entries."""
    for title, entry in (("용어집", "3자 동맹"), ("인명 색인", "지노비에프")):
        start = chapters[title]
        following = sorted(page for page in chapters.values() if page > start)
        text = re.sub(r"\s+", " ", "".join(page_texts[start : following[0]]))
        assert entry in text
        places = re.findall(r"¶(\d+) \((\d+)쪽\)", text)
        assert len(places) > 50
        printed = {}  # the page number in the footer -> the page's text
        for text_of_page in page_texts:
            lines = [line for line in text_of_page.splitlines() if line.strip()]
            if lines and lines[-1].strip().isdigit():
                printed[lines[-1].strip()] = text_of_page
        for paragraph, page in places[:30]:  # the page of the word: its paragraph starts
            # there or before: with notes at the foot of the page, a paragraph may run on
            starts = [printed.get(str(int(page) - back), "") for back in range(4)]
            assert any(re.search(rf"(^|\n){paragraph}\n", t) for t in starts), (paragraph, page)
    index = re.sub(r"\s+", " ", "".join(page_texts[chapters["찾아보기"] :]))
    assert "트로츠키 (Leon Trotsky" in index  # two columns: the rest may run across lines
    assert "Pilsudski" in index and "\ufffd" not in index


def test_footnotes_carry_no_provenance_but_registers_and_the_contributors_chapter_do(
    chapters, page_texts
):
    """Who wrote a note and when is on the web only; print keeps its footnotes clean."""
    article = "".join(page_texts[chapters["트로츠키와 러시아 좌익반대파"] : chapters["교정 목록"]])
    assert not re.search(r"\d+일\s*작성", article)
    persons = re.sub(r"\s+", " ", "".join(page_texts[chapters["인명 색인"] : chapters["참고문헌"]]))
    assert re.search(r"편집부 · 2026년 \d+월 \d+일 작성", persons)
    credits = re.sub(r"\s+", " ", "".join(page_texts[chapters["기여자"] : chapters["찾아보기"]]))
    assert "편집부 해설" in credits and "저장소 이력에 남은 기여" in credits
