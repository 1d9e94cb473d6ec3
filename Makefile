# kiosque: every command of the project. The first use of any target installs what it needs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 8000
FILES ?=
PELICAN := $(BIN)/pelican
RUN := PYTHONPATH=plugins
# the address that feeds, calendars and podcasts give without SITEURL: the local server's (make serve)
KIOSQUE_PREVIEW_URL ?= http://127.0.0.1:$(PORT)
PREVIEW := KIOSQUE_PREVIEW_URL=$(KIOSQUE_PREVIEW_URL)

.DEFAULT_GOAL := help
.PHONY: help install html serve devserver check catalogues lint test bench clean publish import federate digest send-digest

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

install: $(INSTALLED) ## create .venv and install the dependencies (pyproject.toml)

LEAFLET := theme/static/vendor/leaflet
LEAFLET_VERSION := 1.9.4

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	$(MAKE) --no-print-directory $(LEAFLET)/leaflet.js $(FONTS)/OFL.txt
	touch $@

# The map library comes from its npm package at install time, never from a CDN at page view.
$(LEAFLET)/leaflet.js:
	rm -rf $(LEAFLET) build/npm && mkdir -p $(LEAFLET) build/npm
	cd build/npm && npm pack --silent leaflet@$(LEAFLET_VERSION) >/dev/null && tar xzf leaflet-$(LEAFLET_VERSION).tgz
	cp -r build/npm/package/dist/leaflet.js build/npm/package/dist/leaflet.css build/npm/package/dist/images build/npm/package/LICENSE $(LEAFLET)/

# The fonts the build draws share pictures with (plugins/sharing/drawing.py): Noto Sans and Noto Sans Arabic
# (SIL Open Font License), from their npm packages at install time; the pages themselves use the reader's fonts.
FONTS := theme/vendor/fonts
NOTO_SANS := @expo-google-fonts/noto-sans@0.4.2
NOTO_SANS_ARABIC := @expo-google-fonts/noto-sans-arabic@0.4.3

$(FONTS)/OFL.txt:
	rm -rf $(FONTS) build/npm-fonts && mkdir -p $(FONTS) build/npm-fonts/latin build/npm-fonts/arabic
	cd build/npm-fonts/latin && npm pack --silent $(NOTO_SANS) >/dev/null && tar xzf *.tgz
	cd build/npm-fonts/arabic && npm pack --silent $(NOTO_SANS_ARABIC) >/dev/null && tar xzf *.tgz
	for weight in 400Regular:Regular 700Bold:Bold; do \
	  cp build/npm-fonts/latin/package/$${weight%:*}/NotoSans_$${weight%:*}.ttf $(FONTS)/NotoSans-$${weight#*:}.ttf; \
	  cp build/npm-fonts/arabic/package/$${weight%:*}/NotoSansArabic_$${weight%:*}.ttf \
	    $(FONTS)/NotoSansArabic-$${weight#*:}.ttf; \
	done
	cp build/npm-fonts/arabic/package/LICENSE_FONT $(FONTS)/OFL-Arabic.txt
	cp build/npm-fonts/latin/package/LICENSE_FONT $@

html devserver publish test bench: $(FONTS)/OFL.txt

# The accessibility checker the browser tests inject into each page, from its npm package (a test tool only).
AXE := tests/theme/vendor/axe-core
AXE_VERSION := 4.10.3

$(AXE)/axe.min.js:
	rm -rf $(AXE) build/npm-axe && mkdir -p $(AXE) build/npm-axe
	cd build/npm-axe && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar xzf axe-core-$(AXE_VERSION).tgz
	cp build/npm-axe/package/axe.min.js build/npm-axe/package/LICENSE $(AXE)/

html: $(INSTALLED) ## build the site into output/ (KIOSQUE_TODAY=YYYY-MM-DD to fix "today")
	$(RUN) $(PREVIEW) $(PELICAN) content -o output -s pelicanconf.py

serve: html ## build, then serve on http://127.0.0.1:8000 (PORT=8080 to change)
	$(RUN) $(PELICAN) --listen --port $(PORT) --bind 127.0.0.1 -o output -s pelicanconf.py

devserver: $(INSTALLED) ## rebuild on every change and serve on http://127.0.0.1:8000
	$(RUN) $(PREVIEW) $(PELICAN) content -o output -s pelicanconf.py --autoreload --listen --port $(PORT) --bind 127.0.0.1

check: $(INSTALLED) ## check the contributions (FILES="a.md b.yaml" to check only some)
	@$(RUN) $(BIN)/python -m contributions.check $(FILES)

# Partner calendars (README, "Partner calendars"): KIOSQUE_IMPORT_ALLOW_PRIVATE=1 lets them be on a private network.
# REPORTS=<folder> also writes each source's pull request there (.github/workflows/import.yml reads them).
SOURCE ?=
REPORTS ?=
import: $(INSTALLED) ## import the partners' calendars of content/sources/ into content/events/ (SOURCE=<slug> for one)
	@PYTHONPATH=plugins:. $(BIN)/python -m importing $(if $(REPORTS),--reports "$(REPORTS)") $(SOURCE)

# The fediverse (README, "The fediverse"): KIOSQUE_FEDERATION_URL and the bridge's state folder (KIOSQUE_BRIDGE_STATE).
federate: $(INSTALLED) ## tell the fediverse followers what changed on the published site (as the bridge's user)
	@PYTHONPATH=plugins:. $(BIN)/python -m federation

# The newsletter (README, "The newsletter"): KIOSQUE_DIGEST_* name the message's addresses, KIOSQUE_SMTP_* the
# server that sends it, from the environment only. Both build for production first: an issue carries public addresses.
WEEK ?=
FILTER ?=
FORCE ?=
DIGEST_LANGUAGE ?=  # not LANGUAGE: gettext's variable, which many systems set
DIGEST_OPTIONS = $(if $(WEEK),--week "$(WEEK)") $(if $(FILTER),--filter "$(FILTER)") \
	$(if $(DIGEST_LANGUAGE),--language "$(DIGEST_LANGUAGE)")
digest: publish ## write this week's newsletter into digest/: HTML, text, .eml (WEEK=2026-W50, FILTER=category/concert)
	@PYTHONPATH=plugins:. $(BIN)/python -m emailing write $(DIGEST_OPTIONS)

send-digest: publish ## send this week's newsletter to the mailing list, once a week (FORCE=1 to send it again)
	@PYTHONPATH=plugins:. $(BIN)/python -m emailing send $(DIGEST_OPTIONS) $(if $(filter 1 yes true,$(FORCE)),--force)

catalogues: $(INSTALLED) ## refresh the translation catalogues; say what is left to translate
	@PYTHONPATH=plugins:. $(BIN)/python -m interface.catalogues

# The clients people read our files with (ical.js, node-ical, Lighthouse), from their npm packages, pinned by
# tests/clients/package-lock.json: the tests run them on what the site publishes (test tools only).
CLIENTS := tests/clients/node_modules/.package-lock.json

$(CLIENTS): tests/clients/package.json tests/clients/package-lock.json
	cd tests/clients && npm ci --loglevel=error --no-audit --no-fund
	touch $@

# The suite runs twice: as sites build, then with the speed machinery off (KIOSQUE_SPEED, README "Settings"),
# which must change nothing the site publishes; the tests of that machinery turn it back on for themselves.
test: lint $(AXE)/axe.min.js $(CLIENTS) ## check the style, then run the whole test suite (twice: the second with KIOSQUE_SPEED=off)
	$(BIN)/python -m pytest
	KIOSQUE_SPEED=off $(BIN)/python -m pytest

lint: $(INSTALLED) ## check the code's style (ruff)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(INSTALLED) ## build sites of 1,000 and 10,000 contributions, plain Pelican and Hugo twins, a busy region; print the tables
	$(BIN)/python -m bench.run $(BENCH)
	PYTHONPATH=plugins:. $(BIN)/python -m bench.federation
	PYTHONPATH=plugins:. $(BIN)/python -m bench.languages
	PYTHONPATH=plugins:. $(BIN)/python -m bench.newsletter
	PYTHONPATH=plugins:. $(BIN)/python -m bench.search

publish: $(INSTALLED) ## build for production with publishconf.py (SITEURL=https://... to set the address)
	$(RUN) $(PELICAN) content -o output -s publishconf.py

clean: ## remove the built site and caches
	rm -rf output cache .pytest_cache build *.egg-info
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

# The form-to-git bridge (README, "The form-to-git bridge"): KIOSQUE_BRIDGE_* variables configure it.
BRIDGE_PORT ?= 8001
.PHONY: bridge
bridge: $(INSTALLED) ## run the form-to-git bridge on http://127.0.0.1:8001 (BRIDGE_PORT= to change)
	PYTHONPATH=plugins:. $(BIN)/uvicorn --factory bridge.app:create_app --host 127.0.0.1 --port $(BRIDGE_PORT)
