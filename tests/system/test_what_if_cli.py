"""`show DEAL --json` carries the plan's expected effect: `analysis.what_if` with the
projected triangle and lean, the same on every run (the contract of issue 19)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import digest, run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("what_if") / "x.sqlite"
    assert run("--db", path, "demo").returncode == 0
    return path


def what_if_of(db: Path, deal: str) -> dict[str, Any]:
    result = run("--db", db, "show", deal, "--json")
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    plain: dict[str, Any] = document["analysis"]["what_if"]
    return {**plain, "today": document["analysis"]["triangle"]}


def test_show_json_gives_the_projected_triangle_and_lean(demo_db: Path) -> None:
    before = digest(demo_db)
    shown = what_if_of(demo_db, "Helix Health clinical data platform")
    assert set(shown) >= {"triangle", "lean", "actions", "flags_cleared", "flags_raised"}
    for axis in ("business", "technical", "personal"):
        # every intended change of the demo plan raises a score: no axis falls
        assert shown["triangle"][axis]["value"] >= shown["today"][axis]["value"]
    lean = shown["lean"]
    assert lean["low"] <= lean["value"] <= lean["high"]
    gains = [row["gain"] for row in shown["actions"]]
    assert gains == sorted(gains, reverse=True)
    assert shown["actions"][0]["name"] == "Samuel Okoye"
    assert "unknown-personal-win" in shown["flags_cleared"]
    assert digest(demo_db) == before  # a what-if writes nothing


def test_the_same_library_gives_the_same_what_if(demo_db: Path) -> None:
    first = what_if_of(demo_db, "Northwind fleet telematics")
    assert what_if_of(demo_db, "Northwind fleet telematics") == first
