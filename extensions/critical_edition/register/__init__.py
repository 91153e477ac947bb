"""The persons register (인명 색인) and the glossary (용어집).

``data`` reads and checks their files; ``linking`` finds their forms in the text;
``pages`` writes their pages, checks them against the text and supplies search aliases;
``names`` lists the persons the text names without an entry (``make names``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from critical_edition.register import linking, pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    linking.setup(app)
    pages.setup(app)
