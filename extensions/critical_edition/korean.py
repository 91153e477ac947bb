"""Korean typesetting: web stylesheet for HTML, kotex and Noto CJK KR fonts for LaTeX."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils.writers.latex2e import Babel

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def add_html_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("edition.css")


def add_latex_files(app: Sphinx, config: Config) -> None:
    sty = str(STATIC / "edition.sty")
    if sty not in config.latex_additional_files:
        config.latex_additional_files = [*config.latex_additional_files, sty]


def setup(app: Sphinx) -> None:
    # docutils' table of LaTeX language names lacks Korean, so Sphinx's LaTeX builder
    # warns that 'ko' is unknown. Babel (ini-based since 3.x) and polyglossia both call the
    # language 'korean'; the edition loads neither (kotex does the Korean typesetting),
    # so the name only tells Sphinx that the language is known.
    Babel.language_codes.setdefault("ko", "korean")
    app.connect("builder-inited", add_html_assets)
    app.connect("config-inited", add_latex_files)
    app.add_latex_package("edition")
