# Plan Tracker — every chore behind one task runner.
# `make demo` and `make test` do all the set-up they need on a fresh machine.

VENV := .venv
BIN := $(VENV)/bin
# Django 6.1 needs Python 3.12 or newer; use the first one we can find.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 python3; do \
	if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v "$$p"; break; fi; done)

.PHONY: install demo test test-sqlite test-postgres lint format browser vendor clean bench examples

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Plan Tracker needs Python 3.12 or newer (python3.12 or python3.13 on PATH)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

demo: install
	$(BIN)/plantracker demo

# Debian's chromium for the browser tests; installed when missing and we are root.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| { echo "Could not install chromium with apt-get."; exit 1; }; \
		else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; \
	fi

test: install browser lint test-sqlite test-postgres

test-sqlite:
	$(BIN)/pytest

test-postgres:
	$(BIN)/python tests/run_postgres.py $(BIN)/pytest -p no:cacheprovider -m "not browser"

lint:
	$(BIN)/ruff check src tests sample_data bench
	$(BIN)/ruff format --check src tests sample_data bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache --no-logo pyproject.toml

format:
	$(BIN)/ruff format src tests sample_data bench
	$(BIN)/ruff check --fix src tests sample_data bench

# Rebuild the vendored front-end assets from the npm registry (not needed for demo or test).
vendor:
	cd src/plantracker/web/assets && npm install --no-audit --no-fund && node build.mjs

clean:
	rm -rf $(VENV) var

# Benchmarks (not part of `make test`; about 15 minutes): writes bench/RESULTS.md.
bench: install
	$(BIN)/python bench/run.py

# The example committee report (PDF and Word) from `make demo`'s data, into docs/examples/.
examples: install
	rm -rf var/examples && mkdir -p var/examples docs/examples
	PLANTRACKER_DATA_DIR=var/examples $(BIN)/plantracker demo --no-serve >/dev/null
	for fmt in pdf docx; do PLANTRACKER_DATA_DIR=var/examples $(BIN)/plantracker report \
		--plan net-zero-communities --period "March 2024" --format $$fmt \
		--output docs/examples/march-2024-committee-report.$$fmt; done
