"""What to print and how: the layout, the paper and the privacy choices (one typed object for
the window's dialog, the command line and the tests)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageLayout, QPageSize


class PrintLayout(Enum):
    BRIEF = "brief"
    MAP = "map"
    TRIANGLE = "triangle"
    PEOPLE = "people"
    CARDS = "cards"
    FULL = "full"

    @property
    def label(self) -> str:
        return _LAYOUT_LABELS[self]


_LAYOUT_LABELS = {
    PrintLayout.BRIEF: "Deal brief (one page)",
    PrintLayout.MAP: "Map",
    PrintLayout.TRIANGLE: "Triangle and balance map",
    PrintLayout.PEOPLE: "People table",
    PrintLayout.CARDS: "Person cards",
    PrintLayout.FULL: "Everything",
}


class Paper(Enum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def page_size(self) -> QPageSize:
        return QPageSize(QPageSize.PageSizeId.A4 if self is Paper.A4
                         else QPageSize.PageSizeId.Letter)


class Orientation(Enum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"

    @property
    def qt(self) -> QPageLayout.Orientation:
        return (QPageLayout.Orientation.Portrait if self is Orientation.PORTRAIT
                else QPageLayout.Orientation.Landscape)


# Countries that use US Letter (the rest of the world uses A4).
_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
    QLocale.Country.Chile, QLocale.Country.Colombia, QLocale.Country.Venezuela,
    QLocale.Country.Philippines, QLocale.Country.Guatemala, QLocale.Country.CostaRica,
    QLocale.Country.Panama, QLocale.Country.DominicanRepublic, QLocale.Country.PuertoRico,
}


def default_paper(locale: QLocale | None = None) -> Paper:
    """Letter where the locale's country uses it, else A4."""
    territory = (locale or QLocale.system()).territory()
    return Paper.LETTER if territory in _LETTER_TERRITORIES else Paper.A4


@dataclass(frozen=True, slots=True)
class PrintOptions:
    layout: PrintLayout = PrintLayout.BRIEF
    paper: Paper = Paper.A4
    orientation: Orientation | None = None  # None: the layout's natural one
    greyscale: bool = False
    include_private: bool = False
    anonymize: bool = False
    people: tuple[str, ...] = ()  # person cards: these people (empty: everybody)

    def page_orientation(self, layout: PrintLayout) -> Orientation:
        if self.orientation is not None:
            return self.orientation
        wide = layout in (PrintLayout.MAP, PrintLayout.PEOPLE)
        return Orientation.LANDSCAPE if wide else Orientation.PORTRAIT
