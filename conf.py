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
# The edition's version, from pyproject.toml; EPUB 3 requires one (its ibooks:version).
version = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
release = ""  # the PDF's running heads show the title alone
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
today_fmt = "%Y년 %m월 %d일"

bibtex_bibfiles = sorted(str(p) for p in (HERE / "bib").glob("*.bib"))
bibtex_default_style = "edition"  # critical_edition.bibstyle: Korean title first, then the original

# The edition's extension
edition_text_prefix = "text/"
# Search: names and terms in other scripts → their Korean forms in the text. The persons and
# glossary data will supply the edition's through the event ``edition-search-aliases``.
edition_search_aliases: dict[str, list[str]] = {}

# -- HTML --------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_short_title = project
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "show_toc_level": 1,
}

# -- LaTeX / PDF -------------------------------------------------------------------------------
latex_engine = "xelatex"
latex_use_xindy = False  # xindy fails for 'ko'; makeindex sorts Hangul in code-point order
latex_documents = [
    ("index", "trotsky-left-opposition.tex", project, author, "manual", True),
]
latex_show_urls = "no"
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
   디지털 비판본 · \csname @date\endcsname\par}
\end{titlepage}
""",
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
