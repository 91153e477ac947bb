"""Fidelity: the article text of the built edition equals the witness, character for character."""

from __future__ import annotations

import shutil

import pytest
from conftest import PROJECT, edition_annotations, sphinx_build
from fidelity import (
    CORRECTED_APPARATUS_SELECTOR,
    FRAME_LINES,
    differences,
    edition_units,
    page_units,
    text_pages,
    witness_lines,
    witness_units,
)


def test_frame_lines_are_exactly_the_web_page_navigation():
    lines = witness_lines()
    nonempty_before_article = {n for n, line in enumerate(lines[:10], start=1) if line}
    assert nonempty_before_article == FRAME_LINES
    assert lines[0].startswith("Documents in:")
    assert lines[4] == "자료실"
    assert lines[10] == "비판적 평가서"


def test_every_unit_of_the_article_equals_the_witness(edition_html):
    reports = differences(witness_units(), edition_units(edition_html))
    assert not reports, "\n\n".join(reports)


@pytest.mark.slow  # the real edition
def test_fidelity_test_catches_a_single_changed_character(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns(".venv", "_build", ".git"))
    part = project / "source" / "text" / "07-triumvirate-split.rst"
    original = part.read_text(encoding="utf-8")
    changed = original.replace("지노비에프와 카메네프는", "지노비에프와 카메네프가", 1)
    assert changed != original
    part.write_text(changed, encoding="utf-8")

    out = tmp_path / "html"
    result = sphinx_build("html", project / "source", out)
    assert result.returncode == 0, result.stderr
    reports = differences(witness_units(), edition_units(out))

    assert len(reports) == 1
    assert "07-triumvirate-split.html" in reports[0]
    assert "witness '는' → edition '가'" in reports[0]


def test_units_are_counted_as_the_witness_has_them():
    units = witness_units()
    assert units[0].text == "비판적 평가서"
    assert units[1].text == "트로츠키와 러시아 좌익반대파"
    assert units[-1].text.endswith("이것이 ICL이 자랑스럽게 고수하는 유산이다.")
    assert units[-1].where == "witness line 339"


def test_corrected_reading_differs_from_the_witness_only_by_the_emendations(edition_html):
    """Apply each recorded emendation to the diplomatic text: the result is what readers see."""
    checked = 0
    for page in text_pages(edition_html):
        diplomatic = [unit.text for unit in page_units(page)]
        corrected = [unit.text for unit in page_units(page, CORRECTED_APPARATUS_SELECTOR)]
        expected = list(diplomatic)
        for record in edition_annotations(page.stem):
            if record.kind != "emendation":
                continue
            needle = record.prefix + record.quote + record.suffix
            hits = [i for i, text in enumerate(expected) if needle in text]
            assert len(hits) == 1, (record.id, hits)
            i = hits[0]
            expected[i] = expected[i].replace(
                needle, record.prefix + record.reading + record.suffix, 1
            )
            checked += 1
        assert corrected == expected, page.name
    assert checked >= 30
