# Two commands do all the set-up on a fresh Debian/Ubuntu machine with Python 3.11+:
#   make run    start the application (a demo engagement on first start)
#   make test   run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: run test lint bench fuzz screenshots report-pngs visual-language package system-deps-run system-deps-test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

system-deps-run:
	@bash packaging/system-deps.sh run

system-deps-test:
	@bash packaging/system-deps.sh test

run: system-deps-run $(STAMP)
	$(BIN)/workbench

test: system-deps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Fuzz every importer for FUZZ_SECONDS each (findings are saved in fuzz-findings/).
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz.run $(FUZZ_SECONDS)

bench: system-deps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache screenshots report-pngs

screenshots: system-deps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/tools/screenshots.py screenshots

report-pngs: system-deps-test $(STAMP)
	$(BIN)/python tests/tools/report_pngs.py report-pngs

# After an edit of resources/visual.yaml: the plain-data copy the app reads at start.
visual-language: $(STAMP)
	$(BIN)/python tests/tools/visual_language.py

package: system-deps-run $(STAMP)
	$(BIN)/python packaging/build.py
