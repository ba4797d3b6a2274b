# eventcodes: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
OUT ?= output/sample
CODEBOOK ?= codebooks/default

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install eventcodes with its development tools

dataset: $(STAMP) ## code the bundled sample corpus into output/sample/
	$(VENV)/bin/eventcodes code fixtures/sample/articles.jsonl -o $(OUT) --codebook $(CODEBOOK)

test: $(STAMP) ## run the test suite
	$(PY) -m pytest

lint: $(STAMP) ## ruff lint and format check
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts

format: $(STAMP) ## reformat the code with ruff
	$(VENV)/bin/ruff format src tests benchmarks scripts
	$(VENV)/bin/ruff check --fix src tests benchmarks scripts

types: $(STAMP) ## mypy on the package
	$(VENV)/bin/mypy

check: lint types test ## lint, types and tests (what CI runs)

codebook: $(STAMP) ## regenerate the generated codebook tables (countries from pycountry)
	$(PY) scripts/build_codebook.py

bench: $(STAMP) ## throughput and memory benchmark on a generated corpus
	$(PY) benchmarks/bench.py --jobs 2

eval-petrarch: $(STAMP) ## import ../shared/petrarch-validation and score the dev records (not part of make test)
	$(PY) scripts/eval_petrarch.py --shared ../shared/petrarch-validation --json output/eval/petrarch.json

eval-phoenix: $(STAMP) ## import all of ../shared/phoenix, time it, code the sample and real-news sets with it
	$(PY) scripts/eval_phoenix.py --shared ../shared --json output/eval/phoenix.json

clean: ## remove the virtual environment and outputs
	rm -rf $(VENV) output benchmarks/out

.PHONY: help venv dataset test lint format types check codebook bench eval-petrarch eval-phoenix clean
