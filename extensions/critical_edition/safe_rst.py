"""Note bodies: contributed reStructuredText, parsed with no directives and no roles.

A body is untrusted text from a pull request. It is parsed by docutils' reST parser with
every directive and every interpreted-text role switched off (``raw``, ``include``,
``image``, ``:raw-html:`` … cannot even be looked up), file insertion and raw output
disabled, and the result is then copied node by node through an allow-list: paragraphs,
``*emphasis*``, ``**strong**``, ````literal```` and links to ``http``, ``https`` or
``mailto`` addresses. Anything else is reported, never rendered. ``¶N`` in the text becomes a
:class:`~critical_edition.nodes.paragraph_ref` (``crossrefs.py`` makes it a link). A body whose
blocks nest deeper than :data:`MAX_NESTING` is refused before docutils, which parses nesting by
recursion, can exhaust the stack.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from contextlib import contextmanager
from typing import TYPE_CHECKING, NamedTuple

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser, directives, roles

from critical_edition.nodes import note_paragraph, paragraph_ref

if TYPE_CHECKING:
    from collections.abc import Iterator

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_INLINE = {nodes.emphasis: "emphasis", nodes.strong: "strong", nodes.literal: "literal"}
#: A reference to an article paragraph: ¶45.
PARAGRAPH_REF = re.compile(r"¶(\d+)")


class BodyProblem(NamedTuple):
    line: int  # 1-based, within the body
    message: str


@contextmanager
def _no_directives_or_roles() -> Iterator[None]:
    """Make docutils find no directive and no role while a body is parsed.

    docutils looks both up through these module functions at parse time (Sphinx swaps them
    the same way to add its domains), so unknown names are reported as errors instead.
    """
    saved = directives.directive, roles.role
    directives.directive = lambda *args, **kwargs: (None, [])
    roles.role = lambda *args, **kwargs: (None, [])
    try:
        yield
    finally:
        directives.directive, roles.role = saved


@functools.cache
def _defaults() -> frontend.Values:
    """The parser's settings for a note body, made once (docutils takes three times as long
    to make them as to parse a short note); each parse gets a copy with its own stream."""
    settings = frontend.get_default_settings(Parser)
    settings.report_level = 5  # reports are collected below, never printed
    settings.halt_level = 5
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.character_level_inline_markup = False
    return settings


def _settings() -> frontend.Values:
    settings = copy.copy(_defaults())
    settings.warning_stream = io.StringIO()
    return settings


def _copy_inline(node: nodes.Node, problems: list[BodyProblem], line: int) -> list[nodes.Node]:
    """A fresh copy of an allowed inline node, or the problem it is."""
    if isinstance(node, nodes.Text):
        return _with_paragraph_refs(str(node))
    if isinstance(node, nodes.target) and node.get("refuri"):
        return []  # the URL of a named link; the reference carries it
    if isinstance(node, nodes.problematic):
        return []  # markup docutils could not read: its report says why
    children = [copy for child in node.children for copy in _copy_inline(child, problems, line)]
    if type(node) in _INLINE:
        return [type(node)("", "", *children)]
    if isinstance(node, nodes.reference):
        uri = node.get("refuri", "")
        if not uri:
            problems.append(
                BodyProblem(line, "a link must give its address inline: `text <https://…>`__")
            )
        elif not uri.startswith(SAFE_SCHEMES):
            problems.append(
                BodyProblem(line, f"link address {uri!r} is not allowed: use http(s) or mailto")
            )
        else:
            return [nodes.reference("", "", *children, refuri=uri)]
        return []
    problems.append(
        BodyProblem(
            line,
            f"'{node.tagname}' is not allowed in a note; use paragraphs, *emphasis*, "
            "**strong**, ``literal`` and links only",
        )
    )
    return []


def _with_paragraph_refs(text: str) -> list[nodes.Node]:
    """Text, with every ``¶N`` made a :class:`paragraph_ref`."""
    result: list[nodes.Node] = []
    start = 0
    for match in PARAGRAPH_REF.finditer(text):
        if match.start() > start:
            result.append(nodes.Text(text[start : match.start()]))
        result.append(paragraph_ref(match.group(), match.group(), number=int(match.group(1))))
        start = match.end()
    if start < len(text):
        result.append(nodes.Text(text[start:]))
    return result


def paragraph_refs(paragraphs: list[nodes.Node]) -> tuple[int, ...]:
    """The paragraph numbers a parsed body refers to."""
    return tuple(ref["number"] for para in paragraphs for ref in para.findall(paragraph_ref))


#: The deepest nesting of markup a body may have (lists, quotes, indented blocks inside each
#: other); docutils parses nesting by recursion, and a few hundred levels exhaust Python's
#: stack. A body is paragraphs only, so any nesting at all is refused below anyway.
MAX_NESTING = 20
#: What may open a nested block at the start of a line: a bullet, an enumerator, a line
#: block's bar, a field name, a footnote or a comment.
_OPENER = re.compile(r"(?:[-*+•‣⁃|]|\(?[0-9A-Za-z#]+[.)]|:[^:\s]+:|\.\.(?: \[[^\]]*\])?)\s+")
TOO_DEEP = (
    "the markup is nested too deeply (lists, quotes or indented blocks inside each other, "
    f"more than {MAX_NESTING} levels); write paragraphs only"
)


def nesting(text: str) -> tuple[int, int]:
    """An upper bound of how deeply the blocks of ``text`` nest, and the (1-based) line where:
    on any line, its indentation plus the block openers that start it (``- 1. - x``)."""
    deepest, where = 0, 1
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        depth = len(line) - len(stripped)
        position = 0
        while match := _OPENER.match(stripped, position):
            depth += 1
            position = match.end()
        if depth > deepest:
            deepest, where = depth, number
    return deepest, where


def parse_body(text: str, source: str) -> tuple[list[note_paragraph], list[BodyProblem]]:
    """The paragraphs of a note body, or what is wrong with it."""
    depth, line = nesting(text)
    if depth > MAX_NESTING:
        return [], [BodyProblem(line, TOO_DEEP)]
    document = utils.new_document(source, _settings())
    reports: list[nodes.system_message] = []
    document.reporter.attach_observer(reports.append)
    try:
        with _no_directives_or_roles():
            Parser().parse(text, document)
    except RecursionError:  # the bound above should make this unreachable
        return [], [BodyProblem(1, TOO_DEEP)]
    problems = [
        BodyProblem(report.get("line") or 1, _report_text(report))
        for report in reports
        if report["level"] >= utils.Reporter.WARNING_LEVEL
    ]
    paragraphs: list[note_paragraph] = []
    for block in document.children:
        line = block.line or 1
        if isinstance(block, nodes.system_message):
            continue
        if not isinstance(block, nodes.paragraph):
            problems.append(
                BodyProblem(
                    line,
                    f"'{block.tagname}' is not allowed in a note (directives, roles, lists, "
                    "tables, targets and comments are disabled); write paragraphs only",
                )
            )
            continue
        inline = [copy for child in block.children for copy in _copy_inline(child, problems, line)]
        # In print, a paragraph after another starts on a new line of the note.
        paragraphs.append(note_paragraph("", "", *inline, separated=bool(paragraphs)))
    return paragraphs, problems


def _report_text(report: nodes.system_message) -> str:
    message = report.children[0].astext() if report.children else report.astext()
    if message.startswith("Unknown directive type") or message.startswith(
        "Unknown interpreted text role"
    ):
        message += " (directives and roles are disabled in note bodies)"
    if "start-string without end-string" in message:
        message += (
            "; a particle right after markup needs an escaped space: *강조*\\ 와, "
            "`링크 <https://…>`__\\ 를"
        )
    return message
