"""A deal file carries the account's industry and notes (version 3's ``accounts``): written
from the library's account by an export, read back by the same name; the notes only with
the private fields; older files (without it) read as before; the file fills the library
account's empty fields and never overwrites the seller's (``fill_from_file``)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from desktop.domain.account_details import fill_from_file
from desktop.domain.accounts import Account
from desktop.domain.deal import Deal
from desktop.exchange import dealfile
from desktop.exchange.exporting import export_deals
from desktop.exchange.formats import dealtri
from desktop.exchange.registry import ReadOptions
from desktop.problems import ImportProblem
from desktop.store.library import Library
from tests.helpers.paths import DATA, ROOT

HELIX = "Helix Health Trust"
DEMO = ROOT / "resources" / "demo"
SCHEMA = Draft202012Validator(
    json.loads((ROOT / "docs" / "deal-file.schema.json").read_text(encoding="utf-8")))


ACCOUNT_ID = "e7498362-5acc-478d-a55e-895d4aedbf7d"


def helix_deals() -> list[Deal]:
    """The demo's Helix deals as a library exports them: with their account's id."""
    deals = [*dealfile.read_file(DEMO / "helix-health-clinical-data.dealtri"),
             *dealfile.read_file(DEMO / "helix-health-imaging-archive.dealtri")]
    assert {d.account for d in deals} == {HELIX}
    return [replace(d, account_id=ACCOUNT_ID) for d in deals]


def helix_account(deals: list[Deal], **details: str) -> Account:
    return Account(HELIX, id=ACCOUNT_ID, **details)


def test_the_account_details_go_into_the_file_and_come_back() -> None:
    deals = helix_deals()
    account = helix_account(deals, industry="Healthcare", notes="Two hospitals, one IT team.")
    text = dealfile.dumps(deals, include_private=True, accounts={account.id: account})
    document = json.loads(text)
    assert document["accounts"] == [{"id": account.id, "name": HELIX,
                                     "industry": "Healthcare",
                                     "notes": "Two hospitals, one IT team."}]
    SCHEMA.validate(document)
    incoming = dealtri.read(text.encode(), Path("helix.dealtri"), ReadOptions())
    assert [i.account for i in incoming] == [account, account]  # each deal knows it


def test_the_notes_are_private() -> None:
    deals = helix_deals()
    account = helix_account(deals, industry="Healthcare", notes="Budget holder is shaky.")
    document = dealfile.to_document(deals, accounts={account.id: account})
    assert document["accounts"][0]["notes"] == ""
    assert document["accounts"][0]["industry"] == "Healthcare"
    nothing = helix_account(deals, notes="Budget holder is shaky.")
    assert "accounts" not in dealfile.to_document(deals, accounts={nothing.id: nothing})


@pytest.mark.parametrize("version", [1, 2])
def test_older_versions_leave_the_details_out(version: int) -> None:
    deals = helix_deals()
    account = helix_account(deals, industry="Healthcare")
    document = dealfile.to_document(deals, version=version, accounts={account.id: account})
    assert "accounts" not in document


@pytest.mark.parametrize("path", [DEMO / "helix-health-clinical-data.dealtri",
                                  DATA / "libraries" / "v1-fixture.dealtri"],
                         ids=["version 3 without accounts", "version 1"])
def test_a_file_without_details_reads_as_before(path: Path) -> None:
    incoming = dealtri.read(path.read_bytes(), path, ReadOptions())
    assert incoming
    assert all(i.account is None for i in incoming)
    assert [i.deal for i in incoming] == dealfile.read_file(path)


def test_an_export_from_the_library_carries_the_accounts_details(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "library.sqlite")
    try:
        deals = helix_deals()
        library.add_deals([replace(d, account_id=None) for d in deals])
        account_id = library.find_account(HELIX)
        # Arranged as a later release's account dialog would leave it.
        library.db.execute("UPDATE accounts SET industry = 'Healthcare' WHERE id = ?",
                           [account_id])
        library.db.conn.commit()
        target = tmp_path / "helix.dealtri"
        export_deals(library, [d.id for d in deals], target)
        document = json.loads(target.read_text(encoding="utf-8"))
        assert document["accounts"] == [{"id": account_id, "name": HELIX,
                                         "industry": "Healthcare", "notes": ""}]
        older = tmp_path / "helix-v2.dealtri"
        export_deals(library, [d.id for d in deals], older, format_version=2)
        assert "accounts" not in json.loads(older.read_text(encoding="utf-8"))
    finally:
        library.close()


def test_an_account_twice_is_refused() -> None:
    deals = helix_deals()
    account = helix_account(deals, industry="Healthcare")
    document = dealfile.to_document(deals, accounts={account.id: account})
    document["accounts"].append(dict(document["accounts"][0]))
    with pytest.raises(ImportProblem, match=r"accounts\[1\]: the account Helix Health Trust "
                                            "appears twice"):
        dealtri.read(json.dumps(document).encode(), Path("x.dealtri"), ReadOptions())


def test_the_file_fills_empty_fields_and_never_overwrites() -> None:
    mine = Account(HELIX, industry="Healthcare")
    theirs = Account(HELIX, id=mine.id, industry="Hospitals", notes="Two sites.")
    fill = fill_from_file(mine, theirs)
    assert (fill.account.industry, fill.account.notes) == ("Healthcare", "Two sites.")
    assert fill.filled == ("notes",)
    assert fill.kept == ("Kept your industry of Helix Health Trust (Healthcare); the file "
                         "says Hospitals.",)
    same = fill_from_file(fill.account, theirs)
    assert not same.changed
    assert same.account == fill.account
