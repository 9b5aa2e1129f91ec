"""``team set|share|unshare|sync|status``: the team folder from the command line, headless
(``docs/team.md``). The same operations as File ▸ Team folder… in the window."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from desktop.commands import Command


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "team", help="share deals with a team through a folder the company's sync engine "
                     "carries (OneDrive, Dropbox, Syncthing, a network share)")
    actions = parser.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    chosen = actions.add_parser("set", help="choose the team folder and your name in it")
    chosen.add_argument("folder", metavar="FOLDER")
    chosen.add_argument("--author", required=True, metavar="NAME",
                        help="your name as colleagues see it")
    shared = actions.add_parser("share", help="publish a deal to the team folder")
    shared.add_argument("deal", metavar="DEAL")
    shared.add_argument("--with-private", action="store_true",
                        help="include private notes and evidence (left out by default)")
    shared.add_argument("--anonymised", action="store_true",
                        help="people as initials and roles, no contact details")
    unshared = actions.add_parser("unshare", help="stop publishing a deal (colleagues keep "
                                                  "what they have)")
    unshared.add_argument("deal", metavar="DEAL")
    synced = actions.add_parser("sync", help="publish, then read and merge the others' files")
    synced.add_argument("--on-conflict", choices=("mine", "theirs", "both"),
                        help="settle conflicts by this rule (default: list them, merge the "
                             "rest)")
    status = actions.add_parser("status", help="the folder, your name, shared deals, last "
                                               "read and publish, problems waiting")
    status.add_argument("--json", action="store_true", help="machine-readable")


def run(args: argparse.Namespace, library_path: Path, out: TextIO) -> int:
    from desktop.cli import EXIT_OK, EXIT_USER_ERROR, UserError, _print_json
    from desktop.domain.merge import Resolution
    from desktop.domain.team import Share, TeamSettings
    from desktop.store import team
    from desktop.store.library import Library
    from desktop.team_sync import TeamNotSet, sync

    # `team set` may start a library (a laptop that only receives the team's deals); the
    # others read or write one that exists.
    with Library.open(library_path, create=args.team_command == "set") as library:
        action = args.team_command
        if action == "set":
            folder = Path(args.folder).expanduser().absolute()
            if not folder.is_dir():
                raise UserError(f"{folder} is not a folder: create it (or let the sync "
                                "engine create it) first")
            before = team.settings(library)
            settings = TeamSettings(str(folder), args.author)
            if before is not None:
                settings = TeamSettings(str(folder), args.author, before.author_id)
            team.set_settings(library, settings)
            print(f"Team folder: {folder}, as {settings.author_name} "
                  f"(author {settings.author_id[:8]}).", file=out)
            return EXIT_OK
        if action in ("share", "unshare"):
            deal = library.deal_summary(library.find_deal(args.deal))
            if action == "share":
                team.share(library, Share(deal.id, args.with_private, args.anonymised))
                how = ", ".join(w for w, on in (("with private notes", args.with_private),
                                                ("anonymised", args.anonymised)) if on)
                print(f"Shared {deal.name}{f' ({how})' if how else ''}: published at the "
                      "next sync.", file=out)
            elif team.unshare(library, deal.id):
                print(f"No longer shared: {deal.name} (colleagues keep what they have; "
                      "its file stays in the folder until you delete it).", file=out)
            else:
                print(f"{deal.name} was not shared.", file=out)
            return EXIT_OK
        if action == "sync":
            try:
                report = sync(library, decide=None if args.on_conflict is None
                              else Resolution(args.on_conflict))
            except TeamNotSet as error:
                raise UserError(str(error)) from None
            if report.offline:
                print(report.offline + " Nothing was published or read; the library is "
                      "unchanged.", file=out)
                return EXIT_USER_ERROR
            for heading, lines in (("Published", report.published),
                                   ("Came in", report.came_in),
                                   ("What changed", report.changes),
                                   ("Still being written (read next time)", report.waiting),
                                   ("Gone from the folder", report.gone),
                                   ("Conflicts waiting (choose --on-conflict)",
                                    report.conflicts),
                                   ("Team folder problems", report.problems)):
                if lines:
                    print(f"{heading}:", file=out)
                    for line in lines:
                        print(f"  {line}", file=out)
            if not any((report.published, report.came_in, report.waiting, report.gone,
                        report.conflicts, report.problems)):
                print("Nothing new: published and read, all up to date.", file=out)
            return EXIT_OK
        settings_now = team.settings(library)
        shares = team.shares(library)
        last_read, last_published = team.times(library)
        files = team.files(library)
        names = {s.id: s.name for s in library.list_deals()}
        plain: dict[str, Any] = {
            "folder": None if settings_now is None else settings_now.folder,
            "author": None if settings_now is None else {"id": settings_now.author_id,
                                                         "name": settings_now.author_name},
            "online": settings_now is not None and Path(settings_now.folder).is_dir(),
            "shared": [{"deal": s.deal_id, "name": names.get(s.deal_id, ""),
                        "with_private": s.with_private, "anonymised": s.anonymised}
                       for s in shares.values()],
            "last_read": last_read, "last_published": last_published,
            "waiting": sorted(r.name for r in files.values() if r.state.value == "waiting"),
            "problems": [r.note for r in files.values() if r.state.value == "problem"],
            "conflicts": [line for r in files.values() if r.state.value == "conflicts"
                          for line in r.note.splitlines()],
        }
    if args.json:
        _print_json(plain, out)
        return EXIT_OK
    if settings_now is None:
        print(str(TeamNotSet()), file=out)
        return EXIT_OK
    print(f"Team folder: {plain['folder']}"
          f"{'' if plain['online'] else ' — offline (not there now)'}", file=out)
    print(f"You: {settings_now.author_name} (author {settings_now.author_id[:8]})", file=out)
    print(f"Shared deals: {', '.join(s['name'] for s in plain['shared']) or 'none'}",
          file=out)
    print(f"Last read: {last_read or 'never'} · last published: {last_published or 'never'}",
          file=out)
    for heading, key in (("Conflicts waiting", "conflicts"), ("Problems", "problems")):
        for line in plain[key]:
            print(f"{heading}: {line}", file=out)
    return EXIT_OK


COMMAND = Command("team", add_parser, run)
