"""Comments in the library: stored in the deal's order and read back equal, upgraded into
from a version-2 library, dropped with the person they are about (and put back by the plan
undo restores), refused on a person of another deal, and listed by ``check`` when a file
edited elsewhere points one at nobody."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.domain.actions import Action
from desktop.domain.comments import Comment, CommentTarget
from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.store.checking import check_library
from desktop.store.errors import StoreError
from desktop.store.library import Library
from desktop.store.migrations import MIGRATIONS, SCHEMA_VERSION
from desktop.store.opening import open_connection
from tests.helpers.cli import digest

CHEN = Person(name="Chen Wei", title="Head of Nursing")
ANA = Person(name="Ana Ruiz", title="CFO")
DEMO = Action("Ward demo", for_people=(CHEN.id,))
AT = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
ON_CHEN = Comment(CommentTarget.PERSON, CHEN.id, "Maria Manager", AT,
                  "Is she still the champion?")
ON_DEMO = Comment(CommentTarget.ACTION, DEMO.id, "Maria Manager", AT, "Slipped twice — why?")
ON_FLAG = Comment(CommentTarget.FLAG, "no-economic-buyer:", "Sam Seller", AT,
                  "Meeting the CFO on Friday")
ON_ANA = Comment(CommentTarget.PERSON, ANA.id, "Sam Seller", AT, "Budget owner")
DEAL = Deal(name="Ward rollout", people=(CHEN, ANA), actions=(DEMO,),
            comments=(ON_CHEN, ON_DEMO, ON_FLAG, ON_ANA))


@pytest.fixture
def stored(library: Library) -> Library:
    library.add_deal(DEAL)
    return library


def test_comments_come_back_as_they_went_in(stored: Library) -> None:
    assert stored.get_deal(DEAL.id).comments == DEAL.comments
    assert stored.get_plan(DEAL.id)["comments"] == DEAL.comments
    row = stored._connection.execute(
        "SELECT target_kind, target, author, at, text FROM comments WHERE id = ?",
        [ON_FLAG.id]).fetchone()
    assert tuple(row) == ("flag", "no-economic-buyer:", "Sam Seller", "2026-11-30T09:15:00Z",
                          "Meeting the CFO on Friday")


def test_a_new_comment_is_one_plan_update(stored: Library) -> None:
    deal = stored.get_deal(DEAL.id)
    added = Comment(CommentTarget.PERSON, ANA.id, "Maria Manager", AT, "Call her")
    changes = stored.update_plan(deal.with_plan(comments=(*deal.comments, added)))
    assert changes.plans == {DEAL.id}
    assert stored.get_deal(DEAL.id).comments[-1] == added


def test_removing_a_person_drops_the_comments_on_them(stored: Library) -> None:
    changes = stored.remove_people([CHEN.id])
    assert changes.plans == {DEAL.id}
    assert stored.get_deal(DEAL.id).comments == (ON_DEMO, ON_FLAG, ON_ANA)


def test_a_person_named_only_by_a_comment_takes_it_along(library: Library) -> None:
    deal = Deal(name="Quiet", people=(CHEN, ANA), comments=(ON_ANA,))
    library.add_deal(deal)
    assert library.remove_people([ANA.id]).plans == {deal.id}
    assert library.get_deal(deal.id).comments == ()


def test_update_plan_refuses_a_comment_on_a_person_of_another_deal(stored: Library) -> None:
    stranger = Person(name="Olu Bello")
    stored.add_deal(Deal(name="Legal", people=(stranger,)))
    mine = stored.get_deal(DEAL.id)
    smuggled = replace(mine, people=(*mine.people, stranger)).with_plan(
        comments=(Comment(CommentTarget.PERSON, stranger.id, "Maria", AT, "Who?"),))
    stored.close()
    before = digest(stored.path)
    with Library.open(stored.path) as library:
        with pytest.raises(StoreError, match=f"The person {stranger.id} is not in this deal"):
            library.update_plan(smuggled)
        assert library.get_deal(DEAL.id) == mine
    assert digest(stored.path) == before


def test_a_version_2_library_is_upgraded_with_an_empty_comments_table(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite"
    connection = open_connection(path, migrations={n: MIGRATIONS[n] for n in (1, 2)})
    connection.close()
    with Library.open(path) as library:
        version = library._connection.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION >= 3
        library.add_deal(DEAL)
        assert library.get_deal(DEAL.id).comments == DEAL.comments
    assert check_library(path).sound


def test_check_lists_a_comment_on_nobody(stored: Library) -> None:
    stored.close()
    raw = sqlite3.connect(stored.path)
    raw.execute("UPDATE comments SET target = ? WHERE id = ?",
                [Person(name="Ghost").id, ON_CHEN.id])
    raw.commit()
    raw.close()
    report = check_library(stored.path)
    assert any("comments" in p and ON_CHEN.id in p and "no person of its deal" in p
               for p in report.problems), report.problems
