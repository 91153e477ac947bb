"""HTML visitors (also used by the epub and singlehtml builders)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from critical_edition.nodes import attribution_line, paragraph_number


def visit_paragraph_number(self: HTML5Translator, node: paragraph_number) -> None:
    number = int(node["number"])
    self.body.append(
        self.starttag(
            node,
            "a",
            "",
            href="#" + node["refid"],
            CLASS="edition-pnum",
            **{"aria-label": f"문단 {number}", "data-para": str(number)},
        )
    )
    self.body.append(f"{number}</a>")
    raise nodes.SkipNode


def visit_attribution_line(self: HTML5Translator, node: attribution_line) -> None:
    self.body.append(self.starttag(node, "p", "", CLASS="attribution"))


def depart_attribution_line(self: HTML5Translator, node: attribution_line) -> None:
    self.body.append("</p>\n")


# -- The apparatus ----------------------------------------------------------------------------

#: How the two series are named to screen readers.
SERIES_NAMES = {"editorial": "편집 주석", "source": "출처 주석"}


def _close_span(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>")


def visit_lemma(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="edition-lemma", **_note_of(node)))


def visit_emendation(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="edition-emendation", **_note_of(node)))


def _note_of(node: nodes.Element) -> dict[str, str]:
    return {"data-note": node["note_id"]}


def visit_witness_reading(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="edition-witness"))


def visit_corrected_reading(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="edition-corrected"))


def visit_note_marker(self: HTML5Translator, node: nodes.Element) -> None:
    series = node["series"]
    self.body.append(
        self.starttag(
            node,
            "a",
            "",
            href="#" + node["refid"],
            CLASS=f"edition-note-marker edition-series-{series}",
            role="doc-noteref",
            **{"aria-label": f"{SERIES_NAMES[series]} {node['label']}", **_epub_type(node)},
        )
    )
    self.body.append(f"<sup>{self.encode(node['label'])}</sup></a>")
    raise nodes.SkipNode


def _note_link(self: HTML5Translator, target: str, css: str, title: str, text: str) -> str:
    """A link inside a note (not carrying the note's own ids)."""
    tag = self.starttag(nodes.inline(), "a", "", href="#" + target, CLASS=css, title=title)
    return f"{tag}{self.encode(text)}</a>"


def _epub_type(node: nodes.Element) -> dict[str, str]:
    """``epub:type``, for the nodes the EPUB's post-transform marked (``epub_notes``)."""
    return {"epub:type": node["epub_type"]} if node.get("epub_type") else {}


def visit_edition_note(self: HTML5Translator, node: nodes.Element) -> None:
    """On the web a span in the paragraph; in the EPUB, after the text, an ``<aside>``."""
    series, kind = node["series"], node["kind"]
    if node.get("epub_type"):
        tag, kept = "aside", {"role": "doc-footnote", **_epub_type(node)}
    else:
        tag, kept = "span", {"role": "note", "tabindex": "-1"}
    self.body.append(
        self.starttag(
            node,
            tag,
            "",
            CLASS=f"edition-note edition-series-{series} edition-kind-{kind}",
            **{"aria-label": f"{SERIES_NAMES[series]} {node['label']}", **kept},
        )
    )
    self.body.append(
        _note_link(self, node["backref"], "edition-note-label", "본문의 자리로", node["label"])
    )
    if node["kind_label"]:
        label = self.encode(node["kind_label"])
        self.body.append(f'<span class="edition-note-kind">{label}</span>')


def depart_edition_note(self: HTML5Translator, node: nodes.Element) -> None:
    if node["verification_label"]:
        self.body.append(
            self.starttag(
                nodes.inline(),
                "span",
                "",
                CLASS=f"edition-note-status edition-verification-{node['verification']}",
                title=node["verification_title"],
            )
        )
        self.body.append(f"{self.encode(node['verification_label'])}</span>")
    # A book has no address to link: the EPUB's notes have no permalink.
    permalink = (
        ""
        if node.get("epub_type")
        else _note_link(self, node["ids"][0], "edition-note-permalink", "이 주석의 고정 링크", "#")
    )
    if node["provenance_label"]:
        # Who wrote the note and when: a muted line of its own, ending in the permalink.
        label = self.encode(node["provenance_label"])
        permalink = f'<span class="edition-note-provenance no-search">{label}{permalink}</span>'
    self.body.append(permalink)
    self.body.append("</aside>\n" if node.get("epub_type") else "</span>")


def visit_apparatus_entry(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="edition-app"))


def depart_apparatus_entry(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append('<span class="edition-siglum">저본</span></span>')


def visit_note_paragraph(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="edition-note-p"))


def visit_note_source(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="edition-note-source"))


depart_lemma = depart_emendation = depart_witness_reading = _close_span
depart_corrected_reading = depart_note_paragraph = depart_note_source = _close_span


# -- Persons register and glossary ------------------------------------------------------------


def visit_register_term(self: HTML5Translator, node: nodes.Element) -> None:
    """A link to the entry (``refuri``, set by the domain) with its preview, or a span."""
    classes = f"edition-term edition-term-{node['kind']}"
    if node.get("refuri"):
        self.body.append(
            self.starttag(
                node,
                "a",
                "",
                href=node["refuri"],
                CLASS=classes,
                **{"aria-describedby": node["describedby"]},
            )
        )
    else:
        self.body.append(self.starttag(node, "span", "", CLASS=classes))


def depart_register_term(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</a>" if node.get("refuri") else "</span>")


def visit_register_preview(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="edition-term-preview", role="tooltip"))


def depart_register_preview(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>")


# -- The chronology ---------------------------------------------------------------------------


def visit_chronology(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div", CLASS="edition-chronology"))


def depart_chronology(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_chronology_year(self: HTML5Translator, node: nodes.Element) -> None:
    year = int(node["year"])
    self.body.append(
        self.starttag(
            node, "section", CLASS="edition-chronology-year", **{"aria-labelledby": f"y-{year}"}
        )
    )
    self.body.append(f'<h2 class="edition-chronology-year-label" id="y-{year}">{year}</h2>\n')
    self.body.append('<ol class="edition-chronology-events">\n')


def depart_chronology_year(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</ol>\n</section>\n")


def visit_chronology_event(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "li", CLASS="edition-chronology-event"))


def depart_chronology_event(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</li>\n")


def visit_chronology_date(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(
        self.starttag(node, "time", "", CLASS="edition-chronology-date", datetime=node["datetime"])
    )


def depart_chronology_date(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</time>")
