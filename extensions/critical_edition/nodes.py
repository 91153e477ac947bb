"""Docutils nodes of the edition. Each has visitors in ``writers/`` for every builder."""

from __future__ import annotations

from docutils import nodes


class paragraph_number(nodes.Inline, nodes.Element):
    """The margin number of an article paragraph (``number`` attribute, ``refid`` target).

    It has no text children, so neither the search index nor the fidelity test sees the
    number as part of the text.
    """


class attribution_line(nodes.Part, nodes.TextElement):
    """The attribution line of a block quotation, exactly as the witness gives it.

    Unlike ``nodes.attribution`` no writer adds a dash: the witness's own ``-`` (or its
    absence) is part of the text.
    """
