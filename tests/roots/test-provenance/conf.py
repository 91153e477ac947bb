extensions = ["sphinxcontrib.bibtex", "critical_edition"]
language = "ko"
smartquotes = False
bibtex_bibfiles = ["refs.bib"]
latex_documents = [("index", "provenance.tex", "Provenance", "Editors", "manual", True)]
# The quotations of this root are not what it tests.
edition_sources_required = False
# The tests make a git repository of the root's copy to read a history from.
edition_history_paths = {"본문 전사": ["text"], "참고문헌": ["refs.bib"]}
