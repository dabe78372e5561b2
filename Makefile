# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test lint typecheck pytest pytest-fast test-fast clean java

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

demo: $(VENV)/.installed
	$(BIN)/drawdown demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# Everything CI runs, slow tests included; installs Java first when it is missing.
pytest: $(VENV)/.installed-dev java
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

# Day-to-day loop: skips the slow end-to-end tests (Spark among them) and installs nothing from apt.
pytest-fast: $(VENV)/.installed-dev
	$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

test-fast: lint typecheck pytest-fast

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache
