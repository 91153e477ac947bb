extensions = ["critical_edition"]
smartquotes = False
latex_documents = [("index", "numbering.tex", "Numbering", "Editors", "manual", True)]

# Block quotations of this root have no sources; the sources check is tested elsewhere.
edition_sources_required = False
