extensions = ["critical_edition"]
smartquotes = False
latex_documents = [("index", "numbering.tex", "Numbering", "Editors", "manual", True)]
