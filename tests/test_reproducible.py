"""Reproducible builds: two builds of one commit give the same HTML and the same LaTeX, byte
for byte, and every date in the output is SOURCE_DATE_EPOCH's (the Makefile sets it to the
commit's date).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import JOBNAME, PROJECT, build_edition, commit_date

#: 2001-09-09 01:46:40 UTC: a date no build is made on, so that a date taken from the clock
#: instead of SOURCE_DATE_EPOCH cannot pass for it.
EPOCH = 1_000_000_000
#: 1999-12-31 12:00 UTC: the stopped clock of the build (tests/clock/sitecustomize.py). The
#: data records real dates (who wrote a note, and when), so today's date is no test of the
#: clock; this day is in no data file.
CLOCK = 946_641_600
CLOCK_DATES = ("1999년 12월 31일", "1999-12-31", "19991231")


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, by its path relative to ``root``."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def same_files(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    """What differs between two builds: files in one only, and files whose bytes differ."""
    report = [f"only in the first build: {n}" for n in sorted(first.keys() - second.keys())]
    report += [f"only in the second build: {n}" for n in sorted(second.keys() - first.keys())]
    report += [
        f"differs: {n}" for n in sorted(first.keys() & second.keys()) if first[n] != second[n]
    ]
    return report


@pytest.mark.edition
def test_two_html_builds_are_byte_identical(edition_html, tmp_path):
    """A second build from scratch (its own doctrees, another output folder) against the one
    the other tests read. Nothing is left out: the doctrees are kept beside the output, and
    .buildinfo holds only hashes of the configuration and the tags."""
    again = build_edition("html", tmp_path / "html")
    first = files(edition_html)
    assert len(first) > 50 and ".buildinfo" in first
    assert not (report := same_files(first, files(again))), "\n".join(report)


@pytest.mark.edition
def test_two_latex_builds_give_the_same_tex(edition_latex, tmp_path):
    """Every file Sphinx writes for LaTeX (the .tex, the style files, latexmkrc…), against the
    build the PDF tests typeset; latexmk's own files (.aux, .log, the PDF: test_pdf_book) beside
    them in that folder are not Sphinx's, so only the files of the second build are compared."""
    again = files(build_edition("latex", tmp_path / "latex"))
    assert f"{JOBNAME}.tex" in again
    first = {name: data for name, data in files(edition_latex).items() if name in again}
    assert not (report := same_files(first, again)), "\n".join(report)


@pytest.mark.edition
@pytest.mark.parametrize(
    ("builder", "where", "expected"),
    [
        ("latex", f"{JOBNAME}.tex", [r"\date{2001년 9월 9일}"]),  # on the title page
        ("html", "index.html", ["판 0.", ">2001년 9월 9일</span>"]),  # every page's footer
        (
            "epub",
            "content.opf",
            [
                "<dc:date>2001-09-09T01:46:40Z</dc:date>",
                '<meta property="dcterms:modified">2001-09-09T01:46:40Z</meta>',
            ],
        ),
    ],
)
def test_dates_in_the_output_follow_source_date_epoch(builder, where, expected, tmp_path):
    """The build's clock is stopped on another day: no date of that day may appear."""
    env = {
        "SOURCE_DATE_EPOCH": str(EPOCH),
        "FAKE_CLOCK": str(CLOCK),
        "PYTHONPATH": os.pathsep.join(
            [str(PROJECT / "tests" / "clock"), os.environ.get("PYTHONPATH", "")]
        ),
    }
    out = build_edition(builder, tmp_path / builder, env=env)
    text = (out / where).read_text(encoding="utf-8")
    assert all(date in text for date in expected), text[:3000]
    for name, data in files(out).items():
        text = data.decode("utf-8", errors="replace")
        for date in CLOCK_DATES:
            assert date not in text, f"{name} has the clock's date {date}, not SOURCE_DATE_EPOCH's"


def test_the_stopped_clock_stops_the_clock(tmp_path):
    """The test aid works: a build's process sees the stopped clock."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # `make` sets it
    env |= {"FAKE_CLOCK": str(CLOCK), "PYTHONPATH": str(PROJECT / "tests" / "clock")}
    code = (
        "import datetime, time; from sphinx.util.i18n import format_date; "
        "print(datetime.datetime.now().date(), time.strftime('%Y-%m-%d'), "
        "format_date('%Y-%m-%d', language='ko'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["1999-12-31"] * 3


def make_says_source_date_epoch(env: dict[str, str]) -> str:
    """SOURCE_DATE_EPOCH as the Makefile exports it to the commands of its recipes."""
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval", "_sde: ; @echo \"[$$SOURCE_DATE_EPOCH]\"",
         "_sde"],
        cwd=PROJECT, capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return result.stdout.strip()


def test_the_makefile_dates_builds_by_the_commit():
    if commit_date() is None:
        pytest.skip("not a git checkout: the Makefile leaves the date to Sphinx")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    assert make_says_source_date_epoch(env) == f"[{commit_date()}]"
    # a date set in the environment wins
    assert make_says_source_date_epoch({**env, "SOURCE_DATE_EPOCH": "12345"}) == "[12345]"
