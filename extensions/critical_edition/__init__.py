"""The edition's own Sphinx extension: paragraph numbering, quotations, Korean typesetting and
Korean full-text search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from critical_edition import korean, numbering, quotations, search_ko, writers

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    writers.register_nodes(app)
    numbering.setup(app)
    quotations.setup(app)
    korean.setup(app)
    search_ko.setup(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
