"""What a reader hands over: a deal as the file has it, and which person fields the file
really carries (a CSV of contacts has no scores — that is not "scores unknown")."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.accounts import Account
from desktop.domain.deal import Deal


@dataclass(frozen=True, slots=True)
class Incoming:
    deal: Deal
    provided: frozenset[str] | None = None  # None: every field (a deal file)
    whole_deal: bool = True  # a deal file; False: people for a deal (CSV, a graph)
    skipped: tuple[int, ...] = ()  # lines of a table left out (they did not fit its header)
    # The deal is named after the file (a contacts export names no deal): a new deal then
    # takes the account's name when the file gives one ("Fjord Data AB", not "contacts").
    named_after_file: bool = False
    # Managers the file names who are not among its people: no card, so the summary names
    # them (a CEO in Outlook's manager field is a stakeholder the seller should add).
    missing_managers: tuple[str, ...] = ()
    source: str = ""  # the file's name, for questions and summaries (set by read_files)
    # The deal's account as the file details it (industry, notes; a deal file's
    # ``accounts``): it fills what the library's account leaves empty, never overwrites.
    account: Account | None = None
