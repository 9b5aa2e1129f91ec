"""What a deal may show on paper or in a shared picture: private fields out unless asked for,
and, when anonymised, initials and roles instead of names.

One function for every output (print, PDF, SVG, PNG), so a new output cannot forget a rule.
"""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.scores import Score


def for_output(deal: Deal, *, include_private: bool = False, anonymize: bool = False) -> Deal:
    """The deal as an output may show it.

    Private: score evidence marked private (the personal win's by default) and the person's
    free notes are emptied unless ``include_private``; the score values stay — the map is
    useless without them.

    Anonymised: each person is named by initials (made unique with a number), the title by
    the buying roles, contact details and organisations are dropped, and every free text
    (actions and their owners, evidence, notes, line notes, comments, the deal's objective,
    the compelling event) has each person's name and name parts replaced
    by their initials — so "Call Jonas" cannot give a name away.
    """
    people = [_without_private(p) if not include_private else p for p in deal.people]
    if not anonymize:
        return replace(deal, people=tuple(people))
    aliases = _aliases(people)
    scrub = _scrubber(people, aliases)
    people = [
        replace(person, name=aliases[person.id],
                title=", ".join(role.label for role in person.roles) or "role unknown",
                department="", email="", phone="", organisation="",
                notes=scrub(person.notes),
                scores=replace(person.scores, **{
                    axis.value: replace(person.scores[axis],
                                        evidence=scrub(person.scores[axis].evidence))
                    for axis in Axis}))
        for person in people
    ]
    relations = tuple(replace(r, note=scrub(r.note)) for r in deal.relations)
    actions = tuple(replace(a, text=scrub(a.text) or "…", owner=scrub(a.owner))
                    for a in deal.actions)
    criteria = tuple(replace(c, evidence=scrub(c.evidence)) for c in deal.criteria)
    comments = tuple(replace(c, text=scrub(c.text) or "…") for c in deal.comments)
    event = deal.compelling_event
    if event is not None:
        event = replace(event, text=scrub(event.text) or "…")
    return replace(deal, people=tuple(people), relations=relations,
                   objective=scrub(deal.objective), solution=scrub(deal.solution),
                   actions=actions, criteria=criteria, comments=comments,
                   compelling_event=event, snapshots=())


def initials(name: str) -> str:
    parts = [part for part in re.split(r"[\s\-]+", name) if part]
    letters = "".join(part[0].upper() + "." for part in parts if part[0].isalnum())
    return letters or "?"


def _without_private(person: Person) -> Person:
    scores = {axis.value: _public(person.scores[axis]) for axis in Axis}
    return replace(person, notes="", scores=replace(person.scores, **scores))


def _public(score: Score) -> Score:
    return replace(score, evidence="") if score.private and score.evidence else score


def _aliases(people: list[Person]) -> dict[str, str]:
    """Initials, numbered where two people share them (J.B. 1, J.B. 2)."""
    counts: dict[str, int] = {}
    for person in people:
        counts[initials(person.name)] = counts.get(initials(person.name), 0) + 1
    seen: dict[str, int] = {}
    aliases = {}
    for person in people:
        base = initials(person.name)
        if counts[base] > 1:
            seen[base] = seen.get(base, 0) + 1
            aliases[person.id] = f"{base} {seen[base]}"
        else:
            aliases[person.id] = base
    return aliases


def _scrubber(people: list[Person], aliases: dict[str, str]) -> _Scrub:
    """Replace full names first, then single name parts of three letters or more."""
    replacements: dict[str, str] = {}
    for person in people:
        replacements.setdefault(person.name.casefold(), aliases[person.id])
    for person in people:
        for part in re.split(r"[\s\-]+", person.name):
            if len(part) >= 3:
                replacements.setdefault(part.casefold(), aliases[person.id])
    if not replacements:
        return _Scrub(None, {})
    words = sorted(replacements, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b",
                         re.IGNORECASE)
    return _Scrub(pattern, replacements)


class _Scrub:
    def __init__(self, pattern: re.Pattern[str] | None, replacements: dict[str, str]) -> None:
        self.pattern = pattern
        self.replacements = replacements

    def __call__(self, text: str) -> str:
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.replacements[m.group(0).casefold()], text)
