"""Our people CSV merged back into the deal it came from: nothing changes unless the table
was edited, and an edit is a conflict on exactly what was edited. The table carries score
values (not their evidence) and each person's next step (not the action's owner, people
or intended change), so a merge compares those alone and keeps the rest."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from desktop.demo import demo_deals
from desktop.domain.deal import Deal
from desktop.domain.merge import Resolution
from desktop.exchange.formats import people_csv
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.store.library import Library


@pytest.fixture
def stored(library: Library) -> list[Deal]:
    library.add_deals(demo_deals())
    return [library.get_deal(s.id) for s in library.list_deals()]


def exported_rows(deal: Deal, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "people.csv"
    people_csv.write([deal], path, include_private=False)
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def written(rows: list[list[str]], tmp_path: Path) -> Path:
    path = tmp_path / "edited.csv"
    path.write_bytes(people_csv.csv_bytes(rows))
    return path


def test_each_deals_own_export_merges_back_changing_nothing(library: Library,
                                                           stored: list[Deal],
                                                           tmp_path: Path) -> None:
    for deal in stored:
        path = tmp_path / f"{deal.id}.csv"
        people_csv.write([deal], path, include_private=False)
        plan = plan_import(library, read_files([path]), into=deal.id)
        (merge,) = plan.merges
        assert merge.conflicts == ()
        assert (merge.plan.added, merge.plan.conflicts) == (0, ())
        assert plan.changes_nothing, deal.name


def test_an_edited_score_and_due_date_are_the_only_conflicts(library: Library,
                                                             stored: list[Deal],
                                                             tmp_path: Path) -> None:
    deal = next(d for d in stored if any(p.name == "Amelia Novak" for p in d.people))
    rows = exported_rows(deal, tmp_path)
    header = rows[0]
    amelia = next(r for r in rows if r[1] == "Amelia Novak")
    jonas = next(r for r in rows if r[1] == "Jonas Berg")
    amelia[header.index("Business outcome")] = "9"
    amelia[header.index("Next step due")] = "2027-01-19"
    jonas[header.index("Business outcome")] = ""  # an emptied cell says nothing
    plan = plan_import(library, read_files([written(rows, tmp_path)]), into=deal.id)
    (merge,) = plan.merges
    assert [(c.mine.name, c.fields) for c in merge.conflicts] == [("Amelia Novak",
                                                                   ("scores",))]
    before = next(p for p in deal.people if p.name == "Amelia Novak")
    step = deal.next_action(before.id)
    assert step is not None
    assert merge.plan.conflicts == (("action", step.text),)
    assert merge.plan.added == 0
    apply_import(library, plan, Resolution.THEIRS, Resolution.THEIRS)
    after = library.get_deal(deal.id)
    person = next(p for p in after.people if p.id == before.id)
    assert person.scores.business.value == 9
    assert person.scores.business.evidence == before.scores.business.evidence != ""
    assert person.scores.business.confidence == before.scores.business.confidence
    moved = next(a for a in after.actions if a.id == step.id)
    assert moved.due == date(2027, 1, 19)
    assert (moved.owner, moved.for_people, moved.intended) == (step.owner, step.for_people,
                                                               step.intended)
    assert len(after.actions) == len(deal.actions)
    jonas_after = next(p for p in after.people if p.name == "Jonas Berg")
    assert jonas_after.scores.business.value is not None
