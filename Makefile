# Networking Coach — the two commands of the README, and a few more.
# `make app` and `make test` do all set-up themselves: .venv is created once from
# requirements.lock (exact versions and hashes) and reused while the stamp (a hash of
# the lock, pyproject.toml and this file) matches. `make lock` refreshes the lock.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LOCK   := requirements.lock
PIP_VERSION := 26.3
SPEC   := $(shell cat $(LOCK) pyproject.toml Makefile | sha1sum | cut -c1-12)
STAMP  := $(VENV)/.installed-$(SPEC)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install app test test-quick test-latest lock lint bench eval system-deps clean

install: $(STAMP)

# Exactly the locked set, every file checked against its hash; then the project itself, without dependencies.
# torch is the CPU build (2.13.0+cpu): pip finds it on a find-links path or the PyTorch CPU wheel index
# (PIP_FIND_LINKS / PIP_EXTRA_INDEX_URL), never a CUDA build from PyPI.
$(STAMP): $(LOCK) pyproject.toml Makefile
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	@rm -f $(VENV)/.installed-*
	@touch $@

# Re-resolve every dependency to its newest allowed release and rewrite the lock (hashes included).
lock:
	@test -x .venv-lock/bin/pip-compile || { $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip==$(PIP_VERSION) pip-tools; }
	.venv-lock/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --extra dev -c torch-cpu.txt -o $(LOCK) pyproject.toml

# Tomorrow's break, found today: the newest release of every dependency in a throwaway venv, the quick suite.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/pip install --quiet --upgrade pip
	.venv-latest/bin/pip install --quiet -c torch-cpu.txt torch
	.venv-latest/bin/pip install --quiet --upgrade --upgrade-strategy eager -c torch-cpu.txt -e '.[dev]'
	@grep -E '^[A-Za-z0-9]' $(LOCK) | cut -d' ' -f1 | tr 'A-Z_' 'a-z-' | sort > .venv-latest/locked.txt
	@.venv-latest/bin/pip list --format=freeze --exclude-editable | tr 'A-Z_' 'a-z-' | sort > .venv-latest/latest.txt
	@echo "Versions that differ from the lock:"; comm -13 .venv-latest/locked.txt .venv-latest/latest.txt
	.venv-latest/bin/python -m pytest -q -m "not slow and not browser and not integration"

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

# Two workers, each taking whole test files (a file's module fixtures are built once): the suite waits on
# browsers, servers and subprocesses as much as it computes, so two workers on two cores halve the wait.
TEST_WORKERS ?= 2

test: install system-deps
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

test-quick: install
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile -m "not slow and not browser and not integration"

lint: install
	$(VENV)/bin/ruff check coach tests evals benchmarks training
	$(VENV)/bin/lint-imports

bench: install
	$(PY) benchmarks/run.py --out bench-out
	$(PY) benchmarks/reading.py --out bench-out

eval: install
	$(VENV)/bin/coach eval --out eval-out

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
