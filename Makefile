# The two commands of the README: `make run` and `make test`. Both set everything up first
# (system libraries when root, the virtual environment in .venv), so a fresh clone needs no
# other step.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup run test lint typecheck pytest bench clean screenshots soak fuzz

setup:
	@bash packaging/setup-dev.sh

run: setup
	$(PY) -m desktop

test: setup lint typecheck pytest

lint:
	$(PY) -m ruff check .

typecheck:
	$(PY) -m mypy

pytest:
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The long runs of the reliability tests: thousands of SIGKILLs, many fuzz examples.
soak: setup
	DEAL_TRIANGLE_KILLS=3000 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/test_crash_harness.py

fuzz: setup
	DEAL_TRIANGLE_FUZZ_EXAMPLES=20000 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/test_fuzz_importers.py

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .hypothesis

screenshots: setup
	xvfb-run -a -s "-screen 0 1920x1080x24 -dpi 96" $(PY) packaging/screenshots.py
