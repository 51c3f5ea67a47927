# plangraf: `make demo` installs and runs the main job; `make test` installs and runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/plangraf stats
	$(BIN)/plangraf action 26
	$(BIN)/plangraf report all --format html --out exports/report.html
	$(BIN)/plangraf export html --out exports/plangraf.html
	@echo "Open exports/plangraf.html and exports/report.html in a browser."

lint: install
	$(BIN)/ruff check src tests bench tools

test: install lint
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) exports/*.html .pytest_cache
