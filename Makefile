# The course's commands. `make lab` runs the course, `make test` runs every check.
# Both build .venv on first use (tools/setup_venv.sh, with uv when it can be had); `make lab`
# installs only what the notebooks run on (requirements/course.lock), `make test` adds the
# test and site tools (requirements.lock). Re-running is quick.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
COURSE_STAMP := $(VENV)/.installed-course
TEST_STAMP := $(VENV)/.installed-test
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
SITE_DIR ?= _site
HUB ?=
SETUP := PYTHON="$(PYTHON)" MAKE_TARGET="$(firstword $(MAKECMDGOALS))" bash tools/setup_venv.sh

.PHONY: help lab test unit lint browser notebooks site bench lock clean

help:
	@echo "make lab        start JupyterLab on the course contents (builds .venv first)"
	@echo "make test       lint, unit/property/doctests, strict nbval, hygiene, browser tests"
	@echo "make unit       the fast edit loop: lint, unit/property/doctests (no browser, nbval, network)"
	@echo "make browser    only the real-browser tests (Chromium + JupyterLab)"
	@echo "make notebooks  re-execute every notebook in place and normalise its metadata"
	@echo "make site       Jupyter Book site of the course in $(SITE_DIR)/ from the stored outputs"
	@echo "make bench      speed and memory of correlate2d against scipy; widget update times"
	@echo "make lock       re-lock requirements*.lock and the environment files with uv"

$(COURSE_STAMP): requirements/course.lock pyproject.toml
	@$(SETUP) course

$(TEST_STAMP): requirements.lock pyproject.toml
	@$(SETUP) test

# Jupyter refuses to run as root unless told; containers and some hubs run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=

lab: $(COURSE_STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00-contents.ipynb \
		$(ROOT_FLAG) $(LAB_ARGS)

test: $(TEST_STAMP) lint
	$(BIN)/python -m pytest -rs --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg tests helpers $(NOTEBOOKS)

# The fast edit loop (under a minute): lint, then the unit, property and doctests, without
# the browser, nbval, notebook execution or the network. `make test` stays the full check.
UNIT_SKIP := --ignore=tests/browser --ignore=tests/test_notebooks_reproducible.py \
	--ignore=tests/test_make_lab.py --ignore=tests/test_binder_replay.py
unit: $(TEST_STAMP) lint
	$(BIN)/python -m pytest -q -rs -m "not slow" $(UNIT_SKIP) tests helpers

# The real-browser tests alone (Chromium + JupyterLab); `make test` runs them too.
browser: $(TEST_STAMP)
	$(BIN)/python -m pytest -rs tests/browser

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

notebooks: $(TEST_STAMP)
	$(BIN)/ruff format --quiet notebooks
	$(BIN)/python -m tools.run_notebooks $(NOTEBOOKS)

# The course as a Jupyter Book site from the stored outputs (nothing executed, nothing
# fetched); serve it with `python -m http.server -d _site`. HUB=https://... adds a JupyterHub
# launch button.
site: $(TEST_STAMP)
	$(BIN)/python -m tools.book --out $(SITE_DIR) $(if $(HUB),--hub $(HUB))

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py; status=$$?; \
		$(BIN)/python benchmarks/widgets.py || status=1; exit $$status

lock:
	@uv=$$(PYTHON="$(PYTHON)" bash tools/find_uv.sh); \
		if [ -z "$$uv" ]; then echo "error: make lock needs uv (pip install uv)"; exit 1; fi; \
		$(PYTHON) -m tools.lock --uv "$$uv"

clean:
	rm -rf $(VENV) build *.egg-info $(SITE_DIR)
