# Lindung: `make run` (demo office on SQLite) and `make test` (the whole suite).
# `make run HOST=0.0.0.0 PORT=8080` serves elsewhere; `make test PYTEST_ARGS="tests/core -x"` runs a part.
PYTHON ?= python3
HOST   ?= 127.0.0.1
PORT   ?= 5000
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test setup db demo translations messages chromium lint bench bench-http screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) translations

translations: $(STAMP)
	@$(BIN)/pybabel -q compile -d blueprints/translations

db: setup
	$(FLASK) db upgrade
	$(FLASK) reference load

demo: db
	$(FLASK) seed-demo

run: demo
	@echo ""
	@echo "Lindung is running at http://$(HOST):$(PORT) (stop with Ctrl+C)"
	LINDUNG_INSECURE_COOKIES=1 LINDUNG_PUBLIC_URL=$${LINDUNG_PUBLIC_URL:-http://$(HOST):$(PORT)} $(FLASK) run --host $(HOST) --port $(PORT)

# Browser tests drive the system Chromium; install it when missing (Debian, as root).
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "ERROR: $(CHROMIUM) is missing; install it (sudo apt-get install chromium) for the browser tests" >&2; exit 1; \
	  fi; \
	fi

test: setup chromium
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check service blueprints tests wsgi.py setup.py bench

# Benchmarks that need no external database (the province-scale one needs PostgreSQL: see README).
bench: setup
	$(BIN)/python -m bench.reference_load
	$(BIN)/python -m bench.bnba_import
	$(BIN)/python -m bench.sync_bench

# The HTTP benchmark behind gunicorn over a generated database (PostgreSQL; README "Benchmarks").
BENCH_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench_http
BENCH_SCALE ?= 0.02
bench-http: setup
	$(BIN)/python -m bench.http_bench --url $(BENCH_URL) --generate --scale $(BENCH_SCALE)

# The README's screenshots (docs/screenshots/), from a fresh demo office in the system Chromium.
screenshots: setup chromium
	$(BIN)/python -m bench.screenshots

clean:
	rm -rf $(VENV) instance .pytest_cache

# Re-extract UI strings into the English catalogue (then translate the new msgstr "" entries).
messages: setup
	$(BIN)/pybabel -q extract -F blueprints/translations/babel.cfg -k tr -k trn:1,2 -k N_ -k _ --no-location --no-wrap --sort-output -o blueprints/translations/messages.pot .
	$(BIN)/pybabel -q update -i blueprints/translations/messages.pot -d blueprints/translations -l en --no-fuzzy-matching --no-wrap
