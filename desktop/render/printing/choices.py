"""The choices of a print — layout, paper, orientation — as plain values without Qt, so the
command line can offer them (``--layout``) without loading Qt to read its arguments."""

from __future__ import annotations

from enum import Enum


class PrintLayout(Enum):
    BRIEF = "brief"
    MAP = "map"
    TRIANGLE = "triangle"
    PEOPLE = "people"
    CARDS = "cards"
    PLAN = "plan"  # the mutual action plan: to hand to the customer's champion
    FULL = "full"

    @property
    def label(self) -> str:
        return _LAYOUT_LABELS[self]


_LAYOUT_LABELS = {
    PrintLayout.BRIEF: "Deal brief (two pages at most)",
    PrintLayout.MAP: "Map",
    PrintLayout.TRIANGLE: "Triangle and balance map",
    PrintLayout.PEOPLE: "People table",
    PrintLayout.CARDS: "Person cards",
    PrintLayout.PLAN: "Mutual action plan (for the customer)",
    PrintLayout.FULL: "Everything",
}


class Paper(Enum):
    A4 = "a4"
    LETTER = "letter"



class Orientation(Enum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"
