"""Where we stand against each alternative on the customer's criteria, in the seller's words:
"We lead FleetIQ by 1.4 points on 5 rated criteria" — the weighted standing of
``decision.weighted_standing``, said plainly and coloured (green: we lead; red: they do)."""

from __future__ import annotations

from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative, Criterion, weighted_standing
from desktop.ui.text import html

AHEAD_COLOUR = "#1E6B2E"
BEHIND_COLOUR = "#B3261E"


def standing_sentence(criteria: tuple[Criterion, ...], alternative: Alternative) -> str:
    """Where we stand against one alternative (plain text)."""
    rated = sum(1 for c in criteria if c.gap(alternative.id) is not None)
    standing = weighted_standing(criteria, alternative.id)
    if standing is None:
        return f"{alternative.name}: no criterion rated for both yet"
    on = f"on {rated} rated criteri{'on' if rated == 1 else 'a'}"
    if round(standing, 1) == 0:
        return f"Level with {alternative.name} {on}"
    if standing > 0:
        return f"We lead {alternative.name} by {standing:.1f} points {on}"
    return f"{alternative.name} leads us by {-standing:.1f} points {on}"


def standing_html(deal: Deal | None) -> str:
    """The line under the criteria table (rich text), or what is missing for it."""
    if deal is None:
        return ""
    if not deal.alternatives:
        return "<i>Add the alternatives (below) to rate us against them.</i>"
    if not deal.criteria:
        return ("<i>No criteria yet: add what the customer will judge, most important "
                "first.</i>")
    parts = []
    for alternative in deal.alternatives:
        standing = weighted_standing(deal.criteria, alternative.id)
        shown = None if standing is None else round(standing, 1)
        colour = (AHEAD_COLOUR if shown is not None and shown > 0 else
                  BEHIND_COLOUR if shown is not None and shown < 0 else "palette(text)")
        sentence = html(standing_sentence(deal.criteria, alternative))
        parts.append(f"<span style='color:{colour}'>{sentence}</span>")
    return "<b>Weighted standing:</b> " + " · ".join(parts)
