"""The pages 인명 색인 and 용어집, the checks of the register data, and its search aliases.

``.. edition-register:: persons`` (or ``glossary``) leaves a placeholder; when the page is
written it becomes the entries grouped under their initial consonant (ㄱ ㄴ ㄷ …), each with
its original name, dates, role or definition, see-also links, sources, every paragraph
where it occurs (¶ links; page numbers in print) and who wrote it when, followed by a second
view of the same entries in Latin order of their original names.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from critical_edition import datafiles, provenance
from critical_edition.anchoring import strangers
from critical_edition.bibstyle import source_note
from critical_edition.config import SEARCH_ALIASES_EVENT
from critical_edition.domain import get_domain
from critical_edition.generated import FillPage, PagePlaceholder, link, written_again
from critical_edition.nodes import page_ref, register_list
from critical_edition.numbering import Numbering, anchor, reading_order
from critical_edition.register import data

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from critical_edition.records import Entry, Occurrence


class RegisterDirective(PagePlaceholder):
    """``.. edition-register:: persons|glossary``: the entries of a register."""

    required_arguments = 1
    option_spec: ClassVar[dict] = {}

    def placeholder(self) -> tuple[nodes.Element, str]:
        kind = directives.choice(self.arguments[0], data.KINDS)
        datafiles.depend(self.env, data.register_path(self.env, kind))
        return register_list(kind=kind), kind


def occurrences_by_entry(env: BuildEnvironment) -> dict[str, list[Occurrence]]:
    found: dict[str, list[Occurrence]] = {}
    occurrences = get_domain(env).occurrences
    for docname in reading_order(env):
        for occurrence in occurrences.get(docname, ()):
            found.setdefault(occurrence.entry_id, []).append(occurrence)
    return found


class FillRegister(FillPage):
    node_class = register_list

    def fill(self, placeholder: nodes.Element) -> list[nodes.Node]:
        entries, _problems = data.load_all(self.env)  # problems: reported at env-updated
        self.by_id = {entry.id: entry for entry in entries}
        self.occurrences = occurrences_by_entry(self.env)
        self.numbering = Numbering(self.env)
        self.here = self.env.current_document.docname
        self.pages = get_domain(self.env).register_pages
        chosen = [e for e in entries if e.kind == placeholder["kind"]]
        return self.korean_view(chosen) + self.latin_view(chosen)

    # Views -----------------------------------------------------------------------------------

    def korean_view(self, entries: list[Entry]) -> list[nodes.Node]:
        # Every entry under its headword, and a pointer under each usual form (크룹스카야 →
        # 그룹스카야), so that a reader who knows the usual spelling finds the entry.
        headings = [(entry.headword, entry) for entry in entries]
        headings += [(form, entry) for entry in entries for form in entry.usual]
        ordered = sorted(headings, key=lambda h: data.korean_key(h[0]))
        groups = itertools.groupby(ordered, key=lambda h: data.initial(h[0]))
        result: list[nodes.Node] = []
        letters = nodes.paragraph(classes=["edition-register-letters"])
        for letter, members in groups:
            if len(letters):
                letters += nodes.Text(" · ")
            letters += link(letter, self.here, self.here, f"letter-{letter}")
            result.append(nodes.rubric("", letter, ids=[f"letter-{letter}"]))
            listing = nodes.definition_list(classes=["edition-register"])
            for heading, entry in members:
                is_entry = heading == entry.headword
                listing += self.item(entry) if is_entry else self.pointer(heading, entry)
            result.append(listing)
        return [letters, *result]

    def pointer(self, form: str, entry: Entry) -> nodes.definition_list_item:
        """``크룹스카야 → 그룹스카야``: a usual form pointing at the article's headword."""
        term = nodes.term("", "", classes=["edition-register-pointer"])
        term += nodes.Text(f"{form} → ")
        term += link(entry.headword, self.here, self.here, entry.anchor)
        return nodes.definition_list_item("", term, nodes.definition())

    def latin_view(self, entries: list[Entry]) -> list[nodes.Node]:
        title = "원어 이름순" if entries and entries[0].kind == "persons" else "원어순"
        section = nodes.rubric("", title, ids=["latin-order"], classes=["edition-latin-title"])
        listing = nodes.bullet_list(classes=["edition-register-latin"])
        for entry in sorted(entries, key=lambda e: e.sort.casefold()):
            paragraph = nodes.paragraph()
            paragraph += nodes.Text(f"{entry.sort} → ")
            paragraph += link(entry.headword, self.here, self.here, entry.anchor)
            listing += nodes.list_item("", paragraph)
        return [section, listing]

    def item(self, entry: Entry) -> nodes.definition_list_item:
        term = nodes.term("", "", ids=[entry.anchor])
        term += nodes.strong("", entry.headword)
        details = [entry.original]
        if entry.kind == "persons" and entry.latin:
            # A name written in Latin script is not repeated by its Latin form.
            details = (
                [entry.latin] if entry.original in entry.latin else [entry.original, entry.latin]
            )
        if entry.russian:
            details.append(f"{entry.russian} ({entry.latin})" if entry.latin else entry.russian)
        if entry.dates:
            details.append(entry.dates)
        term += nodes.Text(" (" + ", ".join(details) + ")")
        if entry.status == "unverified":
            term += nodes.inline("", " [미확인]", classes=["edition-unverified"])
        definition = nodes.definition()
        if entry.kind == "persons":  # a role: one line of prose
            definition.extend(nodes.paragraph("", "", *p.deepcopy().children) for p in entry.body)
        else:
            definition.extend(p.deepcopy() for p in entry.body)
        if entry.usual:
            if len(definition):  # the definition follows the line: a paragraph of its own
                definition[0]["separated"] = True
            definition.insert(0, self.line("통용 표기", [nodes.Text(", ".join(entry.usual))]))
        if len(entry.forms) > 1:
            definition += self.line("본문 표기", [nodes.Text(", ".join(entry.forms))])
        see = [
            link(
                self.by_id[i].headword,
                self.here,
                self.pages[self.by_id[i].kind],
                self.by_id[i].anchor,
            )
            for i in entry.see_also
            if i in self.by_id and self.by_id[i].kind in self.pages
        ]
        if see:
            definition += self.line("참조", joined(see))
        definition += self.line("출처", self.sources(entry))
        definition += self.line("나오는 곳", self.places(entry))
        definition += self.provenance(entry)
        return nodes.definition_list_item("", term, definition)

    def provenance(self, entry: Entry) -> nodes.paragraph:
        """Who wrote the entry and when, quietly (small in print too); not searched."""
        text = provenance.label(entry.authors, entry.created, entry.updated)
        return nodes.paragraph(
            "",
            "",
            nodes.inline("", text, classes=["edition-provenance"]),
            classes=["edition-register-line", "edition-provenance", "no-search"],
        )

    def line(self, label: str, children: list[nodes.Node]) -> nodes.paragraph:
        paragraph = nodes.paragraph(classes=["edition-register-line"])
        paragraph += nodes.strong("", f"{label}: ")
        paragraph.extend(children)
        return paragraph

    def sources(self, entry: Entry) -> list[nodes.Node]:
        cite = self.env.get_domain("cite")
        notes = [source_note(cite, key, locator) for key, locator in entry.sources]
        found = [node for node in notes if node is not None]  # unknown: see check_register
        for node in found[1:]:
            # print runs the first source on after "출처:" and sets each other on a line
            # of its own
            node["separated"] = True
        return joined(found, " ")

    def places(self, entry: Entry) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        seen: set[tuple[str, int]] = set()
        for occurrence in self.occurrences.get(entry.id, ()):
            if (occurrence.docname, occurrence.local) in seen:
                continue
            seen.add((occurrence.docname, occurrence.local))
            number = self.numbering.number(occurrence.docname, occurrence.local)
            result.append(link(f"¶{number}", self.here, occurrence.docname, anchor(number)))
            if occurrence.target:
                result.append(page_ref(docname=occurrence.docname, refid=occurrence.target))
            else:
                result.append(nodes.Text(""))
        return joined(result, ", ", pairs=True)


def joined(items: list[nodes.Node], sep: str = ", ", pairs: bool = False) -> list[nodes.Node]:
    """``items`` with ``sep`` between them (between pairs of nodes when ``pairs``)."""
    step = 2 if pairs else 1
    result: list[nodes.Node] = []
    for index in range(0, len(items), step):
        if index:
            result.append(nodes.Text(sep))
        result.extend(items[index : index + step])
    return result


# -- Checks ------------------------------------------------------------------------------------


def check_register(app: Sphinx, env: BuildEnvironment) -> None:
    """Stop the build on a broken entry, a duplicate, an unknown see-also, an unused form, or
    a broken row of ``not-persons.tsv``."""
    entries, problems = data.load_all(env)
    if not entries and not problems:
        return
    unread = {problem.path for problem in problems} - {entry.path for entry in entries}
    if unread:  # a file that could not be read: checking the other against it would mislead
        datafiles.stop(problems, "register", "the register files")
    problems += data.load_not_persons(data.not_persons_path(env))[1]
    seen: dict[str, Entry] = {}
    owners: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in seen:
            other = seen[entry.id]
            problems.append(
                entry.problem(
                    "id",
                    f"duplicate entry: id also used in {other.path}:{other.line_of('id')}",
                )
            )
        seen.setdefault(entry.id, entry)
        for form in entry.forms:
            if form in owners and owners[form].id != entry.id:
                other = owners[form]
                problems.append(
                    entry.problem(
                        "forms",
                        f"duplicate entry: the form {form!r} also belongs to "
                        f"'{other.id}' ({other.path}:{other.line_of('forms')})",
                    )
                )
            owners.setdefault(form, entry)
    bibliography = env.domains["cite"].bibdata.data.entries if "cite" in env.domains else {}
    found = {
        (o.entry_id, o.form)
        for occurrences in get_domain(env).occurrences.values()
        for o in occurrences
    }
    for entry in entries:
        for target in entry.see_also:
            if target not in seen:
                problems.append(
                    entry.problem(
                        "see_also",
                        f"see_also: unknown entry {target!r}; use the id of a person or term",
                    )
                )
        for key, _locator in entry.sources:
            if key not in bibliography:
                problems.append(
                    entry.problem(
                        "sources",
                        f"sources: unknown bib key {key!r}; add the work to a file in bib/",
                    )
                )
        for form in entry.forms:
            if (entry.id, form) not in found:
                problems.append(
                    entry.problem(
                        "forms",
                        f"the form {form!r} occurs nowhere in the text (as a word, with or "
                        "without particles); correct it or remove it" + strangers(form),
                    )
                )
    datafiles.stop(problems, "register", "the register files")


def register_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The register pages must be written again when any occurrence changed."""
    domain = get_domain(env)
    snapshot = tuple(sorted(domain.occurrences.items())), Numbering(env).state()
    return [page for kind in data.KINDS for page in written_again(env, kind, snapshot)]


def search_aliases(app: Sphinx) -> dict[str, list[str]]:
    """Original names and terms (Zinoviev, Зиновьев, troika, Kuomintang) → Korean forms."""
    entries, _problems = data.load_all(app.env)
    aliases: dict[str, list[str]] = {}
    for entry in entries:
        names = {entry.original, entry.latin, entry.russian, entry.sort.split(",")[0]}
        names.update(entry.usual)  # 투하쳅스키 finds the article's 투크하첸프스키
        for name in filter(None, names):
            aliases.setdefault(name, [])
            aliases[name] += [f for f in entry.forms if f not in aliases[name]]
    return aliases


def setup(app: Sphinx) -> None:
    app.add_directive("edition-register", RegisterDirective)
    app.add_post_transform(FillRegister)
    app.connect("env-get-updated", register_changed)
    app.connect("env-updated", check_register, priority=700)
    app.connect(SEARCH_ALIASES_EVENT, search_aliases)
