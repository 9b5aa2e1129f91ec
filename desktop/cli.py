"""The command line: the same operations as the window, headless.

``deal-triangle [--db PATH] [FILE]`` opens the window; ``deal-triangle [--db PATH] COMMAND``
runs a command. Exit status: 0 success, 1 a user error (one sentence on stderr, never a
traceback), 2 wrong usage. This module never imports the window: it is started through the
``launch_gui`` callable that ``desktop.__main__`` passes in; ``print`` and ``export`` load Qt
(offscreen) only when they run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from desktop import __version__, protected_files
from desktop import commands as command_modules
from desktop.domain.analysis import analyse
from desktop.domain.analysis_plain import analysis_plain
from desktop.domain.enums import Axis
from desktop.domain.errors import ValidationError
from desktop.domain.wording import average_text, money, score_text
from desktop.exchange import dealfile, registry
from desktop.exchange.incoming import Incoming
from desktop.exchange.registry import ReadOptions
from desktop.problems import ImportProblem
from desktop.render.printing.choices import Orientation, Paper, PrintLayout
from desktop.store.errors import StoreError
from desktop.store.library import Library
from desktop.store.location import prepare_default_folder, resolve_library_path

GuiLauncher = Callable[[Path, Path | None], int]

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2

COMMANDS = ("demo", "list", "show", "actions", "check", "print", "export", "import", "backup",
            "restore", *command_modules.names())
PICTURE_SUFFIXES = (".svg", ".png")
DEFAULT_MAX_PAGES = 1_000
USAGE = (
    "deal-triangle [--db PATH] [FILE]\n"
    "       deal-triangle [--db PATH] COMMAND [options]"
)
DESCRIPTION = """\
Map the people of a B2B deal, score each on the decision triangle (business outcome,
technical fit, personal win) and see who influences whom. Without a command the window
opens; the library is --db PATH, else $DEAL_TRIANGLE_DB, else the user-data folder."""


class UserError(Exception):
    """A problem the user made or can fix; the message is one sentence."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deal-triangle", usage=USAGE, description=DESCRIPTION)
    parser.add_argument("--db", metavar="PATH", help="the library file to use")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands",
                                     prog="deal-triangle [--db PATH]")

    commands.add_parser("demo", help="add the demo deals (twice adds nothing new)")

    listing = commands.add_parser("list", help="list the deals in the library")
    listing.add_argument("--json", action="store_true", help="print JSON")

    show = commands.add_parser("show", help="show one deal with its people and analysis")
    show.add_argument("deal", metavar="DEAL", help="a deal id, a unique id prefix or the name")
    show.add_argument("--json", action="store_true",
                      help="print the deal in the deal-file format plus an analysis object")
    show.add_argument("--include-private", action="store_true",
                      help="include private evidence (personal-win notes)")

    actions = commands.add_parser("actions", help="list a deal's actions, grouped like the "
                                                  "Plan tab (overdue, this week, later …)")
    actions.add_argument("deal", metavar="DEAL", help="a deal id, a unique id prefix or the name")
    actions.add_argument("--overdue", action="store_true",
                         help="only the open actions past their due date")
    actions.add_argument("--json", action="store_true",
                         help="print a JSON list: each action as in the deal file, plus "
                              "group, overdue_days and owner_name")
    actions.add_argument("--today", metavar="YYYY-MM-DD", type=_day,
                         help="read the plan as on this day (default: today)")

    commands.add_parser("check", help="check the library's integrity and schema; exit 0 "
                                      "when sound")

    printing = commands.add_parser("print", help="print a deal to a PDF file (headless)")
    printing.add_argument("deal", metavar="DEAL", help="a deal id, a unique id prefix or the name")
    printing.add_argument("-o", "--output", metavar="OUT.pdf", required=True)
    printing.add_argument("--layout", choices=[layout.value for layout in PrintLayout],
                          default=PrintLayout.BRIEF.value)
    printing.add_argument("--paper", choices=[paper.value for paper in Paper],
                          help="default: from the locale (Letter in the US and Canada)")
    printing.add_argument("--orientation", choices=[o.value for o in Orientation],
                          help="default: landscape for the map and people table, else portrait")
    printing.add_argument("--greyscale", "--grayscale", action="store_true")
    printing.add_argument("--include-private", action="store_true",
                          help="include private evidence and notes")
    printing.add_argument("--anonymize", "--anonymise", action="store_true",
                          help="initials and roles instead of names")
    printing.add_argument("--our-company", default="", metavar="NAME",
                          help="our company as the customer knows it: the mutual action plan "
                               "(--layout plan) names our side by it")
    printing.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, metavar="N",
                          help="refuse, before painting, a print of more pages "
                               f"(default {DEFAULT_MAX_PAGES:,}; a full print of 2,000 "
                               "people is about 1,900)")

    export = commands.add_parser(
        "export", help="export deals to a file: .dealtri, people .csv, .graphml, .gexf, "
                       ".xlsx, Gephi or Kumu CSVs; or a deal's map as .svg or .png")
    export.add_argument("deal", metavar="DEAL", nargs="*",
                        help="deal ids, unique id prefixes or names (default with --all)")
    export.add_argument("--all", action="store_true", help="every deal of the library")
    export.add_argument("-o", "--output", metavar="FILE", required=True,
                        help="the extension chooses the format unless --format says it")
    export.add_argument("--format", metavar="NAME", choices=registry.writer_names(),
                        help=", ".join(registry.writer_names()))
    export.add_argument("--dpi", type=float, default=192.0, help="PNG resolution (default 192)")
    export.add_argument("--include-private", action="store_true",
                        help="include private evidence (personal-win notes)")
    export.add_argument("--format-version", type=int, metavar="N",
                        help="deal files: 1 or 2 for a colleague on an older release (1 "
                             "leaves out the plan but each person's next action, 2 the "
                             "comments; what is left out is said on stderr); default 3")
    export.add_argument("--anonymize", "--anonymise", action="store_true",
                        help="maps only: initials and roles instead of names")

    backup = commands.add_parser("backup", help="copy the library to a file (SQLite's "
                                                "backup API: consistent while in use)")
    backup.add_argument("-o", "--output", metavar="FILE", required=True)

    restore = commands.add_parser("restore", help="replace the library with a backup (the "
                                                  "current library is backed up first)")
    restore.add_argument("file", metavar="FILE", help="a backup of a Deal Triangle library")

    importing = commands.add_parser(
        "import", help="import deal files, or people from CSV, GraphML or GEXF")
    importing.add_argument("files", metavar="FILE", nargs="+")
    importing.add_argument("--format", choices=registry.reader_names(), default="auto")
    importing.add_argument("--deal", metavar="DEAL",
                           help="put the people of CSV, GraphML or GEXF files into this deal "
                                "(default: a new deal named after the file)")
    importing.add_argument("--skip-uneven-rows", action="store_true",
                           help="leave out CSV rows with more or fewer cells than the "
                                "header (without it such a file is refused, naming the line)")
    importing.add_argument("--on-conflict", choices=("mine", "theirs", "both"),
                           help="how to settle people who differ; without it conflicts are "
                                "listed and nothing is written")
    for command in command_modules.commands():
        command.add_parser(commands)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deal-triangle", usage=USAGE, description=DESCRIPTION)
    parser.add_argument("--db", metavar="PATH", help="the library file to use")
    parser.add_argument("file", metavar="FILE", nargs="?", help="a deal file to open")
    return parser


def first_positional(argv: Sequence[str]) -> str | None:
    skip = False
    for word in argv:
        if skip:
            skip = False
            continue
        if word == "--db":
            skip = True
            continue
        if word == "--":
            return None
        if not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None, *, launch_gui: GuiLauncher | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    wants_help = any(token in ("-h", "--help", "--version") for token in argv)
    positional = first_positional(argv)
    try:
        if positional in COMMANDS or (positional is None and wants_help):
            args = build_parser().parse_args(argv)
        else:
            args = build_gui_parser().parse_args(argv)
            args.command = None
            if args.file and not Path(args.file).exists():
                print(f"deal-triangle: error: {args.file!r} is neither a command "
                      f"({', '.join(COMMANDS)}) nor a file", file=err)
                return EXIT_USAGE
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        if args.command is None:
            if launch_gui is None:
                raise UserError("the window is not available from here")
            file = Path(args.file) if args.file else None
            return launch_gui(resolve_library_path(args.db), file)
        handler = HANDLERS.get(args.command) or {
            c.name: c.run for c in command_modules.commands()}[args.command]
        library = resolve_library_path(args.db)
        # For the whole command, not only while the library is open: a print is written
        # after the deal was read and the library closed.
        with protected_files.guarded_files(protected_files.library_files(library)):
            return handler(args, library, out)
    except (StoreError, ImportProblem, ValidationError, UserError) as error:
        print(f"deal-triangle: error: {error}", file=err)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


# -- commands -------------------------------------------------------------------------------


def command_demo(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    from desktop.demo import add_demo_deals

    prepare_default_folder(path)
    with Library.open(path) as library:
        added, _changes = add_demo_deals(library)
    if added:
        print(f"Added {len(added)} demo deal{'s' if len(added) != 1 else ''} to {path}: "
              + ", ".join(deal.name for deal in added), file=out)
    else:
        print(f"The demo deals are already in {path}.", file=out)
    return EXIT_OK


def command_list(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    with Library.open(path, create=False) as library:
        if args.json:  # each deal with its portfolio figures (risk, high flags …)
            from desktop.portfolio_reading import listed_deals

            _print_json(listed_deals(library, date.today()), out)
            return EXIT_OK
        deals = library.list_deals()
    if not deals:
        print(f"No deals in {path}. Add the demo deals with: deal-triangle demo", file=out)
        return EXIT_OK
    table = [("ID", "NAME", "ACCOUNT", "STAGE", "PEOPLE", "AMOUNT")]
    table += [
        (d.id[:8], d.name, d.account, d.stage, str(d.people), money(d.amount, d.currency))
        for d in deals
    ]
    _print_table(table, out, right_aligned={4, 5})
    return EXIT_OK


def command_show(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    with Library.open(path, create=False) as library:
        deal = library.get_deal(library.find_deal(args.deal))
        account = library.account_summary(deal.account_id)
    analysis = analyse(deal)
    if args.json:
        document = dealfile.to_document([deal], include_private=args.include_private)
        document["analysis"] = analysis_plain(deal, analysis)
        document["account"] = account.to_plain() if account is not None else None
        _print_json(document, out)
        return EXIT_OK
    print(f"{deal.name} — {deal.account}" if deal.account else deal.name, file=out)
    facts = [f"stage {deal.stage}" if deal.stage else "", money(deal.amount, deal.currency),
             f"closes {deal.close_date.isoformat()}" if deal.close_date else "", f"id {deal.id}"]
    print(" · ".join(fact for fact in facts if fact), file=out)
    if deal.objective:
        print(f"Objective: {deal.objective}", file=out)
    if deal.alternatives:
        print(f"Alternatives: {', '.join(a.name for a in deal.alternatives)}", file=out)
    legs = []
    for axis in Axis:
        result = analysis.triangle[axis]
        legs.append(f"{axis.label} {average_text(result.value)} "
                    f"({result.coverage:.0%} of influence known)")
    print("Deal triangle: " + " · ".join(legs), file=out)
    print(f"\nPeople ({len(deal.people)}):", file=out)
    table = [("NAME", "TITLE", "ROLES", "SUPPORT", "INFLUENCE", "B", "T", "P", "WEIGHT")]
    for person in sorted(deal.people, key=lambda p: -analysis.weights[p.id]):
        b, t, p = (score_text(v) for v in person.scores.values())
        table.append((person.name, person.title,
                      " ".join(role.abbreviation for role in person.roles),
                      person.support.label, person.influence.label, b, t, p,
                      f"{analysis.weights[person.id]:.0%}"))
    _print_table(table, out, right_aligned={5, 6, 7, 8})
    print(f"\nRelations: {len(deal.relations)} · snapshots: {len(deal.snapshots)}", file=out)
    from desktop.plan_listing import show_lines

    for line in show_lines(deal, date.today()):
        print(line, file=out)
    names = {p.id: p.name for p in deal.people}
    if analysis.path_to_power:
        print("Path to power: " + " → ".join(names[i] for i in analysis.path_to_power),
              file=out)
    if analysis.tipping_point:
        print(f"Tipping point: {names[analysis.tipping_point.person]} (personal win to 10 "
              f"lifts the deal's personal axis by {analysis.tipping_point.gain:.1f})", file=out)
    if analysis.flags:
        print(f"\nRed flags ({len(analysis.flags)}):", file=out)
        for flag in analysis.flags:
            print(f"  [{flag.severity.value}] {flag.message}", file=out)
    return EXIT_OK


def command_actions(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    from desktop.plan_listing import actions_heading, actions_json, actions_tables

    with Library.open(path, create=False) as library:
        deal = library.get_deal(library.find_deal(args.deal))
    today = args.today or date.today()
    if args.json:
        _print_json(actions_json(deal, today, args.overdue), out)
        return EXIT_OK
    print(actions_heading(deal, today), file=out)
    tables = actions_tables(deal, today, args.overdue)
    if not tables:
        print("Nothing overdue." if args.overdue else "No actions yet.", file=out)
    for title, rows in tables:
        print(f"\n{title}:", file=out)
        _print_table(rows, out, right_aligned=set(), widest={2: 60})
    return EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def command_check(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    from desktop.store.checking import check_library

    report = check_library(path)
    if report.sound:
        print(f"OK: {path} is sound (library version {report.version}, {report.deals} deals, "
              f"{report.people} people).", file=out)
        return EXIT_OK
    for problem in report.problems:
        print(f"problem: {problem}", file=out)
    raise UserError(f"{path} failed the check ({len(report.problems)} problem"
                    f"{'s' if len(report.problems) != 1 else ''})")


def command_print(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    output = _output_path(args.output, (".pdf",))
    with Library.open(path, create=False) as library:
        deal = library.get_deal(library.find_deal(args.deal))
    _headless_qt()
    from desktop.problems import ExportProblem
    from desktop.render.printing.choices import Orientation, Paper, PrintLayout
    from desktop.render.printing.layouts import print_pdf
    from desktop.render.printing.options import PrintOptions, default_paper

    options = PrintOptions(
        layout=PrintLayout(args.layout),
        paper=Paper(args.paper) if args.paper else default_paper(),
        orientation=Orientation(args.orientation) if args.orientation else None,
        greyscale=args.greyscale, include_private=args.include_private,
        anonymize=args.anonymize, our_company=args.our_company)
    progress = _TerminalProgress(sys.stderr, f"Printing {deal.name}")
    try:
        pages = print_pdf(deal, output, options, max_pages=args.max_pages, progress=progress)
    except ExportProblem as error:
        raise UserError(str(error)) from error
    finally:
        progress.done()
    print(f"Printed {deal.name} ({args.layout}, {options.paper.value}) to {output}: "
          f"{pages} page{'s' if pages != 1 else ''}.", file=out)
    return EXIT_OK


class _TerminalProgress:
    """"Printing … page 120 of 1,908" on stderr, rewritten in place, when stderr is a
    terminal (a long print is otherwise minutes without a sign of life); nothing in a pipe
    or a log. Ten updates a second at most."""

    def __init__(self, stream: TextIO, what: str) -> None:
        self.stream = stream
        self.what = what
        self.shown = False
        self.last = 0.0
        self.live = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if self.live and (now - self.last >= 0.1 or done == total):
            self.last = now
            self.stream.write(f"\r{self.what}: page {done:,} of {total:,}\x1b[K")
            self.stream.flush()
            self.shown = True
        return True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def command_export(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    if Path(args.output).suffix.lower() in PICTURE_SUFFIXES and args.format is None:
        if args.format_version is not None:
            raise UserError("--format-version is for deal files (.dealtri), not pictures")
        return _export_map(args, path, out)
    from desktop.exchange.exporting import export_deals
    from desktop.problems import ExportProblem

    output = Path(args.output)
    try:
        fmt = registry.for_output(output, args.format)
    except (KeyError, ValueError) as error:
        message = (f"{args.format} is not a format Deal Triangle writes"
                   if isinstance(error, KeyError) else str(error))
        raise UserError(message) from None
    if not output.parent.is_dir():
        raise UserError(f"{output} cannot be written: the folder {output.parent} does not "
                        "exist")
    with Library.open(path, create=False) as library:
        if args.all:
            ids = [d.id for d in library.list_deals()]
        elif args.deal:
            ids = list(dict.fromkeys(library.find_deal(d) for d in args.deal))
        else:
            raise UserError("name the deals to export, or --all")
        if not ids:
            raise UserError(f"{path} has no deals to export")
        try:
            written = export_deals(library, ids, output, fmt.name,
                                   include_private=args.include_private,
                                   format_version=args.format_version,
                                   note=lambda sentence: print(sentence, file=sys.stderr))
        except ExportProblem as error:
            raise UserError(str(error)) from None
        except ValueError as error:
            raise UserError(str(error)) from None
    print(f"Exported {len(ids)} deal{'s' if len(ids) != 1 else ''} as {fmt.label}: "
          + ", ".join(str(p) for p in written) + ".", file=out)
    return EXIT_OK


def command_backup(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    output = Path(args.output)
    with Library.open(path, create=False) as library:
        library.backup_to(output)
    print(f"Backed up {path} to {output} ({output.stat().st_size / 1e6:.1f} MB).", file=out)
    return EXIT_OK


def command_restore(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    from desktop.store.restoring import restore

    source = Path(args.file)
    safety = restore(path, source)
    kept = f" What was there is kept in {safety}." if safety else ""
    print(f"Restored {path} from {source}.{kept}", file=out)
    return EXIT_OK


def command_import(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    from desktop.domain.merge import Resolution
    from desktop.exchange.import_summary import missing_managers, summary
    from desktop.exchange.importing import describe, plan_import, read_files, resolve_import

    inputs = [Path(f) for f in args.files]
    incoming = read_files(inputs, args.format,
                          ReadOptions(skip_uneven=args.skip_uneven_rows))
    prepare_default_folder(path)
    with Library.open(path) as library, protected_files.guarded(
            inputs, "a file being imported"):
        into = library.find_deal(args.deal) if args.deal else None
        first = plan_import(library, incoming, into)
        if first.merges and not first.changes_nothing:
            library.backup("before-merge", None)  # outside the write lock: it reads the file
        # Decided under the write lock: another import of the same file at the same moment
        # leaves this one nothing to import, not a clash on the deal it added.
        with library.transaction():
            plan = plan_import(library, incoming, into)
            if plan.changes_nothing:
                print("Nothing to import: the library already has all of it.", file=out)
                return EXIT_OK
            if plan.has_conflicts and args.on_conflict is None:
                for line in describe(plan):
                    print(f"conflict: {line}", file=out)
                raise UserError(f"{len(describe(plan))} conflict(s) and nothing was "
                                "written; choose --on-conflict mine, theirs or both")
            resolution = Resolution(args.on_conflict or "mine")
            deal_resolution = Resolution.THEIRS if resolution is Resolution.THEIRS \
                else Resolution.MINE
            result = resolve_import(library, plan, resolution, deal_resolution)
            result.write_into(library)  # the deals and the accounts' details
    said = summary(plan, result, resolution, deal_resolution)
    missing = missing_managers(incoming)
    print(f"Imported into {path}. " + " ".join(f"{s}." for s in said) + _left_out(incoming)
          + (f" {missing}" if missing else ""), file=out)
    return EXIT_OK


def _left_out(incoming: Sequence[Incoming]) -> str:
    lines = [line for item in incoming for line in item.skipped]
    if not lines:
        return ""
    shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
    return f" {len(lines)} row{'s' * (len(lines) > 1)} that did not fit the header left " \
           f"out (line{'s' * (len(lines) > 1)} {shown})."


def _export_map(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    output = _output_path(args.output, PICTURE_SUFFIXES)
    if len(args.deal) != 1:
        raise UserError("a map picture shows one deal; name exactly one")
    if not 10 <= args.dpi <= 2400:
        raise UserError(f"--dpi {args.dpi:g} is out of range (10 to 2400)")
    with Library.open(path, create=False) as library:
        deal = library.get_deal(library.find_deal(args.deal[0]))
    _headless_qt()
    from desktop.domain.redaction import for_output
    from desktop.problems import ExportProblem
    from desktop.render.map.export import export_png, export_svg

    shown = for_output(deal, include_private=args.include_private, anonymize=args.anonymize)
    try:
        if output.suffix.lower() == ".svg":
            export_svg(shown, output)
            print(f"Exported the map of {deal.name} to {output}.", file=out)
        else:
            size = export_png(shown, output, args.dpi)
            print(f"Exported the map of {deal.name} to {output}: {size.width()} × "
                  f"{size.height()} pixels at {args.dpi:g} dpi.", file=out)
    except ExportProblem as error:
        raise UserError(str(error)) from error
    return EXIT_OK


def _output_path(name: str, suffixes: tuple[str, ...]) -> Path:
    output = Path(name)
    if output.suffix.lower() not in suffixes:
        raise UserError(f"{name} must end in {' or '.join(suffixes)}")
    if not output.parent.is_dir():
        raise UserError(f"{name} cannot be written: the folder {output.parent} does not exist")
    return output


def _headless_qt() -> None:
    """Drawing needs a Qt application; the command line's never shows a window."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication(["deal-triangle"])


HANDLERS: dict[str, Callable[[argparse.Namespace, Path, TextIO], int]] = {
    "demo": command_demo,
    "list": command_list,
    "show": command_show,
    "actions": command_actions,
    "check": command_check,
    "print": command_print,
    "export": command_export,
    "import": command_import,
    "backup": command_backup,
    "restore": command_restore,
}


# -- output helpers -------------------------------------------------------------------------


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _print_table(rows: Sequence[Sequence[str]], out: TextIO, *, right_aligned: set[int],
                 widest: dict[int, int] | None = None) -> None:
    """Columns as wide as their longest cell, at most 40 characters (or ``widest[i]``)."""
    caps = widest or {}
    widths = [min(caps.get(i, 40), max(len(row[i]) for row in rows))
              for i in range(len(rows[0]))]
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            text = cell if len(cell) <= widths[i] else cell[: widths[i] - 1] + "…"
            cells.append(text.rjust(widths[i]) if i in right_aligned else text.ljust(widths[i]))
        print("  ".join(cells).rstrip(), file=out)

