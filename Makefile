# Two commands matter: `make run` (set up and serve the site) and `make test` (set up and run every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
STAMP := $(VENV)/.installed

AXE := node_modules/axe-core/axe.min.js
LIGHTHOUSE := node_modules/.bin/lighthouse

.PHONY: run setup voice test bench bench-scale translations extract clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

translations: $(STAMP)
	$(BIN)/pybabel compile -d translations 2>/dev/null

# The machine voice (espeak-ng, opusenc) reads literacy lessons aloud; the site runs without it, but they stay silent.
voice:
	@command -v espeak-ng >/dev/null && command -v opusenc >/dev/null || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng opus-tools; } || \
	    echo "Note: install espeak-ng and opus-tools for the machine voice of literacy lessons."; }

setup: $(STAMP) translations voice
	$(BIN)/lms setup

run: setup
	$(BIN)/lms run --host 127.0.0.1 --port $(PORT)

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

$(LIGHTHOUSE): $(AXE)
	npm install --no-save --no-audit --no-fund --silent lighthouse@12.2.3

# The whole suite on SQLite (browser tests included), then unit, integration and fuzz tests on a throwaway PostgreSQL.
test: $(STAMP) translations $(AXE)
	$(BIN)/python -m pytest -q
	LMS_TEST_DATABASE=postgresql $(BIN)/python -m pytest -q tests/unit tests/integration tests/fuzz

bench: $(STAMP) translations $(LIGHTHOUSE)
	status=0; $(BIN)/python bench/run.py || status=1; $(BIN)/python bench/serve.py || status=1; $(BIN)/python bench/serve.py --engine postgres || status=1; $(BIN)/python bench/search.py || status=1; $(BIN)/python bench/upload.py || status=1; exit $$status

# Longer runs at province scale: reports over 200,000 learners on both engines, and a load test of learners
# studying while a teacher publishes (both start their own throwaway PostgreSQL).
bench-scale: $(STAMP) translations
	status=0; $(BIN)/python bench/reports.py --scale 1.0 || status=1; $(BIN)/python bench/load.py || status=1; exit $$status

extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance .pytest_cache
