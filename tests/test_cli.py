"""The edition's commands: ``edition-check`` validates without building, and both commands end
a contributor's mistake with the edition's own message and exit status 1, never with Sphinx's
crash report."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, plain

BIN = Path(sys.executable).parent
CRASH_REPORT = ("Traceback", "sphinx-err-", "open an issue", "Please also report")


def run(command: str, *args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(BIN / command), *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    result.stdout, result.stderr = plain(result.stdout), plain(result.stderr)
    return result


@pytest.fixture
def broken_root(rootdir: Path, tmp_path: Path) -> Path:
    """The sources root with one annotation of an unknown kind."""
    root = tmp_path / "root"
    shutil.copytree(rootdir / "test-sources", root)
    path = root / "annotations" / "a.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('kind = "explanatory"', 'kind = "explanation"', 1), "utf-8")
    return root


def assert_clean_rejection(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 1, result.stderr
    assert (
        "annotations/a.toml:15: ERROR: annotation 'ex-opposition': kind = 'explanation' is not "
        "allowed" in result.stderr
    )
    assert "Data file error: 1 problem(s) in the annotation files" in result.stderr
    for words in CRASH_REPORT:
        assert words not in result.stderr + result.stdout


@pytest.mark.slow  # the real edition
def test_check_passes_on_the_edition() -> None:
    result = run("edition-check", "-c", ".", "source")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "every data file is valid" in result.stdout


def test_check_rejects_a_broken_file_without_a_crash_report(broken_root: Path) -> None:
    result = run("edition-check", str(broken_root))
    assert_clean_rejection(result)
    assert "every data file is valid" not in result.stdout


def test_check_writes_nothing(broken_root: Path) -> None:
    before = sorted(p.relative_to(broken_root) for p in broken_root.rglob("*"))
    run("edition-check", str(broken_root))
    assert sorted(p.relative_to(broken_root) for p in broken_root.rglob("*")) == before


def test_build_ends_a_data_error_with_the_editions_message(
    broken_root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "html"
    result = run("edition-build", "-W", "--keep-going", "-n", "-q", str(broken_root), str(out))
    assert_clean_rejection(result)
    assert not list(out.rglob("*.html")), "a page was written"


def test_build_keeps_sphinxs_report_for_a_bug(tmp_path: Path) -> None:
    """Only the edition's data errors are shortened: a real crash still says what crashed."""
    root = tmp_path / "root"
    root.mkdir()
    (root / "conf.py").write_text(
        "def setup(app):\n    app.connect('builder-inited', lambda app: 1 / 0)\n",
        encoding="utf-8",
    )
    (root / "index.rst").write_text("Title\n=====\n", encoding="utf-8")
    result = run("edition-build", "-q", str(root), str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Extension error!" in result.stderr
    assert "division by zero" in result.stderr


def test_check_without_conf_py(tmp_path: Path) -> None:
    result = run("edition-check", str(tmp_path))
    assert result.returncode == 2
    assert "no conf.py" in result.stderr
