"""A review in words, grouped as a sales manager reads it — the deal, the people, the lines,
the plan, the red flags — so the Review tab and the printed review say exactly the same
thing in the same order. Qt-free; each renderer only chooses fonts and indents."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.domain.flag_types import RedFlag
from desktop.domain.review import Review


class Kind(Enum):
    ITEM = "item"  # one change, one flag
    HEAD = "head"  # a person who changed; their changes follow as details
    DETAIL = "detail"  # what a change is made of: a person's score moves and their evidence
    EVIDENCE = "evidence"
    COMMENT = "comment"  # a manager's comment beside what it is about
    NONE = "none"  # "Nothing changed."


@dataclass(frozen=True, slots=True)
class Entry:
    text: str
    kind: Kind = Kind.ITEM
    colour: str = ""  # a flag's severity, when the renderer colours it


@dataclass(frozen=True, slots=True)
class Group:
    title: str
    entries: tuple[Entry, ...]


def review_groups(review: Review) -> tuple[Group, ...]:
    """The groups that have something to say; "Nothing changed" when none does. The red
    flags are always said (then and now), even with nothing else changed."""
    diff = review.diff
    groups: list[Group] = []

    def add(title: str, entries: list[Entry]) -> None:
        if entries:
            groups.append(Group(title, tuple(entries)))

    add("The deal", [Entry(_first_upper(change)) for change in diff.deal_changes])
    people = [Entry(f"Added: {name}") for name in diff.people_added]
    people += [Entry(f"Removed: {name}") for name in diff.people_removed]
    for person in review.people:
        people.append(Entry(person.name, Kind.HEAD))
        people += [Entry(change, Kind.DETAIL) for change in person.changes]
        people += [Entry(note, Kind.EVIDENCE) for note in person.evidence]
    add("People", people)
    add("Lines", [Entry(f"New line: {text}") for text in diff.relations_added]
        + [Entry(f"Line gone: {text}") for text in diff.relations_removed])
    add("Actions", [Entry(text) for text in diff.actions])
    add("Decision criteria", [Entry(text) for text in diff.criteria])
    add("Decision process", [Entry(text) for text in diff.process])
    if not groups:
        groups.append(Group("What changed", (Entry("Nothing changed.", Kind.NONE),)))
    flags = review.flags
    add("Red flags raised since", [_flag(flag) for flag in flags.new])
    add("Red flags still open", [_flag(flag) for flag in flags.still_open])
    add("Red flags resolved since", [_flag(flag) for flag in flags.resolved])
    if not (flags.new or flags.still_open or flags.resolved):
        groups.append(Group("Red flags", (Entry("None then, none now.", Kind.NONE),)))
    return tuple(groups)


def _flag(flag: RedFlag) -> Entry:
    return Entry(f"[{flag.severity.value}] {flag.message}", colour=flag.severity.value)


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def plain_text(review: Review) -> str:
    """The review as plain text (the tab's copy, the tests' reading)."""
    out: list[str] = []
    for group in review_groups(review):
        out.append(group.title)
        for entry in group.entries:
            indent = "    " if entry.kind in (Kind.DETAIL, Kind.EVIDENCE, Kind.COMMENT) else "  "
            out.append(indent + entry.text)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
