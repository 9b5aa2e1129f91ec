"""``accounts [--json]``: the library's accounts — the customer companies whose people its
deals share — with how many people and deals each has."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from desktop.commands import Command


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "accounts", help="list the accounts with their numbers of people and deals")
    parser.add_argument("--json", action="store_true",
                        help="machine-readable: id, name, industry, notes, people, deals")


def run(args: argparse.Namespace, library_path: Path, out: TextIO) -> int:
    from desktop.cli import EXIT_OK, _print_json, _print_table
    from desktop.store.library import Library

    with Library.open(library_path, create=False) as library:
        accounts = library.accounts()
    if args.json:
        _print_json([summary.to_plain() for summary in accounts], out)
        return EXIT_OK
    if not accounts:
        print(f"No accounts in {library_path}: a deal's account is set in the deal's "
              "details (account field).", file=out)
        return EXIT_OK
    table = [("ID", "NAME", "PEOPLE", "DEALS")]
    table += [(s.account.id[:8], s.account.name, str(s.people), str(s.deals))
              for s in accounts]
    _print_table(table, out, right_aligned={2, 3})
    return EXIT_OK


COMMAND = Command("accounts", add_parser, run)
