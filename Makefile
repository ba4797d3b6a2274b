# eventcodes: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
OUT ?= output/sample
INPUT ?= fixtures/sample/articles.jsonl
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

dataset: $(STAMP) ## code INPUT (default the sample corpus) into OUT (default output/sample/), with panels and report.html
	$(VENV)/bin/eventcodes code $(INPUT) -o $(OUT) --codebook $(CODEBOOK) --format gdelt
	$(VENV)/bin/eventcodes aggregate $(OUT) --by country-month --complete -o $(OUT)/panels/country-month
	$(VENV)/bin/eventcodes aggregate $(OUT) --by dyad-month -o $(OUT)/panels/dyad-month
	$(VENV)/bin/eventcodes report $(OUT)

test: $(STAMP) ## run the test suite (the Spark test runs with `make test-spark`)
	$(PY) -m pytest

SPARK_STAMP := $(VENV)/.spark-stamp
$(SPARK_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[dev,spark]'
	@touch $(SPARK_STAMP)

test-spark: $(SPARK_STAMP) ## install the spark extra and run the Spark local-mode test (needs Java 17)
	$(PY) -m pytest -m spark tests/test_spark.py

lint: $(STAMP) ## ruff lint and format check
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts

format: $(STAMP) ## reformat the code with ruff
	$(VENV)/bin/ruff format src tests benchmarks scripts
	$(VENV)/bin/ruff check --fix src tests benchmarks scripts

types: $(STAMP) ## mypy on the package
	$(VENV)/bin/mypy

check: lint types test ## lint, types and tests (what CI runs)

codebook: $(STAMP) ## regenerate the generated codebook tables (countries from pycountry, places from GeoNames)
	$(PY) scripts/build_codebook.py
	$(PY) scripts/build_places.py

views: $(STAMP) ## regenerate the PLOVER and ACLED view tables from ../shared/reference (by hand)
	$(PY) scripts/build_views.py

eval-dev: $(STAMP) ## score the coder on ../shared/realnews-dev (not part of make test); FAILURES=file dumps failures
	$(PY) scripts/eval_dev.py --codebook $(CODEBOOK) $(if $(FAILURES),--failures $(FAILURES))

bench: $(STAMP) ## sentences/s for --jobs 1 and 2, peak memory, time per stage (saved in benchmarks/results/)
	$(PY) benchmarks/bench.py --jobs 1,2

LARGE ?= 10000000
bench-large: $(STAMP) ## code a generated corpus of LARGE (10 million) sentences streaming; peak memory
	$(PY) benchmarks/bench.py --large $(LARGE)

bench-places: $(STAMP) ## places: recall against cost per GeoNames population threshold, and find_places' share of coding time
	$(PY) benchmarks/places.py --min-population 15000 5000 1000

eval-petrarch: $(STAMP) ## import ../shared/petrarch-validation and score the dev records (not part of make test)
	$(PY) scripts/eval_petrarch.py --shared ../shared/petrarch-validation --json output/eval/petrarch.json

eval-phoenix: $(STAMP) ## import all of ../shared/phoenix, time it, code the sample and real-news sets with it
	$(PY) scripts/eval_phoenix.py --shared ../shared --json output/eval/phoenix.json

clean: ## remove the virtual environment and outputs
	rm -rf $(VENV) output benchmarks/out

.PHONY: help venv dataset test test-spark lint format types check codebook views eval-dev eval-petrarch eval-phoenix bench bench-large bench-places clean
