"""Where people files most likely belong, so the window's question defaults to the answer a
seller would give — and says why when that answer is No.

One press of Enter used to merge another account's contacts into the deal on screen (the
fresh-eyes check: Fjord Data's people into Solaria's deal). The seller still decides; this
only chooses which button Enter presses and words the reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.domain.deal import Deal
from desktop.domain.merge import name_and_title
from desktop.exchange.incoming import Incoming


@dataclass(frozen=True, slots=True)
class Destination:
    likely_here: bool  # Enter should answer Yes: every file speaks of the deal on screen
    why_not: str  # a sentence for the question when it should not, else ""


def destination(current: Deal, files: Sequence[tuple[str, Incoming]],
                library_deals: Mapping[str, str]) -> Destination:
    """Do all ``files`` (file name, what it holds) look like people of ``current``? A file
    does when it is that deal (our export of it), shares a person with it (id, e-mail, or
    name and title) or names the same account; a file exported from another deal of the
    library (``library_deals``: id → name) belongs to that deal."""
    reasons = [_why_not(current, name, item, library_deals) for name, item in files]
    against = [reason for reason in reasons if reason]
    return Destination(not against, " ".join(against))


def _why_not(current: Deal, file_name: str, item: Incoming,
             library_deals: Mapping[str, str]) -> str:
    deal = item.deal
    if deal.id == current.id:
        return ""
    if deal.id in library_deals:
        return f"{file_name} was exported from “{library_deals[deal.id]}”."
    account = " ".join(current.account.split()).casefold()
    if account and " ".join(deal.account.split()).casefold() == account:
        return ""
    ids = {p.id for p in current.people}
    emails = {p.email.casefold() for p in current.people if p.email}
    names = {name_and_title(p) for p in current.people}
    for person in deal.people:
        if person.id in ids or (person.email and person.email.casefold() in emails) \
                or name_and_title(person) in names:
            return ""
    return f"None of the people in {file_name} is in “{current.name}” yet."

