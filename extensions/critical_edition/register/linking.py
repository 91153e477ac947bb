"""Linking the text to the persons register and the glossary, without touching the text.

While a part is read, every Korean form of every entry is looked for as a word in its
paragraphs and attribution lines (``anchoring.find_forms``). Every occurrence is wrapped in
a :class:`~critical_edition.nodes.register_term` with an anchor and gets an entry in the
general index (찾아보기); the first occurrence of an entry in each part is also a link to the
entry (a ``pending_xref`` the domain resolves), with a preview of it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from critical_edition import anchoring, datafiles
from critical_edition.domain import get_domain
from critical_edition.nodes import register_preview, register_term
from critical_edition.numbering import is_text_document
from critical_edition.records import Occurrence
from critical_edition.register import data

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from critical_edition.records import Entry


class LinkRegister(SphinxTransform):
    """Wrap the occurrences of persons and terms in a text document."""

    default_priority = 815  # after the apparatus is anchored (810), before the domains (850)

    def apply(self, **kwargs: object) -> None:
        docname = self.env.current_document.docname
        if not is_text_document(self.env, docname):
            return
        for kind in data.KINDS:
            datafiles.depend(self.env, data.register_path(self.env, kind))
        entries, _problems = data.load_all(self.env)  # problems: reported at env-updated
        by_id = {entry.id: entry for entry in entries}
        forms = anchoring.Forms((form, entry.id) for entry in entries for form in entry.forms)
        occurrences: list[Occurrence] = []
        unwrapped: list[Occurrence] = []
        counts: dict[str, int] = {}
        for unit, local in anchoring.units_of(self.document):
            text = anchoring.witness_text(unit)
            # From the end, so that wrapping does not move the offsets still to come.
            for start, end, form, entry_id in reversed(list(anchoring.find_forms(text, forms))):
                entry = by_id[entry_id]
                wrapper = register_term(entry=entry_id, kind=entry.kind, anchor=entry.anchor)
                try:
                    anchoring.wrap(unit, start, end, wrapper)
                except anchoring.Crossing:
                    # It straddles an annotation's anchor: listed by its paragraph only.
                    unwrapped.append(Occurrence(entry_id, form, docname, local, "", False))
                    continue
                occurrences.append(Occurrence(entry_id, form, docname, local, "", False))
                wrapper["occurrence"] = len(occurrences) - 1
        # Number and link in reading order.
        ordered = []
        for wrapper in list(self.document.findall(register_term)):
            occurrence = occurrences[wrapper["occurrence"]]
            counts[occurrence.entry_id] = counts.get(occurrence.entry_id, 0) + 1
            target = f"t-{occurrence.entry_id}-{counts[occurrence.entry_id]}"
            linked = counts[occurrence.entry_id] == 1
            wrapper["ids"] = [target]
            wrapper["linked"] = linked
            entry = by_id[occurrence.entry_id]
            wrapper.parent.insert(wrapper.parent.index(wrapper), index_node(entry, target))
            if linked:
                preview = preview_of(entry)
                preview["ids"] = [f"tp-{target}"]
                wrapper["describedby"] = preview["ids"][0]
                link = addnodes.pending_xref(
                    "",
                    refdomain="edition",
                    reftype="entry",
                    reftarget=f"{entry.kind}#{entry.anchor}",
                    refdoc=docname,
                    refexplicit=True,
                )
                wrapper.replace_self(link)
                link += wrapper
                link.parent.insert(link.parent.index(link) + 1, preview)
            ordered.append(occurrence._replace(target=target, linked=linked))
        ordered += unwrapped
        ordered.sort(key=lambda o: o.local)
        get_domain(self.env).note_occurrences(docname, tuple(ordered))


def index_node(entry: Entry, target: str) -> addnodes.index:
    """An entry of the general index (찾아보기), grouped under its initial consonant."""
    original = entry.latin if entry.kind == "persons" else entry.original
    label = f"{entry.headword} ({ascii_folded(original)})"
    group = data.initial(entry.headword)
    node = addnodes.index(entries=[("single", label, target, "", group)], inline=True)
    node["edition_group"] = group
    return node


class PrintedIndexEntries(SphinxPostTransform):
    """In print, makeindex cannot group Hangul: the consonant is a main entry of its own and
    the entry a subentry under it (ㄱ › 가위들의 위기, 15)."""

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for node in self.document.findall(addnodes.index):
            group = node.get("edition_group")
            if group is not None:
                node["entries"] = [
                    (kind, f"{group}; {label}", target, main, None)
                    for kind, label, target, main, _category in node["entries"]
                ]


def ascii_folded(text: str) -> str:
    """Latin letters without diacritics (Piłsudski → Pilsudski): makeindex sorts bytes, and
    the register page keeps the exact name."""
    text = text.translate(str.maketrans("łŁđĐıø", "lLdDio"))
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def preview_of(entry: Entry) -> register_preview:
    """What a hover or focus shows of the entry: headword, original, dates, role or gist."""
    preview = register_preview(entry=entry.id, classes=["no-search"])  # the register's words
    preview += nodes.strong("", entry.headword)
    details = [*entry.usual, entry.original]
    if entry.russian:
        details.append(entry.russian)
    if entry.dates:
        details.append(entry.dates)
    preview += nodes.Text(f" ({', '.join(details)}) ")
    gist = re.sub(r"\s+", " ", entry.body[0].astext()).strip() if entry.body else ""
    if len(gist) > 140:
        gist = gist[:139] + "…"
    preview += nodes.Text(gist)
    return preview


def new_register_files(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Text documents read before a register file appeared."""
    paths = [data.register_path(env, kind) for kind in data.KINDS]
    return [
        docname
        for docname in sorted(env.found_docs - added - changed - removed)
        if is_text_document(env, docname)
        and any(datafiles.appeared(env, docname, path) for path in paths)
    ]


def setup(app: Sphinx) -> None:
    app.add_transform(LinkRegister)
    app.add_post_transform(PrintedIndexEntries)
    app.connect("env-get-outdated", new_register_files)
