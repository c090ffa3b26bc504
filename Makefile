# Every target sets up what it needs on a fresh machine (Python ≥ 3.11, Node 20, npm).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := typescript/node_modules/.installed
BENCH_NODE_STAMP := bench/ts/node_modules/.installed

.PHONY: setup test test-typescript test-python breaking release demo generate check lint bench fuzz clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

# The generator needs typescript/node_modules too: protoc-gen-es runs from there.
$(NODE_STAMP): typescript/package-lock.json
	cd typescript && npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

# bench-only npm packages (ajv and zod, the peers); the library, protobuf-es and kafkajs come from typescript/
$(BENCH_NODE_STAMP): bench/ts/package-lock.json
	cd bench/ts && npm ci --no-audit --no-fund
	touch $(BENCH_NODE_STAMP)

setup: $(STAMP) $(NODE_STAMP)

generate: setup  ## rewrite every generated file from contracts/proto
	$(VENV)/bin/vibe-contracts generate

check: setup  ## fail if a generated file differs from what the source gives
	$(VENV)/bin/vibe-contracts check

lint: setup
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" buf lint
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" buf format --exit-code --diff

test-typescript: setup  ## builds dist/ (the cross-language tests run it) and runs the node tests
	cd typescript && npm test

test-python: setup test-typescript $(BENCH_NODE_STAMP)  # tests/bench runs the Node benchmark scripts too
	$(PY) -m pytest

breaking: setup  ## refuse contract changes the version does not allow, against the latest release
	$(VENV)/bin/vibe-contracts breaking

release: setup  ## save the current contract as contracts/releases/<version>/
	$(VENV)/bin/vibe-contracts release

test: test-typescript test-python breaking  ## every test, Python and TypeScript, and the breaking-change gate

demo: setup  ## the main job end to end: a local broker, Python ⇄ TypeScript in both formats, a summary
	$(VENV)/bin/vibe-contracts check
	$(PY) examples/verify_vectors.py
	$(PY) examples/demo.py

bench: setup $(BENCH_NODE_STAMP)  ## codec, memory and broker benchmarks, Python and TypeScript: one table, also bench/results.{md,json}
	cd typescript && npm run build
	$(PY) bench/run.py $(BENCH_ARGS)

FUZZ_SECONDS ?= 180
fuzz: setup  ## fuzz each decode entry point (atheris), seeded from the vectors; fails on any crash
	$(PY) -m pip install --quiet -c constraints.txt atheris
	$(PY) fuzz/run.py --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) typescript/node_modules typescript/dist bench/ts/node_modules .pytest_cache .hypothesis
