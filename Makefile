# cspboard: `make run` serves the demo, `make test` runs the whole suite. Both set everything up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
STATIC_BUILD := cspboard/static/build
# A developer's machine running the demo (docs/decisions/0008): a secret key generated into var/,
# the demo app installed, the demo council's name. Production sets none of these.
DEMO_ENV := CSPBOARD_ENV=development CSPBOARD_DEMO=true \
	COUNCIL_NAME="$${COUNCIL_NAME:-London Borough of Barking and Dagenham}"
# The production environment docs/deployment.md documents, for `check --deploy`.
DEPLOY_ENV := env -u CSPBOARD_ENV -u CSPBOARD_DEMO -u DEBUG -u DJANGO_ALLOW_ASYNC_UNSAFE \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	HTTPS=true ALLOWED_HOSTS=boards.example.gov.uk CSRF_TRUSTED_ORIGINS=https://boards.example.gov.uk \
	STATICFILES_MANIFEST=true COUNCIL_NAME="Example Council"

.PHONY: run test install install-test assets migrate demo lint format check test-sqlite test-postgres bench clean

## Set-up ---------------------------------------------------------------------------------------

$(BIN)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "cspboard needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# GOV.UK Frontend compiled with the council's font stack; its JS, images, htmx and Leaflet (the
# hotspots map, with its licence) copied beside it.
$(STATIC_BUILD)/cspboard.css: node_modules/.installed cspboard/assets/cspboard.scss
	mkdir -p $(STATIC_BUILD)/assets
	node_modules/.bin/sass --quiet --no-source-map --style=compressed --load-path=node_modules \
		cspboard/assets/cspboard.scss $(STATIC_BUILD)/cspboard.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(STATIC_BUILD)/
	cp node_modules/htmx.org/dist/htmx.min.js $(STATIC_BUILD)/
	rm -rf $(STATIC_BUILD)/leaflet && mkdir -p $(STATIC_BUILD)/leaflet
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css \
		node_modules/leaflet/LICENSE $(STATIC_BUILD)/leaflet/
	cp -r node_modules/leaflet/dist/images $(STATIC_BUILD)/leaflet/images
	rm -rf $(STATIC_BUILD)/assets/images && cp -r node_modules/govuk-frontend/dist/govuk/assets/images $(STATIC_BUILD)/assets/images

install: $(BIN)/.installed assets
install-test: $(BIN)/.installed-test assets
assets: $(STATIC_BUILD)/cspboard.css

migrate: install
	$(DEMO_ENV) $(BIN)/cspboard migrate --no-input

demo: migrate
	$(DEMO_ENV) $(BIN)/cspboard load_demo

## Serve the demo ------------------------------------------------------------------------------

# gunicorn, the worker (pack builds, conversions, e-mail) and the scheduler (reminders), together:
# scripts/run.sh stops all three on Ctrl-C. Static files are served by whitenoise from the finders.
run: demo
	@echo "Serving the demo on http://127.0.0.1:$(PORT)/ with its worker and scheduler (Ctrl-C stops them)"
	$(DEMO_ENV) REQUIRE_2FA=$${REQUIRE_2FA:-false} PORT=$(PORT) BIN=$(BIN) scripts/run.sh

## Tests ---------------------------------------------------------------------------------------

# Debian's chromium for the browser tests, when it is missing and we may install it.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium is missing and we are not root: browser tests will be skipped"; fi; \
	fi

check: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(DEMO_ENV) $(BIN)/cspboard check
	$(DEMO_ENV) $(BIN)/cspboard makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/cspboard check --deploy --fail-level WARNING

test-sqlite: install-test chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q

test-postgres: install-test chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true scripts/with-postgres.sh $(BIN)/pytest -q

test: check test-sqlite test-postgres

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-test
	$(BIN)/python bench/meeting_page.py

clean:
	rm -rf $(VENV) node_modules $(STATIC_BUILD)
