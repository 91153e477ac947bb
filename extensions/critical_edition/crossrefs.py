"""``¶N`` in note bodies and glossary definitions: links to the article's paragraphs.

``safe_rst`` turns every ``¶45`` of contributed text into a
:class:`~critical_edition.nodes.paragraph_ref`. Once the paragraphs are numbered (the numbers
depend on every text document), each becomes a link to ``p-45`` in the part that holds it,
resolved for every builder by the edition's domain; in print it is followed by the page
number. A number outside the article is reported where the text was written: annotation
files are checked after reading (``apparatus.check_edition``); anything else is warned about
here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from critical_edition.generated import link
from critical_edition.nodes import page_ref, paragraph_ref
from critical_edition.numbering import Numbering, anchor

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class PrintPageNumbers(SphinxPostTransform):
    """In print, each ``¶N`` is followed by the page it is on: ``¶45 (82쪽)``."""

    default_priority = 6  # after NumberParagraphs (5), before ResolveParagraphRefs
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        places = Numbering(self.env).places()
        for ref in list(self.document.findall(paragraph_ref)):
            if ref["number"] in places:
                page = page_ref(docname=places[ref["number"]], refid=anchor(ref["number"]))
                ref.parent.insert(ref.parent.index(ref) + 1, page)


class ResolveParagraphRefs(SphinxPostTransform):
    """Each ``¶N`` becomes a link to its paragraph, for every builder."""

    default_priority = 7  # before references are resolved (10)

    def run(self, **kwargs: object) -> None:
        refs = list(self.document.findall(paragraph_ref))
        if not refs:
            return
        places = Numbering(self.env).places()
        here = self.env.current_document.docname
        for ref in refs:
            number = ref["number"]
            docname = places.get(number)
            if docname is None:
                logger.warning(
                    "¶%d: the article has no such paragraph (¶1–¶%d)",
                    number,
                    max(places, default=0),
                    location=ref,
                    type="edition",
                    subtype="paragraph_ref",
                )
                ref.replace_self(nodes.Text(ref.astext()))
                continue
            ref.replace_self(link(ref.astext(), here, docname, anchor(number)))


def setup(app: Sphinx) -> None:
    app.add_post_transform(PrintPageNumbers)
    app.add_post_transform(ResolveParagraphRefs)
