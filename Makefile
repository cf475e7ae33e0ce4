# Two commands: `make run` and `make test` (`make unit`: the fast tier alone). Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TEST_DATABASE_URL ?=

.PHONY: run test unit check bench install install-test peers clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test peers

peers:
	bash scripts/install_test_peers.sh

run: install
	$(BIN)/referral-bot run --demo

# ruff and mypy (configured in pyproject.toml: mypy strict on bot/, default elsewhere); `make test` runs it first
check: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/mypy

test: install-test check
	$(BIN)/pytest -q -rs

# The unit tier uses neither schemathesis nor hypothesis: not loading their plugins saves a third of its time.
unit: $(VENV)/.installed-test
	$(BIN)/pytest -q -m unit -p no:schemathesis -p no:hypothesispytest

bench: install-test
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m benchmarks.outbox
	$(BIN)/python -m benchmarks.claim_race
	$(BIN)/python -m benchmarks.sms_webhook
	$(BIN)/python -m benchmarks.parse

clean:
	rm -rf $(VENV) .peers *.egg-info
