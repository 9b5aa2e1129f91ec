"""How the app words numbers and counts, in one place for the window, print, the command line
and exported files: a rule like "unknown is '?', never 0" must read the same everywhere."""

from __future__ import annotations

from collections.abc import Iterable

UNKNOWN = "?"
"""An unknown score: not asked yet — never shown (or counted) as 0."""


def score_text(value: int | None) -> str:
    """A score as a table cell: ``7`` or ``?``."""
    return UNKNOWN if value is None else str(value)


def score_out_of_ten(value: int | None) -> str:
    """A score with its scale, for cards and pages: ``7/10`` or ``?``."""
    return UNKNOWN if value is None else f"{value}/10"


def average_text(value: float | None) -> str:
    """A weighted average such as the deal triangle's: ``6.4`` or ``?``."""
    return UNKNOWN if value is None else f"{value:.1f}"


def scores_text(values: Iterable[int | None], separator: str = "/") -> str:
    """A whole triangle in one go: ``8/?/4``."""
    return separator.join(score_text(value) for value in values)


def money(amount: float | None, currency: str = "") -> str:
    """An amount with thousands separators and its currency: ``480,000 EUR`` (empty when
    there is no amount)."""
    if amount is None:
        return ""
    return f"{amount:,.0f} {currency}".strip()


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 person``, ``3 people``, ``0 lines``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"


def people_count(count: int) -> str:
    return plural(count, "person", "people")
