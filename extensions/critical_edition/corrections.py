"""The list of corrections (교정 목록): every emendation, from the same annotation data.

``.. edition-corrections::`` leaves a placeholder; when the page is written, it becomes a
table of every emendation in reading order: ¶, witness reading, corrected reading, and a
link to the apparatus note; each row has an anchor (``c-<id>``) for links to it. The page is
written again whenever the emendations change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from critical_edition.domain import get_domain
from critical_edition.generated import FillPage, PagePlaceholder, cell, link, table, written_again
from critical_edition.nodes import corrections_list
from critical_edition.numbering import Numbering, anchor, reading_order

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from critical_edition.records import NoteRecord

COLUMNS = (("¶", 8), ("저본", 30), ("교정", 30), ("주석", 12))
PAGE = "corrections"


class CorrectionsDirective(PagePlaceholder):
    """``.. edition-corrections::``: the list of corrections of the whole edition."""

    node_class = corrections_list
    page = PAGE


def emendations(env: BuildEnvironment) -> list[NoteRecord]:
    """Every emendation of the edition, in reading order."""
    order = {docname: index for index, docname in enumerate(reading_order(env))}
    records = [
        record
        for docname, notes in get_domain(env).annotations.items()
        for record in notes
        if record.kind == "emendation"
    ]
    return sorted(records, key=lambda r: (order.get(r.docname, len(order)), r.local, r.offset))


class FillCorrections(FillPage):
    node_class = corrections_list

    def fill(self, placeholder: nodes.Element) -> list[nodes.Node]:
        records = emendations(self.env)
        if not records:
            return [nodes.paragraph("", "교정한 곳이 없다.")]
        numbering = Numbering(self.env)
        here = self.env.current_document.docname
        result, body = table(COLUMNS, ["edition-corrections"])
        for record in records:
            number = numbering.number(record.docname, record.local)
            row = nodes.row(ids=[f"c-{record.id}"])  # search results link to the row
            row += cell(link(str(number), here, record.docname, anchor(number)))
            row += cell(nodes.Text(record.quote), classes=("edition-witness-cell",))
            row += cell(nodes.Text(record.reading or ""), classes=("edition-corrected-cell",))
            row += cell(link(record.label, here, record.docname, f"n-{record.id}"))
            body += row
        return [result]


def corrections_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages with the list must be written again when any emendation changed."""
    return written_again(env, PAGE, (tuple(emendations(env)), Numbering(env).state()))


def setup(app: Sphinx) -> None:
    app.add_directive("edition-corrections", CorrectionsDirective)
    app.add_post_transform(FillCorrections)
    app.connect("env-get-updated", corrections_changed)
