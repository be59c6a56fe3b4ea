# Two commands: `make run` serves the demo desk, `make test` runs the suite.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
# Django 6 needs Python 3.12+: a PYTHON= override first, then the newest that runs.
PYENV_ROOT ?= $(HOME)/.pyenv
PYTHON_CANDIDATES := $(PYTHON) python3.14 python3.13 python3.12 \
	$(foreach v,3.14 3.13 3.12,$(wildcard $(PYENV_ROOT)/versions/$(v)*/bin/python3)) \
	python3
FIND_PYTHON := for p in $(PYTHON_CANDIDATES); do \
	  if command -v $$p >/dev/null 2>&1 && \
	     $$p -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	  then echo $$p; break; fi; done

.PHONY: run test serve lint format migrate demo clean

$(VENV)/.installed: pyproject.toml
	@base="$$($(FIND_PYTHON))"; \
	if [ -z "$$base" ]; then \
	  echo "newsroom needs Python 3.12 or newer (Django 6). Install one, or run: make PYTHON=/path/to/python3.12" >&2; \
	  exit 1; fi; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  rm -rf $(VENV); echo "Creating $(VENV) with $$base"; $$base -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# axe-core for the accessibility tests and vnu-jar (the Nu HTML Checker) for the
# validity test, pinned by package-lock.json. No install scripts: vnu-jar's would
# download a Java runtime, where the system's Java (default-jre-headless) runs it.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML validity tests will skip (install nodejs and npm)" >&2; fi

run: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	DJANGO_DEBUG=1 $(PY) manage.py ensure_editor
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Tests run with DEBUG off, as production does; DATABASE_URL picks the database.
# PYTEST_ARGS runs what it names.
TEST_ENV := DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-test-only-key-never-used-in-production}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-testserver,localhost,127.0.0.1}"
test: $(VENV)/.installed-dev node_modules/.installed
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3
