# Newsroom: `make run` sets everything up and serves the site; `make test` runs the whole suite.
SHELL := /bin/sh
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp
BANDIT_PATHS := articles people newsroom bench scripts

.PHONY: help run setup test lint format check pytest bench bench-loader bench-search bench-pages bench-http eval-ingest train-ingest clean lock

help:
	@echo "make run    set up (venv, database, source pages, editor account) and serve on http://127.0.0.1:$(PORT) with a task worker"
	@echo "make test   lint, checks and the whole test suite (SQLite, or DATABASE_URL)"
	@echo "make setup  everything 'make run' does except serving"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make bench-http  wrk against gunicorn on loopback, N=10000 articles (BENCH_HTTP_ARGS=...)"
	@echo "make eval-ingest  score the loader on ../shared/pages, tests/ingest/data/pages and the seed"
	@echo "make train-ingest rebuild articles/ingest/block_roles.crfsuite from TRAIN_DIR (../shared/pages, our pages, the seed)"

$(STAMP): pyproject.toml requirements.lock scripts/find-python
	@python=$$(scripts/find-python) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		echo "Creating $(VENV) with $$python"; rm -rf $(VENV); "$$python" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_sources --status published
	$(PY) manage.py create_editor

# The task worker runs beside the server and lives as long as it: Ctrl-C, or the server
# exiting for any reason, stops the worker too (the trap), so no worker is left behind.
run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/), task worker beside it"
	@$(PY) manage.py db_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT; trap 'exit 143' TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit --quiet --configfile pyproject.toml --recursive $(BANDIT_PATHS)

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(PY) manage.py makemigrations --check --dry-run

pytest: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

test: lint check pytest

# Benchmarks use their own databases (a temporary SQLite file; PostgreSQL `newsroom_bench`).
bench: bench-loader bench-search bench-pages

bench-loader: $(STAMP)
	$(PY) bench/loader_bench.py

bench-search: $(STAMP)
	$(PY) bench/search_bench.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench --count 100000
	$(PY) bench/search_bench.py --database-url sqlite:///var/search_bench.sqlite3 --count 10000

bench-pages: $(STAMP)
	$(PY) bench/page_bench.py

# wrk against gunicorn + production settings on loopback (needs wrk); see docs/performance.md.
# REDIS_URL=... for the Redis page cache; BENCH_HTTP_ARGS="--database-url postgres://... --soak".
N ?= 10000
bench-http: $(STAMP)
	$(PY) bench/http_bench.py --count $(N) $(BENCH_HTTP_ARGS)

# Scores the loader under ../shared/sources/README.md's comparison rules; EVAL_ARGS="--quiet" for tables only.
eval-ingest: $(STAMP)
	$(PY) bench/ingest_eval.py $(EVAL_ARGS)

# Rebuilds the block-role model deterministically from a labelled folder.
TRAIN_DIR ?= ../shared/pages tests/ingest/data/pages ../shared/sources
train-ingest: $(STAMP)
	$(PY) bench/train_ingest.py $(TRAIN_DIR)

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .ruff_cache

lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock.new
	( echo "# Pinned versions for reproducible installs: pip install -c requirements.lock -e '.[dev]'"; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; cat requirements.lock.new ) > requirements.lock
	rm requirements.lock.new
