"""A team sync: publish this laptop's shared deals to the team folder, then read every other
author's files and merge them into the library by id (``docs/team.md``).

The window (on start, on focus, every few minutes, when the folder changes) and
``team sync`` both run this. It never opens a network connection: the company's sync engine
carries the folder between laptops; this only reads and writes files in it.

Order and safety:

* Publishing writes a file only when its bytes changed (a digest per shared deal), through a
  temporary file renamed over the old one.
* Reading skips a file whose size and time are those it had when it was last merged (a
  folder of 10,000 unchanged files costs one directory listing); a file still being written
  waits for the next sync; a file that cannot be read, once settled, is one sentence in the
  problems list and never blocks the others.
* Each file is merged in one transaction together with the record that it was merged, after
  one backup per sync that merges anything: a crash leaves the library either before or
  after that file, and the file is read again next time if before.
* Merging never deletes: a deal another laptop stopped sharing (its file gone) stays here,
  and the report says so. Conflicts are listed for the seller unless a rule was chosen
  (``--on-conflict mine|theirs|both``, as an import).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from desktop import team_marks
from desktop.domain.account_rules import account_key
from desktop.domain.dates import utc_now
from desktop.domain.deal import Deal
from desktop.domain.diff import diff_deals
from desktop.domain.errors import ValidationError
from desktop.domain.merge import PERSON_FIELDS, PersonConflict, Resolution
from desktop.domain.redaction import for_output
from desktop.domain.team import FileRecord, FileState, Share, SyncReport, TeamSettings
from desktop.domain.text import one_line
from desktop.exchange import dealfile
from desktop.exchange.dealfile_accounts import accounts_from_plain
from desktop.exchange.exporting import accounts_of
from desktop.exchange.importing import (
    MAX_FILE_BYTES,
    ImportPlan,
    describe,
    plan_import,
    resolve_import,
)
from desktop.exchange.incoming import Incoming
from desktop.exchange.safe_read import read_regular_file
from desktop.exchange.stamped_merge import Rebased, merge_deal
from desktop.exchange.stamped_merge import settled as settled_clashes
from desktop.exchange.team_folder import (
    Seen,
    TeamFolderOffline,
    look,
    parse_name,
    publish,
    published_name,
    settled,
)
from desktop.problems import ExportProblem, ImportProblem
from desktop.store import team
from desktop.store.backups import list_backups
from desktop.store.errors import Conflict, NotFound, ValueNotStorable
from desktop.store.library import Library
from desktop.team_questions import clash_lines

TEAM_BACKUP_EVERY = timedelta(hours=2)  # at most one backup before team merges per this
TEAM_KEY = "team"  # a team file's header: its author, the marks of its values, what it saw


class TeamNotSet(Exception):
    """No team folder yet: the sentence says how to set one."""

    def __init__(self) -> None:
        super().__init__("No team folder is set for this library: choose one with "
                         "`team set FOLDER --author NAME` (or File ▸ Team folder…).")


@dataclass
class _Report:
    published: list[str] = field(default_factory=list)
    came_in: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    read: int = 0  # files read and merged (each may have changed what we have seen)

    def frozen(self, offline: str = "") -> SyncReport:
        return SyncReport(tuple(self.published), tuple(self.came_in), tuple(self.waiting),
                          tuple(self.problems), tuple(self.conflicts), tuple(self.gone),
                          offline, tuple(self.changes))


def sync(library: Library, *, decide: Resolution | None = None,
         clock_ns: int | None = None, keep_backups: int | None = None,
         quick: bool = False) -> SyncReport:
    """Publish, then read and merge; what happened. ``decide``: settle conflicts by this
    rule (None: list them and leave those files for the seller). ``clock_ns``: now, by this
    laptop's file-system clock (tests pass their own).

    ``quick``: the folder just changed (its watcher fired) — read what came, and publish
    nothing (edits are published by their own sync). Every file is still looked at (size,
    time, inode): trusting an unchanged inode alone missed a file whose new version got
    the inode number its old one had freed — the file system reuses them at once, and one
    sync of a colleague may rename two versions in (its publish, then what it read)."""
    chosen = team.claim(library)  # a library copied from another computer: a new author
    if chosen is None:
        raise TeamNotSet
    folder = Path(chosen.folder)
    report = _Report()
    memory = team.memory(library)
    try:
        if not quick:
            publish_shared(library, folder, chosen, report)
        found = look(folder)
    except TeamFolderOffline as error:
        return report.frozen(offline=str(error))
    read_folder(library, folder, found, chosen.author_id, report, decide=decide,
                clock_ns=time.time_ns() if clock_ns is None else clock_ns,
                keep_backups=keep_backups, memory=memory)
    if not quick and (report.read or decide is not None):
        # What came in, and a clash settled, are published at once: the colleagues need
        # not wait for this laptop's next sync to learn the seller's choice.
        try:
            publish_shared(library, folder, chosen, report)
        except TeamFolderOffline as error:  # gone between the two: the next sync catches up
            return report.frozen(offline=str(error))
    return report.frozen()


def content_digest(document: object) -> str:
    """The digest of a deal file's deals, whoever published them and based on what: the
    same deals give the same digest on every laptop."""
    text = json.dumps(_content(document), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def publish_shared(library: Library, folder: Path, author: TeamSettings,
                   report: _Report) -> None:
    """Write each shared deal whose content changed since last published (or whose file is
    not in the folder any more). The file says who published it and which version of each
    colleague's file of the deal it was based on — the base of their next merge."""
    published = team.published_digests(library)
    written: dict[str, tuple[str, int, int, int]] = {}
    for share in team.shares(library).values():
        try:
            deal = library.get_deal(share.deal_id)
        except NotFound:
            continue
        shown = for_output(deal, include_private=share.with_private,
                           anonymize=share.anonymised)
        # The account's industry (and, with private fields, its notes) travel as in an
        # exported file; not from an anonymised deal, whose account notes may name people.
        accounts = {} if share.anonymised else accounts_of(library, [deal])
        document = dealfile.to_document([shown], include_private=share.with_private,
                                        accounts=accounts)
        # What the file says besides its values counts too: having read a colleague's
        # change (or settled a clash) is news for the others even when no value moved.
        digest = hashlib.sha256((content_digest(document) + team_marks.reading_state(
            library, deal.id)).encode()).hexdigest()
        path = folder / published_name(deal.id, author.author_id)
        if share.deal_id in published and _as_left(path, published[share.deal_id], digest):
            continue
        side = team_marks.stamped(library, deal.id, author.author_id)
        document[TEAM_KEY] = {"author": {"id": author.author_id, "name": author.author_name},
                              **team_marks.header(library, side, document["deals"][0],
                                                  anonymised=share.anonymised)}
        document[TEAM_KEY]["authors"][author.author_id] = author.author_name
        data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        try:
            info = publish(folder, deal.id, author.author_id, data).stat()
        except (ExportProblem, OSError) as error:
            report.problems.append(str(error))
            continue
        written[deal.id] = (digest, info.st_size, info.st_mtime_ns, info.st_ino)
        if deal.name not in report.published:
            report.published.append(deal.name)
    if written:
        team.note_published(library, written)


def _as_left(path: Path, published: tuple[str, int, int, int], digest: str) -> bool:
    """Whether our file is as we published it and the deal has not changed since."""
    try:
        info = path.stat()
    except OSError:
        return False  # deleted (by a person or the engine): publish it again
    return published == (digest, info.st_size, info.st_mtime_ns, info.st_ino)


def read_folder(library: Library, folder: Path, found: Mapping[str, Seen], author_id: str,
                report: _Report, *, decide: Resolution | None, clock_ns: int,
                keep_backups: int | None,
                memory: Mapping[str, team.Remembered] | None = None) -> None:
    if memory is None:
        memory = team.memory(library)
    gone = [name for name in memory if name not in found]
    for name in gone:
        parsed = parse_name(name)
        if memory[name][3] == FileState.MERGED and parsed is not None and not parsed.is_copy:
            report.gone.append(_gone_line(library, parsed.deal_id, parsed.author_id))
    backup = _BackupOnce(library, keep_backups)
    seen_now: list[FileRecord] = []
    # A file as it was when last merged is not looked at again (the common case, first).
    to_read = []
    for name, seen in found.items():
        remembered = memory.get(name)
        if remembered is None:
            to_read.append(name)
        elif remembered[:3] == seen:
            if remembered[3] == FileState.PROBLEM:
                report.problems.append(remembered[4])
            elif remembered[3] != FileState.MERGED:
                to_read.append(name)
        else:
            to_read.append(name)
    # Originals before engines' copies: a copy is an older version, mostly seen already.
    for name in sorted(to_read, key=lambda n: (_is_copy(n), n)):
        seen = found[name]
        parsed = parse_name(name)
        assert parsed is not None  # look() lists team files only
        if parsed.author_id == author_id and not parsed.is_copy:
            continue  # our own file
        remembered = memory.get(name)
        previous = None if remembered is None else Seen(*remembered[:3])
        if previous == seen and remembered is not None \
                and remembered[3] == FileState.CONFLICTS and decide is None:
            report.conflicts.extend(remembered[4].splitlines())
            continue
        state, note, line = _merge_file(library, folder / name, seen, parsed.deal_id,
                                        author_id, decide, backup, copy=parsed.is_copy,
                                        complete=settled(seen, previous, clock_ns))
        _tell(report, seen_now, name, seen, state, note, line)
    team.note_files(library, seen_now, forget=gone)  # merged files were recorded each
    # in its own merge's transaction


def _is_copy(name: str) -> bool:
    """A sync engine's copy, by the name's own rule (``team_folder.parse_name``)."""
    parsed = parse_name(name)
    return parsed is not None and parsed.is_copy


def _tell(report: _Report, seen_now: list[FileRecord], name: str, seen: Seen,
          state: FileState, note: str, line: str) -> None:
    """Put one file's outcome in the report and, unless merged (recorded with the merge),
    among the records to keep."""
    if state in (FileState.MERGED, FileState.CONFLICTS):
        report.read += 1
    if line:  # what came in (also from a file with a clash waiting: the rest is merged)
        first, *changes = line.splitlines()
        report.came_in.append(first)
        report.changes.extend(changes)
    if state is FileState.MERGED:
        return
    if state is FileState.WAITING:
        report.waiting.append(name)
    elif state is FileState.PROBLEM:
        report.problems.append(note)
    elif state is FileState.CONFLICTS:
        report.conflicts.extend(note.splitlines())
    seen_now.append(FileRecord(name, seen.size, seen.mtime_ns, state, note, inode=seen.inode))


@dataclass
class _BackupOnce:
    """A backup before the first merge of a sync into a deal the seller already has —
    unless the library was backed up in the last two hours. The window syncs every few
    minutes and whenever a colleague's file arrives: a copy of the whole library each time
    would cost a merge its speed and, backups being rotated, push yesterday's out within
    the hour."""

    library: Library
    keep: int | None
    done: bool = False

    def __call__(self) -> None:
        if self.done:
            return
        self.done = True
        newest = list_backups(self.library.path)
        if newest and utc_now() - newest[0].taken_at < TEAM_BACKUP_EVERY:
            return
        self.library.backup("before-team-merge", self.keep)


def _merge_file(library: Library, path: Path, seen: Seen, deal_id: str, author_id: str,
                decide: Resolution | None, backup: _BackupOnce, *, copy: bool = False,
                complete: bool = True) -> tuple[FileState, str, str]:
    """Read one settled file and merge it by the marks on its values: (state, note, the
    line for "came in"). The file is recorded as merged with the size and time the look
    found *before* reading it: if it changed since, the next sync sees a difference and
    reads it again. A file that cannot be read while it may still be arriving (not
    ``complete``: changed since the last look and written in the last seconds) waits; once
    settled it is a problem.

    A sync engine's ``copy`` is an older version of a colleague's file: the marks keep what
    is newer here; where it clashes, this library's value stays (an old copy asks nothing)."""
    try:
        document = dealfile.load(read_regular_file(path, MAX_FILE_BYTES), path)
        merged = FileRecord(path.name, seen.size, seen.mtime_ns, FileState.MERGED,
                            inode=seen.inode,
                            digest=content_digest(document) if isinstance(document, dict)
                            else "")
        deals, private = _deals_of(document, path)
        if {deal.id for deal in deals} != {deal_id}:
            raise ImportProblem(path, "", "it does not hold the one deal its name says "
                                          f"({deal_id}); a team file holds one deal")
        assert isinstance(document, dict)  # a deal file's document is an object
        their_header = document.get(TEAM_KEY)
        their_side = team_marks.theirs(document, their_header)
        my_side = team_marks.EMPTY
        rebased: Rebased | None = None
        if copy:  # an older version of a colleague's file: it asks nothing
            decide = Resolution.MINE
        if deal_id in library.deal_ids():
            my_side = team_marks.stamped(library, deal_id, author_id)
            rebased = merge_deal(their_side, my_side)
            # A clash is settled at its value — kept ours while the seller has not chosen —
            # so that everything else in the file comes in now, and no choice about one
            # field takes or drops the colleague's other changes of that person.
            chosen = rebased.document if decide is Resolution.BOTH else settled_clashes(
                rebased, keep_ours=decide is not Resolution.THEIRS)
            unmarked = {key: value for key, value in chosen.items()
                        if key != "snapshots"}  # never marked: read once, from the file
            deals = [replace(deal, snapshots=deals[0].snapshots) for deal in
                     _deals_of({**document, "deals": [unmarked]}, path)[0]]
        elif their_side.anonymised:  # a new deal of stand-ins: never over people we know
            deals = [_real_people_kept(library, deal) for deal in deals]
        waiting = rebased is not None and bool(rebased.clashes) and decide is None
        provided = None if private else frozenset(PERSON_FIELDS) - {"notes"}
        details = accounts_from_plain(document["accounts"], deals, path) \
            if "accounts" in document else {}
        plan = plan_import(library, [Incoming(d, provided, source=path.name,
                                              account=details.get(account_key(d.account)))
                                     for d in deals])
        questions = _questions(plan, rebased, my_side.deal, _author(document, path)) \
            if waiting else []
        result = resolve_import(library, plan, *_decisions(rebased, decide))
        if result.before:
            backup()
        if waiting:
            merged = replace(merged, state=FileState.CONFLICTS, note="\n".join(questions))
        with library.transaction():
            if not plan.changes_nothing:
                result.write_into(library)  # the deals, and the accounts' details filled
            team_marks.keep_after_merge(library, deal_id, author_id, their_side, my_side,
                                        their_header)
            if rebased is not None:
                team_marks.note_clashes(library, deal_id, rebased, their_side,
                                        waiting=waiting, author=_author_id(path))
            team.note_files(library, [merged])
            for deal in result.added:  # a deal from the team is the team's: edits flow back
                team.share(library, Share(deal.id))
    except ImportProblem as error:
        if not complete:  # still arriving: a half-written file is no problem yet
            return FileState.WAITING, "", ""
        return FileState.PROBLEM, _sentence(path, error), ""
    except (Conflict, ValueNotStorable, ValidationError) as error:
        return FileState.PROBLEM, _sentence(path, error), ""
    state = FileState.CONFLICTS if waiting else FileState.MERGED
    if plan.changes_nothing:
        return state, merged.note, ""
    # A merge that only filled the account's details changes no deal: name it all the same.
    names = [deal.name for deal in (*result.added, *result.after)] or [
        library.deal_summary(deal_id).name]
    what = "new deal" if result.added else "changes to"
    line = f"{what} {', '.join(names)} from {_author(document, path)}"
    return state, merged.note, "\n".join([line, *_what_changed(library, result.before)])


def _real_people_kept(library: Library, deal: Deal) -> Deal:
    """An anonymised deal new here, with the people this library already knows (an
    account's people are in several deals, one identity each) as this library has them:
    their stand-in names and titles would otherwise rename them in every deal — and travel
    on to every laptop (found by a fresh-eyes tester)."""
    known = library.known_people([p.id for p in deal.people])
    if not known:
        return deal
    people = []
    for person in deal.people:
        if person.id in known:
            real = library.get_person(person.id)
            person = replace(person, **{name: getattr(real, name) for name in _IDENTITY})
        people.append(person)
    return replace(deal, people=tuple(people))


_IDENTITY = ("name", "title", "department", "email", "phone", "organisation", "notes")


def _author_id(path: Path) -> str:
    parsed = parse_name(path.name)
    return parsed.author_id if parsed else ""


def _what_changed(library: Library, before: Sequence[Deal]) -> list[str]:
    """Each change a merge made to a deal we had, with who made it and when."""
    lines = []
    for was in before:
        now = library.get_deal(was.id, snapshots=False)
        today = date.today()  # "overdue since" only for what became so today: not news
        found = diff_deals(was.without_snapshots(), now, today=today, since=today,
                           credit=team_marks.credit(library, now))
        if found:
            lines += [f"{now.name}: {change}" for change in found.lines()]
    return lines


def _questions(plan: ImportPlan, rebased: Rebased | None, mine: Mapping[str, object],
               author: str) -> list[str]:
    """What the seller must decide: with marks, only what both laptops changed at the same
    time, each with both values; for a deal new here there is nothing to ask."""
    if rebased is None:
        return describe(plan)
    return clash_lines(plan.merges[0].mine.name, rebased, mine, author)


def _decisions(rebased: Rebased | None, decide: Resolution | None
               ) -> tuple[Callable[[PersonConflict], Resolution], Resolution]:
    """How each remaining difference is settled. With a merge by the marks the document
    already holds what should be (the clashes settled at their values): take it. Keeping
    both is a person's matter: the person with a clash is kept and theirs added beside it,
    as an import does. A deal new here: the import's own rule."""
    if rebased is None:
        rule = decide or Resolution.MINE
        return (lambda _conflict: rule), rule
    if decide is not Resolution.BOTH:
        return (lambda _conflict: Resolution.THEIRS), Resolution.THEIRS
    people = rebased.clashing_records("people")
    deal_clash = any("people" not in path for path in rebased.clashes)
    return ((lambda conflict: Resolution.BOTH if conflict.mine.id in people
             else Resolution.THEIRS),
            Resolution.MINE if deal_clash else Resolution.THEIRS)

def _content(document: object) -> object:
    """A team file's document without its header (who published it, based on what)."""
    if not isinstance(document, dict):
        return document
    return {key: value for key, value in document.items() if key != TEAM_KEY}


def _deals_of(document: object, path: Path) -> tuple[list[Deal], bool]:
    """The deals of a deal-file document, and whether it carries private fields."""
    deals = dealfile.from_document(document, path)
    return deals, not isinstance(document, dict) or bool(document.get("private", True))


def _author(document: object, path: Path) -> str:
    """Who published the file, as they named themselves (else their author id, short)."""
    header = document.get(TEAM_KEY) if isinstance(document, dict) else None
    author = header.get("author") if isinstance(header, dict) else None
    name = author.get("name") if isinstance(author, dict) else None
    if isinstance(name, str):  # a colleague's file: untrusted, shown in one short line
        shown = one_line(name, team_marks.NAME_LIMIT)
        if shown:
            return shown
    parsed = parse_name(path.name)
    return f"author {parsed.author_id[:8]}" if parsed else path.name


def _sentence(path: Path, error: Exception) -> str:
    """The problem, naming the file by its name: the team folder is said once, above the
    list (a full path first pushed the problem out of sight)."""
    text = str(error).replace(f"{path.parent}{os.sep}", "")
    return text if path.name in text else f"{path.name}: {text}"


def _gone_line(library: Library, deal_id: str, author_id: str) -> str:
    try:
        name = library.deal_summary(deal_id).name
    except NotFound:
        name = deal_id
    return (f"{name}: the copy of author {author_id[:8]} is gone from the team folder "
            "(stopped sharing or deleted there); the deal stays here")
