extensions = ["sphinxcontrib.bibtex", "critical_edition"]
language = "ko"
smartquotes = False
bibtex_bibfiles = ["refs.bib"]
latex_documents = [("index", "sources.tex", "Sources", "Editors", "manual", True)]
