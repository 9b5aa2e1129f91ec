"""Importing a deal file writes its accounts' industry and notes into the library: a new
account takes them, an existing one has its empty fields filled and keeps what the seller
wrote (the summary says so) — in the import's one transaction, undone with it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.accounts import Account
from desktop.domain.deal import Deal
from desktop.exchange import dealfile
from desktop.exchange.import_accounts import details_before
from desktop.exchange.import_summary import summary_text
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.store import accounts as store_accounts
from desktop.store.errors import StoreError
from desktop.store.library import Library
from tests.helpers.cli import run
from tests.helpers.paths import ROOT

HELIX = "Helix Health Trust"
DEMO = ROOT / "resources" / "demo"
NOTES = "Two hospitals, one IT team."


def helix_deals() -> list[Deal]:
    return [*dealfile.read_file(DEMO / "helix-health-clinical-data.dealtri"),
            *dealfile.read_file(DEMO / "helix-health-imaging-archive.dealtri")]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    opened = Library.open(tmp_path / "mine.sqlite")
    try:
        yield opened
    finally:
        opened.close()


def details(path: Path) -> tuple[str, str]:
    with Library.open(path, create=False) as library:
        account = library.account_summary(library.find_account(HELIX))
        assert account is not None
        return account.account.industry, account.account.notes


def exported(tmp_path: Path, industry: str, notes: str) -> Path:
    """A deal file of the Helix deals, exported by the command line from a library whose
    account has this industry and these notes."""
    source = tmp_path / "colleague.sqlite"
    with Library.open(source) as library:
        library.add_deals(helix_deals())
        library.write_deals(account_details=[Account(HELIX, industry=industry, notes=notes)])
    target = tmp_path / "helix.dealtri"
    done = run("--db", source, "export", "--all", "--include-private", "-o", target)
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["accounts"][0]["industry"] == industry
    return target


def test_a_fresh_library_gets_the_accounts_details(tmp_path: Path) -> None:
    path = exported(tmp_path, "Healthcare", NOTES)
    fresh = tmp_path / "fresh.sqlite"
    done = run("--db", fresh, "import", path)
    assert done.returncode == 0, done.stderr
    assert details(fresh) == ("Healthcare", NOTES)
    assert "Kept your" not in done.stdout
    assert "Filled" not in done.stdout
    shown = run("--db", fresh, "account", HELIX, "--json")
    assert json.loads(shown.stdout)["account"]["industry"] == "Healthcare"
    again = run("--db", fresh, "import", path)
    assert "Nothing to import" in again.stdout


def test_the_sellers_industry_is_kept_and_the_summary_says_so(tmp_path: Path) -> None:
    path = exported(tmp_path, "Healthcare", NOTES)
    mine = tmp_path / "mine.sqlite"
    with Library.open(mine) as library:
        library.add_deals(helix_deals())
        library.write_deals(account_details=[Account(HELIX, industry="Hospitals")])
    done = run("--db", mine, "import", path)
    assert done.returncode == 0, done.stderr
    assert details(mine) == ("Hospitals", NOTES)  # ours kept, the empty notes filled
    assert "Kept your industry of Helix Health Trust (Hospitals); the file says " \
           "Healthcare." in done.stdout
    assert "Filled the notes of Helix Health Trust from the file." in done.stdout


def test_without_the_private_fields_only_the_industry_travels(tmp_path: Path,
                                                             library: Library) -> None:
    source = tmp_path / "colleague.sqlite"
    with Library.open(source) as colleague:
        colleague.add_deals(helix_deals())
        colleague.write_deals(account_details=[Account(HELIX, industry="Healthcare",
                                                       notes=NOTES)])
    target = tmp_path / "public.dealtri"
    assert run("--db", source, "export", "--all", "-o", target).returncode == 0
    apply_import(library, plan_import(library, read_files([target])))
    assert details(library.path) == ("Healthcare", "")


def file_of(tmp_path: Path, deals: list[Deal], industry: str, notes: str = "") -> Path:
    account = Account(HELIX, id=deals[0].account_id or Account(HELIX).id,
                      industry=industry, notes=notes)
    deals = [replace(d, account_id=account.id) for d in deals]
    path = tmp_path / "theirs.dealtri"
    path.write_text(dealfile.dumps(deals, include_private=True,
                                   accounts={account.id: account}), encoding="utf-8")
    return path


def test_undo_puts_the_old_details_back(tmp_path: Path, library: Library) -> None:
    deals = helix_deals()
    library.add_deals(deals[:1])
    library.write_deals(account_details=[Account(HELIX, industry="Hospitals")])
    plan = plan_import(library, read_files([file_of(tmp_path, deals, "Healthcare", NOTES)]))
    result = apply_import(library, plan)
    assert details(library.path) == ("Hospitals", NOTES)
    assert summary_text(plan, result).endswith(
        "Kept your industry of Helix Health Trust (Hospitals); the file says Healthcare.")
    assert ".." not in summary_text(plan, result)
    library.write_deals(delete=[d.id for d in result.added],
                        account_details=details_before(result.accounts))
    assert details(library.path) == ("Hospitals", "")
    assert [s.id for s in library.list_deals()] == [deals[0].id]


def test_a_failing_import_writes_no_details(tmp_path: Path, library: Library) -> None:
    """All or nothing: when a deal of the import cannot be written, the account keeps its
    details too."""
    deals = helix_deals()
    library.add_deals(deals[:1])
    plan = plan_import(library, read_files([file_of(tmp_path, deals, "Healthcare", NOTES)]))
    assert plan.new_deals
    clash = replace(plan.new_deals[0], id=deals[0].id)  # the id is taken: the insert fails
    with pytest.raises(StoreError):
        library.write_deals(add=[clash],
                            account_details=[Account(HELIX, industry="Healthcare")])
    assert details(library.path) == ("", "")
    assert len(library.list_deals()) == 1


def test_failing_details_take_the_imports_deals_with_them(
        tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other way round: the details are written last; when that fails (the disk is
    full), the deals written just before in the same transaction are gone too."""
    deals = helix_deals()
    library.add_deals(deals[:1])
    plan = plan_import(library, read_files([file_of(tmp_path, deals, "Healthcare", NOTES)]))
    real = store_accounts.set_details

    def full_disk(connection: sqlite3.Connection, given: Sequence[Account]) -> frozenset[str]:
        real(connection, given)
        raise StoreError("The disk is full.")

    monkeypatch.setattr(store_accounts, "set_details", full_disk)
    with pytest.raises(StoreError):
        apply_import(library, plan)
    assert details(library.path) == ("", "")
    assert [s.id for s in library.list_deals()] == [deals[0].id]


def test_a_file_saying_what_the_library_has_changes_nothing(tmp_path: Path,
                                                            library: Library) -> None:
    deals = helix_deals()
    library.add_deals(deals)
    library.write_deals(account_details=[Account(HELIX, industry="Healthcare")])
    path = file_of(tmp_path, [library.get_deal(d.id) for d in deals], "Healthcare")
    plan = plan_import(library, read_files([path]))
    assert plan.changes_nothing
    assert not any(change.kept for change in plan.accounts)


def test_an_account_only_sharing_the_files_id_is_not_filled(tmp_path: Path,
                                                            library: Library) -> None:
    """The deal goes into the account of its name: another account that happens to have
    the file's account id (renamed since) keeps its details."""
    deals = helix_deals()
    library.add_deals([replace(d, account="Helix (old name)") for d in deals[:1]])
    other = library.find_account("Helix (old name)")
    path = file_of(tmp_path, [Deal(name="Helix renewal", account=HELIX, account_id=other)],
                   "Healthcare")
    apply_import(library, plan_import(library, read_files([path])))
    old = library.account_summary(other)
    assert old is not None
    assert old.account.industry == ""
    assert details(library.path) == ("Healthcare", "")
