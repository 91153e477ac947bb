extensions = ["sphinxcontrib.bibtex", "critical_edition"]
language = "ko"
smartquotes = False
bibtex_bibfiles = ["refs.bib"]
latex_documents = [("index", "apparatus.tex", "Apparatus", "Editors", "manual", True)]
