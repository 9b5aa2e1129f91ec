"""The deal file's ``accounts`` (version 3): each account of the file's deals that has an
industry or notes, as ``{"id", "name", "industry", "notes"}`` — the deals already carry the
account's name and id. The notes are private, as a person's are: written only with the
private fields. A file without ``accounts`` (any older one) reads as before.

Reading refuses, in one sentence naming the place: a list that is not one, an entry that is
not an object, an unknown key, a bad id or text, an account no deal of the file belongs to,
an account twice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.domain.account_rules import account_key
from desktop.domain.accounts import Account
from desktop.domain.deal import Deal
from desktop.domain.errors import ValidationError
from desktop.problems import ImportProblem

KEYS = frozenset({"id", "name", "industry", "notes"})


def accounts_to_plain(deals: Sequence[Deal], accounts: Mapping[str, Account], *,
                      include_private: bool) -> list[dict[str, str]]:
    """The details of the deals' accounts (by account id), in the deals' order; an account
    with nothing to say beyond its name is left out."""
    found: list[dict[str, str]] = []
    seen: set[str] = set()
    for deal in deals:
        account = accounts.get(deal.account_id or "")
        if account is None or account.id in seen:
            continue
        seen.add(account.id)
        notes = account.notes if include_private else ""
        if account.industry or notes:
            found.append({"id": account.id, "name": account.name,
                          "industry": account.industry, "notes": notes})
    return found


def accounts_from_plain(value: object, deals: Sequence[Deal],
                        source: str | Path) -> dict[str, Account]:
    """The file's account details by the account's name key (``account_key``): the library
    matches an account by name, so the import finds them by the deal's ``account``."""
    if not isinstance(value, list):
        raise ImportProblem(source, "accounts", "expected a list of accounts")
    named = {account_key(d.account): d.account for d in deals if d.account}
    ids = {account_key(d.account): d.account_id for d in deals if d.account}
    found: dict[str, Account] = {}
    for index, item in enumerate(value):
        path = f"accounts[{index}]"
        if not isinstance(item, dict):
            raise ImportProblem(source, path, "expected an account object")
        unknown = set(item) - KEYS
        if unknown:
            raise ImportProblem(source, path, f"unknown field {sorted(unknown)[0][:40]!r}")
        account = _account(item, path, source)
        key = account_key(account.name)
        if key not in named or (ids[key] is not None and ids[key] != account.id):
            raise ImportProblem(source, path, f"the account {account.name[:60]} is no deal's "
                                "account in this file")
        if key in found:
            raise ImportProblem(source, path, f"the account {account.name[:60]} appears "
                                "twice")
        found[key] = account
    return found


def _account(item: dict[str, Any], path: str, source: str | Path) -> Account:
    for field in ("id", "name"):
        if field not in item:
            raise ImportProblem(source, f"{path}.{field}", "required")
    for field in ("name", "industry", "notes"):
        if not isinstance(item.get(field, ""), str):
            raise ImportProblem(source, f"{path}.{field}", "expected text")
    try:
        return Account(name=item["name"], id=item["id"], industry=item.get("industry", ""),
                       notes=item.get("notes", ""))
    except ValidationError as error:
        raise ImportProblem(source, f"{path}.{error.path}", error.problem) from None
