"""The real edition as HTML: Korean interface, structure, paragraph numbers."""

from __future__ import annotations

import re
import tomllib

from bs4 import BeautifulSoup
from conftest import ANNOTATIONS, PROJECT, edition_annotations
from fidelity import edition_units, text_pages, witness_lines


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_is_korean(edition_html):
    pages = [p for p in edition_html.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) == 13 + 11  # the parts, index, about, 7 back-matter pages, genindex, search
    for page in pages:
        assert soup(page).html["lang"] == "ko", page


def test_every_page_gives_the_editions_version_and_date(edition_html):
    """The footer of every page names the edition, its version (pyproject.toml) and the build's
    date, as the title page and the colophon (이 판에 대하여 › 판 정보) do."""
    release = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    date = re.compile(r"\d{4}년 \d{1,2}월 \d{1,2}일")
    for page in (p for p in edition_html.rglob("*.html") if "_static" not in p.parts):
        footer = soup(page).select_one("footer .edition-footer")
        assert footer is not None, page
        text = " ".join(footer.get_text().split())
        assert f"「트로츠키와 러시아 좌익반대파」 디지털 비판본 · 판 {release} · " in text, page
        assert date.search(text), page
        assert "으로 국제공산주의동맹" not in soup(page).get_text()  # the theme's "By …"
    about = soup(edition_html / "about.html")
    colophon = next(h for h in about.find_all("h2") if h.get_text().startswith("판 정보"))
    colophon = colophon.find_parent("section")
    assert f"{release} (" in colophon.get_text()
    assert date.search(colophon.get_text())


def test_thirteen_parts_with_the_article_headings(edition_html):
    pages = text_pages(edition_html)
    assert len(pages) == 13
    titles = [soup(p).select_one("article.bd-article h1").get_text().rstrip("#") for p in pages]
    lines = witness_lines()
    assert titles == [
        lines[n - 1] for n in (13, 47, 77, 85, 107, 119, 133, 167, 185, 197, 209, 289, 327)
    ]


def test_paragraph_numbers_run_through_the_article(edition_html):
    numbers = []
    for page in text_pages(edition_html):
        for para in soup(page).select("article.bd-article p.edition-numbered"):
            mark = para.select_one("a.edition-pnum")
            assert para["id"] == f"p-{mark.get_text()}"
            assert mark["href"] == f"#p-{mark.get_text()}"
            numbers.append(int(mark.get_text()))
    assert numbers == list(range(1, len(numbers) + 1))
    # every paragraph is numbered: all units less the kicker, the title, the issue line,
    # the 12 headings and the 17 attribution lines
    assert len(numbers) == len(edition_units(edition_html)) - 3 - 12 - 17


def test_attributions_are_verbatim_and_inside_their_quotation(edition_html):
    attributions = [
        a for page in text_pages(edition_html) for a in soup(page).select("p.attribution")
    ]
    assert len(attributions) == 17
    for attribution in attributions:
        assert attribution.find_parent("blockquote") is not None
        assert not attribution.get_text().startswith("—")
    for preview in [p for a in attributions for p in a.select(".edition-term-preview")]:
        preview.decompose()
    texts = [a.get_text() for a in attributions]
    assert texts[0].startswith("- 레닌, ")
    assert any(t.startswith('트로츠키, "코민테른과 GPU"') for t in texts)  # no dash
    assert any(t.startswith("-트로츠키,") for t in texts)  # dash, no space


def test_no_list_where_the_witness_has_attribution_dashes(edition_html):
    for page in text_pages(edition_html):
        assert not soup(page).select("article.bd-article ul, article.bd-article ol"), page


def test_korean_interface_labels(edition_html):
    index = soup(edition_html / "genindex.html")
    assert index.title.get_text().startswith("찾아보기")
    page = (edition_html / "text" / "00-opening.html").read_text(encoding="utf-8")
    for label in ("목차", "찾아보기", "이전 쪽", "다음 쪽", "본문으로 건너뛰기"):
        assert label in page, label
    for english in ("Toggle primary sidebar", "Skip to main content", "previous page"):
        assert english not in page, english
    sidebar = soup(edition_html / "index.html").select_one("nav.bd-docs-nav")
    captions = [c.get_text(strip=True) for c in sidebar.select("p.caption")]
    assert captions == ["일러두기", "본문", "부록"]
    assert "참고문헌" in sidebar.get_text()


def test_korean_typography_stylesheet(edition_html):
    css = (edition_html / "_static" / "edition.css").read_text(encoding="utf-8")
    assert re.search(r"word-break:\s*keep-all", css)
    assert "Noto Serif CJK KR" in css
    page = (edition_html / "text" / "00-opening.html").read_text(encoding="utf-8")
    assert "_static/edition.css" in page


def test_title_page_and_front_matter(edition_html):
    index = soup(edition_html / "index.html").select_one("article.bd-article").get_text()
    assert "『스파르타시스트』 56호 (2001년 봄)" in index
    about = soup(edition_html / "about.html").select_one("article.bd-article").get_text()
    for phrase in ("000_e8ae33c1e403aa22.txt", "이 판에 옮기지 않은 것", "편집 원칙"):
        assert phrase in about
    witness_copy = next((edition_html / "_downloads").rglob("000_e8ae33c1e403aa22.txt"))
    assert witness_copy.read_text(encoding="utf-8").startswith("Documents in:")


def test_smart_quotes_are_off(edition_html):
    text = "".join(u.text for u in edition_units(edition_html))
    assert text.count("\u201c") == 4 and text.count("\u201d") == 3


def test_every_annotation_is_in_the_text_with_its_note(edition_html):
    from critical_edition import annotation_files
    from critical_edition.apparatus import letter_label

    total = 0
    for path in sorted(ANNOTATIONS.glob("*.toml")):
        records, problems = annotation_files.load(path)
        assert problems == []
        soup = BeautifulSoup(
            (edition_html / "text" / f"{path.stem}.html").read_text(encoding="utf-8"),
            "html.parser",
        )
        for record in records:
            note = soup.select_one(f"#n-{record.id}")
            marker = soup.select_one(f"#r-{record.id}")
            assert note is not None and marker is not None, record.id
            assert marker["href"] == f"#n-{record.id}"
            assert note.select_one("a.edition-note-label")["href"] == f"#r-{record.id}"
            total += 1
        editorial = [m.get_text() for m in soup.select("a.edition-series-editorial")]
        assert editorial == [letter_label(i) for i in range(1, len(editorial) + 1)]
    assert total >= 30


def test_list_of_corrections_has_every_emendation(edition_html):
    emendations = [r for r in edition_annotations() if r.kind == "emendation"]
    soup = BeautifulSoup(
        (edition_html / "back" / "corrections.html").read_text(encoding="utf-8"), "html.parser"
    )
    rows = soup.select("table.edition-corrections tbody tr")
    assert len(rows) == len(emendations)
    pairs = {tuple(td.get_text() for td in row.select("td")[1:3]) for row in rows}
    assert pairs == {(e.quote, e.reading) for e in emendations}
    numbers = [int(row.select_one("td a").get_text()) for row in rows]
    assert numbers == sorted(numbers)
    first = rows[0].select("td a")
    assert first[0]["href"].startswith("../text/") and "#p-" in first[0]["href"]
    assert "#n-em-" in first[1]["href"]


def test_every_index_link_lands_on_text_shown_in_both_readings(edition_html):
    """찾아보기 links each occurrence of a person or term to its place; one found in the
    witness reading of an emendation (국민당에 에) lands just before the emended place,
    which both readings show, not inside the witness reading hidden by default."""
    index = soup(edition_html / "genindex.html")
    targets: dict[str, list[str]] = {}
    for link in index.select('a[href*="#t-"]'):
        page, _, anchor = link["href"].partition("#")
        targets.setdefault(page, []).append(anchor)
    assert sum(map(len, targets.values())) > 500
    hidden = []
    for page, anchors in targets.items():
        html = soup(edition_html / page)
        for anchor in anchors:
            node = html.find(id=anchor)
            assert node is not None, (page, anchor)
            if node.find_parent(class_="edition-witness"):
                hidden.append((page, anchor))
    assert hidden == []
