"""The portfolio read from a library: every deal's standing, for ``list --json``, the
``portfolio`` print and the window's Portfolio page.

A deal's standing is its day-free figures (``DealFigures``: the deal triangle, coverage,
backing, high red flags, latest key contact, due dates of open actions) plus the day. The
figures cost a whole read and an analysis (~4 ms a deal), so the library keeps them
(``deal_figures``, emptied by triggers whenever the deal is written): a deal is read whole
only when it changed since they were last worked out. Measured by ``benchmarks/portfolio.py``
(1,000 deals × 30 people)."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Collection
from datetime import date
from typing import Any

from desktop.domain.portfolio import (
    FIGURES_RECIPE,
    DealFigures,
    DealHeading,
    DealStanding,
    deal_figures,
    is_open_stage,
    standing_on,
)
from desktop.store.errors import NotFound
from desktop.store.library import Library


def kept_figures(library: Library) -> dict[str, DealFigures]:
    """The figures the library keeps, by deal id (a row that is not figures — a file
    tampered with — is left out, so its deal is worked out again)."""
    kept = {}
    for deal_id, text in library.cached_figures(FIGURES_RECIPE).items():
        try:
            kept[deal_id] = DealFigures.from_plain(json.loads(text))
        except ValueError:  # json.JSONDecodeError is one too
            continue
    return kept


def work_out(library: Library, queue: list[str], today: date, into: dict[str, DealFigures],
             *, budget: float = math.inf, keep: bool = True) -> set[str]:
    """Read the deals of ``queue`` whole, last first, and work out their figures into
    ``into`` until the queue is empty or ``budget`` seconds have gone (the window reads
    between frames); then keep them in the library, in one transaction. Consumes what it
    read from ``queue``; gives the ids of deals removed meanwhile (left out)."""
    start = time.perf_counter()
    as_of = library.data_version()
    made: dict[str, str] = {}
    gone = set()
    while queue and time.perf_counter() - start < budget:
        deal_id = queue.pop()
        try:
            deal = library.get_deal(deal_id, snapshots=False)
        except NotFound:
            gone.add(deal_id)
            continue
        into[deal_id] = figures = deal_figures(deal, today)
        made[deal_id] = json.dumps(figures.to_plain(), separators=(",", ":"))
    if keep:
        library.keep_figures(FIGURES_RECIPE, made, as_of)
    return gone


def read_standings(library: Library, today: date, only: Collection[str] | None = None, *,
                   keep: bool = False) -> dict[str, DealStanding]:
    """The standing of every deal (or of the deals ``only`` names), by deal id; a deal
    removed meanwhile is left out. The command line reads the figures the window kept and
    keeps none itself (``keep``): a reading command leaves the library's bytes as they were
    (tests/system/test_reading_commands.py)."""
    headings: dict[str, DealHeading] = {s.id: s for s in library.list_deals()}
    ids = list(headings) if only is None else [i for i in only if i in headings]
    figures = kept_figures(library)
    work_out(library, [i for i in ids if i not in figures], today, figures, keep=keep)
    return {i: standing_on(headings[i], figures[i], today) for i in ids if i in figures}


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
