"""The printed layouts: map (one page, or tiles when text would shrink below 7 pt), triangle,
people table, one-page deal brief and person cards. Each builds ``Page`` objects whose
painters draw in points; ``build_document`` applies the privacy choices first, so no layout
can show what the options leave out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from desktop.domain.analysis import analyse
from desktop.domain.deal import Deal
from desktop.domain.redaction import for_output
from desktop.problems import ExportProblem
from desktop.render.printing.brief import brief_pages
from desktop.render.printing.cards import card_pages
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import Header, Page, Progress, write_pdf
from desktop.render.printing.map_tiles import map_pages
from desktop.render.printing.mutual_plan import mutual_plan_pages
from desktop.render.printing.options import PrintOptions
from desktop.render.printing.people import people_pages
from desktop.render.printing.triangle import triangle_pages

# "Everything" is the seller's own record of the deal; the mutual action plan is a separate
# hand-out for the customer and is not part of it.
SECTIONS = (PrintLayout.BRIEF, PrintLayout.MAP, PrintLayout.TRIANGLE, PrintLayout.PEOPLE,
            PrintLayout.CARDS)


@dataclass(frozen=True, slots=True)
class Document:
    header: Header
    pages: list[Page]
    deal: Deal  # as printed: private fields and names already handled


def build_document(deal: Deal, options: PrintOptions, today: date | None = None) -> Document:
    today = today or options.today or date.today()
    options = replace(options, today=today)
    shown = for_output(deal, include_private=options.include_private,
                       anonymize=options.anonymize)
    analysis = analyse(shown, today=today, stale_days=options.stale_days)
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
    PrintLayout.PLAN: mutual_plan_pages,
}


def print_pdf(deal: Deal, path: Path, options: PrintOptions, today: date | None = None, *,
              max_pages: int | None = None, progress: Progress | None = None) -> int:
    """Print ``deal`` to a PDF file (atomically); return the number of pages. A document
    of more than ``max_pages`` is refused with its page count before anything is painted
    (a full print of 20,000 people is thousands of pages and minutes of work)."""
    document = build_document(deal, options, today)
    refuse_too_many_pages(path, len(document.pages), max_pages)
    write_pdf(path, document.pages, document.header, options.paper,
              greyscale=options.greyscale, progress=progress)
    return len(document.pages)


def refuse_too_many_pages(target: Path | str, pages: int, max_pages: int | None) -> None:
    if max_pages is not None and pages > max_pages:
        raise ExportProblem(target, f"the print would be {pages:,} pages, more than the "
                            f"{max_pages:,} allowed; choose a smaller layout or allow more "
                            "pages (--max-pages)")
