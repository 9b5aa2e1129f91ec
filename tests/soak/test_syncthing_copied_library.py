"""One seller, two computers: her library copied to the second one (a backup restored there)
keeps its author id, so both publish the *same* file name. While the two are apart each
edits a different person; when they meet, Syncthing keeps one version under the name and
renames the other to a real conflict copy (``….sync-conflict-….dealtri``). The contract
(issue 20): an engine's conflict copy is read as one more version, and no acknowledged edit
is lost — so both computers should end with both edits, and go quiet.

Today they do not (found by this test): each computer finds "its" file not as it left it and
publishes over it again, so the two overwrite each other at every sync, and each keeps only
its own edit. Marked xfail — strict, and only for ``EditsLost`` — until the merge handles a
second library with the same author id; any other failure (no conflict copy, Syncthing
stopping) still fails."""

from __future__ import annotations

import functools
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


@pytest.mark.xfail(raises=EditsLost, strict=True,
                   reason="a library copied to a second computer keeps its author id: both "
                          "publish one file name, and each re-publishes over the other's "
                          "version, keeping only its own edit")
def test_a_library_copied_to_a_second_computer_loses_no_edit(tmp_path: Path) -> None:
    binary = syncthing_or_skip()
    with two_laptops(binary, tmp_path, names=("desk", "notebook")) as (desk_st, note_st):
        pair = (desk_st, note_st)
        desk = Laptop("desk", tmp_path / "desk.sqlite", desk_st)
        with Library.open(desk.db) as library:
            library.add_deals([d for d in demo_deals() if d.name == NORTHWIND])
        desk.team("set", str(desk_st.folder), "--author", "Anna Keller")
        desk.team("share", NORTHWIND)
        desk.sync()
        wait_for("the desk's file to reach the notebook's folder",
                 lambda: folder_files(note_st) or None, SECONDS, pair)
        copied = run("--db", desk.db, "backup", "-o", tmp_path / "notebook.sqlite")
        assert copied.returncode == 0, copied.stderr
        notebook = Laptop("notebook", tmp_path / "notebook.sqlite", note_st)
        notebook.team("set", str(note_st.folder), "--author", "Anna Keller")
        notebook.sync()
        wait_for("both folders to hold the same file",
                 lambda: folder_files(desk_st) == folder_files(note_st) or None, SECONDS, pair)
        (deal_id,) = {named(name).deal_id for name in folder_files(desk_st)}

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
        for instance in pair:
            wait_for(f"a Syncthing conflict copy in the {instance.name}'s folder",
                     functools.partial(_has_conflict_copy, instance), SECONDS, pair)

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
        except TimedOut as error:
            raise EditsLost(
                f"{str(error).splitlines()[0]}\n{desk.recent()}\n{notebook.recent()}\n"
                + "\n".join(f"{laptop.name} has " + ", ".join(
                    f"{name} {laptop.people(deal_id)[name]}" for name in wanted)
                    for laptop in (desk, notebook))) from None
