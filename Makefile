# Builds and tests the edition. The first target run on a fresh Debian machine installs what
# it needs: a virtualenv from pyproject.toml, and (with apt-get, as root or through sudo)
# TeX Live, the Noto CJK fonts and, for the browser tests, Chromium.

PYTHON     ?= python3
VENV       ?= .venv
BIN        := $(VENV)/bin
BUILDDIR   ?= _build
SPHINXOPTS ?= -W --keep-going -n -j auto
PAPER      ?= b5
JOBNAME    := trotsky-left-opposition
SPHINX     := $(BIN)/edition-build -c . $(SPHINXOPTS)

TEX_PACKAGES     := texlive-xetex latexmk texlive-lang-korean texlive-latex-extra \
                    texlive-fonts-recommended fonts-noto-cjk fonts-dejavu-core poppler-utils
BROWSER_PACKAGES := chromium
# epubcheck validates the EPUB in the tests (tests/test_epub_book.py); it brings Java.
EPUB_PACKAGES    := epubcheck

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Dates in the output (the PDF's title page, the EPUB's metadata) are those of the commit
# built, not of the day of the build, so that two builds of one commit are the same, byte
# for byte. A date set in the environment wins; outside a git checkout, Sphinx uses today.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

# sphinx-lint on the reST of source/, every check on. The article (source/text/) is a
# diplomatic transcription with one paragraph to a line, as the witness has it: line length
# is not checked there, and the editors' pages keep to the 100 columns of the Python code.
SPHINXLINT := $(BIN)/sphinx-lint --enable all

.PHONY: all html pdf epub test check lint changelog names stats bench serve clean venv tex browser epubcheck

# The books first: the HTML build copies them into the site and links them (conf.py's
# edition_downloads); it links none it does not find.
all: pdf epub html

venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# Debian packages, installed only when one is missing.
tex:
	@dpkg -s $(TEX_PACKAGES) >/dev/null 2>&1 || { \
	  echo "Installing TeX Live and Noto CJK fonts with apt-get…"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(TEX_PACKAGES); }

browser:
	@dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1 || { \
	  echo "Installing Chromium with apt-get…"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BROWSER_PACKAGES); }

epubcheck:
	@dpkg -s $(EPUB_PACKAGES) >/dev/null 2>&1 || { \
	  echo "Installing epubcheck with apt-get…"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(EPUB_PACKAGES); }

# A failed build removes its output: nobody should read or print a stale edition. The
# doctrees are kept apart, so the next build is still incremental.
html: venv $(BUILDDIR)/.extension-stamp
	$(SPHINX) -b html -d $(BUILDDIR)/doctrees/html source $(BUILDDIR)/html \
	  || { rm -rf $(BUILDDIR)/html; echo "HTML build failed: $(BUILDDIR)/html removed"; exit 1; }
	@echo "HTML: $(BUILDDIR)/html/index.html"

# A reference LaTeX could not resolve (a page printed as ??쪽, a dead link) fails the build.
# FORCE_SOURCE_DATE: TeX's own clock too is SOURCE_DATE_EPOCH's (xdvipdfmx takes the PDF's
# dates and /ID from it), so that one commit makes one PDF, byte for byte.
pdf: venv tex $(BUILDDIR)/.extension-stamp
	$(SPHINX) -b latex -d $(BUILDDIR)/doctrees/latex -D latex_elements.papersize=$(PAPER)paper \
	  source $(BUILDDIR)/latex \
	  || { rm -rf $(BUILDDIR)/latex; echo "LaTeX build failed: $(BUILDDIR)/latex removed"; exit 1; }
	cd $(BUILDDIR)/latex && FORCE_SOURCE_DATE=1 \
	  latexmk -pdfxe -interaction=nonstopmode -halt-on-error $(JOBNAME).tex \
	  || { rm -f $(JOBNAME).pdf; exit 1; }
	$(BIN)/python -m critical_edition.latex_log $(BUILDDIR)/latex/$(JOBNAME).log \
	  || { rm -f $(BUILDDIR)/latex/$(JOBNAME).pdf; echo "PDF removed: LaTeX left the references above unresolved"; exit 1; }
	@echo "PDF: $(BUILDDIR)/latex/$(JOBNAME).pdf"

epub: venv $(BUILDDIR)/.extension-stamp
	$(SPHINX) -b epub -d $(BUILDDIR)/doctrees/epub source $(BUILDDIR)/epub \
	  || { rm -rf $(BUILDDIR)/epub; echo "EPUB build failed: $(BUILDDIR)/epub removed"; exit 1; }
	@echo "EPUB: $(BUILDDIR)/epub/$(JOBNAME).epub"

# Sphinx does not notice changes to the extension's code or assets: start afresh when they
# (or conf.py) are newer than the last build.
EXTENSION_FILES := conf.py $(shell find extensions -type f -not -path '*/__pycache__/*' 2>/dev/null)
$(BUILDDIR)/.extension-stamp: $(EXTENSION_FILES)
	rm -rf $(BUILDDIR)/doctrees $(BUILDDIR)/html $(BUILDDIR)/latex $(BUILDDIR)/epub
	@mkdir -p $(BUILDDIR) && touch $@

test: venv tex browser epubcheck
	$(BIN)/pytest

# Every data file (annotations, registers, quotation marks, bib/) and the anchoring of every
# annotation, checked as the build checks them, without writing the edition (a few seconds).
check: venv
	$(BIN)/edition-check -c . source

# The history of the edition's releases (a release is a commit that changes the version in
# pyproject.toml): what each added, changed or removed in the data, from git and the data files.
changelog: venv
	@mkdir -p $(BUILDDIR)
	$(BIN)/python -m critical_edition.changelog --output $(BUILDDIR)/CHANGELOG.md
	@echo "Changelog: $(BUILDDIR)/CHANGELOG.md"

# Code style (ruff) and reST (sphinx-lint); `check` validates the edition's data.
lint: venv
	$(BIN)/ruff check extensions tests conf.py
	$(BIN)/ruff format --check extensions tests conf.py
	$(SPHINXLINT) --max-line-length 100 --ignore source/text source
	$(SPHINXLINT) --disable line-too-long source/text

# The persons the text names without an entry in the register (must print none).
names: venv
	$(BIN)/python -W ignore::RuntimeWarning -m critical_edition.register.names source

# How far the apparatus covers each part: notes by kind and by what was checked, quotations
# with and without sources, persons and terms found (a table, and _build/stats/stats.json).
stats: venv $(BUILDDIR)/.extension-stamp
	$(SPHINX) -q -b edition-stats -d $(BUILDDIR)/doctrees/stats source $(BUILDDIR)/stats
	@cat $(BUILDDIR)/stats/stats.txt
	@echo "JSON: $(BUILDDIR)/stats/stats.json"

# Build times, peak memory and sizes against a bare Sphinx build of the same text, median of 3
# (tests/bench.py: a table, and _build/bench.json). It builds the books, an edition four times
# as long and runs `make test` too: BENCHOPTS="--skip-books --skip-synthetic --skip-test" is quick.
BENCHOPTS ?=
bench: venv tex
	$(BIN)/python tests/bench.py $(BENCHOPTS)

serve: venv
	$(BIN)/sphinx-autobuild -c . -n source $(BUILDDIR)/serve --watch extensions --watch bib

clean:
	rm -rf $(BUILDDIR)
