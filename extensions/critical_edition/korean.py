"""Korean: tell Sphinx's LaTeX builder that the language is known.

The Korean typesetting itself is in ``static/latex/edition.sty`` (kotex, Noto CJK KR) and
``static/web/edition.css`` (fonts, ``word-break: keep-all``); ``assets.py`` ships both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils.writers.latex2e import Babel

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    # docutils' table of LaTeX language names lacks Korean, so Sphinx's LaTeX builder
    # warns that 'ko' is unknown. Babel (ini-based since 3.x) and polyglossia both call the
    # language 'korean'; the edition loads neither (kotex does the Korean typesetting),
    # so the name only tells Sphinx that the language is known.
    Babel.language_codes.setdefault("ko", "korean")
