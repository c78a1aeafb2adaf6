# The two commands a newcomer needs: `make run` and `make test`. Both build .venv on first use,
# from the hash-pinned lock files (`make lock` rewrites them after a change to pyproject.toml).
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 1
STAMP := $(VENV)/.installed
# The browser test drives Debian's Chromium (never a downloaded browser build).
CHROMIUM := /usr/bin/chromium
# The share image's text is drawn with Noto Sans CJK (Debian package fonts-noto-cjk): Latin for
# en, fr, de, es, pt and kana and kanji for ja; the server names these files and no others.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
AXE := tools/axe/node_modules/axe-core/axe.min.js
# Locks are resolved for the image's platform, wherever `make lock` runs. A lock keeps its pins
# until pyproject.toml asks otherwise; `make lock LOCK_FLAGS=--upgrade` moves all to the newest.
LOCK_FLAGS ?=
COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu $(LOCK_FLAGS)

.PHONY: install run test lint lock openapi astronomy bench clean

# `make` alone builds the environment and stops.
install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The dev lock holds the runtime lock's pins plus the test tools; the project itself goes in
# without dependencies, so everything installed is pinned by hash.
$(STAMP): requirements.lock requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# requirements.lock: [project].dependencies, what the image installs.
# requirements-dev.lock: those same pins plus the `test` extra (pytest, ruff, mypy, ...).
lock: | $(BIN)/python
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(COMPILE) -o requirements.lock
	$(COMPILE) --extra test --constraint requirements.lock -o requirements-dev.lock

# The production command line (service/serve.py): uvloop, httptools, JSON access log.
run: $(STAMP) $(CJK_FONT)
	PORT=$(PORT) WORKERS=$(WORKERS) $(BIN)/python -m service.serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "The browser test needs Chromium at $(CHROMIUM) (Debian package chromium)."; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The share image and Japanese pages in Chromium both need the CJK font.
$(CJK_FONT):
	@command -v apt-get >/dev/null || { echo "The share image and the browser test need $(CJK_FONT) (Debian package fonts-noto-cjk)."; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk

# axe-core, the accessibility checker the browser test injects, pinned by tools/axe/package-lock.json.
$(AXE): tools/axe/package.json tools/axe/package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm)
	cd tools/axe && npm ci --no-audit --no-fund --silent
	touch $(AXE)

# Bytecode caches kept (PYTHONDONTWRITEBYTECODE unset): each test process would otherwise compile
# and rewrite the asserts of every test module again, every run.
test: lint $(CHROMIUM) $(CJK_FONT) $(AXE)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q

# bench_service loads the production server with wrk (Debian package; installed here if missing).
bench: $(STAMP) $(CJK_FONT)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	for f in bench/bench_*.py; do $(BIN)/python -m bench.$$(basename $$f .py) || exit 1; done

openapi: $(STAMP)
	$(BIN)/python -m service.openapi_export openapi/openapi.json

# The events' astronomy, computed with astropy and committed (service/data/astronomy.json).
astronomy: $(STAMP)
	$(BIN)/python -m service.astronomy.build

clean:
	rm -rf $(VENV)
