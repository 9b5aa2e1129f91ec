"""``review DEAL [--since SNAPSHOT|DATE] -o review.pdf``: what moved in a deal since a
snapshot — the changes grouped, the deal triangle over every snapshot, the red flags then
and now — printed headless, the same page the window's Review tab prints."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from desktop.commands import Command
from desktop.domain.wording import plural


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "review", help="print what changed in a deal since a snapshot to a PDF (headless)")
    parser.add_argument("deal", metavar="DEAL", help="a deal id, a unique id prefix or the name")
    parser.add_argument("--since", metavar="SNAPSHOT|DATE",
                        help="a snapshot id, unique id prefix or name, or a day YYYY-MM-DD "
                             "(the newest snapshot taken on or before it); default: the "
                             "newest snapshot")
    parser.add_argument("-o", "--output", metavar="OUT.pdf", required=True)
    parser.add_argument("--paper", choices=["a4", "letter"],
                        help="default: from the locale (Letter in the US and Canada)")
    parser.add_argument("--include-private", action="store_true",
                        help="include private evidence (personal-win notes)")


def run(args: argparse.Namespace, library_path: Path, out: TextIO) -> int:
    from desktop import team_marks
    from desktop.cli import EXIT_OK, UserError, _headless_qt, _output_path
    from desktop.domain.review import NoSnapshot, find_since, review
    from desktop.store.library import Library

    output = _output_path(args.output, (".pdf",))
    with Library.open(library_path, create=False) as library:
        deal = library.get_deal(library.find_deal(args.deal))
        credit = team_marks.credit(library, deal)
    try:
        since = find_since(deal.snapshots, args.since, deal_name=deal.name, now=deal)
    except NoSnapshot as error:
        raise UserError(str(error)) from None
    result = review(deal, since, today=date.today(), credit=credit)
    _headless_qt()
    from desktop.commands.pdf_output import chosen_paper, refused_in_one_sentence
    from desktop.render.printing.review import write_review_pdf

    with refused_in_one_sentence():
        pages = write_review_pdf(result, output, chosen_paper(args),
                                 include_private=args.include_private)
    print(f"Printed the review of {deal.name} since {result.since_text} to {output}: "
          f"{plural(pages, 'page')}.", file=out)
    return EXIT_OK


COMMAND = Command("review", add_parser, run)
