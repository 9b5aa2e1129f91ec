"""One seller, two computers: her library copied to the second one (a backup restored there).
If the copy kept its author id, both would publish the same file name and mark their edits as
one author's: Syncthing would make conflict copies, and each side's marks would claim to have
seen the other's edits — edits lost (this test found it). The library remembers the computer
its author id was made on (``desktop/store/machine.py``), so the copy becomes a second author
on the notebook: two files, no conflict copy, and both computers end with both edits made
while they were apart, and go quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.demo import demo_deals
from desktop.store.library import Library
from tests.helpers.cli import run
from tests.soak.laptop import NORTHWIND, Laptop, folder_files, named, syncthing_or_skip
from tests.soak.syncthing import FOLDER_ID, Instance, TimedOut, two_laptops, wait_for

pytestmark = [pytest.mark.soak, pytest.mark.slow]

SECONDS = 60


class EditsLost(AssertionError):
    """The two computers did not both end with both edits, quiet."""


def _has_conflict_copy(instance: Instance) -> bool | None:
    return True if any(".sync-conflict-" in name for name in folder_files(instance)) else None


def test_a_library_copied_to_a_second_computer_loses_no_edit(tmp_path: Path) -> None:
    binary = syncthing_or_skip()
    with two_laptops(binary, tmp_path, names=("desk", "notebook")) as (desk_st, note_st):
        pair = (desk_st, note_st)
        desk = Laptop("desk", tmp_path / "desk.sqlite", desk_st,
                      config=tmp_path / "desk-config")
        with Library.open(desk.db) as library:
            library.add_deals([d for d in demo_deals() if d.name == NORTHWIND])
        desk.team("set", str(desk_st.folder), "--author", "Anna Keller")
        desk.team("share", NORTHWIND)
        desk.sync()
        wait_for("the desk's file to reach the notebook's folder",
                 lambda: folder_files(note_st) or None, SECONDS, pair)
        copied = run("--db", desk.db, "backup", "-o", tmp_path / "notebook.sqlite")
        assert copied.returncode == 0, copied.stderr
        notebook = Laptop("notebook", tmp_path / "notebook.sqlite", note_st,
                          config=tmp_path / "notebook-config")
        notebook.team("set", str(note_st.folder), "--author", "Anna Keller")
        notebook.sync()
        wait_for("both folders to hold the same two files (two authors now)",
                 lambda: (folder_files(desk_st) == folder_files(note_st)
                          and len(folder_files(desk_st)) == 2) or None, SECONDS, pair)
        (deal_id,) = {named(name).deal_id for name in folder_files(desk_st)}
        assert len({named(name).author_id for name in folder_files(desk_st)}) == 2

        for me, other in ((desk_st, note_st), (note_st, desk_st)):  # apart: both offline
            me.post(f"/rest/system/pause?device={other.device_id}")
        desk.edit(deal_id, "Richard Hale", "Group CFO", 6)
        notebook.edit(deal_id, "Tomasz Nowak", "Chief Procurement Officer", 8)
        assert "Published" in desk.sync()
        assert "Published" in notebook.sync()
        for instance in pair:
            instance.post(f"/rest/db/scan?folder={FOLDER_ID}")  # returns once scanned
        for me, other in ((desk_st, note_st), (note_st, desk_st)):  # together again
            me.post(f"/rest/system/resume?device={other.device_id}")

        wanted = {"Richard Hale": ("Group CFO", 6),
                  "Tomasz Nowak": ("Chief Procurement Officer", 8)}

        def both_edits_and_quiet() -> bool | None:
            quiet = all("Nothing new" in laptop.sync() for laptop in (desk, notebook))
            held = all(laptop.people(deal_id)[name] == value
                       for laptop in (desk, notebook) for name, value in wanted.items())
            return True if quiet and held else None

        try:
            wait_for("both computers to hold both edits and say 'Nothing new'",
                     both_edits_and_quiet, SECONDS, pair)
            assert not any(_has_conflict_copy(instance) for instance in pair)
        except TimedOut as error:
            raise EditsLost(
                f"{str(error).splitlines()[0]}\n{desk.recent()}\n{notebook.recent()}\n"
                + "\n".join(f"{laptop.name} has " + ", ".join(
                    f"{name} {laptop.people(deal_id)[name]}" for name in wanted)
                    for laptop in (desk, notebook))) from None
