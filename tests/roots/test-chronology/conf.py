extensions = ["sphinxcontrib.bibtex", "critical_edition"]
language = "ko"
smartquotes = False
bibtex_bibfiles = ["refs.bib"]
latex_documents = [("index", "chronology.tex", "Chronology", "Editors", "manual", True)]
# The quotations of this root are not what it tests.
edition_sources_required = False
