# Everything runs from a virtual environment this Makefile makes itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck check bench bench-readme doctor clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/interview-tui

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

bench: $(STAMP)
	$(BIN)/python -m bench

bench-readme: $(STAMP)  # the same run, written into README.md and bench/README.md
	$(BIN)/python -m bench --write-readme

doctor: $(STAMP)
	$(BIN)/interview-tui doctor

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
