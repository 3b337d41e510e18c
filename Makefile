# make run   set up .venv, migrate, load the demo content and serve http://127.0.0.1:8000/
#            (make run PORT=8080 HOST=0.0.0.0 for another port or address)
# make install  set up .venv, and Lighthouse for the browser tests (npm ci, where npm is installed)
# make test  run the whole test suite: on the PostgreSQL server DATABASE_URL names, or else a
#            throwaway cluster of its own when PostgreSQL is installed (tests/with_postgres.sh)
#            (browser tests need Debian's chromium; README, Testing)
# make wheel  build the tracker's sdist and wheel into dist/ and check them (docs/plugin.md)
# make messages  update the tracker's English translation catalogues (needs gettext)
# make test-plugin  build the tracker's wheel and test it in bare Wagtail projects (docs/plugin.md)
# make lint  ruff check, ruff format --check, import layers (lint-imports), makemigrations --check
# make bench serve the site with gunicorn and measure it, then the compliance views, the review,
#            the spreadsheet uploads, the annual report's Word document, the quality checks and the public pages
#            through the deployment stack (from nginx's cache against static files, uncached
#            against a minimal view, workers
#            recycled: PASS or FAIL for each target) (docs/benchmarks.md)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-plugin wheel messages lint format bench install clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Google Lighthouse for the browser tests (tests/browser/test_lighthouse.py), pinned in
# tests/browser/package-lock.json, installed by npm (10 or newer); without it this says so and
# the test is skipped (on CI, where CI is set, .ci/run installs Node.js and npm, and a missing
# or older npm fails).
LIGHTHOUSE := tests/browser/node_modules/.bin/lighthouse
$(LIGHTHOUSE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null && [ "$$(npm --version | cut -d. -f1)" -lt 10 ]; then \
		echo "npm $$(npm --version) cannot read Lighthouse's lock file, so Lighthouse is not installed:" \
			"npm install --global npm@10.9.4" >&2; \
		[ -z "$$CI" ]; \
	elif command -v npm >/dev/null; then \
		npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ -n "$$CI" ]; then echo "npm is missing: apt-get install nodejs npm" >&2; exit 1; \
	else echo "npm is missing, so Lighthouse is not installed: apt-get install nodejs npm"; fi

install: $(STAMP) $(LIGHTHOUSE)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Serving the demo site on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "The mail worker prints each email the site sends here."
	$(BIN)/python manage.py send_queued_mail & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	tests/with_postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

# The tracker alone as a package in dist/ (sdist and wheel), built from its own folder by
# `python -m build` with nothing of the site's environment, and checked by twine: docs/plugin.md.
RELEASE := build/release-venv
$(RELEASE)/.installed: Makefile
	$(PYTHON) -m venv $(RELEASE)
	$(RELEASE)/bin/python -m pip install --quiet --upgrade pip "build>=1.2,<2" "twine>=6,<8"
	touch $@

wheel: $(RELEASE)/.installed
	rm -rf dist
	$(RELEASE)/bin/python -m build --quiet --outdir dist packaging/wagtail-minimum-standards
	$(RELEASE)/bin/twine check --strict dist/*

# The wheel in bare Wagtail projects (`wagtail start`), its own suite run there: the oldest
# combination it supports with the oldest release of every dependency, one in between, and what
# `pip install wagtail` gives today, on SQLite and on PostgreSQL (DATABASE_URL's server).
test-plugin: wheel
	$(PYTHON) packaging/test_in_bare_project.py --python 3.11 --lowest --local-apps --no-admin-base-url
	$(PYTHON) packaging/test_in_bare_project.py --python 3.12 --wagtail "wagtail>=7.4,<7.5" --django "Django>=6.0,<6.1" --custom-document-model
	$(PYTHON) packaging/test_in_bare_project.py --python 3.13 --postgresql --also-sqlite --beside-django-plans --uninstall

# The tracker's English catalogues (compliance/locale, figures/locale, plans/locale) after its text changed: each
# app's own makemessages (file names, no line numbers, so moving code does not change them), then
# msgfmt. Needs gettext. tests/tracker/test_translations.py checks they are complete.
messages: install
	for app in compliance figures plans; do \
		(cd $$app && ../$(BIN)/django-admin makemessages --locale en --no-obsolete --add-location file \
			&& ../$(BIN)/django-admin compilemessages --locale en) || exit 1; \
	done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/compliance_views.py
	$(BIN)/python bench/review_views.py
	$(BIN)/python bench/uploads.py
	$(BIN)/python bench/cached_pages.py
	$(BIN)/python bench/plan_export.py
	$(BIN)/python bench/plan_import.py
	$(BIN)/python bench/annual_report.py
	$(BIN)/python bench/quality_checks.py
	$(BIN)/python bench/glossary.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 tests/browser/node_modules
