# Two commands on a fresh machine: `make report` and `make test`.
# Each creates .venv with pip from pyproject.toml when it is missing or out of date.
PYTHON ?= python3
VENV := .venv
# extra pytest arguments, e.g. PYTEST_ARGS='-m "not slow"'
PYTEST_ARGS ?=
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test validate build excel bench docs clean-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/python -m indicators validate

build: $(STAMP)
	$(BIN)/python -m indicators build

report: $(STAMP)
	$(BIN)/python -m indicators report

excel: $(STAMP)
	$(BIN)/python -m indicators excel

bench: $(STAMP)
	$(BIN)/python bench/run.py

docs: $(STAMP)
	$(BIN)/python -m indicators docs

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean-venv:
	rm -rf $(VENV)
