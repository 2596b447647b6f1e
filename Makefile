# The course's commands. `make lab` runs the course, `make test` runs every check.
# Both build .venv from requirements.lock on first use; re-running is quick.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
SITE_DIR ?= _site

.PHONY: help lab test unit lint browser notebooks site bench lock clean

help:
	@echo "make lab        start JupyterLab on the course contents (builds .venv first)"
	@echo "make test       lint, unit/property/doctests, strict nbval, hygiene, browser tests"
	@echo "make unit       the fast edit loop: lint, unit/property/doctests (no browser, nbval, network)"
	@echo "make browser    only the real-browser tests (Chromium + JupyterLab)"
	@echo "make notebooks  re-execute every notebook in place and normalise its metadata"
	@echo "make site       static HTML site of the course in $(SITE_DIR)/ from the stored outputs"
	@echo "make bench      speed and memory of correlate2d against scipy; widget update times"
	@echo "make lock       re-resolve requirements.lock and the environment files"

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
		{ echo "error: Python 3.10 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	@touch $(STAMP)

# Jupyter refuses to run as root unless told; containers and some hubs run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00-contents.ipynb \
		$(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP) lint
	$(BIN)/python -m pytest -rs --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg tests helpers $(NOTEBOOKS)

# The fast edit loop (under a minute): lint, then the unit, property and doctests, without
# the browser, nbval, notebook execution or the network. `make test` stays the full check.
UNIT_SKIP := --ignore=tests/browser --ignore=tests/test_notebooks_reproducible.py \
	--ignore=tests/test_make_lab.py --ignore=tests/test_binder_replay.py
unit: $(STAMP) lint
	$(BIN)/python -m pytest -q -rs -m "not slow" $(UNIT_SKIP) tests helpers

# The real-browser tests alone (Chromium + JupyterLab); `make test` runs them too.
browser: $(STAMP)
	$(BIN)/python -m pytest -rs tests/browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

notebooks: $(STAMP)
	$(BIN)/ruff format --quiet notebooks
	$(BIN)/python tools/run_notebooks.py $(NOTEBOOKS)

# The course as static HTML pages from the stored outputs (no re-execution, nothing fetched);
# open $(SITE_DIR)/index.html, or serve the folder with `python -m http.server -d _site`.
site: $(STAMP)
	$(BIN)/python tools/build_site.py --out $(SITE_DIR)

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py; status=$$?; \
		$(BIN)/python benchmarks/widgets.py || status=1; exit $$status

lock:
	$(PYTHON) tools/lock.py

clean:
	rm -rf $(VENV) build *.egg-info $(SITE_DIR)
