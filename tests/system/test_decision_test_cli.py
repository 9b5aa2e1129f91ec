"""``show DEAL --json`` carries the decision tests (issue 19's contract): Helix's parity case,
read through the library from the demo file, the same on every run, and its red flag."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import run

HELIX = "Helix Health clinical data platform"


@pytest.fixture(scope="module")
def helix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("decision") / "x.sqlite"
    assert run("--db", path, "demo").returncode == 0
    shown = run("--db", path, "show", HELIX, "--json")
    assert shown.returncode == 0, shown.stderr
    return path, json.loads(shown.stdout)


def test_show_json_gives_each_scored_persons_verdict(
        helix: tuple[Path, dict[str, Any]]) -> None:
    _path, shown = helix
    deal = shown["deals"][0]
    names = {p["id"]: p["name"] for p in deal["people"]}
    alternatives = {a["id"]: a["name"] for a in deal["alternatives"]}
    tests = shown["analysis"]["decision_tests"]
    by_name = {names[t["person"]]: t for t in tests}
    jonas = by_name["Jonas Berg"]
    assert {"person", "verdict", "favours"} <= set(jonas)
    assert all(t["name"] == names[t["person"]] for t in tests)  # no look-up needed
    assert jonas["verdict"] == ("parity: personal win decides — favours MedBridge "
                                "(MedBridge 8, us 4)")
    assert jonas["favours"] == "alternative"
    assert jonas["decides"] == "personal"
    assert alternatives[jonas["alternative"]] == "MedBridge"
    assert by_name["Chen Wei"]["favours"] == "us"
    # Only people with a scored alternative are tested.
    scored = {p["id"] for p in deal["people"] if p.get("versus")}
    assert {t["person"] for t in tests} == scored
    flags = [f for f in shown["analysis"]["flags"]
             if f["code"] == "personal-win-favours-alternative"]
    assert [f["people"] for f in flags] == [[jonas["person"]]]
    assert flags[0]["severity"] == "high"


def test_the_same_library_gives_the_same_tests_every_run(
        helix: tuple[Path, dict[str, Any]]) -> None:
    path, shown = helix
    again = json.loads(run("--db", path, "show", HELIX, "--json").stdout)
    assert again["analysis"]["decision_tests"] == shown["analysis"]["decision_tests"]
