"""Incremental builds of the real edition, as ``make html`` runs them (issue 16).

A rebuild with nothing changed reads no document and does not say that the configuration
has changed (the theme's start-up values are those of ``conf.py``: ``stable_config.py``);
editing one annotation file re-reads exactly the part it annotates; a serial and a parallel
build write the same pages. The incremental builds run on a copy of the project, so that a
file can be edited, with this checkout's virtualenv.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT, edit, plain, sphinx_build

pytestmark = pytest.mark.slow

VENV = PROJECT / ".venv"
PART = "text/07-triumvirate-split"
ANNOTATION = Path("source/annotations/07-triumvirate-split.toml")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, built once with ``make html``."""
    copy = tmp_path_factory.mktemp("rebuild") / "project"
    shutil.copytree(PROJECT, copy, ignore=shutil.ignore_patterns(".*", "_build"))
    make_html(copy)
    return copy


def make_html(project: Path) -> str:
    """``make html`` in ``project``: its output (the virtualenv is this checkout's, taken as
    installed)."""
    result = subprocess.run(
        ["make", "-o", f"{VENV}/.installed", "html", f"VENV={VENV}"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr
    return plain(result.stdout + result.stderr)


def documents_read(output: str) -> list[str]:
    """The documents a build read, as its status names them."""
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", output)


def site(project: Path) -> dict[str, bytes]:
    """Every file of the built site but ``.buildinfo``, by path."""
    html = project / "_build" / "html"
    return {
        str(path.relative_to(html)): path.read_bytes()
        for path in sorted(html.rglob("*"))
        if path.is_file() and path.name != ".buildinfo"
    }


def test_a_rebuild_with_nothing_changed_reads_nothing_and_says_nothing_of_the_config(
    project: Path,
) -> None:
    before = site(project)
    output = make_html(project)
    assert "configuration has changed" not in output, output
    assert "updating environment: 0 added, 0 changed, 0 removed" in output, output
    assert "targets for 0 source files that are out of date" in output, output
    # the same site: the search index keeps the index entries of the pages not written
    # again (search_ko/index_entries.py), and so the theme's stylesheet is slimmed the same
    after = site(project)
    assert sorted(after) == sorted(before)
    assert [name for name in before if after[name] != before[name]] == []


def index_entries(project: Path) -> dict:
    """The index entries of the built site's search index."""
    text = (project / "_build" / "html" / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])["indexentries"]


def test_editing_one_annotation_file_rereads_exactly_its_part(project: Path) -> None:
    entries = index_entries(project)
    assert entries, "the register's entries are in the search index"
    edit(project / ANNOTATION, "부하린의 이 구호는 1925년", "부하린의 이 구호는 바로 1925년")
    output = make_html(project)
    assert index_entries(project) == entries  # those of the parts not read again too
    assert "updating environment: 0 added, 1 changed, 0 removed" in output, output
    assert documents_read(output) == [PART], output
    assert "configuration has changed" not in output, output
    page = (project / "_build" / "html" / f"{PART}.html").read_text(encoding="utf-8")
    assert "부하린의 이 구호는 바로 1925년" in page


def test_serial_and_parallel_builds_write_the_same_html(tmp_path: Path) -> None:
    """``-j auto`` (as ``make html`` builds) and ``-j 1`` give the same pages and index."""
    parallel, serial = tmp_path / "parallel", tmp_path / "serial"
    assert sphinx_build("html", PROJECT / "source", parallel).returncode == 0
    # The token cache of the first build, so that the second does not analyse again.
    cache = Path(f"{parallel}.doctrees") / "edition-search-terms.pickle"
    Path(f"{serial}.doctrees").mkdir()
    shutil.copy(cache, Path(f"{serial}.doctrees") / cache.name)
    assert sphinx_build("html", PROJECT / "source", serial, "-j", "1").returncode == 0

    def written(out: Path) -> dict[str, bytes]:
        return {
            path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*"))
            if path.suffix in {".html", ".js", ".css"} and path.is_file()
        }

    pages, serial_pages = written(parallel), written(serial)
    assert pages.keys() == serial_pages.keys()
    differ = [name for name in pages if pages[name] != serial_pages[name]]
    assert differ == [], differ
