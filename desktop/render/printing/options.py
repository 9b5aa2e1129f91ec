"""What to print and how: the layout, the paper and the privacy choices (one typed object for
the window's dialog, the command line and the tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QLocale

from desktop.domain.red_flags import DEFAULT_STALE_DAYS
from desktop.render.printing.choices import Orientation, Paper, PrintLayout

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
    people: tuple[str, ...] = ()  # the people chosen for the Cards layout (empty: everybody)
    # The day the plan is read against (overdue, the next 14 days); None: the day of the
    # print. A test fixes it, so "overdue" does not change with the calendar.
    today: date | None = None
    # Days without contact before a red flag: the window's setting, so the brief's flags
    # are the analysis panel's.
    stale_days: int = DEFAULT_STALE_DAYS
    # Our company as the customer knows it: the mutual action plan names our side by it
    # ("Acme Telematics: Anna Keller"); empty: "Our team".
    our_company: str = ""

    @property
    def card_people(self) -> tuple[str, ...]:
        """Whose person cards are printed (empty: everybody's). The people chosen count for
        the Cards layout only: "Everything" is the whole deal, whoever is selected."""
        return self.people if self.layout is PrintLayout.CARDS else ()

    def page_orientation(self, layout: PrintLayout) -> Orientation:
        if self.orientation is not None:
            return self.orientation
        wide = layout in (PrintLayout.MAP, PrintLayout.PEOPLE)
        return Orientation.LANDSCAPE if wide else Orientation.PORTRAIT
