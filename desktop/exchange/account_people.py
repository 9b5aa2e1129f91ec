"""An incoming deal's people who are already people of its account in the library.

A deal file of version 3 names the account's people by their ids, so a colleague's second
deal of the account shares them by id. A version-1 or -2 file, a CSV or a vCard from another
tool has ids of its own (or none): its people are matched to the account's people as merge
matches people — by e-mail, then by name and title — and take their ids, so the account
keeps one Kevin Liu, not one per imported file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from desktop.domain.accounts import AccountPerson
from desktop.domain.deal import Deal
from desktop.domain.merge import name_and_title
from desktop.exchange.fresh_ids import with_people_ids


def adopt_account_people(deal: Deal, account: Sequence[AccountPerson]) -> Deal:
    """``deal`` with each person the account already has (by id, e-mail, then name and
    title) under that person's id."""
    if not account:
        return deal
    by_id = {p.id: p for p in account}
    by_email = {p.email.casefold(): p.id for p in account if p.email}
    by_name: dict[tuple[str, str], str] = {}
    for known in account:
        by_name.setdefault((_folded(known.name), _folded(known.title)), known.id)
    taken = {p.id for p in deal.people if p.id in by_id}
    mapping: dict[str, str] = {}
    for person in deal.people:
        if person.id in by_id:
            continue
        found = (by_email.get(person.email.casefold()) if person.email else None) or \
            by_name.get(name_and_title(person))
        if found is not None and found not in taken:
            mapping[person.id] = found
            taken.add(found)
    if not mapping:
        return deal
    # A person matched by e-mail or by name and title is the account's: its spelling of
    # their name and job stays (the file did not know them as ours; what it adds is kept).
    adopted = with_people_ids(deal, mapping)
    spelled = {new: by_id[new] for new in mapping.values()}
    return replace(adopted, people=tuple(
        replace(p, name=spelled[p.id].name, title=spelled[p.id].title or p.title,
                department=spelled[p.id].department or p.department,
                organisation=spelled[p.id].organisation or p.organisation,
                email=spelled[p.id].email or p.email) if p.id in spelled else p
        for p in adopted.people))


def _folded(text: str) -> str:
    """As ``name_and_title`` folds a person's name and title."""
    return " ".join(text.casefold().split())
