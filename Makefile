# make run   set up .venv, migrate, load the demo content and serve http://127.0.0.1:8000/
# make test  run the whole test suite (browser tests need Debian's chromium)
# make test-plugin  build the tracker's wheel and test it in bare Wagtail projects (docs/plugin.md)
# make lint  ruff check, ruff format --check, import layers (lint-imports), makemigrations --check
# make bench serve the site with gunicorn and measure it, then the compliance views, the review,
#            the spreadsheet uploads and the public pages (cached, missed, signed in) through the
#            deployment stack (docs/benchmarks.md)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test test-plugin wheel lint format bench install clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Serving the demo site on http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# The tracker alone (compliance, plans) as a wheel in dist/: docs/plugin.md.
wheel: install
	rm -rf build/wheel dist
	mkdir -p build/wheel
	cp -R packaging/wagtail-minimum-standards/. build/wheel/
	cp -R compliance plans build/wheel/
	find build/wheel -name __pycache__ -prune -exec rm -rf {} +
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir dist build/wheel
	@ls -l dist

# The wheel in bare Wagtail projects (`wagtail start`), its own suite run there, on the
# oldest and the newest combinations it supports.
test-plugin: wheel
	packaging/test-in-bare-project.sh python3.11 "wagtail>=7.0,<7.1" "Django>=5.2,<5.3"
	packaging/test-in-bare-project.sh python3.13 "wagtail>=8.0,<8.1" "Django>=6.0,<6.1"

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

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
