# The two commands a newcomer needs: `make run` and `make test`. Both build .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 1
STAMP := $(VENV)/.installed
# The browser test drives Debian's Chromium (never a downloaded browser build).
CHROMIUM := /usr/bin/chromium

.PHONY: run test openapi bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The production command line (service/serve.py): uvloop, httptools, JSON access log.
run: $(STAMP)
	PORT=$(PORT) WORKERS=$(WORKERS) $(BIN)/python -m service.serve

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "The browser test needs Chromium at $(CHROMIUM) (Debian package chromium)."; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -q

# bench_service loads the production server with wrk (Debian package; installed here if missing).
bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	for f in bench/bench_*.py; do $(BIN)/python -m bench.$$(basename $$f .py) || exit 1; done

openapi: $(STAMP)
	$(BIN)/python -m service.openapi_export openapi/openapi.json

clean:
	rm -rf $(VENV)
