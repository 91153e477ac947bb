"""The edition's books in the web edition: the PDF and the EPUB, only where they exist.

``make html`` does not make the books (``make pdf``, ``make epub`` do), so the HTML build
looks for them where ``edition_downloads`` says (paths relative to the configuration folder)
and offers only those it finds: it copies each into the site's top folder and puts it in the
header's download menu. That menu replaces the theme's, which offered the page's source (an
empty folder: ``html_copy_source = False``) and "PDF" (the browser's print dialog). Without
any book there is no menu, so no page ever links a file the site does not hold.

When the books found change (a book made, remade or removed), every page is written again.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from critical_edition.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The builders of a web site (the EPUB builder writes HTML too, but a book is not a site).
SITE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})

#: The icon (Font Awesome, as the theme's buttons use) of a book by its file's suffix.
ICONS = {".pdf": "fas fa-file-pdf", ".epub": "fas fa-book"}


@dataclass(frozen=True)
class Book:
    """A book found: its label (PDF, EPUB), where it is, its name in the site, its size."""

    label: str
    path: Path
    name: str
    size: int

    @property
    def size_label(self) -> str:
        return f"{self.size / 1_000_000:.1f} MB" if self.size >= 100_000 else f"{self.size:,} B"


def books(app: Sphinx) -> list[Book]:
    """The books of ``edition_downloads`` that exist, in the configuration's order."""
    found = []
    for label, path in app.config.edition_downloads.items():
        source = Path(app.confdir, path)
        if source.is_file():
            name = PurePosixPath(path).name
            found.append(Book(label, source, name, source.stat().st_size))
    return found


def is_site(app: Sphinx) -> bool:
    return app.builder.name in SITE_BUILDERS


def books_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page is written again when the books found are not those of the last build."""
    if not is_site(app):
        return []
    state = tuple((b.label, b.name, b.size, b.path.stat().st_mtime_ns) for b in books(app))
    domain = get_domain(env)
    if domain.data.get("books") == state:
        return []
    domain.data["books"] = state
    return sorted(env.found_docs)


def add_download_menu(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """The header's download menu: the edition's books, or no menu without one."""
    buttons = context.get("header_buttons")
    if not is_site(app) or buttons is None:
        return
    found = books(app)
    if not found:
        return
    items = [
        {
            "type": "link",
            "url": context["pathto"](book.name, 1),
            "text": f"{book.label} ({book.size_label})",
            "icon": ICONS.get(PurePosixPath(book.name).suffix, "fas fa-file"),
            "tooltip": f"이 판의 {book.label} 내려받기",
            "label": f"download-{book.label.lower()}-button",
        }
        for book in found
    ]
    labels = ", ".join(book.label for book in found)
    menu = {
        "type": "group",
        "tooltip": f"이 판 내려받기 ({labels})",
        "icon": "fas fa-download",
        "buttons": items,
        "label": "download-buttons",
    }
    buttons.insert(0, menu)


def copy_books(app: Sphinx, exception: Exception | None) -> None:
    """Into the site's top folder, each book found; a book no longer found is removed."""
    if exception is not None or not is_site(app):
        return
    outdir = Path(app.outdir)
    found = {book.name: book for book in books(app)}
    for path in app.config.edition_downloads.values():
        name = PurePosixPath(path).name
        target = outdir / name
        if name in found:
            book = found[name]
            made = book.path.stat().st_mtime_ns
            if (
                not target.is_file()
                or target.stat().st_size != book.size
                or (target.stat().st_mtime_ns != made)
            ):
                shutil.copy2(book.path, target)  # keeps the time: the next build compares it
        elif target.is_file():
            target.unlink()


def setup(app: Sphinx) -> None:
    app.connect("env-get-updated", books_changed)
    # After the theme's header buttons (priority 500), whose download menu it replaces.
    app.connect("html-page-context", add_download_menu, priority=600)
    app.connect("build-finished", copy_books)
