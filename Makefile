# One command to try it (make demo), one to check it (make test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: demo test fuzz lint system-deps clean

demo: $(STAMP)
	$(BIN)/informed build --practice example-surgery

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 --dist loadscope

# Thousands of fuzzed inputs per loader (tests/test_fuzz.py), rather than make test's few dozen.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check .

system-deps:
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml scripts/system-deps.sh
	@sh scripts/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

# axe-core for the browser tests, at the version package-lock.json pins.
$(NODE_STAMP): package-lock.json $(STAMP)
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

clean:
	rm -rf $(VENV) output node_modules
