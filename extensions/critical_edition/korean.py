"""Korean: tell Sphinx's LaTeX builder that the language is known, and set the letters the
Korean fonts lack in a fallback font.

The Korean typesetting itself is in ``static/latex/edition.sty`` (kotex, Noto CJK KR) and
``static/web/edition.css`` (fonts, ``word-break: keep-all``); ``assets.py`` ships both.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.writers.latex2e import Babel
from sphinx.transforms.post_transforms import SphinxPostTransform

from critical_edition.nodes import fallback_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: Letters Noto CJK KR has no glyph for: Latin Extended-A/B (ł ć č …), the phonetic
#: alphabet and its modifier letters (ɪ ʒ ʼ, in notes on pronunciation) and the Cyrillic
#: letters outside Russian's alphabet (ј ђ ћ …); Latin-1 and Russian are covered.
UNCOVERED = re.compile(r"\S*[\u0100-\u02ff\u0400-\u040f\u0450-\u04ff]\S*")


class FallbackFont(SphinxPostTransform):
    """In print, wrap each word with a letter the Korean fonts lack in :class:`fallback_text`."""

    default_priority = 900  # after the bibliography and the registers are filled in
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if isinstance(text.parent, (nodes.literal_block, nodes.raw, fallback_text)):
                continue
            value = str(text)
            if not UNCOVERED.search(value):
                continue
            pieces: list[nodes.Node] = []
            last = 0
            for match in UNCOVERED.finditer(value):
                if match.start() > last:
                    pieces.append(nodes.Text(value[last : match.start()]))
                pieces.append(fallback_text("", match.group()))
                last = match.end()
            if last < len(value):
                pieces.append(nodes.Text(value[last:]))
            text.parent.replace(text, pieces)


def setup(app: Sphinx) -> None:
    app.add_post_transform(FallbackFont)
    # docutils' table of LaTeX language names lacks Korean, so Sphinx's LaTeX builder
    # warns that 'ko' is unknown. Babel (ini-based since 3.x) and polyglossia both call the
    # language 'korean'; the edition loads neither (kotex does the Korean typesetting),
    # so the name only tells Sphinx that the language is known.
    Babel.language_codes.setdefault("ko", "korean")
