# matrixcalc: `make site` builds the checked site, `make test` runs the whole test suite.
# Both set up what they need (a virtualenv in .venv, node_modules for MathJax) and skip any
# step whose inputs did not change since the last run (stamp files).

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.matrixcalc-installed
NODE_STAMP := node_modules/.matrixcalc-installed
SITE := build/html
# No -E: Sphinx's incremental build re-reads only what changed (a changed engine changes the
# verifier fingerprint, a config value, which re-reads everything). CI and the test suite build
# from scratch with -E -W, which also catches references broken by a renamed identity.
SPHINXOPTS ?= -W -j auto
PYTEST_WORKERS ?= 2
PORT ?= 8000

.PHONY: all setup site test serve bench clean pdf texlive

all: site

setup: $(VENV_STAMP) $(NODE_STAMP)

# The virtualenv: created once, reinstalled when the project's metadata changes.
# Debian's python without the venv module falls back to virtualenv.
$(VENV_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); $(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[docs,test]'
	@touch $@

# MathJax 4 (served by the site itself) and KaTeX (for the LaTeX printer's tests), pinned
# by package-lock.json. conf/conf.py copies node_modules/mathjax and its font into the site.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

site: setup
	$(PY) -m sphinx $(SPHINXOPTS) -c conf docs $(SITE)
	@echo
	@echo "Site built: open $(CURDIR)/$(SITE)/index.html (or run 'make serve')."

# The whole reference as one PDF: Sphinx's LaTeX builder, then XeLaTeX through latexmk. The
# identities are checked exactly as for the site, so a false identity fails this build too.
# Debian's TeX Live is installed on first use (as root; otherwise the command is printed): XeLaTeX
# with latexmk and makeindex; latex-extra for Sphinx's LaTeX packages, fonts-recommended for a
# dingbat font it uses; DejaVu (core and extra, for the italics) covers the Unicode in titles
# and notes; poppler-utils' pdftotext lets the test read the PDF.
PDF_DIR := build/pdf
PDF := $(PDF_DIR)/matrixcalc.pdf
TEX_PACKAGES := latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended fonts-dejavu-core fonts-dejavu-extra poppler-utils
TEX_COMMANDS := latexmk xelatex makeindex pdftotext

texlive:
	@for command in $(TEX_COMMANDS); do command -v $$command >/dev/null || missing=yes; done; \
	fc-list 2>/dev/null | grep -q "DejaVu Serif" || missing=yes; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get install -y --no-install-recommends $(TEX_PACKAGES) || \
				{ apt-get update && apt-get install -y --no-install-recommends $(TEX_PACKAGES); }; \
		else \
			echo "make pdf needs Debian's TeX Live: apt-get install $(TEX_PACKAGES)"; exit 1; \
		fi; \
	fi

pdf: setup texlive
	$(PY) -m sphinx -M latexpdf docs $(PDF_DIR) $(SPHINXOPTS) -c conf --keep-going
	cp $(PDF_DIR)/latex/matrixcalc.pdf $(PDF)
	@echo
	@echo "PDF built: $(CURDIR)/$(PDF)"

# The whole suite, browser test included (skipped with a reason when chromium is absent).
test: setup
	$(PY) -m pytest -n $(PYTEST_WORKERS)

$(SITE)/index.html:
	$(MAKE) site

# The site with its live calculator (matrixcalc serve, the serve extra); plain static files without it.
serve: $(SITE)/index.html
	@if $(PY) -c "import starlette, uvicorn" 2>/dev/null; then \
		$(PY) -m matrixcalc serve --site $(SITE) --port $(PORT); \
	else \
		echo "Serving $(SITE) at http://127.0.0.1:$(PORT)/ (static; pip install 'matrixcalc[serve]' for the calculator)"; \
		$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE); \
	fi

# Figures, not tests: check() side by side with the SymPy explicit-matrix route, the cost
# limits, the engine over the test tables, a synthetic site, then this site's own build cold
# (empty verification cache) and warm, with one and two processes.
BENCH_ENGINE_ARGS ?= --quick
BENCH_SITE_ARGS ?= 25 250 --jobs 2
bench: setup
	$(PY) benchmarks/peer.py
	$(PY) benchmarks/limits.py
	$(PY) benchmarks/engine.py $(BENCH_ENGINE_ARGS)
	$(PY) benchmarks/complex.py
	$(PY) benchmarks/calculus.py $(BENCH_CALCULUS_ARGS)
	$(PY) benchmarks/build_site.py $(BENCH_SITE_ARGS)
	@TIMEFORMAT='%R s'; for run in "cold 1" "warm 1" "cold 2" "warm 2"; do \
		set -- $$run; \
		if [ $$1 = cold ]; then rm -rf build/bench-cache; fi; \
		echo -n "docs/ build -E, $$1 verification cache, -j $$2: "; \
		time (MATRIXCALC_CACHE_DIR=$(CURDIR)/build/bench-cache \
			$(PY) -m sphinx -E -W -q -j $$2 -c conf docs build/bench-html) || exit 1; \
	done
	@TIMEFORMAT='%R s'; echo -n "docs/ incremental build, nothing changed (what a second 'make site' does): "; \
		time (MATRIXCALC_CACHE_DIR=$(CURDIR)/build/bench-cache \
			$(PY) -m sphinx -W -q -j auto -c conf docs build/bench-html) || exit 1

clean:
	rm -rf build conf/_static/mathjax docs/.cache .cache .pytest_cache .hypothesis .benchmarks
	rm -f $(VENV_STAMP) $(NODE_STAMP)
