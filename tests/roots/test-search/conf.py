extensions = ["critical_edition"]
language = "ko"
smartquotes = False

# The alias table as the config gives it; the persons and glossary data will supply theirs
# through the event below.
edition_search_aliases = {
    "Zinoviev": ["지노비에프"],
    "Зиновьев": "지노비에프",
    "troika": ["3자 동맹", "트로이카"],
    "Kuomintang": ["국민당"],
}


def supply_aliases(app):
    return {"Kamenev": ["카메네프"]}


def setup(app):
    app.connect("edition-search-aliases", supply_aliases)

# Block quotations of this root have no sources; the sources check is tested elsewhere.
edition_sources_required = False
