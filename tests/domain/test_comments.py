"""Comments: validated like every record, refused on nobody, gone with what they are about,
and merged by id (both sides kept; the later words win; never a question)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop.domain.actions import Action
from desktop.domain.comments import (
    Comment,
    CommentTarget,
    comments_on,
    flag_key,
    merged_comments,
    with_people_renamed,
)
from desktop.domain.deal import Deal
from desktop.domain.errors import ValidationError
from desktop.domain.flag_types import RedFlag, Severity
from desktop.domain.person import Person
from desktop.domain.plan_edits import with_action_removed
from desktop.domain.plan_references import forget_people

CHEN = Person(name="Chen Wei", title="Head of Nursing")
ANA = Person(name="Ana Ruiz", title="CFO")
DEMO = Action("Ward demo", for_people=(CHEN.id,))
MONDAY = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)


def comment(kind: CommentTarget, target: str, text: str = "Ask about the budget",
            at: datetime = MONDAY, **more: object) -> Comment:
    return Comment(kind, target, "Maria Manager", at, text, **more)  # type: ignore[arg-type]


def test_a_comment_is_cleaned_and_its_time_kept_in_utc() -> None:
    berlin = timezone(timedelta(hours=1))
    made = Comment(CommentTarget.PERSON, CHEN.id.upper(), "  Maria\tManager ",
                   datetime(2026, 11, 30, 10, 15, 42, 999, tzinfo=berlin),
                   "  line one\r\nline two\x07  ")
    assert made.target == CHEN.id
    assert made.author == "Maria Manager"
    assert made.at == datetime(2026, 11, 30, 9, 15, 42, tzinfo=UTC)
    assert made.text == "line one\nline two"


@pytest.mark.parametrize(("kind", "target", "author", "text", "path"), [
    (CommentTarget.PERSON, "not-an-id", "Maria", "Hi", "target"),
    (CommentTarget.FLAG, "no champion", "Maria", "Hi", "target"),
    (CommentTarget.FLAG, "no-champion:someone", "Maria", "Hi", "target"),
    (CommentTarget.PERSON, CHEN.id, "  ", "Hi", "author"),
    (CommentTarget.PERSON, CHEN.id, "Maria", " \n ", "text"),
    (CommentTarget.PERSON, CHEN.id, "Maria", "x" * 2_001, "text"),
    ("person", CHEN.id, "Maria", "Hi", "target_kind"),
])
def test_a_bad_comment_cannot_exist(kind: object, target: str, author: str, text: str,
                                    path: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Comment(kind, target, author, MONDAY, text)  # type: ignore[arg-type]
    assert caught.value.path == path


def test_a_flag_is_named_by_its_code_and_its_people_in_any_order() -> None:
    flag = RedFlag("weak-champion", Severity.MEDIUM, "…", people=(CHEN.id, ANA.id))
    key = flag_key(flag)
    assert key == "weak-champion:" + ",".join(sorted([CHEN.id, ANA.id]))
    assert flag_key(RedFlag("no-champion", Severity.HIGH, "…")) == "no-champion:"
    reversed_key = "weak-champion:" + ",".join(sorted([CHEN.id, ANA.id], reverse=True))
    assert comment(CommentTarget.FLAG, reversed_key).target == key


def test_the_deal_refuses_a_comment_on_nobody() -> None:
    stranger = Person(name="Nobody Here")
    with pytest.raises(ValidationError) as caught:
        Deal(name="Ward", people=(CHEN,), comments=(comment(CommentTarget.PERSON, stranger.id),))
    assert caught.value.path == "comments[0].target"
    assert "nobody in this deal" in str(caught.value)
    with pytest.raises(ValidationError, match="none of this deal's actions"):
        Deal(name="Ward", people=(CHEN,), actions=(DEMO,),
             comments=(comment(CommentTarget.ACTION, CHEN.id),))
    deal = Deal(name="Ward", people=(CHEN,), actions=(DEMO,))
    with pytest.raises(ValidationError):
        deal.with_plan(comments=(comment(CommentTarget.PERSON, ANA.id),))


def test_a_deal_holds_comments_on_people_actions_and_any_flag() -> None:
    notes = (comment(CommentTarget.PERSON, CHEN.id),
             comment(CommentTarget.ACTION, DEMO.id, "Slipped twice"),
             comment(CommentTarget.FLAG, f"no-champion:{ANA.id}", "Working on it"))
    deal = Deal(name="Ward", people=(CHEN,), actions=(DEMO,), comments=notes)
    assert deal.comments == notes
    with pytest.raises(ValidationError, match="appears twice"):
        deal.with_plan(comments=(*notes, notes[0]))


def test_removing_a_person_or_an_action_drops_the_comments_on_them() -> None:
    on_chen = comment(CommentTarget.PERSON, CHEN.id)
    on_ana = comment(CommentTarget.PERSON, ANA.id)
    on_demo = comment(CommentTarget.ACTION, DEMO.id)
    deal = Deal(name="Ward", people=(CHEN, ANA), actions=(DEMO,),
                comments=(on_chen, on_ana, on_demo))
    assert forget_people(deal, {CHEN.id})["comments"] == (on_ana, on_demo)
    assert "comments" not in forget_people(Deal(name="W", people=(CHEN,)), {CHEN.id})
    assert with_action_removed(deal, DEMO.id).comments == (on_chen, on_ana)


def test_a_thread_reads_oldest_first() -> None:
    later = comment(CommentTarget.PERSON, CHEN.id, "Second", at=MONDAY + timedelta(hours=1))
    first = comment(CommentTarget.PERSON, CHEN.id, "First")
    other = comment(CommentTarget.PERSON, ANA.id)
    assert comments_on([later, other, first], CommentTarget.PERSON, CHEN.id) == [first, later]


def test_merging_keeps_both_sides_and_the_later_words() -> None:
    mine = comment(CommentTarget.PERSON, CHEN.id, "Mine only")
    theirs = comment(CommentTarget.PERSON, CHEN.id, "Theirs only")
    shared = comment(CommentTarget.PERSON, CHEN.id, "Before")
    edited = replace(shared, text="After", at=MONDAY + timedelta(minutes=5))
    stale = replace(shared, text="Older", at=MONDAY - timedelta(days=1))
    assert merged_comments((mine, shared), (edited, theirs)) == (mine, edited, theirs)
    assert merged_comments((mine, shared), (stale,)) == (mine, shared)
    assert merged_comments((edited,), (shared,)) == (edited,)


def test_renaming_people_moves_person_and_flag_comments() -> None:
    new_chen = Person(name="Chen Wei").id
    on_chen = comment(CommentTarget.PERSON, CHEN.id)
    on_flag = comment(CommentTarget.FLAG, f"weak-champion:{CHEN.id},{ANA.id}")
    on_demo = comment(CommentTarget.ACTION, DEMO.id)
    mapping: dict[str, str | None] = {CHEN.id: new_chen, ANA.id: None}
    assert with_people_renamed(on_chen, mapping) == replace(on_chen, target=new_chen)
    assert with_people_renamed(on_flag, mapping) == replace(
        on_flag, target=f"weak-champion:{new_chen}")
    assert with_people_renamed(on_demo, mapping) is on_demo
    assert with_people_renamed(comment(CommentTarget.PERSON, ANA.id), mapping) is None


def test_a_flag_comment_follows_its_flag_as_the_people_it_names_change() -> None:
    """"2 actions overdue (Oliver, Chen)" becomes "1 action overdue (Oliver)": the manager's
    comment is still on it; another person's flag of the same rule is another flag."""
    from desktop.domain.comments import CommentTarget, comments_on, same_flag

    oliver, chen, marco = (f"00000000-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))
    said = Comment(target_kind=CommentTarget.FLAG, target=f"overdue-actions:{chen},{oliver}",
                   author="Maria", at=datetime(2026, 12, 1, tzinfo=UTC), text="Chase them")
    assert comments_on([said], CommentTarget.FLAG, f"overdue-actions:{oliver}") == [said]
    assert not same_flag(f"opponent:{oliver}", f"opponent:{marco}")
    assert not same_flag(f"opponent:{oliver}", f"overdue-actions:{oliver}")
    assert same_flag("no-champion:", "no-champion:")
