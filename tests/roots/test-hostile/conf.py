# A root whose data files carry LaTeX and HTML injection in every field that is printed
# (tests/test_bad_input.py): the build must render all of it as inert text.
extensions = ["sphinxcontrib.bibtex", "critical_edition"]
language = "ko"
smartquotes = False
bibtex_bibfiles = ["refs.bib"]
latex_documents = [("index", "hostile.tex", "Hostile", "Editors", "manual", True)]
bibtex_default_style = "edition"
