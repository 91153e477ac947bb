extensions = ["critical_edition"]
smartquotes = False
edition_sources_required = False

# Characters that HTML and TeX must escape, in every value that reaches the pages.
project = 'Cite <"this"> & that'
author = "Author & Co <a>"
copyright = '2001 "Them" & <us>'
version = "1.2.3"
language = "ko"
html_theme = "sphinx_book_theme"
html_copy_source = False
html_theme_options = {"use_download_button": False}
epub_basename = "cite-root"
edition_base_url = "https://example.org/ed/"
edition_editors = "Editors & <friends>"
edition_original = "Journal <No. 1> & more"
edition_identifier = "urn:uuid:00000000-0000-4000-8000-000000000000"
edition_downloads = {"PDF": "books/cite.pdf", "EPUB": "books/cite.epub"}

# The edition's own templates, which write the meta into every page's <head>.
import critical_edition  # noqa: E402
from pathlib import Path  # noqa: E402

templates_path = [str(Path(critical_edition.__file__).parents[2] / "source" / "_templates")]
