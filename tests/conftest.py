"""Shared fixtures: sphinx.testing for the small roots, and one strict build of the real edition."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
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


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, one per test module, for the tests of what a reader sees."""
    if shutil.which(CHROMIUM) is None:
        pytest.fail("Chromium is missing: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serve(directory: Path) -> Iterator[str]:
    """A folder served on a free port of localhost, for as long as the generator lives."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def edition_site(edition_html: Path) -> Iterator[str]:
    """The real edition's HTML, served (scripts that fetch or copy need http)."""
    yield from serve(edition_html)


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


@pytest.fixture(scope="session")
def reader(edition_pdf: Path):
    from pypdf import PdfReader

    return PdfReader(edition_pdf)


@pytest.fixture(scope="session")
def page_texts(edition_pdf: Path) -> list[str]:
    """The text of every page, extracted once for all tests.

    poppler's pdftotext, not pypdf: pypdf maps some Hangul glyph pairs of Noto CJK to one
    private-use character (트로츠키 comes out as 트로 + U+100244).
    """
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(edition_pdf), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.split("\f")[:-1]


@pytest.fixture(scope="session")
def chapters(reader) -> dict[str, int]:
    """Title of each top-level bookmark -> its first page (0-based)."""
    return {
        item.title: reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list)
    }


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
