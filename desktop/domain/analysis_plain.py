"""The ``analysis`` object of ``show --json``: the fast analysis (``DealAnalysis.to_plain``)
plus the figures that take a Monte Carlo run and so are not part of ``analyse()`` (which the
portfolio calls for a thousand deals): the plan's what-if with its projected lean, and the
lean itself with the questions worth asking and the consensus (``outlook.py``).

One function, so that the command line keeps to one line for it (desktop/cli.py is held to
600 lines) and every figure added later has one obvious home.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.lean import lean
from desktop.domain.outlook import outlook
from desktop.domain.what_if import what_if


def analysis_plain(deal: Deal, analysis: DealAnalysis, *,
                   today: date | None = None) -> dict[str, Any]:
    """Everything ``show --json`` prints under ``analysis``; the same library gives the same
    figures on every run (the Monte Carlo is seeded). Evidence ages to ``today`` (the day
    it is run when not given), as in the window and on paper: one lean, wherever it is read."""
    today = today or date.today()
    plain = analysis.to_plain(deal)
    projected = what_if(deal, analysis.weights, today=today, flags_now=analysis.flags,
                        path=list(analysis.path_to_power) if analysis.path_to_power else None,
                        lean_of=partial(lean, today=today))
    plain["what_if"] = projected.to_plain({p.id: p.name for p in deal.people})
    plain |= outlook(deal, analysis.weights, today=today).to_plain()  # lean, questions, consensus
    # Each entry that names a person by id also says their name: a reader of the JSON (a
    # script, a colleague) should not have to look ids up (asked for by a fresh-eyes tester).
    names = {p.id: p.name for p in deal.people}
    for key in ("questions", "decision_tests"):
        for entry in plain.get(key) or ():
            if isinstance(entry, dict) and entry.get("person") in names:
                entry.setdefault("name", names[entry["person"]])
    return plain
