"""A synthetic account of any size, reproducible from a seed: for the account view's
benchmark, its tests and screenshots (a real 10,000-person account is a whole enterprise's
directory, which a seller does import).

Every person reports to someone earlier (one tree, a manager has about ``span`` reports) and
takes part in a few deals (``deals_per_person`` on average): a grid of people × deals that is
mostly blank, as an account's is.
"""

from __future__ import annotations

import random
import uuid

from desktop.domain.accounts import Account, AccountDeal, AccountGrid, AccountPerson, Stance
from desktop.domain.enums import Role, Support
from desktop.synthetic import FIRST, LAST, TITLES

STAGES = ("Qualify", "Develop", "Propose", "Negotiate", "Closed won")
PROJECTS = ("renewal", "expansion", "pilot", "migration", "platform", "analytics", "security")


def synthetic_account(people: int, deals: int, *, deals_per_person: float = 2.0,
                      span: int = 6, seed: int = 1, name: str = "Synthetic AG") -> AccountGrid:
    """An account grid of ``people`` × ``deals`` built without a library. Ids come from
    the seeded generator, so two calls with the same seed give equal grids."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets

    def seeded_id() -> str:
        return str(_uuid(rng))

    account = Account(name=name, id=seeded_id())
    crowd = tuple(AccountPerson(
        id=seeded_id(),
        name=f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
             + (f" {i // (len(FIRST) * len(LAST)) + 1}" if i >= len(FIRST) * len(LAST) else ""),
        title=TITLES[rng.randrange(len(TITLES))],
        email=f"person{i}@example.com") for i in range(people))
    crowd = tuple(sorted(crowd, key=lambda p: p.name.casefold()))
    deal_list = tuple(sorted(
        (AccountDeal(id=seeded_id(),
                     name=f"{name.split()[0]} {PROJECTS[d % len(PROJECTS)]} {d + 1}",
                     stage=STAGES[rng.randrange(len(STAGES))]) for d in range(deals)),
        key=lambda d: d.name.casefold()))
    cells: dict[tuple[str, str], Stance] = {}
    supports = list(Support)
    roles = list(Role)
    chance = min(1.0, deals_per_person / max(deals, 1))
    for person in crowd:
        for deal in deal_list:
            if rng.random() < chance:
                personal = rng.randrange(11) if rng.random() < 0.7 else None
                cells[(person.id, deal.id)] = Stance(
                    support=supports[rng.randrange(len(supports))], personal=personal,
                    roles=(roles[rng.randrange(len(roles))],) if rng.random() < 0.5 else ())
    by_order = list(crowd)
    rng.shuffle(by_order)
    reports = tuple((by_order[i].id, by_order[(i - 1) // span].id)
                    for i in range(1, len(by_order)))
    return AccountGrid(account=account, people=crowd, deals=deal_list, cells=cells,
                       reports=reports)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)

