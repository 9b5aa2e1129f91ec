"""File ▸ Import… of a deal file that details its account: the library's account has its
empty notes filled, keeps the industry the seller gave it (the status bar says so), and
Edit ▸ Undo puts the old details back — Edit ▸ Redo fills them again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.accounts import Account
from desktop.exchange import dealfile
from desktop.ui import file_dialogs
from desktop.ui.main_window import MainWindow
from tests.helpers.ui import choose_menu

HELIX = "Helix Health Trust"
NOTES = "Two hospitals, one IT team."


def helix_details(window: MainWindow) -> tuple[str, str]:
    library = window.session.library
    summary = library.account_summary(library.find_account(HELIX))
    assert summary is not None
    return summary.account.industry, summary.account.notes


def test_import_fills_the_account_and_undo_restores_it(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    library = window.session.library
    account_id = library.find_account(HELIX)
    library.write_deals(account_details=[Account(HELIX, industry="Hospitals")])
    # A colleague's copy of a Helix deal of ours, with another deal of the account they
    # added, and their account details.
    ours = library.get_deal(next(s.id for s in library.list_deals() if s.account == HELIX))
    theirs = replace(ours, id="0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f",
                     name="Helix Health: patient portal", people=(), relations=(),
                     snapshots=(), actions=(), criteria=(), process=(), alternatives=(),
                     comments=())
    account = Account(HELIX, id=account_id, industry="Healthcare", notes=NOTES)
    path = tmp_path / "colleague.dealtri"
    path.write_text(dealfile.dumps([ours, theirs], include_private=True,
                                   accounts={account_id: account}), encoding="utf-8")
    monkeypatch.setattr(file_dialogs, "get_open_file_names",
                        lambda *_args: ([str(path)], ""))
    count = len(library.list_deals())

    choose_menu(qtbot, window, "File", "Import")

    assert helix_details(window) == ("Hospitals", NOTES)
    assert len(library.list_deals()) == count + 1
    said = window.statusBar().currentMessage()
    assert "Kept your industry of Helix Health Trust (Hospitals); the file says " \
           "Healthcare." in said
    assert "Filled the notes of Helix Health Trust from the file." in said

    choose_menu(qtbot, window, "Edit", "Undo")
    assert helix_details(window) == ("Hospitals", "")
    assert len(library.list_deals()) == count

    choose_menu(qtbot, window, "Edit", "Redo")
    assert helix_details(window) == ("Hospitals", NOTES)
    assert len(library.list_deals()) == count + 1
