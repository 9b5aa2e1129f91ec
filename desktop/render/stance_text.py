"""A person's stance in one deal as a few characters — ``▲ +1 · PW 7`` — the same in the
account view's cells, on its printed sheet and in ``account ACCOUNT``'s lines: the support
symbol and value (readable without colour), then the personal-win score (``?`` when
unknown: unknown is not 0). No Qt here, so the command line reads it cheaply."""

from __future__ import annotations

from desktop.domain.accounts import AccountDeal, AccountPerson, Stance
from desktop.palette import SUPPORT_SYMBOLS


def stance_text(stance: Stance) -> str:
    personal = "?" if stance.personal is None else str(stance.personal)
    return f"{SUPPORT_SYMBOLS[stance.support].value} {int(stance.support):+d} · PW {personal}"


def stance_tooltip(person: AccountPerson, deal: AccountDeal, stance: Stance) -> str:
    """The whole stance in words: support, personal win and buying roles."""
    roles = ", ".join(role.label for role in stance.roles) or "no buying role"
    personal = "unknown" if stance.personal is None else f"{stance.personal}/10"
    return (f"{person.name} in {deal.name}\nSupport: {stance.support.label} "
            f"({int(stance.support):+d})\nPersonal win: {personal}\nRoles: {roles}")
