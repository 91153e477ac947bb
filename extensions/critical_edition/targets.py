"""Targets a reader can reach: every anchor a link or a page reference points to stands where
the output shows it.

Two places hide them:

- the witness reading of an emendation, which print does not show (it shows the corrected
  reading, and the note the witness's) and the web shows only in the reading 저본대로: a
  person or term found there (국민당에 에 → 국민당에) keeps its anchor, and its entry in
  찾아보기, just before the emended place, so the register's link to it lands on the text in
  either reading and print does not say "??쪽";
- a rubric, whose ids Sphinx's LaTeX writer does not write (the initial consonants of the
  registers, ㄱ ㄴ ㄷ …, that the row of letters above them links to).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from critical_edition.nodes import emendation, register_term, witness_reading

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class KeepReadingTargets(SphinxPostTransform):
    """Anchors and index entries in a witness reading move before their emended place."""

    default_priority = 890  # after the generated pages are filled in (6, 7) and linked (10)

    def run(self, **kwargs: object) -> None:
        for reading in list(self.document.findall(witness_reading)):
            place = reading.parent
            if not isinstance(place, emendation):
                continue  # the lemma of a note: shown
            for node in list(reading.findall(addnodes.index)):
                node.parent.remove(node)
                place.parent.insert(place.parent.index(place), node)
            for term in list(reading.findall(register_term)):
                if not term["ids"]:
                    continue
                anchor = register_term(ids=term["ids"], entry=term["entry"], kind=term["kind"])
                term["ids"] = []
                place.parent.insert(place.parent.index(place), anchor)


class KeepRubricTargets(SphinxPostTransform):
    """A rubric's ids on a target just before it, which the LaTeX writer writes."""

    default_priority = 890
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for rubric in list(self.document.findall(nodes.rubric)):
            if rubric["ids"]:
                target = nodes.target("", "", ids=rubric["ids"])
                rubric["ids"] = []
                rubric.parent.insert(rubric.parent.index(rubric), target)


def setup(app: Sphinx) -> None:
    app.add_post_transform(KeepReadingTargets)
    app.add_post_transform(KeepRubricTargets)
