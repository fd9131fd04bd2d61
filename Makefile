# geomap: `make map` builds the map of the bundled corpus, `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: map test layers bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

## map: set up and build out/supply-map.html (and out/layers/) from the bundled corpus
map: $(VENV)/.installed
	$(BIN)/geomap build --output out/supply-map.html --layers out/layers

## test: set up with the development tools and run the whole test suite
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

## layers: rebuild the committed layers of the bundled corpus in layers/
layers: $(VENV)/.installed
	$(BIN)/geomap build --output out/supply-map.html --layers layers

## bench: run the benchmark scripts and print their figures
bench: $(VENV)/.installed-dev
	for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check geomap tests benchmarks

clean:
	rm -rf $(VENV) out build *.egg-info
