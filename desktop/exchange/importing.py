"""Importing files into the library: read and validate every file first, plan the merge of
each deal, then write everything in one transaction — all or nothing.

The window and the command line share this: the window shows the plan's conflicts in a
review dialog, the command line decides them with ``--on-conflict`` (or lists them and
writes nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.domain.accounts import AccountPerson
from desktop.domain.deal import Deal
from desktop.domain.merge import DEAL_FIELDS, MergePlan, PersonConflict, Resolution, plan_merge
from desktop.domain.text import SHORT_TEXT
from desktop.exchange import registry
from desktop.exchange.account_people import adopt_account_people
from desktop.exchange.deal_store import DealStore
from desktop.exchange.fresh_ids import fresh_ids
from desktop.exchange.import_accounts import AccountChange, details_after, plan_accounts
from desktop.exchange.incoming import Incoming
from desktop.exchange.placing import arrange_new_deal, place_beside
from desktop.exchange.registry import ReadOptions
from desktop.exchange.safe_read import read_regular_file

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ImportPlan:
    new_deals: tuple[Deal, ...]
    merges: tuple[MergePlan, ...]
    sources: tuple[str, ...] = ()
    # deal id → the name the file gave it, for new deals renamed "Name (2)" because another
    # deal of the library (or of the same import) is called that already
    renamed: Mapping[str, str] = field(default_factory=dict)
    # the accounts the files detail: their industry and notes fill the library's empty ones
    accounts: tuple[AccountChange, ...] = ()

    @property
    def conflicts(self) -> list[tuple[MergePlan, PersonConflict]]:
        return [(m, c) for m in self.merges for c in m.conflicts]

    @property
    def has_conflicts(self) -> bool:
        return any(m.has_conflicts for m in self.merges)

    @property
    def plan_conflicts(self) -> int:
        """Actions, criteria, steps and alternatives both copies have, differing."""
        return sum(len(m.plan.conflicts) for m in self.merges)

    @property
    def plan_added(self) -> int:
        """Actions, criteria, steps and alternatives only the incoming copies have."""
        return sum(m.plan.added for m in self.merges)

    @property
    def changes_nothing(self) -> bool:
        return not self.new_deals and all(m.changes_nothing for m in self.merges) and \
            not any(change.changed for change in self.accounts)


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: tuple[Deal, ...]  # for undo: delete these
    before: tuple[Deal, ...]  # for undo: put these back
    after: tuple[Deal, ...]  # for redo
    accounts: tuple[AccountChange, ...] = ()  # undo writes their before, redo their after

    def write_into(self, library: DealStore) -> None:
        """The deals, then the accounts' filled details, in one transaction."""
        library.write_deals(add=self.added, replace_with=self.after,
                            account_details=details_after(self.accounts))


def read_files(paths: Sequence[Path], format_name: str | None = None,
               options: ReadOptions = ReadOptions()) -> list[Incoming]:  # noqa: B008
    """Read and validate every file; the first problem stops everything (nothing written).
    The window's ``options`` ask for CSV columns and show progress (cancel: ``Cancelled``)."""
    incoming: list[Incoming] = []
    for path in paths:
        data = _read_bytes(path)
        fmt = registry.for_input(path, data[:registry.SNIFF_BYTES], format_name)
        assert fmt.read is not None
        incoming.extend(replace(item, source=path.name)
                        for item in fmt.read(data, path, options))
    return incoming


def _read_bytes(path: Path) -> bytes:
    return read_regular_file(path, MAX_FILE_BYTES)


def plan_import(library: DealStore, incoming: Sequence[Incoming],
                into: str | None = None) -> ImportPlan:
    """What importing would do. ``into``: the deal id that people files (CSV, graphs) go
    into; without it each becomes a new deal. Deal files always keep their own deals."""
    existing = {s.id for s in library.list_deals()}
    new: dict[str, Deal] = {}
    # Several files for one deal of the library are put together first (a later file's
    # values win), then merged once: one plan per deal — two plans replacing the same deal
    # wrote its new people twice (the fresh-eyes check: "A person is already in the library").
    coming: dict[str, tuple[Deal, frozenset[str] | None]] = {}
    mine_of: dict[str, Deal] = {}
    for item in incoming:
        deal = item.deal
        if not item.whole_deal and into is not None:
            deal = replace(deal, id=into)
        if deal.id in new:  # the same deal twice among the files: merge into the first
            new[deal.id] = plan_merge(new[deal.id], deal, item.provided).result(
                Resolution.THEIRS, Resolution.THEIRS)
            continue
        if deal.id not in existing:
            if item.named_after_file and deal.account:
                deal = replace(deal, name=deal.account)  # the customer, not "contacts_export"
            new[deal.id] = deal if item.whole_deal or not deal.snapshots else replace(
                deal, snapshots=())
            continue
        mine = mine_of.get(deal.id) or library.get_deal(deal.id)
        mine_of[deal.id] = mine
        if not item.whole_deal:  # people for my deal: its own fields are not in question
            deal = replace(deal, snapshots=(),
                           **{name: getattr(mine, name) for name in DEAL_FIELDS})
        if deal.id in coming:
            before, provided = coming[deal.id]
            deal = plan_merge(before, deal, item.provided).result(Resolution.THEIRS,
                                                                  Resolution.THEIRS)
            item_provided = item.provided
            coming[deal.id] = (deal, None if provided is None or item_provided is None
                               else provided | item_provided)
        else:
            coming[deal.id] = (deal, item.provided)
    merges: list[MergePlan] = []
    for deal_id, (deal, provided) in coming.items():
        mine = mine_of[deal_id]
        plan = plan_merge(mine, deal, provided)
        merges.append(replace(plan, added=place_beside(mine, plan.added)))
    named, renamed = unique_names(list(new.values()), [s.name for s in library.list_deals()])
    return ImportPlan(tuple(arrange_new_deal(deal) for deal in named), tuple(merges),
                      renamed=renamed, accounts=plan_accounts(library, incoming))


def unique_names(deals: Sequence[Deal], taken: Sequence[str]
                 ) -> tuple[list[Deal], dict[str, str]]:
    """Each new deal under a name no other deal has (case and spacing ignored): "Acme",
    then "Acme (2)", "Acme (3)" — two deals called alike are one too many in the deal list,
    the command line's DEAL arguments and the printouts. Returns the deals and, for each
    renamed one, its id → the name it came with."""
    used = {_name_key(name) for name in taken}
    named: list[Deal] = []
    renamed: dict[str, str] = {}
    for deal in deals:
        name, number = deal.name, 2
        while _name_key(name) in used:
            suffix = f" ({number})"
            name = deal.name[:SHORT_TEXT - len(suffix)].rstrip() + suffix
            number += 1
        used.add(_name_key(name))
        if name != deal.name:
            renamed[deal.id] = deal.name
            deal = replace(deal, name=name)
        named.append(deal)
    return named, renamed


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


Decision = Callable[[PersonConflict], Resolution] | Mapping[str, Resolution] | Resolution


def resolve_import(library: DealStore, plan: ImportPlan, decide: Decision = Resolution.MINE,
                   deal_decision: Resolution | Mapping[str, Resolution] = Resolution.MINE
                   ) -> ImportResult:
    """The deals to write once every conflict is decided — nothing written yet (the window's
    undo command writes them, and writes ``before`` back on undo). Ids already used by
    another deal of the library are replaced (a person belongs to one deal; see
    ``fresh_ids``)."""
    taken = library.ids_in_use()
    added = []
    for deal in plan.new_deals:
        account = _account_people(library, deal)
        added.append(fresh_ids(adopt_account_people(deal, account), taken,
                               keep=frozenset(p.id for p in account)))
    before: list[Deal] = []
    after: list[Deal] = []
    for merge in plan.merges:
        for_deal = deal_decision if isinstance(deal_decision, Resolution) else \
            deal_decision.get(merge.mine.id, Resolution.MINE)
        result = merge.result(decide, for_deal)
        if result == merge.mine:
            continue
        mine = merge.mine
        mine_ids = frozenset(r.id for records in (
            mine.people, mine.relations, mine.snapshots, mine.alternatives, mine.actions,
            mine.criteria, mine.process, mine.comments) for r in records)
        before.append(merge.mine)
        shared = frozenset(p.id for p in _account_people(library, result))
        after.append(fresh_ids(result, taken, keep=mine_ids | shared))
    return ImportResult(tuple(added), tuple(before), tuple(after), plan.accounts)


def _account_people(library: DealStore, deal: Deal) -> Sequence[AccountPerson]:
    """The people of the library's account that ``deal`` belongs to (none when new)."""
    account = library.incoming_account(deal)
    return [] if account is None else library.account_people(account, limit=-1)


def commit_import(library: DealStore, result: ImportResult, *, keep: int | None = None,
                  write: Callable[[ImportResult], object] | None = None) -> None:
    """Write a resolved import — after a backup when it changes deals the seller already
    has (a merge), so there is a way back. ``write`` is the window's (an undo command);
    without it the deals and account details are written here, in one transaction. The
    command line and the window both end an import here."""
    if result.before:
        library.backup("before-merge", keep)
    if write is not None:
        write(result)
    else:
        result.write_into(library)


def apply_import(library: DealStore, plan: ImportPlan, decide: Decision = Resolution.MINE,
                 deal_decision: Resolution = Resolution.MINE, *,
                 keep: int | None = None) -> ImportResult:
    """Resolve the plan and commit it (backup first when it merges)."""
    result = resolve_import(library, plan, decide, deal_decision)
    commit_import(library, result, keep=keep)
    return result


def describe(plan: ImportPlan) -> list[str]:
    """One line per conflict, for the command line."""
    lines = []
    for merge in plan.merges:
        if merge.deal_fields:
            lines.append(f"{merge.mine.name}: the deal's {', '.join(merge.deal_fields)} "
                         "differ")
        for conflict in merge.conflicts:
            lines.append(f"{merge.mine.name}: {conflict.mine.name} (matched by "
                         f"{conflict.matched_by}) differs in {', '.join(conflict.fields)}")
        for kind, name in merge.plan.conflicts:  # settled with the deal's own fields
            lines.append(f"{merge.mine.name}: the {kind} “{name}” differs")
    return lines

