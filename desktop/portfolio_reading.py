"""The portfolio read from a library: every deal's standing, for ``list --json``, the
``portfolio`` print and the window's Portfolio page.

Each deal is read whole (without its snapshots) and analysed, as the per-deal window does:
the red flags need the whole deal — people, lines and plan — so a lighter query would have
to repeat the rules in SQL. Measured by ``benchmarks/portfolio.py`` (1,000 deals × 30
people)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from desktop.domain.portfolio import DealStanding, is_open_stage, standing
from desktop.store.errors import NotFound
from desktop.store.library import Library


def read_standings(library: Library, today: date,
                   only: Collection[str] | None = None) -> dict[str, DealStanding]:
    """The standing of every deal (or of the deals ``only`` names), by deal id; a deal
    removed meanwhile is left out."""
    ids = [s.id for s in library.list_deals()] if only is None else list(only)
    standings: dict[str, DealStanding] = {}
    for deal_id in ids:
        try:
            deal = library.get_deal(deal_id, snapshots=False)
        except NotFound:
            continue
        standings[deal_id] = standing(deal, today)
    return standings


def open_deal_ids(library: Library, *, account: str | None = None,
                  stage: str | None = None) -> list[str]:
    """The open deals (of ``account`` and in ``stage``, ignoring case), from the deal
    list alone: a closed or filtered-out deal is never read whole."""
    wanted_account = account.strip().casefold() if account else None
    wanted_stage = stage.strip().casefold() if stage else None
    return [s.id for s in library.list_deals() if is_open_stage(s.stage)
            and (wanted_account is None or s.account.strip().casefold() == wanted_account)
            and (wanted_stage is None or s.stage.strip().casefold() == wanted_stage)]


def listed_deals(library: Library, today: date) -> list[dict[str, Any]]:
    """``list --json``: each deal's summary with its portfolio figures (``risk``,
    ``high_flags``, ``overdue_actions``, ``days_since_key_contact``)."""
    summaries = library.list_deals()
    standings = read_standings(library, today, [s.id for s in summaries])
    return [summary.to_plain() | standings[summary.id].to_plain()
            for summary in summaries if summary.id in standings]
