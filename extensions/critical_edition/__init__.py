"""The edition's own Sphinx extension: numbering, quotations, the apparatus, the registers,
Korean typesetting and Korean full-text search.

Data flows one way: data files (``datafiles``, ``annotation_files``, ``register.data``) become
validated records (``records``); read transforms anchor them as nodes (``numbering`` 800,
``apparatus`` 810, ``register.linking`` 815, ``sources`` 820, all before the domains
collect at 850) and note what other pages need in the domain (``domain``); post-transforms
number, link and fill the generated pages; per-builder visitors (``writers``) render the
nodes from their attributes alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from critical_edition import (
    apparatus,
    assets,
    bibfiles,
    bibstyle,
    chronology,
    citation,
    colophon,
    config,
    contributors,
    corrections,
    crossrefs,
    datacache,
    downloads,
    epub,
    epub_notes,
    korean,
    numbering,
    quotations,
    register,
    search_ko,
    slim_css,
    sources,
    stable_config,
    stats,
    targets,
    writers,
)
from critical_edition.domain import EditionDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    config.setup(app)  # first: the values and events every other part uses
    datacache.setup(app)
    app.add_domain(EditionDomain)
    writers.register_nodes(app)
    numbering.setup(app)
    quotations.setup(app)
    apparatus.setup(app)
    corrections.setup(app)
    contributors.setup(app)
    chronology.setup(app)
    crossrefs.setup(app)
    sources.setup(app)
    bibfiles.setup(app)
    bibstyle.setup(app)
    korean.setup(app)
    epub.setup(app)
    epub_notes.setup(app)
    downloads.setup(app)
    citation.setup(app)
    assets.setup(app)
    slim_css.setup(app)
    search_ko.setup(app)
    register.setup(app)
    targets.setup(app)
    colophon.setup(app)
    stats.setup(app)
    stable_config.setup(app)
    return {
        "version": __version__,
        "env_version": 8,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
