# Everything a fresh machine needs, from the package registries only (PyPI and Debian).
VENV   := .venv
PY     := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
STAMP  := $(VENV)/.installed

.PHONY: site serve test lint bench browser clean

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[test]"
	touch $@

## Build the reference playbook into site/ (strict: any journey error fails the build).
site: $(STAMP)
	$(MKDOCS) build --strict

## Build and serve the reference playbook on http://127.0.0.1:8000 (rebuilds on edits).
## `make serve LANGS=fa` previews the default language and Persian only, and rebuilds only
## the pages an edit changed (mkdocs serve --dirty): about a second at 500 journeys.
serve: $(STAMP)
	$(if $(LANGS),JOURNEYS_SERVE_LANGUAGES=$(LANGS) $(MKDOCS) serve --dirty,$(MKDOCS) serve)

## Debian's Chromium and fonts for Georgian and Persian, for the browser tests.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

## The whole test suite: core, CLI, real MkDocs builds, and the headless browser suite.
test: $(STAMP) browser
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check plugin tests bench
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf site $(VENV) .pytest_cache
