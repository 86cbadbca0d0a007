# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test bench package deploy clean
STAGE ?= dev

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# requirements-dev.txt includes requirements.txt plus chalice (for `chalice local`),
# moto's server (the embedded local AWS) and the test tools.
$(STAMP_DEV): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP_DEV)

run: $(STAMP_DEV)
	$(PY) -m chalicelib.local.serve

test: $(STAMP_DEV)
	$(VENV)/bin/ruff check --quiet chalicelib app.py tests
	$(PY) -m pytest -q -n auto

bench: $(STAMP_DEV)
	$(PY) -m tests.bench.run

# The stage's package and template in build/$(STAGE)/ (infra/package.py)
package: $(STAMP_DEV)
	$(PY) infra/package.py $(STAGE)

# Builds, uploads and applies the stage to the account of the current AWS credentials;
# asks before applying unless YES=1 (infra/deploy.py, README "Deploy")
deploy: $(STAMP_DEV)
	$(PY) infra/deploy.py $(STAGE) $(if $(YES),--yes)

clean:
	rm -rf $(VENV) .pytest_cache build
