"""A manager's comment on a person, an action or a red flag: who wrote it, when, and what.

Comments are one more list of the deal's plan (``Deal.comments``): they travel in deal files
from version 3 and merge by id — both sides' comments are kept, and the same comment edited
on two laptops keeps the later text, never a question to the seller. A person or an action
is named by id, and the deal refuses a comment on nobody. A red flag has no id (the rules
compute flags afresh each time), so a comment names it by :func:`flag_key` — its rule's code
and the people it is about — which stays the same as long as the flag says the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from desktop.domain.dates import parse_timestamp
from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, new_id
from desktop.domain.text import MEDIUM_TEXT, clean_name, clean_text

_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


class CommentTarget(StrEnum):
    """What a comment is about."""

    PERSON = "person"
    ACTION = "action"
    FLAG = "flag"

    @property
    def label(self) -> str:
        return {"person": "person", "action": "action", "flag": "red flag"}[self.value]


class _Flag(Protocol):
    """What a flag's key is made of (``RedFlag`` has both; the domain's flag types import
    ``Deal``, which imports this module, so the protocol stands in for the class)."""

    @property
    def code(self) -> str: ...

    @property
    def people(self) -> tuple[str, ...]: ...


def flag_key(flag: _Flag) -> str:
    """The red flag's stable name: its rule's code, a colon, and the ids of the people it
    is about, sorted and joined by commas (``no-champion:`` when it names nobody)."""
    return flag.code + ":" + ",".join(sorted(flag.people))


def parse_flag_key(key: str, path: str = "target") -> tuple[str, tuple[str, ...]]:
    """The code and people of a flag key, or a ValidationError saying why it is none."""
    code, colon, people = key.partition(":")
    if not colon or not _CODE.fullmatch(code):
        raise ValidationError(path, f"{key[:60]!r} is not a red flag (code:person ids)")
    ids = tuple(check_id(p, path) for p in people.split(",")) if people else ()
    return code, ids


@dataclass(frozen=True, slots=True)
class Comment:
    """Immutable and validated on construction, like every record of a deal. ``target`` is
    a person's or an action's id, or a flag's key; ``at`` is an aware UTC time to the
    second (what survives a round trip through text)."""

    target_kind: CommentTarget
    target: str
    author: str
    at: datetime
    text: str
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        fix = object.__setattr__
        fix(self, "id", check_id(self.id, "id"))
        if not isinstance(self.target_kind, CommentTarget):
            raise ValidationError("target_kind", f"{self.target_kind!r} is not a person, "
                                                 "an action or a flag")
        if not isinstance(self.target, str):
            raise ValidationError("target", f"expected text, found {type(self.target).__name__}")
        if self.target_kind is CommentTarget.FLAG:
            code, people = parse_flag_key(self.target)
            fix(self, "target", code + ":" + ",".join(sorted(people)))
        else:
            fix(self, "target", check_id(self.target, "target"))
        fix(self, "author", clean_name(self.author, "author"))
        fix(self, "at", parse_timestamp(self.at, "at"))
        text = clean_text(self.text, "text", limit=MEDIUM_TEXT, multiline=True)
        if not text:
            raise ValidationError("text", "must not be empty")
        fix(self, "text", text)



def comments_on(comments: Iterable[Comment], kind: CommentTarget,
                target: str) -> list[Comment]:
    """The comments on one person, action or flag, oldest first (as a thread reads)."""
    if kind is CommentTarget.FLAG:
        return sorted((c for c in comments if c.target_kind is kind
                       and same_flag(c.target, target)), key=lambda c: (c.at, c.id))
    return sorted((c for c in comments if c.target_kind is kind and c.target == target),
                  key=lambda c: (c.at, c.id))


def same_flag(one: str, other: str) -> bool:
    """Whether two flag keys name the same red flag as it changes: the same rule, and at
    least one person in common (or nobody on both sides). "2 actions overdue (Oliver,
    Chen)" is still the flag a manager commented on when it becomes "1 action overdue
    (Oliver)"; "Oliver is against us" and "Marco is against us" stay two flags."""
    if one == other:
        return True
    code, _colon, people = one.partition(":")
    other_code, _colon, other_people = other.partition(":")
    if code != other_code:
        return False
    ours, theirs = set(filter(None, people.split(","))), set(filter(None, other_people.split(",")))
    return bool(ours & theirs) or not (ours or theirs)


def without_targets(comments: Iterable[Comment], kind: CommentTarget,
                    gone: Iterable[str]) -> tuple[Comment, ...]:
    """The comments that are not about any of ``gone`` (people or actions removed)."""
    removed = set(gone)
    return tuple(c for c in comments if c.target_kind is not kind or c.target not in removed)


def with_people_renamed(comment: Comment, people: Mapping[str, str | None]) -> Comment | None:
    """``comment`` with the people it names given new ids (``people``: old id → new id, or
    None for a person who is not there any more). A comment on such a person is None; a
    flag keeps the people that map (a flag's key is only its name)."""
    if comment.target_kind is CommentTarget.PERSON:
        if comment.target not in people:
            return comment
        new = people[comment.target]
        return None if new is None else replace(comment, target=new)
    if comment.target_kind is CommentTarget.FLAG:
        code, ids = parse_flag_key(comment.target)
        if not any(p in people for p in ids):
            return comment
        mapped = [people.get(p, p) for p in ids]
        return replace(comment, target=code + ":" + ",".join(
            sorted(p for p in mapped if p is not None)))
    return comment


def with_ids_mapped(comments: Iterable[Comment], people: Mapping[str, str],
                    actions: Mapping[str, str] | None = None) -> tuple[Comment, ...]:
    """``comments`` of another copy of the deal with its ids given the ones they have here:
    ``people`` maps every person who is here (a comment on anyone else is left out, and a
    flag forgets them); ``actions`` maps the actions whose id changed (others keep theirs)."""
    result = []
    for comment in comments:
        if comment.target_kind is CommentTarget.ACTION:
            if actions and comment.target in actions:
                comment = replace(comment, target=actions[comment.target])
            result.append(comment)
            continue
        named = [comment.target] if comment.target_kind is CommentTarget.PERSON \
            else list(parse_flag_key(comment.target)[1])
        mapped = with_people_renamed(comment, {p: people.get(p) for p in named})
        if mapped is not None:
            result.append(mapped)
    return tuple(result)


def merged_comments(mine: Iterable[Comment], theirs: Iterable[Comment]) -> tuple[Comment, ...]:
    """Both sides' comments, by id: mine in my order, then theirs that I lack; a comment
    both have with different words keeps the later one (``at``; mine on a tie) — a comment
    is its author's, so there is nothing for the seller to decide."""
    result = list(mine)
    position = {c.id: i for i, c in enumerate(result)}
    for comment in theirs:
        index = position.get(comment.id)
        if index is None:
            position[comment.id] = len(result)
            result.append(comment)
        elif comment != result[index] and comment.at > result[index].at:
            result[index] = comment
    return tuple(result)
