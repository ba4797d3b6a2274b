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

# The wheel a user installs has the coder compiled with mypyc (setup.py); .venv above is an
# editable, pure Python install. make test-compiled builds the wheel (again only when a file it is
# built from changed), installs it with the dev extras into .venv-compiled and runs the tests
# from the clone against it: the installed, compiled package, not src/.
COMPILED_VENV := .venv-compiled
WHEELS := $(COMPILED_VENV)/wheel
COMPILED_STAMP := $(COMPILED_VENV)/.installed-stamp
WHEEL_INPUTS := setup.py pyproject.toml $(shell find src codebooks/default -type f -not -path '*/__pycache__/*' -not -path '*.egg-info/*' -not -name '*.so' 2>/dev/null)
$(COMPILED_STAMP): $(STAMP) $(WHEEL_INPUTS)
	test -d $(COMPILED_VENV) || $(PYTHON) -m venv $(COMPILED_VENV)
	rm -rf build $(WHEELS)  # a stale build/lib would leak old modules into the wheel
	$(PY) -m pip wheel . --no-deps -q -w $(WHEELS)
	rm -rf build
	$(COMPILED_VENV)/bin/python -m pip uninstall -q -y eventcodes
	$(COMPILED_VENV)/bin/python -m pip install -q "$$(ls $(WHEELS)/eventcodes-*.whl)[dev]"
	@touch $(COMPILED_STAMP)

compiled: $(COMPILED_STAMP) ## build the mypyc-compiled wheel (in .venv-compiled/wheel) and install it into .venv-compiled

test-compiled: $(COMPILED_STAMP) ## run the test suite against the installed compiled wheel (.venv-compiled)
	cd tests && ../$(COMPILED_VENV)/bin/python -c 'import eventcodes.coder.pipeline as p; print(p.__file__); assert p.__file__.endswith(".so"), "not the compiled package"'
	EVENTCODES_EXPECT_COMPILED=1 $(COMPILED_VENV)/bin/python -m pytest

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

bench: $(STAMP) $(COMPILED_STAMP) ## sentences/s for --jobs 1 and 2 (pure and compiled), peak memory, time per stage (saved in benchmarks/results/)
	$(PY) benchmarks/bench.py --jobs 1,2 --compiled $(COMPILED_VENV)/bin/python

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
	rm -rf $(VENV) $(COMPILED_VENV) output benchmarks/out

.PHONY: help venv dataset test test-compiled compiled test-spark lint format types check codebook views eval-dev eval-petrarch eval-phoenix bench bench-large bench-places clean
