"""The what-if in words, one wording for the window and the brief: "If the open plan
succeeds: business outcome 6.4 → 6.7, …" and each action's expected gain."""

from __future__ import annotations

from collections.abc import Mapping

from desktop.domain.enums import Axis
from desktop.domain.triangle_math import DealTriangle
from desktop.domain.what_if import ActionEffect, WhatIf
from desktop.domain.wording import average_text, plural, score_text

SHORT_TEXT = 48  # an action's text in a list of gains, cut with "…" beyond this


def plan_count(result: WhatIf) -> str:
    """What the plan is, counted once so every number said about it agrees: "7 open actions
    with an intended change, 1 of them reached already" (a fresh-eyes tester read "6 intended
    changes" above a list that added up to 7: a reached action was in one count only)."""
    said = f"{plural(len(result.effects), 'open action')} with an intended change"
    if result.reached:
        said += f", {result.reached} of them reached already"
    return said


def more_line(result: WhatIf, shown: int) -> str:
    """The line under a list of the first ``shown`` actions: "… and 4 more open actions
    with an intended change (1 reached already)", or "" when the list is whole."""
    rest = result.effects[shown:]
    if not rest:
        return ""
    reached = sum(effect.reached for effect in rest)
    noun = "open action" if len(rest) == 1 else "open actions"
    return (f"… and {len(rest)} more {noun} with an intended change"
            + (f" ({reached} reached already)" if reached else ""))


def projection_line(today: DealTriangle, result: WhatIf) -> str:
    """"If the open plan succeeds (5 open actions with an intended change): business outcome
    6.4 → 6.7, technical fit 6.1 (no change), …"."""
    parts = []
    for axis in Axis:
        was, will = today[axis].value, result.triangle[axis].value
        name = axis.label.lower()
        if was is not None and will is not None and abs(will - was) < 0.05:
            parts.append(f"{name} {average_text(was)} (no change)")
        else:
            parts.append(f"{name} {average_text(was)} → {average_text(will)}")
    return (f"If the open plan succeeds ({plan_count(result)}): "
            + ", ".join(parts))


def short_projection_line(today: DealTriangle, result: WhatIf) -> str:
    """The brief's line, which must fit two lines beside the chart: "If the open plan
    succeeds: business 6.3 → 6.7, technical 6.1 → 6.5, personal 5.5 → 5.8"."""
    parts = [f"{axis.value} {average_text(today[axis].value)} → "
             f"{average_text(result.triangle[axis].value)}" for axis in Axis]
    return "If the open plan succeeds: " + ", ".join(parts)


def flags_line(result: WhatIf, names: Mapping[str, str]) -> str:
    """What the plan would do to the red flags, or "" when nothing: one flag is quoted,
    more are counted with the people they are about ("clears 2 red flags, about Thomas
    Wright and Jonas Berg")."""
    said = []
    for verb, flags in (("clears", result.cleared), ("raises", result.raised)):
        if len(flags) == 1:
            said.append(f"{verb} the red flag “{flags[0].message.rstrip('.')}”")
        elif flags:
            about = list(dict.fromkeys(names[p] for f in flags for p in f.people
                                       if p in names))
            whom = (", about " + ", ".join(about[:-1]) + (" and " if len(about) > 1 else "")
                    + about[-1]) if about else ""
            said.append(f"{verb} {plural(len(flags), 'red flag')}{whom}")
    return ("It " + " and ".join(said) + ".") if said else ""


def effect_line(effect: ActionEffect, names: Mapping[str, str]) -> str:
    """"+0.27 technical fit — “Security questionnaire answers…”: Samuel Okoye 2 → 6"."""
    text = effect.action.text
    if len(text) > SHORT_TEXT:
        text = text[:SHORT_TEXT - 1].rstrip() + "…"
    who = names.get(effect.person, "someone")
    if effect.reached:
        return f"reached already — “{text}”: {who} {score_text(effect.now)}"
    return (f"{effect.gain:+.2f} {effect.axis.label.lower()} — “{text}”: {who} "
            f"{score_text(effect.now)} → {effect.projected}")
