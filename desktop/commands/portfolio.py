"""``portfolio -o FILE.pdf [--account A] [--stage S]``: every open deal on one landscape
page, riskiest first (the risk score is documented in docs/portfolio.md)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from desktop.commands import Command
from desktop.domain.wording import plural


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from desktop.render.printing.choices import Paper

    parser = commands.add_parser(
        "portfolio", help="print every open deal on one page, riskiest first (headless)")
    parser.add_argument("-o", "--output", metavar="OUT.pdf", required=True)
    parser.add_argument("--account", metavar="A", help="only the deals of this account")
    parser.add_argument("--stage", metavar="S", help="only the deals in this stage")
    parser.add_argument("--paper", choices=[paper.value for paper in Paper],
                        help="default: from the locale (Letter in the US and Canada)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=date.fromisoformat,
                        help="judge the deals as on this day (default: today)")


def run(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    from desktop.cli import UserError, _headless_qt, _output_path
    from desktop.domain.portfolio import chosen
    from desktop.portfolio_reading import open_deal_ids, read_standings
    from desktop.store.library import Library

    output = _output_path(args.output, (".pdf",))
    today = args.today or date.today()
    with Library.open(path, create=False) as library:
        standings = read_standings(library, today, open_deal_ids(
            library, account=args.account, stage=args.stage))
    shown = chosen(standings.values(), account=args.account, stage=args.stage)
    if not shown and (args.account or args.stage):
        asked = " and ".join(f"{what} {value!r}" for what, value in (
            ("the account", args.account), ("the stage", args.stage)) if value)
        raise UserError(f"No open deal has {asked}, so nothing was printed")
    # As the library spells them, not as typed ("vega ltd" prints "Vega Ltd").
    scope = " · ".join(part for part in (shown[0].account if args.account else "",
                                         shown[0].stage if args.stage else "") if part)
    _headless_qt()
    from desktop.commands.pdf_output import chosen_paper, refused_in_one_sentence
    from desktop.render.printing.portfolio import write_portfolio_pdf

    with refused_in_one_sentence():
        write_portfolio_pdf(output, shown, today, chosen_paper(args), scope)
    print(f"Printed the portfolio ({plural(len(shown), 'open deal')}"
          f"{', ' + scope if scope else ''}) to {output}: 1 page.", file=out)
    return 0


COMMAND = Command("portfolio", add_parser, run)
