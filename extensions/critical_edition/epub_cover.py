"""The EPUB's cover: an SVG drawn by the build from the title and the edition's name.

No image is kept in the repository: the cover says what the configuration says (``project``,
``edition_original``, ``version``), so it cannot go stale. It is built with ElementTree, so
every text is escaped as XML, and it holds no date, so two builds give the same bytes.
Reading systems draw its text with their own Korean font; the families named first are the
Noto CJK faces the PDF uses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
#: The kind of book, under the title (as on the PDF's title page).
EDITION_NAME = "디지털 비판본"
WIDTH, HEIGHT = 1200, 1800
SERIF = "'Noto Serif CJK KR', 'Noto Serif KR', serif"
SANS = "'Noto Sans CJK KR', 'Noto Sans KR', sans-serif"
INK, PAPER, ACCENT = "#1d1d1b", "#f6f1e7", "#8c1c13"


def title_lines(title: str) -> list[str]:
    """The title on two lines, broken at the space that keeps the longer line shortest (the
    second line the longer of equals: 트로츠키와 / 러시아 좌익반대파); one word stays one line."""
    words = title.split()
    if len(words) < 2:
        return [title]
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    first, second = min(splits, key=lambda s: (max(len(s[0]), len(s[1])), len(s[0])))
    return [first, second]


def _rect(parent: ET.Element, x: int, y: int, width: int, height: int, fill: str) -> None:
    box = {"x": x, "y": y, "width": width, "height": height}
    ET.SubElement(parent, f"{{{SVG}}}rect", {k: str(v) for k, v in box.items()} | {"fill": fill})


def _text(parent: ET.Element, y: int, words: str, size: int, **style: str) -> None:
    element = ET.SubElement(
        parent,
        f"{{{SVG}}}text",
        {"x": str(WIDTH // 2), "y": str(y), "font-size": str(size), "text-anchor": "middle"},
    )
    for name, value in style.items():
        element.set(name.replace("_", "-"), value)
    element.text = words


def cover_svg(title: str, original: str, version: str) -> bytes:
    """The cover, as the bytes of an SVG document."""
    ET.register_namespace("", SVG)
    svg = ET.Element(
        f"{{{SVG}}}svg",
        {
            "version": "1.1",
            "width": str(WIDTH),
            "height": str(HEIGHT),
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
        },
    )
    ET.SubElement(svg, f"{{{SVG}}}title").text = title
    _rect(svg, 0, 0, WIDTH, HEIGHT, PAPER)
    _rect(svg, 0, 0, WIDTH, 36, ACCENT)
    lines = title_lines(title)
    top = 620 - 80 * (len(lines) - 1)
    for i, line in enumerate(lines):
        _text(svg, top + 160 * i, line, 120, font_family=SERIF, font_weight="700", fill=INK)
    rule_y = top + 160 * (len(lines) - 1) + 110
    _rect(svg, WIDTH // 2 - 90, rule_y, 180, 6, ACCENT)
    if original:
        _text(svg, rule_y + 110, original, 52, font_family=SERIF, fill=INK)
    edition = f"{EDITION_NAME} · 판 {version}" if version else EDITION_NAME
    _text(svg, HEIGHT - 200, edition, 56, font_family=SANS, fill=ACCENT, font_weight="700")
    return ET.tostring(svg, encoding="utf-8", xml_declaration=True)
