"""The printed layouts: map (one page, or tiles when text would shrink below 6 pt), triangle,
people table, one-page deal brief and person cards. Each builds ``Page`` objects whose
painters draw in points; ``build_document`` applies the privacy choices first, so no layout
can show what the options leave out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.domain.analysis import analyse
from desktop.domain.deal import Deal
from desktop.domain.enums import Influence
from desktop.domain.redaction import for_output
from desktop.palette import (
    INFLUENCE_CARD_WIDTH,
)
from desktop.render.map.cards import CARD_HEIGHT, SMALLEST_TEXT_PX
from desktop.render.printing.brief import brief_pages
from desktop.render.printing.cards import card_pages
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import Header, Page, write_pdf
from desktop.render.printing.map_tiles import map_pages
from desktop.render.printing.options import PrintOptions
from desktop.render.printing.people import people_pages
from desktop.render.printing.triangle import triangle_pages

MIN_TEXT_PT = 6.0  # the smallest printed text a reader can still read
PRINT_MARGIN = 10.0  # scene units around the cards on a printed map
MAX_MAP_SCALE = 1.0  # points per scene unit: a small map is not blown up past this
# What two neighbouring tiles both show: a whole card, so that every card is whole on at
# least one page, plus room to glue the pages together.
TILE_OVERLAP_X_PT = (INFLUENCE_CARD_WIDTH[Influence.HIGH] + 12) * MIN_TEXT_PT / SMALLEST_TEXT_PX
TILE_OVERLAP_Y_PT = (CARD_HEIGHT + 12) * MIN_TEXT_PT / SMALLEST_TEXT_PX
SECTIONS = (PrintLayout.BRIEF, PrintLayout.MAP, PrintLayout.TRIANGLE, PrintLayout.PEOPLE,
            PrintLayout.CARDS)
WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


@dataclass(frozen=True, slots=True)
class Document:
    header: Header
    pages: list[Page]
    deal: Deal  # as printed: private fields and names already handled


def build_document(deal: Deal, options: PrintOptions, today: date | None = None) -> Document:
    today = today or date.today()
    shown = for_output(deal, include_private=options.include_private,
                       anonymize=options.anonymize)
    analysis = analyse(shown, today=today)
    sections = SECTIONS if options.layout is PrintLayout.FULL else (options.layout,)
    pages: list[Page] = []
    for section in sections:
        pages += _BUILDERS[section](shown, analysis, options)
    header = Header(deal.name, deal.account, today, anonymized=options.anonymize)
    return Document(header, pages, shown)


_BUILDERS = {
    PrintLayout.BRIEF: brief_pages,
    PrintLayout.MAP: map_pages,
    PrintLayout.TRIANGLE: triangle_pages,
    PrintLayout.PEOPLE: people_pages,
    PrintLayout.CARDS: card_pages,
}


def print_pdf(deal: Deal, path: Path, options: PrintOptions,
              today: date | None = None) -> int:
    """Print ``deal`` to a PDF file (atomically); return the number of pages."""
    document = build_document(deal, options, today)
    write_pdf(path, document.pages, document.header, options.paper,
              greyscale=options.greyscale)
    return len(document.pages)
