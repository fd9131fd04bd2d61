# geomap: `make map` builds the map of the bundled corpus, `make test` runs the tests.
# Both install exactly what uv.lock pins (every direct and transitive dependency, with hashes);
# `make lock` refreshes uv.lock after a change to the dependency ranges of pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
UV := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never $(BIN)/uv

.PHONY: map test layers bench lint lock clean

$(BIN)/uv:
	@echo "geomap: creating $(VENV) with $$($(PYTHON) --version)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -qq "uv==$(UV_VERSION)"

$(VENV)/.installed: pyproject.toml uv.lock | $(BIN)/uv
	@echo "geomap: installing the locked dependencies (uv.lock) into $(VENV)"
	@$(UV) sync --locked --inexact --quiet
	@touch $@

$(VENV)/.installed-dev: pyproject.toml uv.lock | $(BIN)/uv
	@echo "geomap: installing the locked dependencies and development tools (uv.lock) into $(VENV)"
	@$(UV) sync --locked --inexact --quiet --extra dev
	@touch $@ $(VENV)/.installed

## map: set up and build out/supply-map.html (and out/layers/) from the bundled corpus
map: $(VENV)/.installed
	@echo "geomap: building the map of the bundled corpus"
	@$(BIN)/geomap build --output out/supply-map.html --layers out/layers

## test: set up with the development tools and run the whole test suite
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

## layers: rebuild the committed layers of the bundled corpus in layers/
layers: $(VENV)/.installed
	$(BIN)/geomap build --output out/supply-map.html --layers layers

## bench: run the benchmark scripts and print their figures
bench: $(VENV)/.installed-dev
	for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

## lint: ruff over the package, the tests, the benchmarks and the scripts
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check geomap tests benchmarks scripts

## lock: re-resolve uv.lock to the newest versions pyproject.toml allows (then run `make test`)
lock: | $(BIN)/uv
	$(UV) lock --upgrade

clean:
	rm -rf $(VENV) out build *.egg-info
