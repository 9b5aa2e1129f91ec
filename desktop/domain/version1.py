"""What a version-1 deal becomes in version 2, in one place for the migration and the reader.

Version 1 had one free-text "next step" per person and a list of competitor names. Version 2
has a plan of actions and a list of alternatives with ids. Both the library migration
(``store/migrations/m0002_plan.py``) and the deal-file reader (a v1 file, or a snapshot taken
before the upgrade) turn the old fields into the new records here, with ids *derived* from
what they come from: the same v1 deal, migrated on one laptop and imported from a file on
another, gets the same action and alternative ids, so merging the two finds nothing to add.
"""

from __future__ import annotations

import uuid

from desktop.domain.actions import Action, OwnerSide
from desktop.domain.decision import Alternative, AlternativeKind
from desktop.domain.ids import derived_id
from desktop.domain.text import MEDIUM_TEXT, SHORT_TEXT, clean_text

NAMESPACE = uuid.UUID("9d7a3f0e-5c1b-4e8a-a2f6-4b1e0c9d7e52")


def next_step_action_id(person_id: str) -> str:
    return derived_id(NAMESPACE, f"next-step/{person_id}")


def competitor_id(deal_id: str, name: str) -> str:
    return derived_id(NAMESPACE, f"competitor/{deal_id}/{name.casefold()}")


def action_from_next_step(person_id: str, text: str) -> Action | None:
    """A person's old next step as their open action (ours, for them, undated); None for an
    empty one. The text keeps its first 2,000 characters on one line, as an action does."""
    cleaned = clean_text(text, "next_step", limit=10 * MEDIUM_TEXT, multiline=True)
    cleaned = " ".join(cleaned.split())[:MEDIUM_TEXT]
    if not cleaned:
        return None
    return Action(text=cleaned, owner_side=OwnerSide.US, for_people=(person_id,),
                  id=next_step_action_id(person_id))


def alternatives_from_competitors(deal_id: str, names: object,
                                  path: str = "competitors") -> tuple[Alternative, ...]:
    """Competitor names as alternatives (blank and repeated names left out, as v1 did)."""
    from desktop.domain.errors import ValidationError

    if isinstance(names, str) or not isinstance(names, list | tuple):
        raise ValidationError(path, "must be a list of names")
    alternatives: list[Alternative] = []
    seen: set[str] = set()
    for index, item in enumerate(names):
        name = clean_text(item, f"{path}[{index}]", limit=SHORT_TEXT)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            alternatives.append(Alternative(name=name, kind=AlternativeKind.COMPETITOR,
                                            id=competitor_id(deal_id, name)))
    return tuple(alternatives)
