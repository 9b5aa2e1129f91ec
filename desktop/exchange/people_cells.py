"""The cells of a people table that are more than text — roles, support, influence, coverage,
response mode, triangle scores, dates — read back from the words our own export writes.

Our export writes labels ("Decision maker, Coach / champion", "Supporter", "In depth"); a
seller editing the file in Excel types them loosely ("decision-maker; champion", "in-depth",
"+1"), so each value is matched by its label, its stored value or (roles) its badge, with
case, spaces and hyphens ignored. A value that is none of them raises ``ValidationError``
with a sentence listing what would do; the reader adds the line and the column.

Also here: taking off the apostrophe our export (and other careful exporters) puts before a
cell that Excel would otherwise run as a formula.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import TypeVar

from desktop.domain.dates import parse_date
from desktop.domain.enums import Role
from desktop.domain.errors import ValidationError
from desktop.domain.scores import SCORE_MAX, SCORE_MIN

E = TypeVar("E", bound=Enum)

# What starts a formula in Excel, LibreOffice or Google Sheets: the export quotes these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unquoted(cell: str) -> str:
    """``cell`` without the apostrophe that neutralised it: only an apostrophe followed by
    a formula start ("'=HYPERLINK(…)", "'+49 30 1234") is ours to take off — "'t Hooft"
    and "O'Brien" are names."""
    if cell.startswith("'") and cell[1:2] and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def unquoted_row(cells: list[str]) -> list[str]:
    """A row with each cell ``unquoted``; the same list when no cell holds an apostrophe
    (one look at the joined row: ten thousand rows in 5 ms instead of 30)."""
    if "'" not in "".join(cells):
        return cells
    return [unquoted(cell) for cell in cells]


def _key(text: str) -> str:
    """Case, spaces and word hyphens ignored ("In depth" = "in-depth"); a sign stays."""
    return re.sub(r"[\s_]+|(?<=[^\W\d])-(?=[^\W\d])", "", text.casefold())


def _vocabulary(kind: type[E], *extra: tuple[str, E]) -> dict[str, E]:
    words: dict[str, E] = {}
    for member in kind:
        words[_key(str(member.value))] = member
        words[_key(str(getattr(member, "label", member.value)))] = member
    for word, member in extra:
        words[_key(word)] = member
    return words


_ROLE_WORDS = _vocabulary(Role, ("coach", Role.COACH), ("champion", Role.COACH),
                          *((role.abbreviation, role) for role in Role))
_VOCABULARIES: dict[type[Enum], dict[str, Enum]] = {}


def choice(kind: type[E], cell: str) -> E | None:
    """The member of ``kind`` the cell names (its label or its value), ``None`` when the
    cell is empty."""
    text = cell.strip()
    if not text:
        return None
    words = _VOCABULARIES.get(kind)
    if words is None:
        extra = [("+" + str(m.value), m) for m in kind if isinstance(m.value, int)
                 and m.value > 0]
        words = _VOCABULARIES[kind] = dict(_vocabulary(kind, *extra))
    found = words.get(_key(text))
    if found is None:
        allowed = ", ".join(str(getattr(m, "label", m.value)) for m in kind)
        raise ValidationError("", f"{text[:40]!r} is not one of {allowed}")
    return found  # type: ignore[return-value]


def roles(cell: str) -> tuple[Role, ...]:
    """The roles a cell lists, separated by commas or semicolons."""
    found: list[Role] = []
    for part in re.split(r"[,;]", cell):
        if not part.strip():
            continue
        role = _ROLE_WORDS.get(_key(part))
        if role is None:
            allowed = ", ".join(r.label for r in Role)
            raise ValidationError("", f"{part.strip()[:40]!r} is not a role ({allowed})")
        found.append(role)
    return tuple(found)


def score(cell: str) -> int | None:
    """A triangle score: a whole number from 0 to 10, or empty for unknown ("7.0", as a
    spreadsheet may save it, is 7)."""
    text = cell.strip()
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = float("nan")
    if not number.is_integer() or not SCORE_MIN <= number <= SCORE_MAX:
        raise ValidationError("", f"{text[:40]!r} is not a score (a whole number from "
                                  f"{SCORE_MIN} to {SCORE_MAX}, or empty for unknown)")
    return int(number)


def day(cell: str) -> date | None:
    """A date as our export writes it (YYYY-MM-DD), or empty."""
    text = cell.strip()
    try:
        return parse_date(text[:10] if len(text) > 10 and text[10] in "T " else text, "")
    except ValidationError:
        raise ValidationError("", f"{text[:40]!r} is not a date (YYYY-MM-DD)") from None


def names(cell: str) -> list[str]:
    """The names of a cell that lists several, separated by semicolons ("Ana Ruiz; Li Wei")."""
    return [" ".join(part.split()) for part in cell.split(";") if part.strip()]
