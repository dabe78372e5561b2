# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test lint typecheck pytest pytest-fast test-fast clean java chromium web-assets

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files keep re-runs fast; they are rebuilt whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# The Sorties stage's Spark tests need a JRE (Spark 4 wants Java 17); CI machines may lack one.
java:
	@command -v java >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless; }

# The dashboard's browser assets (Leaflet, topojson-client, Natural Earth outlines from world-atlas) come from npm,
# pinned by web/package-lock.json, and are copied into the package; nothing is fetched from a CDN at run time.
WEB_VENDOR := src/drawdown/web/static/vendor
VENDOR_FILES := leaflet/dist/leaflet.js leaflet/dist/leaflet.css topojson-client/dist/topojson-client.min.js \
	world-atlas/countries-50m.json

# Each package's licence travels with its files, as <package>.LICENSE.txt (tests/web/test_assets.py checks it).
VENDOR_PACKAGES := leaflet topojson-client world-atlas

$(WEB_VENDOR)/.built: web/package.json web/package-lock.json Makefile
	cd web && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(WEB_VENDOR)
	cp $(addprefix web/node_modules/,$(VENDOR_FILES)) $(WEB_VENDOR)/
	for p in $(VENDOR_PACKAGES); do cp web/node_modules/$$p/LICENSE $(WEB_VENDOR)/$$p.LICENSE.txt; done
	touch $@

web-assets: $(WEB_VENDOR)/.built

# The browser tests drive Debian's chromium through Playwright; CI machines may lack it.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends chromium; }

demo: $(VENV)/.installed web-assets
	$(BIN)/drawdown demo
	$(BIN)/drawdown --db demo-out/drawdown.duckdb report --out demo-out/report.html
	@echo "Report written to demo-out/report.html (open it in a browser; it needs no network)."
	@echo "Live dashboard on the demo store: $(BIN)/drawdown --db demo-out/drawdown.duckdb serve"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# Everything CI runs, slow tests included; installs Java first when it is missing.
pytest: $(VENV)/.installed-dev java chromium web-assets
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

# Day-to-day loop: skips the slow end-to-end tests (Spark among them) and installs nothing from apt.
pytest-fast: $(VENV)/.installed-dev web-assets
	$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

test-fast: lint typecheck pytest-fast

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache web/node_modules $(WEB_VENDOR)
