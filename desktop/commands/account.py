"""``account ACCOUNT [--json] [-o FILE.pdf|FILE.json]``: one account's people across its
deals — a line per person with their stance in each deal they take part in — or the whole
grid as JSON (documented in docs/accounts.md; ``--json -o FILE.json`` writes it to the
file), or printed (the grid paged, the org chart)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from desktop.commands import Command
from desktop.domain.accounts import AccountGrid
from desktop.domain.manager_conflicts import ManagerConflict
from desktop.domain.wording import plural


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "account", help="show an account's people × deals (a person's stance per deal)")
    parser.add_argument("account", metavar="ACCOUNT",
                        help="an account's name (any case) or a unique id prefix")
    parser.add_argument("--json", action="store_true",
                        help="machine-readable: the account, its deals, per person the "
                             "stance in each deal, and the reports-to lines")
    parser.add_argument("-o", "--output", metavar="OUT.pdf",
                        help="print the account (grid and org chart) to a PDF instead; "
                             "with --json, the JSON to OUT.json")
    parser.add_argument("--paper", choices=["a4", "letter"],
                        help="default: from the locale (Letter in the US and Canada)")
    parser.add_argument("--max-pages", type=int, default=1_000, metavar="N",
                        help="refuse a print longer than N pages (default 1,000; 10,000 "
                             "people across 50 deals is about 1,800)")


def run(args: argparse.Namespace, library_path: Path, out: TextIO) -> int:
    from desktop.cli import EXIT_OK, _print_json
    from desktop.store.library import Library

    with Library.open(library_path, create=False) as library:
        grid = library.account_grid(library.find_account(args.account))
        conflicts: tuple[ManagerConflict, ...] = ()
        if args.output and not args.json:
            from desktop.account_conflicts import read_manager_conflicts

            conflicts = read_manager_conflicts(library, grid)
    if args.output and args.json:
        return _write_json(grid, args.output, out)
    if args.output:
        return _print_pdf(grid, args, out, conflicts)
    if args.json:
        _print_json(grid.to_plain(), out)
        return EXIT_OK
    for line in grid_lines(grid):
        print(line, file=out)
    return EXIT_OK


def grid_lines(grid: AccountGrid) -> list[str]:
    """The account in lines: a heading, its deals, then one line per person."""
    from desktop.render.stance_text import stance_text

    account = grid.account
    lines = [f"{account.name}" + (f" — {account.industry}" if account.industry else "")
             + f" · {plural(len(grid.people), 'person', 'people')} · "
             f"{plural(len(grid.deals), 'deal')} · id {account.id}"]
    lines += [f"  deal {deal.name}" + (f" ({deal.stage})" if deal.stage else "")
              for deal in grid.deals]
    for person in grid.people:
        stances = [f"{deal.name} {stance_text(stance)}" for deal in grid.deals
                   if (stance := grid.stance(person.id, deal.id)) is not None]
        who = person.name + (f" ({person.title})" if person.title else "")
        lines.append(f"{who}: " + ("; ".join(stances) if stances else "in no deal"))
    return lines


def _write_json(grid: AccountGrid, name: str, out: TextIO) -> int:
    """``--json -o FILE.json``: the grid's JSON in the file (written whole or not at all);
    a PDF name with --json is refused, not quietly printed."""
    import io

    from desktop.cli import EXIT_OK, UserError, _output_path, _print_json
    from desktop.exchange.safe_write import write_bytes
    from desktop.problems import ExportProblem

    if Path(name).suffix.lower() == ".pdf":
        raise UserError(f"{name}: --json writes JSON — name a .json file, or leave out "
                        "--json to print the account to a PDF")
    output = _output_path(name, (".json",))
    text = io.StringIO()
    _print_json(grid.to_plain(), text)
    try:
        write_bytes(output, text.getvalue().encode("utf-8"))
    except ExportProblem as error:
        raise UserError(str(error)) from error
    print(f"Wrote the account {grid.account.name} to {output}: "
          f"{plural(len(grid.people), 'person', 'people')} across "
          f"{plural(len(grid.deals), 'deal')}.", file=out)
    return EXIT_OK


def _print_pdf(grid: AccountGrid, args: argparse.Namespace, out: TextIO,
               conflicts: Sequence[ManagerConflict] = ()) -> int:
    from desktop.cli import EXIT_OK, _headless_qt, _output_path

    output = _output_path(args.output, (".pdf",))
    _headless_qt()
    from desktop.commands.pdf_output import chosen_paper, refused_in_one_sentence
    from desktop.layout.org_chart import org_chart_layout
    from desktop.render.account_chart import account_chart
    from desktop.render.printing.account import write_account_pdf

    chart = account_chart(grid, org_chart_layout([p.id for p in grid.people], grid.reports),
                          conflicts)
    with refused_in_one_sentence():
        pages = write_account_pdf(grid, chart, output, chosen_paper(args),
                                  max_pages=args.max_pages)
    print(f"Printed the account {grid.account.name} to {output}: "
          f"{plural(pages, 'page')}.", file=out)
    return EXIT_OK


COMMAND = Command("account", add_parser, run)
