"""Where a people file most likely belongs, so the window's question defaults to the
answer a seller would give: the deal on screen when the file speaks of it (some of its
people are there already, or it names the same account), else a deal of its own.

One press of Enter used to merge another account's contacts into the deal on screen (the
fresh-eyes check: Fjord Data's people into Solaria's deal). The seller still decides; this
only chooses which button Enter presses.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from desktop.domain.deal import Deal
from desktop.exchange.incoming import Incoming


def belongs_to(current: Deal, people_files: Iterable[Incoming], library_deals: Set[str]
               ) -> bool:
    """True when any of ``people_files`` looks like people of ``current``: it is that deal
    (our export of it), shares a person with it (id, e-mail, or name and title), or names
    the same account. A file exported from another deal of the library (``library_deals``:
    their ids) belongs there."""
    ids = {p.id for p in current.people}
    emails = {p.email.casefold() for p in current.people if p.email}
    names = {_name_key(p.name, p.title) for p in current.people}
    account = " ".join(current.account.split()).casefold()
    for item in people_files:
        deal = item.deal
        if deal.id == current.id:
            return True
        if deal.id in library_deals:
            continue
        if account and " ".join(deal.account.split()).casefold() == account:
            return True
        for person in deal.people:
            if person.id in ids or (person.email and person.email.casefold() in emails) \
                    or _name_key(person.name, person.title) in names:
                return True
    return False


def _name_key(name: str, title: str) -> tuple[str, str]:
    return " ".join(name.casefold().split()), " ".join(title.casefold().split())
