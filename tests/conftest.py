"""Shared fixtures: sphinx.testing for the small roots, and one strict build of the real edition."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"


def sphinx_build(
    builder: str, srcdir: Path, outdir: Path, *extra: str
) -> subprocess.CompletedProcess:
    """Run sphinx-build strictly (-W --keep-going -n) as the Makefile does."""
    cmd = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(srcdir.parent),
        "-W", "--keep-going", "-n", "-q", "-j", "auto", *extra, str(srcdir), str(outdir),
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def edition_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition, built strictly as HTML."""
    out = tmp_path_factory.mktemp("edition") / "html"
    result = sphinx_build("html", PROJECT / "source", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", f"the strict build warned:\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def edition_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition, built strictly as LaTeX and typeset with xelatex through latexmk."""
    if shutil.which("latexmk") is None:
        pytest.fail("latexmk is missing: run `make test`, which installs TeX Live")
    out = tmp_path_factory.mktemp("edition") / "latex"
    result = sphinx_build("latex", PROJECT / "source", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", f"the strict build warned:\n{result.stderr}"
    tex = subprocess.run(
        ["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error", f"{JOBNAME}.tex"],
        cwd=out, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert tex.returncode == 0, tex.stdout[-3000:]
    return out / f"{JOBNAME}.pdf"
