"""Block quotations: the ``attribution`` directive, and the article's masthead in print.

The witness sets an attribution line under each block quotation, usually starting with
``- `` (a few have no dash, one has ``-`` without a space). reST would read such a line
as a list item, and docutils' own attribution adds a dash of its own, so the edition
marks the line with a directive and renders it verbatim::

       "quoted paragraph …"

       .. attribution:: - 레닌, "…", 1922년 3월 27일 (전집33권)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from critical_edition.nodes import attribution_line

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class AttributionDirective(SphinxDirective):
    """``.. attribution:: TEXT``: the attribution line of the enclosing block quotation."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        text = self.arguments[0]
        inline, messages = self.parse_inline(text, lineno=self.lineno)
        node = attribution_line(text, "", *inline, classes=self.options.get("class", []))
        self.set_source_info(node)
        return [node, *messages]


class MastheadInPrint(SphinxPostTransform):
    """In print, keep the kicker with the title it stands above, and let LaTeX style both.

    The kicker precedes the article's title in the text; when the LaTeX builder joins all
    documents, a paragraph before a section would end the previous chapter instead. It is
    moved to the head of the section, and masthead paragraphs are wrapped in containers,
    which LaTeX renders as ``sphinxclass<name>`` environments (``edition.sty``).
    """

    default_priority = 6
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for para in list(self.document.findall(nodes.paragraph)):
            classes = [c for c in ("kicker", "issue-line") if c in para["classes"]]
            if not classes:
                continue
            container = nodes.container(classes=[classes[0].replace("-", "")])
            sibling = para.next_node(descend=False, siblings=True)
            para.replace_self(container)
            container += para
            if classes[0] == "kicker" and isinstance(sibling, nodes.section):
                container.parent.remove(container)
                sibling.insert(1, container)


def setup(app: Sphinx) -> None:
    app.add_directive("attribution", AttributionDirective)
    app.add_post_transform(MastheadInPrint)
