# Two commands for a newcomer: `make run` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INDEX ?= index
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint browser axe sphinx cluster cluster-stop screenshots bench clean
CHROMIUM ?= /usr/bin/chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The stamp re-installs only when the package metadata changes.
$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/searchapp rebuild seeds --index $(INDEX)
	$(BIN)/searchapp serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: $(VENV)/.installed browser axe sphinx lint
	$(BIN)/python -m pytest -q

# ruff (style and likely bugs) and mypy (types), configured in pyproject.toml.
lint: $(VENV)/.installed
	$(BIN)/ruff check searchapp tests bench docs
	$(BIN)/mypy

# Browser tests drive Debian's Chromium with Playwright (never a browser download).
browser:
	@test -x $(CHROMIUM) || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests will be skipped)"; fi; }

# axe-core (pinned in package.json and package-lock.json) for the accessibility test, into the
# git-ignored node_modules/; the site itself serves no npm code.
AXE := node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null && npm ci --no-audit --no-fund --silent && touch $@ || \
		echo "npm is missing: run 'sudo apt-get install npm' (the accessibility test will be skipped)"

# searchd for the SphinxQL backend's tests and the local cluster: Debian's sphinxsearch.
sphinx:
	@command -v searchd >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sphinxsearch >/dev/null; \
		else echo "searchd is missing: run 'sudo apt-get install sphinxsearch' (SphinxQL tests will be skipped)"; fi; }

# A local 3-node cluster on loopback (3 shards, each on 2 nodes); prints the SEARCHAPP_BACKEND to use.
CLUSTER_DIR ?= .cluster
CLUSTER_PORT ?= 19306
cluster: $(VENV)/.installed sphinx
	$(BIN)/python -m searchapp.backends.sphinxql.cluster start --dir $(CLUSTER_DIR) --port $(CLUSTER_PORT)

cluster-stop: $(VENV)/.installed
	$(BIN)/python -m searchapp.backends.sphinxql.cluster stop --dir $(CLUSTER_DIR)

# Regenerate the README's screenshots from the sample archive.
screenshots: $(VENV)/.installed browser
	$(BIN)/python docs/screenshots.py

# Quality against ../shared/eval, speed on the realistic archive (bench/realistic.py); prints tables,
# asserts nothing.
# tantivy is only the Lucene-style baseline the ranking is compared with.
bench: $(VENV)/.installed
	$(BIN)/pip install --quiet tantivy==0.27.0
	$(BIN)/python bench/extraction.py
	taskset -c 0 $(BIN)/python bench/entities.py
	$(BIN)/python bench/people_audit.py --pages tests/fixtures/wire
	$(BIN)/python bench/people_audit.py --n 2000
	$(BIN)/python bench/people_audit.py --n 2000 --wire 1
	$(BIN)/python bench/relevance.py
	$(BIN)/python bench/targets.py --n 2000
	$(BIN)/python bench/scale.py --n 10000 --sample 500

clean:
	rm -rf $(VENV) *.egg-info node_modules
