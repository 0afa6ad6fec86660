# Liaison — two commands do all set-up on a fresh Debian machine with Python 3.11:
#   make run    virtualenv, install, migrate, demo data, serve on http://127.0.0.1:8000 with a worker
#   make test   everything the tests need (PostgreSQL, Chromium), then the whole suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install test test-fast system-deps bench load screenshot messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

run: install
	scripts/system-deps.sh --runtime
	LIAISON_DEBUG=1 $(BIN)/liaison migrate --no-input
	LIAISON_DEBUG=1 $(BIN)/liaison demo
	# The worker (e-mail outbox, long jobs, daily jobs) runs beside the server and stops with it.
	LIAISON_DEBUG=1 $(BIN)/liaison worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	LIAISON_DEBUG=1 $(BIN)/liaison runserver $(HOST):$(PORT)

system-deps:
	scripts/system-deps.sh

test: install system-deps
	scripts/test.sh

# SQLite only, no browser: a quick loop while coding.
test-fast: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -m "not browser" -q

bench: install
	$(BIN)/pip install --quiet -e ".[test,bench]"
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/roster.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/actionplan.py
	$(BIN)/python benchmarks/lottery_scale.py

# Locust against `liaison serve` + PostgreSQL on loopback: 100 and 300 users (LOAD_SECONDS each);
# SOAK_SECONDS=1800 make load adds a soak with each worker's memory at its start and end.
load: install system-deps
	$(BIN)/pip install --quiet -e ".[test,load]"
	scripts/load.sh

# Translation catalogues (liaison/locale/<lang>/LC_MESSAGES/django.po) for the five UN languages
# besides English: extract the marked strings of the code and templates (tests excluded), merge them
# into each catalogue (existing translations are kept), then compile every catalogue to its .mo.
MESSAGE_LANGUAGES := ar zh_Hans fr ru es
messages: install
	command -v msgfmt >/dev/null || scripts/system-deps.sh --runtime
	cd liaison && LIAISON_DEBUG=1 ../$(BIN)/liaison makemessages $(addprefix -l ,$(MESSAGE_LANGUAGES)) \
		--extension html,txt,py --ignore "*/tests/*" --ignore "locale/*" --no-obsolete --add-location file
	cd liaison && LIAISON_DEBUG=1 ../$(BIN)/liaison compilemessages $(addprefix -l ,$(MESSAGE_LANGUAGES))

screenshot: install system-deps
	$(BIN)/python scripts/screenshot.py docs/img

clean:
	rm -rf $(VENV) var .pytest_cache
