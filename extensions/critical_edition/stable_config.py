"""The configuration Sphinx keeps between builds is the one it reads: no rebuild is told that
the configuration has changed when nothing did.

Sphinx compares the configuration of a build with the one it pickled at the end of the last
build *before* the HTML theme is loaded. The theme (sphinx-book-theme over pydata-sphinx-theme)
then appends its component folders to ``templates_path``, and that longer list was pickled:
every build said "The configuration has changed (… 'templates_path' …)". The theme's template
loader has read the list by the time ``builder-inited`` is emitted, so the list goes back to
what ``conf.py`` says there. (The other values the theme writes at start-up are set in
``conf.py`` to what the theme would write: ``html_permalinks_icon``, ``html_sourcelink_suffix``
and the defaults of ``html_theme_options``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: The ``templates_path`` of ``conf.py``, by application.
_READ = "_edition_templates_path"


def keep_templates_path(app: Sphinx, config: Config) -> None:
    setattr(app, _READ, list(config.templates_path))


def restore_templates_path(app: Sphinx) -> None:
    """After the builder's template loader has read the theme's additions: the list as read."""
    app.config.templates_path = getattr(app, _READ)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", keep_templates_path, priority=900)
    app.connect("builder-inited", restore_templates_path, priority=900)
