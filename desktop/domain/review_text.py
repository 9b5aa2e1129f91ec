"""A review in words, grouped as a sales manager reads it — the deal, the people, the lines,
the plan, the red flags — so the Review tab and the printed review say exactly the same
thing in the same order. Qt-free; each renderer only chooses fonts and indents."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.domain.comments import Comment, CommentTarget, comments_on, flag_key
from desktop.domain.flag_types import RedFlag, day_text
from desktop.domain.plan_outcomes import intended_outcomes
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
    flags are always said (then and now), even with nothing else changed. Comments are
    printed under what they are about; those since the snapshot on something that did not
    change are gathered at the end, so none is missed."""
    diff = review.diff
    notes = _Comments(review)
    groups: list[Group] = []

    def add(title: str, entries: list[Entry]) -> None:
        if entries:
            groups.append(Group(title, tuple(entries)))

    add("The deal", [Entry(_first_upper(change)) for change in diff.deal_changes])
    then_ids = {p.id for p in review.since.deal.people}
    people: list[Entry] = []
    for person in review.deal.people:
        if person.id not in then_ids:
            people.append(Entry(f"Added: {person.name}"
                                + review.credit.record("people", person.id)))
            people += notes.on(CommentTarget.PERSON, person.id)
    people += [Entry(f"Removed: {name}") for name in diff.people_removed]
    for change in review.people:
        people.append(Entry(change.name, Kind.HEAD))
        people += [Entry(text, Kind.DETAIL) for text in change.changes]
        people += [Entry(note, Kind.EVIDENCE) for note in change.evidence]
        people += notes.on(CommentTarget.PERSON, change.id)
    add("People", people)
    add("Lines", [Entry(f"New line: {text}") for text in diff.relations_added]
        + [Entry(f"Line gone: {text}") for text in diff.relations_removed])
    add("Actions", _actions(review, notes))
    add("Decision criteria", [Entry(text) for text in diff.criteria])
    add("Decision process", [Entry(text) for text in diff.process])
    if not groups:
        groups.append(Group("What changed", (Entry("Nothing changed.", Kind.NONE),)))
    # A judgement, not a change (like the flags): said even when nothing else moved.
    add("The plan: intended against actual",
        [Entry(o.text) for o in intended_outcomes(review.since.deal, review.deal)])
    flags = review.flags
    for title, found in (("Red flags raised since", flags.new),
                         ("Red flags still open", flags.still_open),
                         ("Red flags resolved since", flags.resolved)):
        add(title, [entry for flag in found for entry in _flag(flag, notes)])
    if not (flags.new or flags.still_open or flags.resolved):
        groups.append(Group("Red flags", (Entry("None then, none now.", Kind.NONE),)))
    add("Other comments since the snapshot", notes.rest())
    return tuple(groups)


class _Comments:
    """The deal's comments, handed out beside what they are about and each only once."""

    def __init__(self, review: Review) -> None:
        self.all = review.deal.comments
        self.since = review.since.taken_at
        self.shown: set[str] = set()
        self.names = {p.id: p.name for p in review.deal.people}
        self.actions = {a.id: a.text for a in review.deal.actions}

    def on(self, kind: CommentTarget, target: str, *, recent: bool = False) -> list[Entry]:
        """The thread on one thing (``recent``: only what was written since the
        snapshot)."""
        found = [c for c in comments_on(self.all, kind, target) if c.id not in self.shown
                 and (not recent or c.at >= self.since)]
        self.shown.update(c.id for c in found)
        return [comment_entry(c) for c in found]

    def rest(self) -> list[Entry]:
        """Comments since the snapshot not shown yet, each under the name of its subject."""
        out: list[Entry] = []
        for comment in sorted(self.all, key=lambda c: (c.at, c.id)):
            if comment.id in self.shown or comment.at < self.since:
                continue
            out.append(Entry(self.subject(comment)))
            out += self.on(comment.target_kind, comment.target, recent=True)
        return out

    def subject(self, comment: Comment) -> str:
        if comment.target_kind is CommentTarget.PERSON:
            return self.names.get(comment.target, "someone removed")
        if comment.target_kind is CommentTarget.ACTION:
            return f"“{self.actions.get(comment.target, 'an action removed')}”"
        rule, _colon, ids = comment.target.partition(":")
        names = [self.names[i] for i in ids.split(",") if i in self.names]
        about = f" about {', '.join(names)}" if names else ""
        return f"A red flag{about} no longer raised (“{rule.replace('-', ' ')}”)"


def comment_entry(comment: Comment) -> Entry:
    """"Maria (manager), 2 Dec 2026: Call the CFO yourself"."""
    return Entry(f"{comment.author}, {day_text(comment.at.date())}: {comment.text}",
                 Kind.COMMENT)


def _actions(review: Review, notes: _Comments) -> list[Entry]:
    """The plan's action changes, each action's comments under its last line."""
    entries = [Entry(text) for text in review.diff.actions]
    for action in review.deal.actions:
        quoted = f"“{action.text}”"
        lines = [i for i, entry in enumerate(entries) if quoted in entry.text]
        if lines:
            entries[lines[-1] + 1:lines[-1] + 1] = notes.on(CommentTarget.ACTION, action.id)
    return entries


def _flag(flag: RedFlag, notes: _Comments) -> list[Entry]:
    return [Entry(f"[{flag.severity.value}] {flag.message}", colour=flag.severity.value),
            *notes.on(CommentTarget.FLAG, flag_key(flag))]


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
