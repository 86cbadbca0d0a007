# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run staff-code test test-fast structure bench fuzz load soak audit package deploy web screenshots clean
STAGE ?= dev

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# requirements-dev.txt includes requirements.txt plus chalice (for `chalice local`),
# moto's server (the embedded local AWS) and the test tools.
$(STAMP_DEV): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP_DEV)

# The web client (web/): USWDS and axe-core from npm (web/package-lock.json), then
# web/src/ and USWDS's built assets copied into web/dist/. No bundler.
WEB_SRC := $(shell find web/src -type f 2>/dev/null)
USWDS := web/node_modules/@uswds/uswds/dist
web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web/dist/.built: web/node_modules/.installed $(WEB_SRC)
	rm -rf web/dist
	mkdir -p web/dist/vendor/uswds
	cp -R web/src/. web/dist/
	cp -R $(USWDS)/css $(USWDS)/fonts $(USWDS)/img $(USWDS)/js web/dist/vendor/uswds/
	touch $@

web: web/dist/.built

# The browser the web tests drive: Debian's chromium (never a downloaded build)
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium

# The main pages, desktop and phone, into docs/screenshots/
screenshots: $(STAMP_DEV) web/dist/.built $(CHROMIUM)
	$(PY) -m tests.web.screenshots

run: $(STAMP_DEV) web/dist/.built
	$(PY) -m chalicelib.local.serve

# A demo staff logon's authenticator-app code now (agency pages need one to sign in):
# the caseworker's, or EMAIL=supervisor@agency.example.gov's, ...
staff-code: $(STAMP_DEV)
	@STAGE=local $(PY) -c "import pyotp; from chalicelib.local.demo import APP_SECRETS, STAFF_EMAIL; print(pyotp.TOTP(APP_SECRETS['$(or $(EMAIL),caseworker@agency.example.gov)']).now())"

test: $(STAMP_DEV) web/dist/.built $(CHROMIUM)
	$(VENV)/bin/ruff check --quiet chalicelib app.py tests
	$(VENV)/bin/bandit -q -r chalicelib app.py infra
	$(MAKE) --no-print-directory structure
	$(PY) -m pytest -q -rs -n auto --dist loadgroup

# The inner loop: the unit and service tests, one process, in seconds (no browser, no
# stack, no fuzzing; pytest's plugins not loaded but Hypothesis's, whose Schemathesis
# one alone costs two seconds)
test-fast: $(STAMP_DEV)
	PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 $(PY) -m pytest -q -p hypothesispytest tests/unit tests/services tests/dal

# The structure of docs/design.md, held: the import contracts (.importlinter), types
# (mypy.ini: strict on the domain and the services), the complexity gate (no block worse
# than C, average A)
structure: $(STAMP_DEV)
	@out=$$($(VENV)/bin/lint-imports --no-cache) || { echo "$$out"; exit 1; }; \
	  echo "$$out" | grep "^Contracts:"
	$(VENV)/bin/mypy
	$(VENV)/bin/xenon --max-absolute C --max-average A chalicelib app.py

# Schemathesis against make run's stack, every operation, 100 examples each (make test
# runs a short, seeded budget: tests/fuzz/test_fuzz.py)
fuzz: $(STAMP_DEV) web/dist/.built
	$(PY) -m tests.fuzz.run --examples $(or $(EXAMPLES),100)

# A bounded load run on loopback (sign-in, Summary, payment): docs/load.md
load: $(STAMP_DEV) web/dist/.built
	$(PY) -m tests.load.run --write

# A soak on loopback, at most 10 minutes (MINUTES, default 5): mixed traffic with every job
# on a fast schedule, then the invariants (ledger, email once, no payment stuck, no
# orphan); its figures go to docs/load.md (tests/load/soak.py; make test runs a short one)
soak: $(STAMP_DEV) web/dist/.built $(CHROMIUM)
	$(PY) -m tests.load.soak --minutes $(or $(MINUTES),5) --write

# Known vulnerabilities in the runtime dependencies (PyPI's advisory data; make test runs
# it where that data can be reached: tests/test_dependencies.py)
audit: $(STAMP_DEV)
	$(VENV)/bin/pip-audit --strict -r requirements.txt

bench: $(STAMP_DEV)
	$(PY) -m tests.bench.run

# The stage's package and template in build/$(STAGE)/ (infra/package.py)
package: $(STAMP_DEV)
	$(PY) infra/package.py $(STAGE)

# Builds, uploads and applies the stage to the account of the current AWS credentials;
# asks before applying unless YES=1 (infra/deploy.py, README "Deploy")
deploy: $(STAMP_DEV) web/dist/.built
	ALARM_EMAIL="$(ALARM_EMAIL)" ADMIN_EMAIL="$(ADMIN_EMAIL)" STAFF_NETWORKS="$(STAFF_NETWORKS)" \
		BACKUP_COPY_VAULT_ARN="$(BACKUP_COPY_VAULT_ARN)" \
		WEB_CERTIFICATE_ARN="$(WEB_CERTIFICATE_ARN)" \
		$(PY) infra/deploy.py $(STAGE) $(if $(YES),--yes)

clean:
	rm -rf $(VENV) .pytest_cache build web/dist web/node_modules
