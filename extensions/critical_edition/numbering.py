"""Paragraph numbers: ¶1 … ¶N, continuous through the article, never typed into the text.

While reading, every article paragraph gets its number *within its document*
(``edition_local``) and the document's count is noted in the domain. When a document is
resolved for writing, the counts of the documents before it (in toctree order) give the
offset, and the paragraph gets its global number, the anchor ``p-N`` and a margin number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from critical_edition.domain import get_domain
from critical_edition.nodes import paragraph_number

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Paragraphs with one of these classes belong to the article's masthead, not its body.
UNNUMBERED_CLASSES = frozenset({"kicker", "issue-line"})


def is_text_document(env: BuildEnvironment, docname: str) -> bool:
    return docname.startswith(env.config.edition_text_prefix)


def article_paragraphs(doctree: nodes.Node) -> Iterator[nodes.paragraph]:
    """The paragraphs of the article text: body paragraphs and quoted paragraphs."""
    for para in doctree.findall(nodes.paragraph):
        if UNNUMBERED_CLASSES.intersection(para["classes"]):
            continue
        if isinstance(para.parent, (nodes.section, nodes.block_quote)):
            yield para


class CountParagraphs(SphinxTransform):
    """Number the article paragraphs of a text document within the document."""

    default_priority = 800  # before the apparatus (810) and the domains (850)

    def apply(self, **kwargs: object) -> None:
        docname = self.env.current_document.docname
        if not is_text_document(self.env, docname):
            return
        count = 0
        for count, para in enumerate(article_paragraphs(self.document), start=1):
            para["edition_doc"] = docname
            para["edition_local"] = count
        get_domain(self.env).note_paragraph_count(docname, count)


def reading_order(env: BuildEnvironment) -> list[str]:
    """All documents in toctree order (depth first from the root document)."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(docname: str) -> None:
        if docname in seen:
            return
        seen.add(docname)
        order.append(docname)
        for child in env.toctree_includes.get(docname, ()):
            visit(child)

    visit(env.config.root_doc)
    return order


def first_numbers(env: BuildEnvironment) -> dict[str, int]:
    """The global number of the first paragraph of every text document."""
    counts = get_domain(env).paragraph_counts
    firsts: dict[str, int] = {}
    next_number = 1
    for docname in reading_order(env):
        if docname in counts:
            firsts[docname] = next_number
            next_number += counts[docname]
    return firsts


def anchor(number: int) -> str:
    return f"p-{number}"


class Numbering:
    """The global paragraph numbers of the edition as it stands: one place computes them."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.counts = get_domain(env).paragraph_counts
        self.firsts = first_numbers(env)

    def number(self, docname: str, local: int) -> int:
        """The global number of the ``local``-th paragraph of a document."""
        return self.firsts.get(docname, 1) + local - 1

    @property
    def last(self) -> int:
        return sum(self.counts.values())

    def places(self) -> dict[int, str]:
        """Every paragraph number of the article → the document that holds it."""
        return {
            first + offset: docname
            for docname, first in self.firsts.items()
            for offset in range(self.counts[docname])
        }

    def state(self) -> tuple[tuple[str, int], ...]:
        """What the pages that show numbers depend on (for their snapshots)."""
        return tuple(self.firsts.items())


class NumberParagraphs(SphinxPostTransform):
    """Give each article paragraph its global number, anchor and margin number."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        numbering = Numbering(self.env)
        for para in self.document.findall(nodes.paragraph):
            if "edition_local" not in para or para["edition_doc"] not in numbering.firsts:
                continue
            number = numbering.number(para["edition_doc"], para["edition_local"])
            para["ids"].insert(0, anchor(number))
            para["classes"].append("edition-numbered")
            para.insert(0, paragraph_number(number=number, refid=anchor(number)))


def renumbered_documents(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """When any document's first number moved, every text document must be written again."""
    domain = get_domain(env)
    numbering = Numbering(env).state()
    if numbering == domain.numbering:
        return []
    domain.note_numbering(numbering)
    return [docname for docname, _first in numbering]


def setup(app: Sphinx) -> None:
    app.add_transform(CountParagraphs)
    app.add_post_transform(NumberParagraphs)
    app.connect("env-get-updated", renumbered_documents)
