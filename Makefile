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

# A few lines: what the graph holds, and the files written (the card of Åtgärd 26, the report page, the network).
demo: install
	@$(BIN)/plangraf stats --format json | $(BIN)/python -c 'import json, sys; s = json.load(sys.stdin); \
	print("plangraf:", s["triples"], "triples;", ", ".join("%s %s" % (k["count"], k["kind"].lower()) for k in s["kinds"]))'
	@$(BIN)/plangraf action 26 --out exports/action-26.txt
	@$(BIN)/plangraf report all --format html --out exports/report.html
	@$(BIN)/plangraf export html --out exports/plangraf.html
	@$(BIN)/plangraf export html --view action:26 --out exports/plangraf-action-26.html
	@echo "Open exports/report.html and exports/plangraf.html in a browser; try: $(BIN)/plangraf search NMT"

lint: install
	$(BIN)/ruff check src tests bench tools

# Two workers, each test file on one of them (its module fixtures run once); `-n 0` for one process.
test: install lint
	$(BIN)/pytest -n 2 --dist loadfile

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) exports/*.html .pytest_cache
