"""The edition's own Sphinx extension: numbering, quotations, the apparatus, Korean
typesetting and Korean full-text search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from critical_edition import (
    apparatus,
    assets,
    bibstyle,
    corrections,
    crossrefs,
    korean,
    linking,
    numbering,
    quotations,
    register_pages,
    search_ko,
    sources,
    stats,
    writers,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    writers.register_nodes(app)
    numbering.setup(app)
    quotations.setup(app)
    apparatus.setup(app)
    corrections.setup(app)
    crossrefs.setup(app)
    sources.setup(app)
    bibstyle.setup(app)
    korean.setup(app)
    assets.setup(app)
    search_ko.setup(app)
    linking.setup(app)
    register_pages.setup(app)
    stats.setup(app)
    return {
        "version": __version__,
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
