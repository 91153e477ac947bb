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
SPHINX     := $(BIN)/sphinx-build -c . $(SPHINXOPTS)

TEX_PACKAGES     := texlive-xetex latexmk texlive-lang-korean texlive-latex-extra \
                    texlive-fonts-recommended fonts-noto-cjk poppler-utils
BROWSER_PACKAGES := chromium

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all html pdf test check bench serve clean venv tex browser

all: html pdf

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

html: venv
	$(SPHINX) -b html source $(BUILDDIR)/html
	@echo "HTML: $(BUILDDIR)/html/index.html"

pdf: venv tex
	$(SPHINX) -b latex -D latex_elements.papersize=$(PAPER)paper source $(BUILDDIR)/latex
	cd $(BUILDDIR)/latex && latexmk -pdfxe -interaction=nonstopmode -halt-on-error $(JOBNAME).tex
	@echo "PDF: $(BUILDDIR)/latex/$(JOBNAME).pdf"

test: venv tex browser
	$(BIN)/pytest

check: venv
	$(BIN)/ruff check extensions tests conf.py
	$(BIN)/ruff format --check extensions tests conf.py
	$(SPHINX) -b dummy source $(BUILDDIR)/dummy

# Extra build time, peak memory and index size of the Korean search against stock Sphinx.
bench: venv
	$(BIN)/python tests/bench_search.py

serve: venv
	$(BIN)/sphinx-autobuild -c . -n source $(BUILDDIR)/serve --watch extensions --watch bib

clean:
	rm -rf $(BUILDDIR)
