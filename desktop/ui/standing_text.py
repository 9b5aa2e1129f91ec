"""Where we stand against each alternative on the customer's criteria, in the seller's words:
"We lead FleetIQ by 1.4 points on 5 rated criteria", "We beat doing nothing by 8.0 points" —
the weighted standing of ``decision.weighted_standing``, said plainly and coloured (green: we
lead; red: they do). Doing nothing and building it themselves are not rivals a seller "leads":
they are courses of action, said as such."""

from __future__ import annotations

from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative, AlternativeKind, Criterion, weighted_standing
from desktop.ui.text import html

AHEAD_COLOUR = "#1E6B2E"
BEHIND_COLOUR = "#B3261E"


# The course of action an alternative of these kinds stands for, when it keeps its usual name.
_COURSES = {AlternativeKind.DO_NOTHING: "doing nothing",
            AlternativeKind.BUILD: "building it themselves"}


def gap_phrase(alternative: Alternative, gap: float, amount: str) -> str:
    """"We lead FleetIQ by 2" / "FleetIQ leads us by 2" / "Level with FleetIQ" — and for
    doing nothing "We beat doing nothing by 2" / "Doing nothing beats us by 2"."""
    course = _COURSES.get(alternative.kind) if alternative.name == alternative.kind.label \
        else None
    if gap == 0:
        return f"Level with {course or alternative.name}"
    if course is not None:
        return (f"We beat {course} by {amount}" if gap > 0 else
                f"{course.capitalize()} beats us by {amount}")
    return (f"We lead {alternative.name} by {amount}" if gap > 0 else
            f"{alternative.name} leads us by {amount}")


def standing_sentence(criteria: tuple[Criterion, ...], alternative: Alternative) -> str:
    """Where we stand against one alternative (plain text)."""
    rated = sum(1 for c in criteria if c.gap(alternative.id) is not None)
    standing = weighted_standing(criteria, alternative.id)
    if standing is None:
        return f"{alternative.name}: no criterion rated for both yet"
    on = f"on {rated} rated criteri{'on' if rated == 1 else 'a'}"
    shown = round(standing, 1)
    return f"{gap_phrase(alternative, shown, f'{abs(standing):.1f} points')} {on}"


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
