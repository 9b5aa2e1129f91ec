"""The visual identity shared by the screen, print and every chart: one place for colours,
support symbols and line styles, so the map, the triangle and the PDF never disagree.

Colours come from colour-blind-safe sets (Okabe–Ito for the three axes, ColorBrewer's RdBu
for support), and nothing is told by colour alone: support also has a symbol (▲▲ ▲ ● ▼ ▼▼),
relations also have a dash pattern or a double stroke. Values are plain hex strings so
matplotlib and Qt read the same table; this module imports neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.domain.enums import Axis, Influence, RelationKind, Support
from desktop.domain.red_flags import Severity

AXIS_COLOURS: dict[Axis, str] = {
    Axis.BUSINESS: "#0072B2",  # blue
    Axis.TECHNICAL: "#E69F00",  # orange
    Axis.PERSONAL: "#CC79A7",  # reddish purple
}
AXIS_SHORT: dict[Axis, str] = {Axis.BUSINESS: "B", Axis.TECHNICAL: "T", Axis.PERSONAL: "P"}

SUPPORT_COLOURS: dict[Support, str] = {
    Support.ENEMY: "#B2182B",
    Support.OPPONENT: "#EF8A62",
    Support.NEUTRAL: "#8C8C8C",
    Support.SUPPORTER: "#67A9CF",
    Support.MENTOR: "#2166AC",
}
SUPPORT_TINTS: dict[Support, str] = {  # card backgrounds: light enough for black text
    Support.ENEMY: "#F7D4D4",
    Support.OPPONENT: "#FBE3D6",
    Support.NEUTRAL: "#EFEFEF",
    Support.SUPPORTER: "#DCEBF5",
    Support.MENTOR: "#CFE0F2",
}


class SupportSymbol(Enum):
    """How support reads without colour: count and direction of triangles, or a dot."""

    TWO_UP = "▲▲"
    UP = "▲"
    DOT = "●"
    DOWN = "▼"
    TWO_DOWN = "▼▼"

    @property
    def count(self) -> int:
        return len(self.value) if self is not SupportSymbol.DOT else 1

    @property
    def pointing(self) -> int:
        """+1 up, −1 down, 0 for the neutral dot."""
        return {"▲": 1, "▼": -1}.get(self.value[0], 0)


SUPPORT_SYMBOLS: dict[Support, SupportSymbol] = {
    Support.MENTOR: SupportSymbol.TWO_UP,
    Support.SUPPORTER: SupportSymbol.UP,
    Support.NEUTRAL: SupportSymbol.DOT,
    Support.OPPONENT: SupportSymbol.DOWN,
    Support.ENEMY: SupportSymbol.TWO_DOWN,
}
# matplotlib marker per support level: the same reading as the card symbols.
SUPPORT_MARKERS: dict[Support, str] = {
    Support.MENTOR: "^", Support.SUPPORTER: "^", Support.NEUTRAL: "o",
    Support.OPPONENT: "v", Support.ENEMY: "v",
}

INFLUENCE_BORDER: dict[Influence, float] = {Influence.LOW: 1.0, Influence.MEDIUM: 2.0,
                                            Influence.HIGH: 3.5}
INFLUENCE_CARD_WIDTH: dict[Influence, float] = {Influence.LOW: 200.0, Influence.MEDIUM: 212.0,
                                                Influence.HIGH: 226.0}

INK = "#1A1A1A"
MUTED_INK = "#555555"
OVERDUE = "#C0392B"  # an overdue action: red on cards, in tables, on paper (5.4:1 on white)
HIGHLIGHT = "#009E73"  # bluish green: selection and the path to power
BADGE_FILL = "#FFFFFF"


@dataclass(frozen=True, slots=True)
class LineStyle:
    colour: str
    dashes: tuple[float, ...]  # in multiples of the pen width; () is solid
    width: float
    arrow: bool  # an arrowhead at the target end
    double: bool = False  # drawn as two parallel strokes (conflict: readable in greyscale)


RELATION_STYLES: dict[RelationKind, LineStyle] = {
    RelationKind.REPORTS_TO: LineStyle("#404040", (), 1.6, arrow=True),
    RelationKind.DOTTED_LINE: LineStyle("#404040", (5.0, 3.0), 1.4, arrow=True),
    RelationKind.INFLUENCE: LineStyle("#0072B2", (1.0, 2.5), 1.2, arrow=True),
    RelationKind.CONFLICT: LineStyle("#D55E00", (), 1.4, arrow=False, double=True),
}


def relation_width(kind: RelationKind, strength: int) -> float:
    """Influence lines thicken with strength 1–3; the others keep their style's width."""
    style = RELATION_STYLES[kind]
    return style.width * (1.0 + 0.9 * (strength - 1)) if kind.has_strength else style.width


def support_caption(support: Support) -> str:
    return f"{SUPPORT_SYMBOLS[support].value} {support.label}"


# Red flags, on screen and on paper: dark red, amber, grey (told apart by marks too).
SEVERITY_COLOURS: dict[Severity, str] = {Severity.HIGH: "#B2182B", Severity.MEDIUM: "#B8860B",
                                         Severity.LOW: "#555555"}
