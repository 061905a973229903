# Networking Coach — the two commands of the README, and a few more.
# `make app` and `make test` do all set-up themselves: .venv is created once and
# reused while the stamp (a hash of pyproject.toml) matches.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SPEC   := $(shell cat pyproject.toml Makefile | sha1sum | cut -c1-12)
STAMP  := $(VENV)/.installed-$(SPEC)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install app test test-quick lint bench eval system-deps clean

install: $(STAMP)

$(STAMP):
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@# The CPU build of torch first, so that nothing pulls a CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# Debian packages the test suite drives: Chromium (browser tests) and PostgreSQL (store tests).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

app: install
	$(PY) -m coach.cli app

test: install system-deps
	$(PY) -m pytest -q

test-quick: install
	$(PY) -m pytest -q -m "not slow and not browser and not integration"

lint: install
	$(VENV)/bin/ruff check coach tests evals benchmarks app.py

bench: install
	$(PY) benchmarks/run.py --out bench-out

eval: install
	$(VENV)/bin/coach eval --out eval-out

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
