"""Linking the text to the persons register and the glossary, without touching the text.

While a part is read, every Korean form of every entry is looked for in its paragraphs and
attribution lines. A form is found where a word starts (after a space, a mark or the start)
and ends before a non-Hangul character or before particles (트로츠키는, 지노비에프와의, 3자
동맹에게). Where several forms start at the same place, the longest wins, so 좌익반대파 is
never read as 반대파, and 반대파 inside 좌익반대파 is not a word start anyway.

Every occurrence is wrapped in a :class:`~critical_edition.nodes.register_term` with an
anchor, and gets an entry in the general index (찾아보기); the first occurrence of an entry
in each part is also a link to the entry, with a preview of it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from critical_edition import anchoring, register
from critical_edition.apparatus import units_of
from critical_edition.domain import get_domain
from critical_edition.nodes import register_preview, register_term
from critical_edition.numbering import is_text_document

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from sphinx.application import Sphinx

    from critical_edition.register import Entry

#: Particles and endings that may follow a name or a term within its word, stacked.
PARTICLES = (
    "에게서 에게로 에게 에서 으로부터 로부터 으로서 로서 으로써 로써 으로 로 부터 까지 조차 마저 "
    "처럼 보다 이라는 라는 이란 란 이나 이며 이다 였다 이었다 였던 이었던 와 과 은 는 이 가 을 를 "
    "의 에 도 만 인 나 며 들 간"
).split()
ENDING = re.compile(rf"(?:{'|'.join(PARTICLES)})*(?![가-힣])")


def is_hangul(char: str) -> bool:
    return "가" <= char <= "힣"


class Occurrence(NamedTuple):
    entry_id: str
    form: str
    docname: str
    local: int  # paragraph number within the document
    target: str  # anchor id of the occurrence
    linked: bool


def find_forms(text: str, forms: Sequence[tuple[str, str]]) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, form, entry id) of every occurrence; ``forms`` longest first."""
    position = 0
    while position < len(text):
        if position and is_hangul(text[position - 1]):
            position += 1
            continue
        for form, entry_id in forms:
            end = position + len(form)
            if text.startswith(form, position) and ENDING.match(text, end):
                yield position, end, form, entry_id
                position = end
                break
        else:
            position += 1


class LinkRegister(SphinxTransform):
    """Wrap the occurrences of persons and terms in a text document."""

    default_priority = 915  # after the apparatus is anchored

    def apply(self, **kwargs: object) -> None:
        docname = self.env.current_document.docname
        if not is_text_document(self.env, docname):
            return
        for kind in register.KINDS:
            path = register.register_path(self.env, kind)
            if path.is_file():  # a file that appears later: see apparatus.new_annotation_files
                self.env.note_dependency(str(path))
        entries, _problems = register.load_all(self.env)  # problems: reported at env-updated
        by_id = {entry.id: entry for entry in entries}
        forms = sorted(
            ((form, entry.id) for entry in entries for form in entry.forms),
            key=lambda item: -len(item[0]),
        )
        occurrences: list[Occurrence] = []
        unwrapped: list[Occurrence] = []
        counts: dict[str, int] = {}
        for unit, local in units_of(self.document):
            text = anchoring.witness_text(unit)
            # From the end, so that wrapping does not move the offsets still to come.
            for start, end, form, entry_id in reversed(list(find_forms(text, forms))):
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
            self.index(wrapper, entry, target)
            if linked:
                preview = preview_of(entry)
                preview["ids"] = [f"tp-{target}"]
                wrapper["describedby"] = preview["ids"][0]
                wrapper.parent.insert(wrapper.parent.index(wrapper) + 1, preview)
            ordered.append(occurrence._replace(target=target, linked=linked))
        ordered += unwrapped
        ordered.sort(key=lambda o: o.local)
        get_domain(self.env).note_occurrences(docname, tuple(ordered))

    def index(self, wrapper: register_term, entry: Entry, target: str) -> None:
        """An entry of the general index (찾아보기), grouped under its initial consonant."""
        original = entry.latin if entry.kind == "persons" else entry.original
        label = f"{entry.headword} ({ascii_folded(original)})"
        group = register.initial(entry.headword)
        # The index domain (찾아보기 on the web, grouped by the category key) collected this
        # document's entries before the text was linked: they are added to it directly.
        docname = self.env.current_document.docname
        entries = [("single", label, target, "", group)]
        self.env.domains.index_domain.entries.setdefault(docname, []).extend(entries)
        # In print, makeindex cannot group Hangul: the consonant is a main entry of its own
        # and the entry a subentry under it (ㄱ › 가위들의 위기, 15).
        printed = [("single", f"{group}; {label}", target, "", None)]
        wrapper.parent.insert(
            wrapper.parent.index(wrapper), addnodes.index(entries=printed, inline=True)
        )


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
    gist = entry.text.strip().split("\n\n")[0]
    gist = re.sub(r"\s+", " ", gist).replace("*", "")
    if len(gist) > 140:
        gist = gist[:139] + "…"
    preview += nodes.Text(gist)
    return preview


def setup(app: Sphinx) -> None:
    app.add_transform(LinkRegister)
