# conflictwire: `make demo` and `make test` are all a newcomer needs; both install first.
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
LOCK   := requirements/lock.txt
# The map page's front-end packages (web/package.json, pinned by web/package-lock.json).
WEB    := web/node_modules/.installed

.PHONY: install demo test test-fast fuzz lint format bench lock clean

install: $(STAMP) $(WEB)

# Re-run when the venv is missing or the lock file / project metadata changed.
$(STAMP): $(LOCK) pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m conflictwire gazetteer build
	touch $(STAMP)

$(WEB): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 18 or newer (the map page's packages come from npm)"; exit 1; }
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $(WEB)

demo: install
	$(VENV)/bin/conflictwire demo

test: install
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not e2e"

# The fuzz suite's long profile, by hand (README, "Fuzzing"): many more random examples.
fuzz: install
	CONFLICTWIRE_FUZZ=long $(PY) -m pytest -q --hypothesis-show-statistics tests/test_fuzz_*.py

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

bench: install
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_scale.py
	$(PY) benchmarks/bench_dedup.py
	$(PY) benchmarks/bench_long.py
	$(PY) benchmarks/bench_serve.py

# Refresh the hashed lock after editing requirements/requirements.in (needs the package index).
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 \
		--output-file $(LOCK) requirements/requirements.in

clean:
	rm -rf $(VENV) web/node_modules test-output demo-output conflictwire.db build *.egg-info src/*.egg-info
