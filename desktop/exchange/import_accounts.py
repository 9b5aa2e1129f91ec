"""What an import does to the library's accounts: a deal file's account details (industry,
notes) fill what the library's account of that name leaves empty, and never overwrite what
the seller wrote (``fill_from_file``; a differing value is kept and said).

Planned from the library as it is, written in the same transaction as the import's deals
(``Library.write_deals``' ``account_details``), after them: an account the import makes
(a new deal of a new account) exists by then, empty, and takes the file's values. Undo
writes ``before`` back the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop.domain.account_details import FIELDS, fill_from_file
from desktop.domain.account_rules import account_key
from desktop.domain.accounts import Account
from desktop.exchange.deal_store import DealStore
from desktop.exchange.incoming import Incoming


@dataclass(frozen=True, slots=True)
class AccountChange:
    before: Account  # the library's account; empty details when the import makes it
    after: Account  # with the file's values where ours were empty
    kept: tuple[str, ...] = ()  # "Kept your industry of …; the file says …." per field
    known: bool = True  # the library had the account before the import

    @property
    def changed(self) -> bool:
        return any(getattr(self.before, f) != getattr(self.after, f) for f in FIELDS)

    @property
    def filled(self) -> tuple[str, ...]:
        return tuple(f for f in FIELDS if getattr(self.before, f) != getattr(self.after, f))


def plan_accounts(library: DealStore, incoming: Sequence[Incoming]) -> tuple[AccountChange, ...]:
    """One change per account the files detail, matched by name (``account_key``) as the
    deals are; several files detailing one account fill it in turn."""
    found: dict[str, AccountChange] = {}
    for item in incoming:
        theirs = item.account
        if theirs is None:
            continue
        key = account_key(theirs.name)
        change = found.get(key)
        if change is None:
            mine = _library_account(library, item, key)
            empty = replace(theirs, industry="", notes="")
            change = AccountChange(mine or empty, mine or empty, known=mine is not None)
        fill = fill_from_file(change.after, theirs)
        found[key] = replace(change, after=fill.account, kept=change.kept + fill.kept)
    return tuple(found.values())


def _library_account(library: DealStore, item: Incoming, key: str) -> Account | None:
    """The library's account of that name — not one that only shares the file's id: the
    deal goes into the account of its name (``accounts.resolve``)."""
    summary = library.account_summary(library.incoming_account(item.deal))
    if summary is None or account_key(summary.account.name) != key:
        return None
    return summary.account


def details_after(changes: Sequence[AccountChange]) -> tuple[Account, ...]:
    return tuple(c.after for c in changes if c.changed)


def details_before(changes: Sequence[AccountChange]) -> tuple[Account, ...]:
    return tuple(c.before for c in changes if c.changed)
