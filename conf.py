"""Sphinx configuration of the edition.

Sphinx reads ``source/`` with this file as its configuration (``sphinx-build -c . source …``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent

project = "트로츠키와 러시아 좌익반대파"
author = "국제공산주의동맹(ICL)"
copyright = "2001 국제공산주의동맹 (원문); 편집 장치는 이 판의 기여자들"
language = "ko"
# The edition's version is the project's (pyproject.toml): a commit that changes it makes a
# release (see `make changelog`); EPUB 3 requires one. It is printed on the title page, the
# colophon (|version|) and every page's footer. `release` stays empty: Sphinx would add it to
# the PDF's running heads. Dates in the output come from SOURCE_DATE_EPOCH when it is set
# (the Makefile sets it to the commit's date), so the same commit builds the same pages.
version = tomllib.loads((HERE / "pyproject.toml").read_text("utf-8"))["project"]["version"]
release = ""
root_doc = "index"

extensions = [
    "sphinxcontrib.bibtex",
    "critical_edition",
]

# The text is diplomatic: Sphinx must not turn quotes or dashes into other characters.
smartquotes = False
exclude_patterns = ["witness", "_templates", "locales"]
templates_path = ["source/_templates"]
locale_dirs = ["locales"]
today_fmt = "%Y년 %-m월 %-d일"

bibtex_bibfiles = sorted(str(p) for p in (HERE / "bib").glob("*.bib"))
bibtex_default_style = "edition"  # critical_edition.bibstyle: Korean title first, then the original
# What every entry gives, and the groups of 참고문헌 (source/back/bibliography.rst): checked
# before the build reads anything (critical_edition.bibfiles).
edition_bib_required = ["title", "keywords", "langid", "verification"]
edition_bib_groups = ["lenin", "trotsky", "primary", "icl", "secondary", "article", "editors"]

# The edition's extension
edition_text_prefix = "text/"
# How the web edition shows each series of notes until the reader chooses otherwise in 읽기 설정
# (kept in the browser): "margin" (beside the text, collapsed to what fits beside the line),
# "demand" (when the marker is clicked) or "hidden".
edition_notes_display = {"editorial": "margin", "source": "margin"}
# Search: names and terms in other scripts → their Korean forms in the text. The persons and
# glossary data will supply the edition's through the event ``edition-search-aliases``.
edition_search_aliases: dict[str, list[str]] = {}
# 기여자: the parts whose contributors come from the git history (paths from this folder, the
# repository's top); annotations and register entries record their own authors.
edition_history_paths = {
    "본문 전사": ["source/text", "source/witness"],
    "편집 장치": ["extensions", "source/_templates", "source/locales"],
    "참고문헌": ["bib"],
    "그 밖의 편집 자료": ["source/quotation-marks.toml", "source/register/not-persons.tsv"],
    "시험": ["tests"],
    "문서와 빌드 설정": [
        "README.md", "CONTRIBUTING.md", "Makefile", "pyproject.toml", "conf.py",
        "source/index.rst", "source/about.rst", "source/back", "templates", ".github",
        ".readthedocs.yaml", ".pre-commit-config.yaml",
    ],
}  # fmt: skip

# -- HTML --------------------------------------------------------------------------------------
# Citing the web edition (critical_edition.citation, edition-cite.js): the address of the
# published site's top folder (empty: the address where a reader opened the page), who edited
# the edition, where the original appeared, and the edition's lasting identifier (the uuid of
# the EPUB's identifier below).
edition_base_url = ""
edition_editors = "이 판의 기여자들"
edition_original = "『스파르타시스트』 56호 (2001년 봄)"
edition_identifier = "urn:uuid:ee80b099-eca6-421c-ba8b-bfb19e69c2e7"
# The books, linked from every page's download menu when they exist as the HTML is built (make
# pdf epub, then make html): the build copies them into the site's top folder.
edition_downloads = {
    "PDF": "_build/latex/trotsky-left-opposition.pdf",
    "EPUB": "_build/epub/trotsky-left-opposition.epub",
}
html_theme = "sphinx_book_theme"
html_title = project
html_short_title = project
html_last_updated_fmt = today_fmt  # the build's date, for the footer of every page
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 2,
    # The theme's menu offered the page's source (not copied) and the print dialog; the
    # edition's menu offers its PDF and EPUB (critical_edition.downloads).
    "use_download_button": False,
    "use_fullscreen_button": False,
    "show_toc_level": 1,
    # Said outright: pydata-sphinx-theme 0.20 otherwise adds a search field to a header that
    # sphinx-book-theme hides, and that header's hidden ☰ comes first in the page, which is
    # the only one the themes' scripts wire: the ☰ a reader sees opened nothing.
    "navbar_persistent": [],
    # every page: the edition, its version and date, the rights (source/_templates)
    "footer_content_items": ["edition-footer.html"],
    # What the theme writes in at start-up when they are missing: given here, the configuration
    # Sphinx keeps between builds is the one it reads (critical_edition.stable_config).
    "icon_links": [],
    "logo": {},
}
html_permalinks_icon = "#"  # the theme's, set here for the same reason
html_sourcelink_suffix = ""  # idem (no source is copied or linked)

# -- LaTeX / PDF -------------------------------------------------------------------------------
latex_engine = "xelatex"
latex_use_xindy = False  # xindy fails for 'ko'; makeindex sorts Hangul in code-point order
latex_documents = [
    ("index", "trotsky-left-opposition.tex", project, author, "manual", True),
]
latex_show_urls = "no"
# The PDF's document information: its subject is epub_description (below), and these words.
edition_keywords = [
    "트로츠키", "좌익반대파", "통합반대파", "스탈린", "코민테른", "소련 공산당",
    "스파르타시스트", "국제공산주의동맹", "디지털 비판본",
]  # fmt: skip
latex_elements = {
    "papersize": "b5paper",
    "pointsize": "10pt",
    "classoptions": ",openany,oneside",
    "babel": "",
    "polyglossia": "",
    "fncychap": "",
    "fontpkg": "",  # fonts are set by critical_edition (edition.sty via kotex)
    "sphinxsetup": "hmargin={22mm,22mm}, vmargin={22mm,24mm}",
    "secnumdepth": r"\setcounter{secnumdepth}{-1}",
    "maketitle": r"""
\begin{titlepage}
  \centering\sffamily
  \vspace*{28mm}
  {\large\color{gray}비판적 평가서\par}
  \vspace{8mm}
  {\bfseries\Huge 트로츠키와\\[3mm]러시아 좌익반대파\par}
  \vspace{8mm}
  {\large [스파르타시스트 56호, 2001년 봄]\par}
  \vfill
  {\small
   원문: 「트로츠키와 러시아 좌익반대파」, 『스파르타시스트』 56호 (2001년 봄),
   국제공산주의동맹(ICL)\par\smallskip
   저본: 국제공산주의동맹 웹사이트 한국어 자료실의 번역문
   (\texttt{000\_e8ae33c1e403aa22.txt})\par\smallskip
   디지털 비판본 · 판 @VERSION@ · \csname @date\endcsname\par}
\end{titlepage}
""".replace("@VERSION@", version),
}

# -- EPUB --------------------------------------------------------------------------------------
# The HTML visitors of the edition's nodes serve the epub builder too (same format, "html").
epub_basename = "trotsky-left-opposition"
epub_title = project
epub_author = author
epub_language = language
epub_publisher = "이 디지털 비판본의 기여자들"
epub_contributor = "이 디지털 비판본의 기여자들 (편집 장치)"
epub_copyright = copyright
epub_description = (
    "「트로츠키와 러시아 좌익반대파」(『스파르타시스트』 56호, 2001년 봄)의 한국어 번역문을 "
    "저본으로 한 디지털 비판본"
)
# A fixed identifier, made once for this edition (a uuid), so that every build names the same
# book. Sphinx writes epub_uid both as the XML id of the identifier in content.opf and as the
# identifier itself in toc.ncx, which must agree: one value, an XML name without colons (so
# not the urn:uuid: form).
epub_scheme = "uuid"
epub_identifier = epub_uid = "trotsky-left-opposition-ee80b099-eca6-421c-ba8b-bfb19e69c2e7"
epub_show_urls = "no"  # as in the PDF: links stay links, no URL printed after them
# The cover, drawn by the build from the title (critical_edition.epub_cover), and its page.
epub_cover = ("_static/edition-cover.svg", "edition-cover.html")
