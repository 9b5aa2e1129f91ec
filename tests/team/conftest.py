"""The team tests' laptops: Anna and Ben, each with a library of their own, on one folder
(``Laptop`` in test_team_sync.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.team.test_team_sync import Laptop


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "Team (OneDrive)"
    made.mkdir()
    return made


@pytest.fixture
def anna(tmp_path: Path, folder: Path) -> Iterator[Laptop]:
    laptop = Laptop(tmp_path, folder, "Anna")
    yield laptop
    laptop.library.close()


@pytest.fixture
def ben(tmp_path: Path, folder: Path) -> Iterator[Laptop]:
    laptop = Laptop(tmp_path, folder, "Ben")
    yield laptop
    laptop.library.close()
