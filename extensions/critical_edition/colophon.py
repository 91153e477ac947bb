"""The PDF as a book: its colophon (판권) and its document information.

The colophon and the metadata are typeset by ``static/latex/edition-book.sty``; this module
gives it the facts that are not LaTeX's to know: the edition's version (pyproject.toml, through
``version``), the commit of the data the book was made from (the last commit that changed the
source folder or the bibliography, with a mark when the working tree has changes to them), the
subject (``epub_description``) and the keywords (``edition_keywords``). The date is the
document's, from SOURCE_DATE_EPOCH, as on the title page.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sphinx.util import texescape

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


class DataCommit(NamedTuple):
    """The commit that last changed the data, and whether the data have changed since."""

    commit: str  # 12 hex digits; empty outside a git checkout
    dirty: bool


def data_paths(app: Sphinx, config: Config) -> list[str]:
    """The source folder and the folders of the .bib files."""
    confdir = Path(app.confdir)
    bibfiles = getattr(config, "bibtex_bibfiles", ())  # none without sphinxcontrib-bibtex
    folders = {Path(app.srcdir)} | {(confdir / bib).parent for bib in bibfiles}
    return sorted(str(folder) for folder in folders)


def _git(cwd: str, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd, capture_output=True, text=True, check=False,
        )  # fmt: skip
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def data_commit(confdir: str, paths: list[str]) -> DataCommit:
    commit = _git(confdir, "log", "-1", "--format=%H", "--", *paths) or ""
    changes = _git(confdir, "status", "--porcelain", "--", *paths) if commit else None
    return DataCommit(commit[:12], bool(changes))


def latex_text(text: str) -> str:
    return texescape.escape(text, "xelatex")


def add_book_data(app: Sphinx, config: Config) -> None:
    """The facts of the colophon and the document information, in the LaTeX preamble."""
    data = data_commit(str(app.confdir), data_paths(app, config))
    lines = [
        rf"\edbookdata{{{latex_text(config.version)}}}{{{data.commit}}}{{{int(data.dirty)}}}",
        rf"\edbookinfo{{{latex_text(config.epub_description)}}}"
        rf"{{{latex_text(', '.join(config.edition_keywords))}}}",
    ]
    elements = dict(config.latex_elements)
    preamble = elements.get("preamble", "")
    if lines[0] not in preamble:
        elements["preamble"] = "\n".join([preamble, *lines]).lstrip("\n")
        config.latex_elements = elements


def setup(app: Sphinx) -> None:
    app.add_latex_package("edition-book")
    app.connect("config-inited", add_book_data)
