"""EPUB: the apparatus notes as EPUB footnotes, after the text of their part.

On the web a note stands right after its marker, inside the paragraph, and a script places it
in the margin. An e-book runs no script, and a note (a block: ``<aside>``) may not stand in a
paragraph. So in the EPUB the notes of a part leave the text for the end of the part, each
series under its name (source notes 1, 2, …, then editorial notes a, b, …); each becomes an
``<aside epub:type="footnote">``, and its marker an ``<a epub:type="noteref">``. Reading systems
that know footnotes open the note over the page when its marker is touched; the others show
it at the end of the part, where its label links back to the marker. The doctree says so
(``epub_type`` on the nodes) and the HTML visitors render it.

The head of an emendation's note (corrected reading ] witness's reading 저본) is punctuated
with text, not with the web stylesheet's ``::after``: speech and copied text, which no
stylesheet reaches, then read it as a reader sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from critical_edition.nodes import apparatus_entry, corrected_reading, edition_note, note_marker
from critical_edition.writers.html import SERIES_NAMES

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The order of the series after the text: the numbered, then the lettered.
SERIES_ORDER = ("source", "editorial")


class NotesAsEpubFootnotes(SphinxPostTransform):
    builders = ("epub",)
    default_priority = 900  # after every other post-transform has filled the notes

    def run(self, **kwargs: object) -> None:
        notes = list(self.document.findall(edition_note))
        if not notes:
            return
        for marker in self.document.findall(note_marker):
            marker["epub_type"] = "noteref"
        for entry in self.document.findall(apparatus_entry):
            for reading in list(entry.children):
                # after the corrected reading a bracket, after the witness's a space (the
                # siglum follows)
                text = "] " if isinstance(reading, corrected_reading) else " "
                entry.insert(entry.index(reading) + 1, nodes.Text(text))
        endnotes = nodes.container(classes=["edition-endnotes"])
        for series in SERIES_ORDER:
            of_series = [note for note in notes if note["series"] == series]
            if of_series:
                endnotes += nodes.rubric("", SERIES_NAMES[series])
            for note in of_series:
                note.parent.remove(note)
                note["epub_type"] = "footnote"
                endnotes += note
        sections = [child for child in self.document if isinstance(child, nodes.section)]
        (sections[-1] if sections else self.document).append(endnotes)


def setup(app: Sphinx) -> None:
    app.add_post_transform(NotesAsEpubFootnotes)
