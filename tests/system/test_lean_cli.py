"""`show DEAL --json` carries the lean with its interval, the questions worth asking and the
consensus (the contract of issue 19), the same on every run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lean") / "x.sqlite"
    assert run("--db", path, "demo").returncode == 0
    return path


def shown(db: Path, deal: str) -> dict[str, Any]:
    result = run("--db", db, "show", deal, "--json")
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_show_json_gives_lean_questions_and_consensus(demo_db: Path) -> None:
    document = shown(demo_db, "Northwind fleet telematics")
    analysis = document["analysis"]
    names = {p["id"]: p["name"] for p in document["deals"][0]["people"]}
    lean = analysis["lean"]
    assert set(lean) == {"value", "low", "high"}
    assert 0 <= lean["low"] <= lean["value"] <= lean["high"] <= 100
    questions = analysis["questions"]
    assert names[questions[0]["person"]] == "Richard Hale"  # high influence, nothing known
    assert all(q["name"] == names[q["person"]] for q in questions)  # no look-up needed
    assert questions[0]["axis"] in {"business", "technical", "personal"}
    narrowing = [q["narrows_by"] for q in questions]
    assert narrowing == sorted(narrowing, reverse=True)
    assert narrowing[0] > 5
    consensus = analysis["consensus"]
    assert 0 <= consensus["index"] <= 1
    assert consensus["shared_axis"] in {None, "business", "technical", "personal"}
    assert {names[p] for p in consensus["key_people"]} >= {"Margaret Okafor", "Richard Hale"}
    assert names[consensus["one_sided"][0]] in {"Richard Hale", "Daniel Brandt"}


def test_the_same_library_gives_the_same_figures(demo_db: Path) -> None:
    first = shown(demo_db, "Helix Health clinical data platform")["analysis"]
    again = shown(demo_db, "Helix Health clinical data platform")["analysis"]
    for key in ("lean", "questions", "consensus"):
        assert again[key] == first[key]
