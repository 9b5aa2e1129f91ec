"""What a person card says, as measured lines: name, title, stance, the three scores with
their evidence, the person's lines to others — one kind per line, in the map's direction
(whom they report to and manage, whom they influence and who influences them, conflicts) —
then the next step, the last contact and the notes. Measured here, so the page layout can
give every card the height it needs and nothing is ever cut."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from desktop.domain.actions import Action
from desktop.domain.analysis import DealAnalysis
from desktop.domain.enums import Axis, RelationKind
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.domain.wording import score_out_of_ten
from desktop.palette import AXIS_COLOURS, MUTED_INK
from desktop.render.printing.document import font
from desktop.render.printing.flow import Line, lines_of, side_by_side

LABEL_WIDTH = 150.0  # a score's label; its evidence is written beside it
DOT_ROOM = 12.0  # the axis dot before the label


def relation_rows(person_id: str, relations: Iterable[Relation],
                  names: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    """The person's lines, one row per kind as the card prints them: (label, names).
    Reporting lines point from the report to the manager, influence from the influencer
    to the influenced; a conflict has no direction. "Influences" and "Influenced by" are
    always there (nobody is news too); the other rows only when they have someone."""
    rows: dict[str, list[str]] = {"Reports to": [], "Manages": [], "Influences": [],
                                  "Influenced by": [], "In conflict with": []}
    for relation in relations:
        outgoing = relation.source == person_id
        other = names[relation.target if outgoing else relation.source]
        if relation.kind is RelationKind.CONFLICT:
            rows["In conflict with"].append(other)
        elif relation.kind is RelationKind.INFLUENCE:
            rows["Influences" if outgoing else "Influenced by"].append(
                f"{other} (strength {relation.strength})")
        else:
            dotted = " (dotted line)" if relation.kind is RelationKind.DOTTED_LINE else ""
            rows["Reports to" if outgoing else "Manages"].append(other + dotted)
    always = ("Influences", "Influenced by")
    return [(label, sorted(people)) for label, people in rows.items()
            if people or label in always]


def card_lines(person: Person, relations: Iterable[Relation], names: Mapping[str, str],
               analysis: DealAnalysis, width: float,
               actions: Sequence[Action] = ()) -> list[Line]:
    """Everything the card says, as lines ``width`` points wide."""
    text, small = font(9), font(8)
    lines = lines_of(person.name, font(15, bold=True), width)
    subtitle = " · ".join(t for t in (person.title, person.department) if t)
    if subtitle:
        lines += lines_of(subtitle, text, width, colour=MUTED_INK, space_before=1)
    roles = ", ".join(r.label for r in person.roles) or "no role yet"
    stance = (f"Roles: {roles}   ·   Support: {person.support.label}   ·   Influence: "
              f"{person.influence.label} ({analysis.weights.get(person.id, 0.0):.0%} of the "
              f"deal)   ·   Coverage: {person.coverage.label}   ·   Mode: "
              f"{person.mode.label if person.mode else 'unknown'}")
    lines += lines_of(stance, text, width, space_before=2)
    for number, axis in enumerate(Axis):
        score = person.scores[axis]
        label = lines_of(f"{axis.label}: {score_out_of_ten(score.value)}",
                         font(9, bold=True), LABEL_WIDTH - DOT_ROOM - 6, x=DOT_ROOM)
        evidence = score.evidence or ("(private — not printed)" if score.private
                                      else "no evidence yet")
        beside = lines_of(f"{evidence} [{score.confidence.label}]", small,
                          width - LABEL_WIDTH, x=LABEL_WIDTH)
        lines += side_by_side(label, beside, dot=AXIS_COLOURS[axis],
                              space_before=8 if number == 0 else 4)
    for number, (kind, people) in enumerate(relation_rows(person.id, relations, names)):
        lines += lines_of(f"{kind}: {'; '.join(people) or 'nobody on the map'}", text,
                          width, space_before=8 if number == 0 else 2)
    if not actions:
        lines += lines_of("Next action: none planned", text, width, space_before=8)
    for number, action in enumerate(actions[:3]):
        due = f" — due {action.due.isoformat()}" if action.due else ""
        lines += lines_of(("Next action: " if number == 0 else "Then: ") + action.text + due,
                          text, width, space_before=8 if number == 0 else 2)
    contact = person.last_contact.isoformat() if person.last_contact else "never recorded"
    lines += lines_of(f"Last contact: {contact}", text, width, space_before=2)
    if person.notes:
        lines += lines_of("Notes: " + person.notes, small, width, colour=MUTED_INK,
                          space_before=6)
    return lines
