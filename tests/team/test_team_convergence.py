"""Two laptops on one team folder, editing the same deal in random order while the sync
engine half-writes files and makes conflict copies: once every laptop has synced twice more,
both libraries hold the same deal, and no acknowledged edit is lost (property-based).

Two and five laptops, as the issue asks (``_run`` takes any number). Five found what a
three-way merge on kept versions could not settle (a file based on versions its reader never
had); the marks on each value settle it in any order (``desktop/exchange/stamped_merge.py``).

Each laptop edits its own stakeholder (the account team splits the people) and adds people
of its own: edits that do not clash, which a three-way merge must bring together without
asking anyone (clashes are the seller's to decide: tests/team/test_team_sync.py)."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Support
from desktop.domain.person import Person
from desktop.domain.scores import Score
from desktop.domain.team import Share
from desktop.exchange.team_folder import published_name
from desktop.store import team
from tests.team.test_team_sync import LATER, Laptop

TITLES = ("CIO", "CTO", "Head of IT", "VP Finance", "Procurement lead")


def _operations(laptops: int) -> st.SearchStrategy[list[tuple[str, int, int]]]:
    kinds = st.sampled_from(("title", "support", "score", "add", "sync", "sync", "quick",
                             "truncate", "copy"))
    return st.lists(st.tuples(kinds, st.integers(0, laptops - 1), st.integers(0, 4)),
                    min_size=1, max_size=25)


def _state(laptop: Laptop, deal_id: str) -> dict[str, tuple[str, str, Support, int | None]]:
    deal = laptop.deal(deal_id)
    return {p.id: (p.name, p.title, p.support, p.scores.business.value) for p in deal.people}


def _run(laptops: int, operations: list[tuple[str, int, int]]) -> None:
    root = Path(tempfile.mkdtemp(prefix="team-"))
    try:
        folder = root / "folder"
        folder.mkdir()
        crew = [Laptop(root, folder, f"Seller {n}") for n in range(laptops)]
        people = tuple(Person(name=f"Stakeholder {n}") for n in range(laptops))
        deal = Deal(name="Contoso renewal", account="Contoso", people=people)
        crew[0].library.add_deal(deal)
        team.share(crew[0].library, Share(deal.id))
        for laptop in crew:  # everyone has it and shares it
            laptop.sync(clock_ns=LATER)
            team.share(laptop.library, Share(deal.id))
        expected: dict[str, tuple[object, ...]] = {}  # acknowledged edits, by person id
        added = 0
        for kind, who, value in operations:
            laptop = crew[who]
            mine = laptop.deal(deal.id).person(people[who].id)
            if kind == "title":
                laptop.library.update_people([replace(mine, title=TITLES[value])])
                expected[mine.id] = (mine.name, TITLES[value])
            elif kind == "support":
                support = Support(value - 2)
                laptop.library.update_people([replace(mine, support=support)])
                expected[f"{mine.id}/support"] = (support,)
            elif kind == "score":
                laptop.library.update_people([replace(mine, scores=mine.scores.with_score(
                    Axis.BUSINESS, Score(value * 2)))])
                expected[f"{mine.id}/score"] = (value * 2,)
            elif kind == "add":
                added += 1
                newcomer = Person(name=f"Newcomer {who}.{added}")
                laptop.library.add_people(deal.id, [newcomer])
                expected[newcomer.id] = (newcomer.name, "")
            elif kind == "sync":
                laptop.sync(clock_ns=LATER)
            elif kind == "quick":  # the window's watcher: read what came, publish nothing
                laptop.sync(clock_ns=LATER, quick=True)
            else:
                path = folder / published_name(deal.id, laptop.author_id)
                if not path.exists():
                    continue
                if kind == "truncate":  # the engine is half-way through writing it
                    data = path.read_bytes()
                    path.write_bytes(data[: len(data) // 3])
                else:  # the engine kept a conflict copy beside a newer version
                    shutil.copy(path, path.with_name(path.name.replace(
                        ".dealtri", f" ({laptop.author_id[:4]}'s conflicted copy).dealtri")))
        for _ in range(2):
            for laptop in crew:
                report = laptop.sync(clock_ns=LATER)
                assert report.conflicts == (), report.conflicts
        states = [_state(laptop, deal.id) for laptop in crew]
        for state in states[1:]:
            assert state == states[0]
        final = states[0]
        for key, wanted in expected.items():
            person_id, _, aspect = key.partition("/")
            assert person_id in final, key
            name, title, support, business = final[person_id]
            if aspect == "support":
                assert (support,) == wanted
            elif aspect == "score":
                assert (business,) == wanted
            else:
                assert (name, title) == wanted
        for laptop in crew:
            laptop.library.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


# TEAM_EXAMPLES=500 for a long hunt (make soak); 12 keep the unit suite quick.
QUICK = settings(max_examples=int(os.environ.get("TEAM_EXAMPLES", "12")), deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@QUICK
@given(_operations(2))
def test_two_laptops_end_with_the_same_deal_and_every_edit(
        operations: list[tuple[str, int, int]]) -> None:
    _run(2, operations)


@QUICK
@given(_operations(5))
def test_five_laptops_end_with_the_same_deal_and_every_edit(
        operations: list[tuple[str, int, int]]) -> None:
    _run(5, operations)
