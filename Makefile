# The two commands of the README: `make run` and `make test`. Both set everything up first
# (system libraries when root, the virtual environment in .venv), so a fresh clone needs no
# other step.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup run test lint typecheck pytest bench clean screenshots soak fuzz icons bundle smoke

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

# The long runs of the reliability tests: thousands of SIGKILLs, a long hunt of the team
# folder's convergence property, and the team folder carried by a real Syncthing on loopback
# (tests/soak; packaging/get-syncthing.sh gets Debian's package, without root, into .tools/;
# when it cannot, that test is skipped saying so).
soak: setup
	SYNCTHING="$$(bash packaging/get-syncthing.sh)" QT_QPA_PLATFORM=offscreen \
		$(PY) -m pytest -q -rP -m soak tests/soak
	TEAM_EXAMPLES=200 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/team/test_team_convergence.py
	DEAL_TRIANGLE_KILLS=3000 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/system/test_crash_harness.py

fuzz: setup
	DEAL_TRIANGLE_FUZZ_EXAMPLES=20000 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/exchange/test_fuzz_importers.py

# The app icon's PNG sizes, rendered from resources/icons/deal-triangle.svg.
icons: setup
	$(PY) packaging/make_icons.py build/icons

# A one-folder bundle that runs without Python (dist/DealTriangle/), then its smoke test.
bundle: setup icons
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[bundle]"
	$(PY) -m PyInstaller packaging/deal-triangle.spec --noconfirm --clean \
		--distpath dist --workpath build/pyinstaller
	$(PY) packaging/smoke.py dist/DealTriangle

smoke:
	$(PY) packaging/smoke.py dist/DealTriangle

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .hypothesis build dist

screenshots: setup
	xvfb-run -a -s "-screen 0 1920x1080x24 -dpi 96" $(PY) packaging/screenshots.py
