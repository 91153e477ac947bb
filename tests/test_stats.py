"""``make stats``: the coverage report of the apparatus, per part, in text and JSON."""

from __future__ import annotations

import json

import pytest


@pytest.mark.sphinx("edition-stats", testroot="apparatus", freshenv=True)
def test_stats_count_notes_checks_quotations_and_persons_per_part(app):
    app.build()
    assert app.warning.getvalue() == ""
    report = json.loads((app.outdir / "stats.json").read_text(encoding="utf-8"))
    a, b = report["parts"]
    assert a["part"] == "a" and a["paragraphs"] == [1, 3]
    assert a["notes"] == {
        "explanatory": 1,
        "translation": 0,
        "factual": 0,
        "cross-reference": 0,
        "emendation": 2,
        "source": 1,
    }
    assert a["editorial_notes"] == 1
    assert a["source_notes"] == {"wording": 0, "work": 1, "none": 0}
    assert a["editorial_verification"] == {"reviewed": 0, "unverified": 1}
    assert a["quotations"]["sourced"] == 1  # the block quotation
    assert a["unverified"] == ["ex-opposition"]
    assert b["paragraphs"] == [4, 5] and b["notes"]["emendation"] == 1
    total = report["total"]
    assert total["notes"]["emendation"] == 3 and total["unverified_notes"] == 1
    text = (app.outdir / "stats.txt").read_text(encoding="utf-8")
    assert text.splitlines()[0].split()[:3] == ["부", "¶", "해설"]
    assert "편집 주석 1개, 출처 주석 1개, 교정 3개." in text
