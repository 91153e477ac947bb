"""The contributor's kit: record templates, issue forms, the pull-request template and the guide.

A template a contributor copies must be valid as it stands (it parses and passes the schema the
build uses), explain every field, and be plainly a placeholder; the guide (``CONTRIBUTING.md``,
``README.md``) must name every template and only ``make`` targets the Makefile has.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib

import pytest
import yaml
from conftest import PROJECT
from critical_edition.datafiles import SCHEMAS, plain, validator
from pybtex.database import parse_file, parse_string

GITHUB = PROJECT / ".github"
TEMPLATES = GITHUB / "templates"
FORMS = GITHUB / "ISSUE_TEMPLATE"
PR_TEMPLATE = GITHUB / "PULL_REQUEST_TEMPLATE.md"
GUIDES = {
    name: (PROJECT / name).read_text(encoding="utf-8") for name in ("CONTRIBUTING.md", "README.md")
}

#: The array of tables a template holds → the schema the build validates it with.
SCHEMA_OF = {
    "annotation": "annotations.schema.json",
    "person": "persons.schema.json",
    "term": "glossary.schema.json",
    "mark": "quotation-marks.schema.json",
}
#: The template of each kind of annotation.
ANNOTATION_KINDS = {
    "explanatory-note.toml": "explanatory",
    "translation-note.toml": "translation",
    "factual-note.toml": "factual",
    "cross-reference-note.toml": "cross-reference",
    "emendation.toml": "emendation",
    "source-note.toml": "source",
}
EXPECTED = {
    *ANNOTATION_KINDS,
    "person.toml",
    "term.toml",
    "quotation-mark.toml",
    "source.bib",
}
#: Who wrote a record and when: every annotation and register entry has them.
PROVENANCE = ("authors", "created", "updated")
#: The bib fields the guide asks of every entry of a work the article cites.
BIB_REQUIRED = ("title", "titlekorean", "keywords", "langid", "verification", "note-verification")
BIB_GROUPS = {"lenin", "trotsky", "primary", "icl", "secondary", "article", "editors"}

TOML_TEMPLATES = sorted(TEMPLATES.glob("*.toml"))


def template(path):
    """The template's table kind and its one table."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert len(data) == 1, f"{path.name}: one kind of table only, found {sorted(data)}"
    ((table, items),) = data.items()
    assert isinstance(items, list) and len(items) == 1, f"{path.name}: exactly one [[{table}]]"
    return table, items[0]


def schema_fields(table: str) -> set[str]:
    schema = json.loads((SCHEMAS / SCHEMA_OF[table]).read_text(encoding="utf-8"))
    return set(schema["$defs"][table]["properties"])


def real_bib_keys() -> set[str]:
    keys: set[str] = set()
    for path in (PROJECT / "bib").glob("*.bib"):
        keys.update(parse_file(str(path)).entries.keys())
    return {key.lower() for key in keys}


# -- Record templates ---------------------------------------------------------------------------


def test_every_template_is_there():
    assert {p.name for p in TEMPLATES.iterdir()} == EXPECTED


@pytest.mark.parametrize("path", TOML_TEMPLATES, ids=lambda p: p.name)
def test_toml_template_passes_the_schema_the_build_uses(path):
    table, item = template(path)
    assert table in SCHEMA_OF, f"{path.name}: unknown table [[{table}]]"
    # Provenance fields the schema does not know yet (the persons and glossary schemas gain
    # them with the register provenance) are checked by hand below, the rest by the schema.
    unknown = [f for f in PROVENANCE if f in item and f not in schema_fields(table)]
    data = {table: [plain({k: v for k, v in item.items() if k not in unknown})]}
    errors = [e.message for e in validator(SCHEMA_OF[table]).iter_errors(data)]
    assert not errors, f"{path.name}: {errors}"


@pytest.mark.parametrize("path", [p for p in TOML_TEMPLATES if p.name != "quotation-mark.toml"],
                         ids=lambda p: p.name)  # fmt: skip
def test_template_records_who_wrote_it_and_when(path):
    _table, item = template(path)
    authors = item.get("authors")
    assert isinstance(authors, list) and authors, "authors: a non-empty list"
    assert all(isinstance(a, str) and a.strip() for a in authors)
    for field in ("created", "updated"):
        value = item.get(field)
        assert isinstance(value, datetime.date) and not isinstance(value, datetime.datetime), (
            f"{field} must be a TOML date (2026-11-24, no quotes), not {value!r}"
        )


@pytest.mark.parametrize(("name", "kind"), ANNOTATION_KINDS.items())
def test_each_annotation_template_is_of_its_kind(name, kind):
    _table, item = template(TEMPLATES / name)
    assert item["kind"] == kind


@pytest.mark.parametrize("table", SCHEMA_OF)
def test_templates_show_every_field_of_their_schema(table):
    shown = set()
    for path in TOML_TEMPLATES:
        kind, item = template(path)
        if kind == table:
            shown |= set(item)
    assert schema_fields(table) <= shown, f"[[{table}]] never shows {schema_fields(table) - shown}"


FIELD_LINE = re.compile(r"^([a-z_]+) = ")


@pytest.mark.parametrize("path", TOML_TEMPLATES, ids=lambda p: p.name)
def test_every_field_of_a_template_has_a_comment_saying_what_to_write(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("[["))
    for number, line in enumerate(lines[start + 1 :], start + 1):
        match = FIELD_LINE.match(line)
        if match:
            before = lines[number - 1].strip()
            assert before.startswith("#"), (
                f"{path.name}:{number + 1}: field {match.group(1)!r} has no comment above it"
            )


@pytest.mark.parametrize("path", TOML_TEMPLATES, ids=lambda p: p.name)
def test_templates_are_plainly_placeholders(path):
    """No template presents a scholarly fact as real: ids and keys say 'example', and every
    work a template cites is the template bib entry, which is no real entry of bib/."""
    _table, item = template(path)
    if "id" in item:
        assert "example" in item["id"]
    example_key = next(iter(parse_file(str(TEMPLATES / "source.bib")).entries))
    for source in item.get("sources", ()):
        assert source["key"] == example_key
    for value in item.get("see_also", ()):
        assert value.startswith("example-")


def test_bib_template_has_the_fields_the_guide_asks_for():
    entries = parse_file(str(TEMPLATES / "source.bib")).entries
    assert len(entries) == 1
    ((key, entry),) = entries.items()
    assert key.startswith("example") and key.lower() not in real_bib_keys()
    missing = [f for f in BIB_REQUIRED if f not in entry.fields]
    assert not missing, f"source.bib lacks {missing}"
    assert entry.fields["verification"] in {"verified", "partial", "unverified"}
    assert entry.fields["keywords"] in BIB_GROUPS
    assert entry.fields.get("url", "https://").startswith(("http://", "https://"))


def test_bib_template_comments_name_every_field():
    text = (TEMPLATES / "source.bib").read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.startswith("%"))
    entry = next(iter(parse_string(text, "bibtex").entries.values()))
    for field in [*entry.fields, *entry.persons]:
        assert re.search(rf"^%\s+{re.escape(field)}\s", comments, re.M | re.I), (
            f"source.bib: no comment says what to write in {field}"
        )


# -- Issue forms and the pull-request template ------------------------------------------------

ISSUE_FORMS = sorted(p for p in FORMS.glob("*.yml") if p.name != "config.yml")


def test_issue_forms_are_there():
    assert (FORMS / "config.yml").is_file()
    assert len(ISSUE_FORMS) >= 3
    config = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))
    assert isinstance(config.get("blank_issues_enabled"), bool)


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_form_is_a_valid_form(path):
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(form.get("name"), str) and form["name"]
    assert isinstance(form.get("description"), str) and form["description"]
    body = form.get("body")
    assert isinstance(body, list) and body
    ids = []
    for element in body:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] == "markdown":
            assert element["attributes"]["value"]
            continue
        ids.append(element["id"])
        assert element["attributes"]["label"]
        if element["type"] == "dropdown":
            assert element["attributes"]["options"]
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate ids"
    assert any(e.get("validations", {}).get("required") for e in body)


def test_note_proposal_asks_for_paragraph_quote_note_and_sources():
    form = yaml.safe_load((FORMS / "note-proposal.yml").read_text(encoding="utf-8"))
    assert {"paragraph", "quote", "note", "sources"} <= {e.get("id") for e in form["body"]}


def checklist(text: str, heading: str) -> list[str]:
    """The ``- [ ]`` (or plain ``-``) items under a heading, up to the next heading."""
    match = re.search(rf"^#+ [^\n]*{re.escape(heading)}[^\n]*\n(.*?)(?=^#|\Z)", text, re.M | re.S)
    assert match, f"no heading {heading!r}"
    return [m.group(1).strip() for m in re.finditer(r"^- (?:\[ \] )?(.+)$", match.group(1), re.M)]


PR = PR_TEMPLATE.read_text(encoding="utf-8")


@pytest.mark.parametrize("heading", ["기여자 점검", "검토자 점검"])
def test_pull_request_template_has_both_checklists(heading):
    items = checklist(PR, heading)
    assert len(items) >= 8
    text = "\n".join(items)
    musts = ("한 가지 일", "make check", "bib/", "쪽수", "풀어 쓰지", "source/text/", "미리 보기")
    for must in musts:
        assert must in text, f"{heading}: nothing about {must!r}"
    assert all(re.search(rf"^- \[ \] {re.escape(i)}$", PR, re.M) for i in items)


def test_the_guide_gives_the_reviewers_checklist_of_the_pull_request_template():
    assert checklist(GUIDES["CONTRIBUTING.md"], "검토자 점검표") == checklist(PR, "검토자 점검")


# -- The guide ------------------------------------------------------------------------------------


@pytest.mark.parametrize("guide", GUIDES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_guide_names_every_template(guide, name):
    assert name in GUIDES[guide]


@pytest.mark.parametrize("guide", GUIDES)
def test_the_guide_has_an_english_summary(guide):
    assert "\n## English summary\n" in GUIDES[guide]


def makefile_targets() -> set[str]:
    text = (PROJECT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, re.M))
    for line in re.findall(r"^\.PHONY:(.*)$", text, re.M):
        targets.update(line.split())
    return targets


def make_targets_in(text: str) -> set[str]:
    """``make X`` in inline code and at the start of a command line in a code block."""
    return set(re.findall(r"`make ([a-z][\w-]*)", text)) | set(
        re.findall(r"^\s*make ([a-z][\w-]*)", text, re.M)
    )


@pytest.mark.parametrize("guide", GUIDES)
def test_every_make_target_the_guide_names_exists(guide):
    missing = make_targets_in(GUIDES[guide]) - makefile_targets()
    assert not missing, f"{guide} documents make targets the Makefile lacks: {sorted(missing)}"


def test_the_readme_documents_every_make_target():
    """All but the steps that install Debian packages for other targets."""
    internal = {"tex", "browser", "epubcheck"}
    undocumented = makefile_targets() - internal - make_targets_in(GUIDES["README.md"])
    assert not undocumented, f"README.md does not document make {sorted(undocumented)}"


def test_the_readme_keeps_the_two_command_quick_start():
    assert re.search(r"```sh\nmake all +# [^\n]*\nmake test +# [^\n]*\n```", GUIDES["README.md"])
