"""Deal files across versions: a version-1 file (written by the release before the plan)
is read with each next step as an open action and the competitors as alternatives; ``export
--format-version 1`` writes what that release reads, with no key of version 2, and says in
one sentence on stderr what it left out; ``show --json`` carries the plan.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from desktop.domain import version1
from desktop.domain.actions import ActionStatus, OwnerSide
from desktop.domain.deal import Deal
from desktop.domain.decision import AlternativeKind
from desktop.domain.plain import PERSON_V2_KEYS, PLAN_KEYS
from desktop.exchange import dealfile
from desktop.store.library import Library
from tests.helpers.cli import assert_one_clear_line, digest, run
from tests.helpers.paths import DATA

LIBRARIES = DATA / "libraries"
V1_FILE = LIBRARIES / "v1-fixture.dealtri"  # exported by the release before the plan
# The schema as that release published it: what a version-1 reader accepts.
V1_SCHEMA = Draft202012Validator(
    json.loads((LIBRARIES / "deal-file-v1.schema.json").read_text(encoding="utf-8")))


def _v2_keys_in(document: dict[str, Any]) -> list[str]:
    """Every key of version 2 found on a deal or a person, snapshots' deals included."""
    found = []
    pending = list(document["deals"])
    while pending:
        deal = pending.pop()
        found += [key for key in PLAN_KEYS if key in deal]
        found += [key for p in deal.get("people", []) for key in PERSON_V2_KEYS if key in p]
        pending += [s["deal"] for s in deal.get("snapshots", [])]
    return found


# -- reading version 1 ----------------------------------------------------------------------


def test_a_version_1_file_reads_next_steps_as_actions_and_competitors_as_alternatives(
        ) -> None:
    raw = json.loads(V1_FILE.read_text(encoding="utf-8"))
    assert raw["version"] == 1
    (plain,) = raw["deals"]
    (deal,) = dealfile.read_file(V1_FILE)
    steps = {p["id"]: p["next_step"] for p in plain["people"]}
    assert sum(1 for s in steps.values() if s) == 2
    for person in deal.people:
        text = steps[person.id]
        action = deal.next_action(person.id)
        if not text:
            assert action is None
            continue
        assert action is not None
        assert action.id == version1.next_step_action_id(person.id)
        assert action.text == " ".join(text.split())
        assert (action.owner_side, action.status, action.due, action.for_people) == (
            OwnerSide.US, ActionStatus.OPEN, None, (person.id,))
    assert len(deal.actions) == 2
    assert plain["competitors"] == ["FleetIQ", "fleetiq", "Do nothing"]
    assert [(a.id, a.name, a.kind) for a in deal.alternatives] == [
        (version1.competitor_id(deal.id, "FleetIQ"), "FleetIQ", AlternativeKind.COMPETITOR),
        (version1.competitor_id(deal.id, "Do nothing"), "Do nothing",
         AlternativeKind.COMPETITOR)]
    (snapshot,) = deal.snapshots  # stored in the version-1 shape too
    assert [a.id for a in snapshot.deal.actions] == [a.id for a in deal.actions]


def test_the_cli_imports_a_version_1_file(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite"
    result = run("--db", db, "import", V1_FILE)
    assert result.returncode == 0, result.stderr
    with Library.open(db) as library:
        (summary,) = library.list_deals()
        deal = library.get_deal(summary.id)
    texts = sorted(a.text for a in deal.actions)
    assert len(texts) == 2
    assert texts[0].startswith("Book the ward visit with the night shift (not the day shift)")
    assert texts[1] == "Send the business case by Friday"
    assert [a.name for a in deal.alternatives] == ["FleetIQ", "Do nothing"]


# -- writing version 1 ----------------------------------------------------------------------


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "lib.sqlite"
    assert run("--db", db, "demo").returncode == 0
    return db


def test_export_format_version_1_leaves_out_the_plan_and_says_what(
        demo_db: Path, tmp_path: Path, northwind: Deal) -> None:
    out = tmp_path / "for-an-old-release.dealtri"
    before = digest(demo_db)
    result = run("--db", demo_db, "export", northwind.id, "-o", out, "--format-version", "1")
    assert result.returncode == 0, result.stderr
    assert digest(demo_db) == before
    with Library.open(demo_db) as library:
        stored = library.get_deal(northwind.id)
    expected = dealfile.version_1_note([stored])
    assert result.stderr == expected + "\n"  # one sentence, nothing else
    assert expected.startswith("Version 1 leaves out ")
    for what in ("actions", "5 decision criteria", "process steps", "1 compelling event"):
        assert what in expected
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["version"] == 1
    assert _v2_keys_in(document) == []
    assert V1_SCHEMA.is_valid(document), [e.message for e in V1_SCHEMA.iter_errors(document)]
    (deal,) = document["deals"]
    assert deal["competitors"] == list(stored.competitors)
    # Each person's next open action travels as their next step.
    for person in deal["people"]:
        action = stored.next_action(person["id"])
        assert person["next_step"] == (action.text if action else "")
    assert any(p["next_step"] for p in deal["people"])


def test_nothing_left_out_says_nothing(tmp_path: Path) -> None:
    """A deal whose plan is only next steps and competitors (the version-1 fixture) fits
    version 1 whole: no sentence, and reading the file back gives the same plan."""
    db = tmp_path / "lib.sqlite"
    assert run("--db", db, "import", V1_FILE).returncode == 0
    (deal,) = dealfile.read_file(V1_FILE)
    out = tmp_path / "again.dealtri"
    result = run("--db", db, "export", deal.id, "-o", out, "--format-version", "1",
                 "--include-private")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    (back,) = dealfile.read_file(out)
    assert [(a.id, a.text) for a in back.actions] == [(a.id, a.text) for a in deal.actions]
    assert [(a.id, a.name) for a in back.alternatives] == [
        (a.id, a.name) for a in deal.alternatives]


def test_the_default_is_version_3(demo_db: Path, tmp_path: Path, northwind: Deal) -> None:
    for extra in ([], ["--format-version", "3"]):
        out = tmp_path / f"now{len(extra)}.dealtri"
        result = run("--db", demo_db, "export", northwind.id, "-o", out, *extra)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        document = json.loads(out.read_text(encoding="utf-8"))
        assert document["version"] == 3
        assert set(PLAN_KEYS) <= set(document["deals"][0])


@pytest.mark.parametrize(("output", "version", "said"), [
    ("x.dealtri", "4", "no format version 4; choose 1, 2 or 3"),
    ("x.dealtri", "0", "no format version 0"),
    ("x.csv", "1", "one version only"),
    ("x.svg", "1", "--format-version is for deal files"),
])
def test_a_version_that_cannot_be_written_is_one_sentence(
        demo_db: Path, tmp_path: Path, northwind: Deal, output: str, version: str,
        said: str) -> None:
    line = assert_one_clear_line(run("--db", demo_db, "export", northwind.id, "-o",
                                     tmp_path / output, "--format-version", version))
    assert said in line
    assert not (tmp_path / output).exists()


def test_left_out_words_count_and_agree_in_number() -> None:
    from desktop.domain.actions import Action
    from desktop.domain.decision import Alternative, CompellingEvent, Criterion, ProcessStep
    from desktop.domain.person import Person

    a = Person(name="A", organisation="Partner AG")
    deal = Deal(name="D", people=(a,), actions=(Action("first", for_people=(a.id,)),
                                              Action("second", for_people=(a.id,))),
                criteria=(Criterion("Price"),), process=(ProcessStep("Legal"),),
                alternatives=(Alternative("Do nothing", AlternativeKind.DO_NOTHING),),
                compelling_event=CompellingEvent("Lease ends"))
    assert dealfile.version_1_note([deal]) == (
        "Version 1 leaves out 1 action, 1 decision criterion, 1 process step, 1 alternative "
        "that is not a competitor, 1 compelling event and 1 person's organisation, leaning "
        "or coaching; the library keeps them.")
    assert dealfile.version_1_note([Deal(name="Empty")]) == ""


# -- show --json -----------------------------------------------------------------------------


def test_show_json_carries_the_plan(demo_db: Path, northwind: Deal) -> None:
    result = run("--db", demo_db, "show", northwind.id, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    (deal,) = document["deals"]
    for key in ("actions", "criteria", "process", "alternatives", "compelling_event"):
        assert key in deal, key
    assert len(deal["actions"]) == len(northwind.actions)
    for action in deal["actions"]:
        assert {"id", "text", "owner_side", "owner", "due", "status", "people",
                "intended"} <= set(action)
    people = {p["id"] for p in deal["people"]}
    assert all(set(a["people"]) <= people for a in deal["actions"])
    assert any(a["intended"] is not None for a in deal["actions"])
    assert {a["name"] for a in deal["alternatives"]} == {a.name for a in northwind.alternatives}
    assert northwind.compelling_event is not None
    assert deal["compelling_event"]["text"] == northwind.compelling_event.text
    assert [c["id"] for c in deal["criteria"]] == [c.id for c in northwind.criteria]
    assert [s["id"] for s in deal["process"]] == [s.id for s in northwind.process]
