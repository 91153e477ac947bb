"""Shared fixtures: sphinx.testing for the small roots, and one strict build of the real edition."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]

PROJECT = Path(__file__).resolve().parent.parent
JOBNAME = "trotsky-left-opposition"


ANNOTATIONS = PROJECT / "source" / "annotations"


def plain(text: str) -> str:
    """Sphinx's console output without colours or other terminal control sequences."""
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


def edit(path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a data file of a test root."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_stops_at(app, path: str, line: int, record: str, message: str, page: str) -> None:
    """The build stops on a data error reported at ``path:line`` for ``record``, with no
    traceback, and ``page`` (a generated page) is not written."""
    from critical_edition.datafiles import DataError

    with pytest.raises(DataError):
        app.build()
    warnings = plain(app.warning.getvalue())
    assert f"{path}:{line}: ERROR: {record}: {message}" in warnings, warnings
    assert "Traceback" not in warnings
    assert not (app.outdir / page).exists()


def status_of(app) -> str:
    return plain(app.status.getvalue())


def rebuild(app) -> None:
    """Build again, with the status of this build only."""
    app.status.seek(0)
    app.status.truncate(0)
    app.build()


def edition_annotations(part: str | None = None) -> list:
    """The annotations of the real edition (of one part), read as the build reads them."""
    from critical_edition import annotation_files

    paths = sorted(ANNOTATIONS.glob(f"{part or '*'}.toml"))
    return [record for path in paths for record in annotation_files.load(path)[0]]


#: Fixtures that build the real edition or start a browser: a test that uses one is ``slow``.
SLOW_FIXTURES = frozenset(
    {"edition_html", "edition_latex", "edition_pdf", "edition_epub", "edition_site", "browser"}
    | {"hostile"}  # test_bad_input: a root built as HTML and LaTeX, as long as the edition
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that builds the real edition (marked ``edition`` or using one of
    its builds) or drives a browser: ``pytest -m "not slow"`` runs the others, quickly."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("edition") or fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"


@functools.cache
def commit_date() -> str | None:
    """The date of the commit checked out (seconds since the epoch), as the Makefile takes it."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=PROJECT, capture_output=True, text=True, check=False,
        )  # fmt: skip
    except OSError:
        return None
    return result.stdout.strip() or None


def sphinx_build(
    builder: str, srcdir: Path, outdir: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run sphinx-build strictly (-W --keep-going -n) as the Makefile does: doctrees beside
    the output, not in it, and dates from SOURCE_DATE_EPOCH (the commit's date unless set)."""
    cmd = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(srcdir.parent),
        "-d", str(outdir.parent / f"{outdir.name}.doctrees"),
        "-W", "--keep-going", "-n", "-q", "-j", "auto", *extra, str(srcdir), str(outdir),
    ]  # fmt: skip
    env = {**os.environ, **(env or {})}
    if "SOURCE_DATE_EPOCH" not in env and commit_date():
        env["SOURCE_DATE_EPOCH"] = commit_date()
    return subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)


def build_edition(builder: str, out: Path, env: dict[str, str] | None = None) -> Path:
    """The real edition, built strictly with ``builder`` into ``out``: no warning."""
    result = sphinx_build(builder, PROJECT / "source", out, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", f"the strict build warned:\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def edition_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition, built strictly as HTML."""
    return build_edition("html", tmp_path_factory.mktemp("edition") / "html")


@pytest.fixture(scope="session")
def edition_latex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition, built strictly as LaTeX (the folder, with the .tex)."""
    return build_edition("latex", tmp_path_factory.mktemp("edition") / "latex")


@pytest.fixture(scope="session")
def edition_pdf(edition_latex: Path) -> Path:
    """The real edition, built strictly as LaTeX and typeset with xelatex through latexmk."""
    if shutil.which("latexmk") is None:
        pytest.fail("latexmk is missing: run `make test`, which installs TeX Live")
    return typeset(edition_latex)


def typeset(out: Path, env: dict[str, str] | None = None) -> Path:
    """latexmk on a LaTeX build in ``out``, as `make pdf` runs it: the PDF's dates are
    SOURCE_DATE_EPOCH's (the commit's date unless set), so that one commit makes one PDF."""
    env = {**os.environ, **(env or {})}
    if "SOURCE_DATE_EPOCH" not in env and commit_date():
        env["SOURCE_DATE_EPOCH"] = commit_date()
    env["FORCE_SOURCE_DATE"] = "1"
    tex = subprocess.run(
        ["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error", f"{JOBNAME}.tex"],
        cwd=out, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert tex.returncode == 0, tex.stdout[-3000:]
    return out / f"{JOBNAME}.pdf"
