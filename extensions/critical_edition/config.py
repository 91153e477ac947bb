"""The edition's configuration values (``edition_*``) and events, registered first and checked
when the configuration is read.

* ``edition_text_prefix`` (``"text/"``): the documents of the article's text, whose
  paragraphs are numbered;
* ``edition_annotations_dir`` (``"annotations"``): the annotation files, one per text
  document;
* ``edition_register_dir`` (``"register"``): ``persons.toml`` and ``glossary.toml``;
* ``edition_quotation_marks`` (``"quotation-marks.toml"``): marks that are not quotations;
* ``edition_sources_required`` (``True``): a quotation without a source stops the build;
* ``edition_search_aliases`` (``{}``): original forms → Korean forms, for search;
* ``edition_bib_required`` (``("title",)``): the fields every ``.bib`` entry must give;
* ``edition_bib_groups`` (``()``): the ``keywords`` a ``.bib`` entry may have (the groups of
  the bibliography page); empty: not checked.
* ``edition_notes_display`` (``{"editorial": "margin", "source": "margin"}``): how the web
  edition shows each series of notes until the reader chooses otherwise in 읽기 설정:
  ``"margin"`` (beside the text, collapsed to what fits), ``"demand"`` (when the marker is
  clicked) or ``"hidden"``.
* ``edition_history_paths`` (``{}``): for the 기여자 page, the parts of the repository whose
  contributors come from its git history (the data files record their own): a part's name →
  its paths, relative to the configuration folder, which must be the repository's top.
* ``edition_base_url`` (``""``): the address of the published web edition's top folder
  (``https://…/``), for the absolute addresses readers copy and cite and for the pages'
  ``citation_*`` meta; empty: a page's own address (where the reader opened it).
* ``edition_editors`` (``""``): who edited the edition, as citations name them.
* ``edition_original`` (``""``): where the original appeared, as a Korean citation gives it
  (``『스파르타시스트』 56호 (2001년 봄)``).
* ``edition_identifier`` (``""``): the edition's lasting identifier (``urn:uuid:…``), in every
  page's Dublin Core meta.
* ``edition_downloads`` (``{}``): the edition's books (``PDF``, ``EPUB`` → a path relative to
  the configuration folder). The HTML build copies those that exist into the site and offers
  them in the header's download menu; a missing one is not offered.
* ``edition_keywords`` (``()``): what the edition is about, in the PDF's document information
  (its subject is ``epub_description``).

The event ``edition-search-aliases`` lets a module supply search aliases (``search_ko``).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Handlers return a mapping of original forms to Korean forms (see ``search_ko/aliases.py``).
SEARCH_ALIASES_EVENT = "edition-search-aliases"

#: The series of notes and how the web edition can show them (edition.js reads the same names).
NOTE_SERIES = ("editorial", "source")
NOTE_DISPLAYS = ("margin", "demand", "hidden")

#: Paths inside the source folder.
RELATIVE_PATHS = ("edition_annotations_dir", "edition_register_dir", "edition_quotation_marks")


def check(app: Sphinx, config: Config) -> None:
    """Values Sphinx's type check lets through but the edition cannot use."""
    problems = []
    prefix = config.edition_text_prefix
    if not prefix or not prefix.endswith("/"):
        problems.append(f"edition_text_prefix = {prefix!r}: name a folder, ending in '/'")
    for name in RELATIVE_PATHS:
        value = PurePosixPath(getattr(config, name))
        if value.is_absolute() or ".." in value.parts or not value.parts or "\\" in str(value):
            problems.append(f"{name} = {str(value)!r}: give a path inside the source folder")
    history = config.edition_history_paths
    for area, paths in history.items():
        if not isinstance(area, str) or not isinstance(paths, (list, tuple)) or not paths:
            problems.append(f"edition_history_paths[{area!r}]: give a list of paths")
            continue
        for path in paths:
            value = PurePosixPath(path) if isinstance(path, str) else None
            if value is None or value.is_absolute() or ".." in value.parts or not value.parts:
                problems.append(
                    f"edition_history_paths[{area!r}]: {path!r} is not a path inside the repository"
                )
    base = config.edition_base_url
    if base and not (base.startswith(("https://", "http://")) and base.endswith("/")):
        problems.append(f"edition_base_url = {base!r}: give an http(s) address ending in '/'")
    for label, path in config.edition_downloads.items():
        value = PurePosixPath(path) if isinstance(path, str) else None
        if not isinstance(label, str) or value is None or value.is_absolute() or not value.name:
            problems.append(f"edition_downloads[{label!r}]: give a path under the configuration")
    display = config.edition_notes_display
    for series, value in display.items():
        if series not in NOTE_SERIES or value not in NOTE_DISPLAYS:
            problems.append(
                f"edition_notes_display[{series!r}] = {value!r}: series are "
                f"{', '.join(NOTE_SERIES)}; displays are {', '.join(NOTE_DISPLAYS)}"
            )
    if problems:
        raise ConfigError("; ".join(problems))


def setup(app: Sphinx) -> None:
    text = frozenset({str})
    app.add_config_value("edition_text_prefix", "text/", "env", types=text)
    app.add_config_value("edition_annotations_dir", "annotations", "env", types=text)
    app.add_config_value("edition_register_dir", "register", "env", types=text)
    app.add_config_value("edition_quotation_marks", "quotation-marks.toml", "env", types=text)
    app.add_config_value("edition_sources_required", True, "env", types=frozenset({bool}))
    app.add_config_value("edition_search_aliases", {}, "html", types=frozenset({dict}))
    sequence = frozenset({tuple, list})
    app.add_config_value("edition_bib_required", ("title",), "env", types=sequence)
    app.add_config_value("edition_bib_groups", (), "env", types=sequence)
    app.add_config_value("edition_history_paths", {}, "env", types=frozenset({dict}))
    app.add_config_value("edition_base_url", "", "html", types=text)
    app.add_config_value("edition_editors", "", "html", types=text)
    app.add_config_value("edition_original", "", "html", types=text)
    app.add_config_value("edition_identifier", "", "html", types=text)
    app.add_config_value("edition_downloads", {}, "html", types=frozenset({dict}))
    app.add_config_value("edition_keywords", (), "", types=sequence)
    notes_display = dict.fromkeys(NOTE_SERIES, "margin")
    app.add_config_value("edition_notes_display", notes_display, "html", types=frozenset({dict}))
    app.add_event(SEARCH_ALIASES_EVENT)
    app.connect("config-inited", check)
