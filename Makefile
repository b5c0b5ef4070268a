# Each target makes the virtual environment it needs, so that a fresh clone
# runs `make summary` or `make test` with only Python and PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: summary test lint typecheck unit docs bench clean

$(VENV)/.run: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.run
	$(BIN)/python -m pip install --quiet -e '.[test,docs,dev,pandas,arrow,polars,parquet,xlsx,plot,bench]'
	touch $@

summary: $(VENV)/.run
	$(BIN)/wecb summary

test: $(VENV)/.test lint typecheck docs unit

lint: $(VENV)/.test
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples

typecheck: $(VENV)/.test
	$(BIN)/mypy --strict src

unit: $(VENV)/.test
	$(BIN)/python -m pytest

docs: $(VENV)/.test
	$(BIN)/sphinx-build -W --keep-going -b html docs docs/_build/html
	touch docs/_build/html/.warning-free  # the docs tests reuse this build while it is current
	$(BIN)/sphinx-build -W --keep-going -b doctest docs docs/_build/doctest

bench: $(VENV)/.run
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) docs/_build docs/_generated .mypy_cache .ruff_cache .pytest_cache .hypothesis
