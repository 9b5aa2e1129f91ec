"""The lean, the questions worth asking and the consensus of a deal, worked out together.

Not part of ``analyse()``: the portfolio analyses a thousand deals and must not pay for a
Monte Carlo each. The analysis panel (off the GUI thread), the brief and ``show --json``
call this instead; the questions reuse the lean's draws rather than drawing again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain.consensus import Consensus, consensus
from desktop.domain.deal import Deal
from desktop.domain.lean import DEFAULT_SETTINGS, DRAWS, LeanEstimate, LeanSettings, lean_draws
from desktop.domain.questions import Question, questions


@dataclass(frozen=True, slots=True)
class Outlook:
    lean: LeanEstimate | None  # None: nobody with weight, no lean to speak of
    questions: tuple[Question, ...]
    consensus: Consensus

    def to_plain(self) -> dict[str, Any]:
        """``analysis.lean``, ``analysis.questions`` and ``analysis.consensus`` of
        ``show --json`` (docs/triangle-math.md)."""
        return {"lean": None if self.lean is None else self.lean.to_plain(),
                "questions": [q.to_plain() for q in self.questions],
                "consensus": self.consensus.to_plain()}


def outlook(deal: Deal, weights: Mapping[str, float], *, today: date | None = None,
            settings: LeanSettings = DEFAULT_SETTINGS, seed: int = 0,
            draws: int = DRAWS) -> Outlook:
    agreement = consensus(deal, weights)
    if sum(weights.get(p.id, 0.0) for p in deal.people) <= 0.0:
        return Outlook(None, (), agreement)
    base = lean_draws(deal.people, weights, settings=settings, seed=seed, draws=draws,
                      today=today)
    asked = questions(deal, weights, settings=settings, seed=seed, draws=draws, today=today,
                      base=base)
    return Outlook(base.estimate(), tuple(asked), agreement)
