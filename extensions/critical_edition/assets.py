"""The edition's static files: stylesheets, scripts and icons for HTML, edition.sty for LaTeX."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from critical_edition.citation import cite_settings
from critical_edition.config import NOTE_SERIES
from critical_edition.downloads import is_site

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
WEB = STATIC / "web"  # copied into every HTML build's _static/
LATEX = STATIC / "latex"


def add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so that the configuration Sphinx compares with the pickled one
    # already holds it (added later, every build would see a changed configuration).
    if str(WEB) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(WEB)]
    # The tab's icon, a ¶ mark: without one, browsers ask for /favicon.ico and get a 404.
    if not config.html_favicon:
        config.html_favicon = str(WEB / "favicon.svg")


def add_html_assets(app: Sphinx) -> None:
    if app.builder.name == "epub":
        # The e-book's own sheet (critical_edition.epub): no margin, no controls, no script.
        app.add_css_file("edition-epub.css")
    elif app.builder.format == "html":
        app.add_css_file("edition.css")
        # In <head> without defer: it sets the reading (corrected or diplomatic) before the
        # page is painted, and wires the controls once the document is parsed.
        # The defaults of 읽기 설정 (conf.py) reach the script as data attributes of its tag.
        display = {**dict.fromkeys(NOTE_SERIES, "margin"), **app.config.edition_notes_display}
        notes = {f"data-notes-{series}": display[series] for series in NOTE_SERIES}
        app.add_js_file("edition.js", **notes)
    if is_site(app):
        # Permalinks and citations (not in the EPUB: a book has no address to cite). Its
        # settings are data attributes of its <script> element.
        settings = cite_settings(app)
        app.add_css_file("edition-cite.css")
        app.add_js_file(
            "edition-cite.js", defer="defer", **{f"data-{k}": v for k, v in settings.items()}
        )
        # The web theme's icons, drawn without Font Awesome's script
        # (source/_templates/layout.html); the EPUB's theme has none.
        app.add_css_file("edition-icons.css")
        # Printed pages: the notes under their paragraph, controls and sidebars left out.
        app.add_css_file("edition-print.css", media="print")
        app.add_js_file("edition-print.js", defer="defer")


def add_latex_files(app: Sphinx, config: Config) -> None:
    # python.ist replaces Sphinx's makeindex style, copied before the additional files.
    for name in ("edition.sty", "edition-book.sty", "python.ist"):
        path = str(LATEX / name)
        if path not in config.latex_additional_files:
            config.latex_additional_files = [*config.latex_additional_files, path]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_html_assets)
    app.connect("config-inited", add_latex_files)
    app.add_latex_package("edition")
