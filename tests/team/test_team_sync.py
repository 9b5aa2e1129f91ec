"""Laptops sharing deals through one team folder: each publishes its own file per deal, reads
the others', merges by id — and copes with what sync engines and people do to the folder."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.domain.enums import Support
from desktop.domain.merge import Resolution
from desktop.domain.person import Person
from desktop.domain.scores import Score, Triangle
from desktop.domain.team import Share, SyncReport, TeamSettings
from desktop.exchange.team_folder import published_name
from desktop.store import team
from desktop.store.library import Library
from desktop.team_sync import TeamNotSet, sync

LATER = 4 * 10**18  # a clock far ahead (2096): every file is settled


class Laptop:
    """One seller's laptop: a library of its own, set to the shared folder."""

    def __init__(self, root: Path, folder: Path, name: str) -> None:
        self.path = root / f"{name}.sqlite"
        self.library = Library.open(self.path)
        team.set_settings(self.library, TeamSettings(str(folder), name))
        settings = team.settings(self.library)
        assert settings is not None
        self.author_id = settings.author_id

    def sync(self, *, decide: Resolution | None = None,
             clock_ns: int = LATER, quick: bool = False) -> SyncReport:
        return sync(self.library, decide=decide, clock_ns=clock_ns, quick=quick)

    def deal(self, deal_id: str) -> Deal:
        return self.library.get_deal(deal_id)


def _deal() -> Deal:
    kevin = Person(name="Kevin Liu", title="CIO", notes="Wants the board seat",
                   scores=Triangle(business=Score(7), personal=Score(
                       6, evidence="Told me over lunch", private=True)))
    return Deal(name="Contoso renewal", account="Contoso", people=(kevin, Person(name="Ava")))


def _shared(anna: Laptop, **how: bool) -> Deal:
    deal = _deal()
    anna.library.add_deal(deal)
    team.share(anna.library, Share(deal.id, **how))
    return deal


def test_a_shared_deal_reaches_the_other_laptop_without_private_notes(
        anna: Laptop, ben: Laptop, folder: Path) -> None:
    deal = _shared(anna)
    report = anna.sync()
    assert report.published == ("Contoso renewal",)
    assert os.listdir(folder) == [published_name(deal.id, anna.author_id)]
    report = ben.sync()
    assert report.came_in
    assert "new deal Contoso renewal" in report.came_in[0]
    arrived = ben.deal(deal.id)
    kevin = arrived.person(deal.people[0].id)
    assert (kevin.name, kevin.scores.business.value, kevin.scores.personal.value) == (
        "Kevin Liu", 7, 6)
    assert kevin.notes == ""
    assert kevin.scores.personal.evidence == ""
    # Ben shares a deal from the team back; once Anna has read that, nothing changes any
    # more: nothing published again, nothing read again.
    anna.sync()
    assert anna.sync().published == ()
    assert ben.sync().came_in == ()
    assert ben.sync().published == ()


def test_with_private_and_anonymised_are_the_sellers_choice_per_deal(
        anna: Laptop, ben: Laptop) -> None:
    deal = _shared(anna, with_private=True)
    anna.sync()
    ben.sync()
    kevin = ben.deal(deal.id).person(deal.people[0].id)
    assert kevin.notes == "Wants the board seat"
    assert kevin.scores.personal.evidence == "Told me over lunch"
    other = replace(_deal(), name="Fabrikam pilot", account="Fabrikam")
    anna.library.add_deal(other)
    team.share(anna.library, Share(other.id, anonymised=True))
    anna.sync()
    ben.sync()
    assert {p.name for p in ben.deal(other.id).people} == {"K.L.", "A."}


def test_edits_on_both_laptops_to_different_people_meet_in_both(
        anna: Laptop, ben: Laptop) -> None:
    deal = _shared(anna)
    anna.sync()
    ben.sync()
    team.share(ben.library, Share(deal.id))
    kevin, ava = deal.people
    anna.library.update_people([replace(anna.deal(deal.id).person(kevin.id),
                                        support=Support.MENTOR)])
    ben.library.update_people([replace(ben.deal(deal.id).person(ava.id),
                                       title="Head of Procurement")])
    for _ in range(2):
        anna.sync()
        ben.sync()
    for laptop in (anna, ben):
        merged = laptop.deal(deal.id)
        assert merged.person(kevin.id).support is Support.MENTOR
        assert merged.person(ava.id).title == "Head of Procurement"


def test_a_conflict_waits_for_the_seller_unless_a_rule_is_chosen(
        anna: Laptop, ben: Laptop) -> None:
    deal = _shared(anna)
    anna.sync()
    ben.sync()
    kevin = deal.people[0]
    anna.library.update_people([replace(anna.deal(deal.id).person(kevin.id), title="CEO")])
    ben.library.update_people([replace(ben.deal(deal.id).person(kevin.id), title="CTO")])
    anna.sync()
    report = ben.sync()
    assert report.conflicts == (
        "Contoso renewal: Kevin Liu's title: “CTO” here, “CEO” from Anna",)
    assert ben.deal(deal.id).person(kevin.id).title == "CTO"  # nothing taken yet
    assert ben.sync().conflicts  # still waiting, without reading the file again
    ben.sync(decide=Resolution.THEIRS)
    assert ben.deal(deal.id).person(kevin.id).title == "CEO"


def _deal_rows(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        rows = []
        for table in ("deals", "people", "identities", "scores", "relations", "actions"):
            rows += connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        return hashlib.sha256(repr(rows).encode()).hexdigest()
    finally:
        connection.close()


def test_a_half_written_file_waits_and_a_settled_broken_one_is_one_problem(
        anna: Laptop, ben: Laptop, folder: Path) -> None:
    deal = _shared(anna)
    anna.sync()
    name = published_name(deal.id, anna.author_id)
    whole = (folder / name).read_bytes()
    (folder / name).write_bytes(whole[: len(whole) // 2])  # the engine is still writing it
    before = _deal_rows(ben.path)
    now = time.time_ns()
    report = ben.sync(clock_ns=now)
    assert report.waiting == (name,)
    assert report.problems == ()
    assert _deal_rows(ben.path) == before
    # Unchanged at the next look: settled, and still broken — one sentence naming it.
    report = ben.sync(clock_ns=now + 10**9)
    [problem] = report.problems
    assert name in problem
    assert "\n" not in problem
    assert _deal_rows(ben.path) == before
    # The engine finishes the file: it is read.
    (folder / name).write_bytes(whole)
    report = ben.sync()
    assert report.problems == ()
    assert report.came_in


@pytest.mark.parametrize("hostile", [
    b"\x00\x01binary", b'{"format": "deal-triangle", "version": 99, "deals": []}',
    b"[" * 100_000, b'{"format": "deal-triangle", "version": 3, "deals": [{"name": 1}]}',
])
def test_a_hostile_or_newer_file_is_skipped_with_one_line_and_never_blocks_the_rest(
        anna: Laptop, ben: Laptop, folder: Path, hostile: bytes) -> None:
    deal = _shared(anna)
    anna.sync()
    stranger = "0d9c5e4a-1b2c-4d3e-8f90-a1b2c3d4e5f6"
    bad = folder / published_name("6f0b7c1e-3a7d-4d49-9a58-1d4a3b9e2c11", stranger)
    bad.write_bytes(hostile)
    report = ben.sync()
    [problem] = report.problems
    assert bad.name in problem
    assert "\n" not in problem
    assert ben.deal(deal.id).name == "Contoso renewal"  # the rest came in
    assert [s.name for s in ben.library.list_deals()] == ["Contoso renewal"]


def test_a_file_that_holds_another_deal_than_its_name_says_is_refused(
        anna: Laptop, ben: Laptop, folder: Path) -> None:
    deal = _shared(anna)
    anna.sync()
    own = folder / published_name(deal.id, anna.author_id)
    liar = folder / published_name("6f0b7c1e-3a7d-4d49-9a58-1d4a3b9e2c11", anna.author_id)
    liar.write_bytes(own.read_bytes())
    report = ben.sync()
    assert any(liar.name in p and "one deal its name says" in p
               for p in report.problems)


def test_conflict_copies_are_read_as_one_more_version(
        anna: Laptop, ben: Laptop, folder: Path) -> None:
    deal = _shared(anna)
    anna.sync()
    ben.sync()
    kevin = deal.people[0]
    own = folder / published_name(deal.id, anna.author_id)
    copy = folder / own.name.replace(".dealtri", " (Anna's conflicted copy 2026-12-03).dealtri")
    own.rename(copy)  # what Dropbox leaves when two edits crossed
    anna.library.update_people([replace(anna.deal(deal.id).person(kevin.id),
                                        support=Support.SUPPORTER)])
    anna.sync()  # publishes her file again: the copy stays beside it
    report = ben.sync()
    assert ben.deal(deal.id).person(kevin.id).support is Support.SUPPORTER
    assert report.problems == ()


def test_a_deal_gone_from_the_folder_is_never_deleted_here_and_that_is_said(
        anna: Laptop, ben: Laptop, folder: Path) -> None:
    deal = _shared(anna)
    anna.sync()
    ben.sync()
    (folder / published_name(deal.id, anna.author_id)).unlink()
    report = ben.sync()
    [line] = report.gone
    assert "Contoso renewal" in line
    assert "stays here" in line
    assert ben.deal(deal.id).name == "Contoso renewal"


def test_an_unchanged_file_is_skipped_by_its_size_and_time(
        anna: Laptop, ben: Laptop, folder: Path) -> None:
    """The stat-based skip: a file whose size and time are those it was merged with is not
    read at all — here its bytes are swapped for garbage of the same size and time, and
    nothing notices; a real change (a new time) is read and found broken."""
    deal = _shared(anna)
    anna.sync()
    ben.sync()
    path = folder / published_name(deal.id, anna.author_id)
    info = path.stat()
    path.write_bytes(b"x" * info.st_size)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert ben.sync().problems == ()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
    assert ben.sync().problems


def test_a_quick_sync_reads_what_came_and_publishes_nothing(
        anna: Laptop, ben: Laptop, folder: Path) -> None:
    """The watcher's sync reads what came (also a file whose new version got the inode
    number its old one freed: the file system reuses them at once, so an inode alone proves
    nothing — found when two publishes in a row were missed) and does not publish Ben's own
    edit: that is its own, debounced sync's job."""
    deal = _shared(anna)
    anna.sync()
    ben.sync()
    kevin = anna.deal(deal.id).people[0]
    anna.library.update_people([replace(kevin, title="CTO")])
    anna.sync()
    anna.library.update_people([replace(kevin, title="CEO")])
    anna.sync()  # two versions published since Ben last looked
    ava = ben.deal(deal.id).people[1]
    ben.library.update_people([replace(ava, title="CNO")])
    ours = folder / published_name(deal.id, ben.author_id)
    published = ours.read_bytes()
    report = ben.sync(quick=True)
    assert report.came_in == ("changes to Contoso renewal from Anna",)
    assert ben.deal(deal.id).person(kevin.id).title == "CEO"
    assert report.published == ()
    assert ours.read_bytes() == published
    path = folder / published_name(deal.id, anna.author_id)
    path.write_bytes(b"x" * (path.stat().st_size + 1))  # rewritten in place: seen too
    assert ben.sync(quick=True).problems

def test_an_offline_folder_says_so_and_keeps_the_library(
        anna: Laptop, folder: Path) -> None:
    _shared(anna)
    folder.rename(folder.with_name("unplugged"))
    before = _deal_rows(anna.path)
    report = anna.sync()
    assert "is offline" in report.offline
    assert _deal_rows(anna.path) == before


def test_without_a_team_folder_the_sentence_says_how_to_set_one(tmp_path: Path) -> None:
    with Library.open(tmp_path / "alone.sqlite") as library, \
            pytest.raises(TeamNotSet, match="team set FOLDER --author NAME"):
        sync(library)


def test_a_published_file_is_a_deal_file_by_its_schema(anna: Laptop, ben: Laptop,
                                                        folder: Path) -> None:
    import json

    import jsonschema

    from tests.helpers.paths import ROOT

    schema = json.loads((ROOT / "docs" / "deal-file.schema.json").read_text(encoding="utf-8"))
    deal = _shared(anna)
    anna.sync()
    ben.sync()
    team.share(ben.library, Share(deal.id))
    ben.sync()
    document = json.loads((folder / published_name(deal.id, ben.author_id)).read_text())
    jsonschema.validate(document, schema)
    assert document["team"]["author"] == {"id": ben.author_id, "name": "Ben"}
    assert set(document["team"]["seen"]) == {anna.author_id, ben.author_id}
    assert document["team"]["authors"] == {anna.author_id: "Anna", ben.author_id: "Ben"}
    changes = document["team"]["marks"]["changes"]
    assert [author for _n, author, _at, _paths in changes] == [anna.author_id]  # all Anna's


def _account_details(laptop: Laptop, deal_id: str) -> tuple[str, str]:
    summary = laptop.library.account_summary(laptop.deal(deal_id).account_id)
    assert summary is not None
    return summary.account.industry, summary.account.notes


@pytest.mark.parametrize(("how", "expected"), [
    ({}, ("Healthcare", "")),  # the industry travels; the notes are private
    ({"with_private": True}, ("Healthcare", "Board meets in March")),
    ({"anonymised": True}, ("", "")),  # account notes may name people: nothing
])
def test_the_account_details_travel_as_in_an_exported_file(
        anna: Laptop, ben: Laptop, how: dict[str, bool], expected: tuple[str, str]) -> None:
    from desktop.domain.accounts import Account

    deal = _shared(anna, **how)
    anna.library.write_deals(account_details=[Account(
        "Contoso", industry="Healthcare", notes="Board meets in March")])
    anna.sync()
    ben.sync()
    assert _account_details(ben, deal.id) == expected


def test_a_merge_into_a_deal_here_is_backed_up_first_at_most_every_two_hours(
        anna: Laptop, ben: Laptop) -> None:
    from desktop.store.backups import list_backups

    deal = _shared(anna)
    anna.sync()
    ben.sync()  # a new deal: nothing of Ben's to lose, no backup
    assert list_backups(ben.path) == []
    for title in ("CTO", "CEO"):
        kevin = anna.deal(deal.id).people[0]
        anna.library.update_people([replace(kevin, title=title)])
        anna.sync()
        assert ben.sync().came_in
    backups = list_backups(ben.path)
    assert [b.reason for b in backups] == ["before-team-merge"]  # the second one skipped
    assert backups[0].label == "Before a team-folder merge"
    with Library.open(backups[0].path, create=False) as before:  # as it was: "CIO"
        assert before.get_deal(deal.id).people[0].title == "CIO"


def test_a_library_copied_to_another_computer_becomes_another_author(
        anna: Laptop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Her library restored on a second computer: a sync there makes a new author id (the
    machine id lives in the user's config folder, not the library), so the two never write
    one file, and edits made apart on both meet on both."""
    desk = os.environ["XDG_CONFIG_HOME"]  # Anna's first computer (the tests' own home)
    deal = _shared(anna)
    anna.sync()
    anna.library.backup_to(tmp_path / "notebook.sqlite")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "notebook-config"))
    with Library.open(tmp_path / "notebook.sqlite") as notebook:
        was = team.settings(notebook)
        assert was is not None
        assert was.author_id == anna.author_id  # as copied, until it syncs here
        ava = notebook.get_deal(deal.id).people[1]
        notebook.update_people([replace(ava, title="CNO")])
        sync(notebook, clock_ns=LATER)
        now = team.settings(notebook)
        assert now is not None
        assert now.author_id != anna.author_id
        assert now.author_name == "Anna"
        monkeypatch.setenv("XDG_CONFIG_HOME", desk)
        kevin = anna.deal(deal.id).people[0]
        anna.library.update_people([replace(kevin, title="CTO")])
        for _ in range(2):
            anna.sync()
            monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "notebook-config"))
            sync(notebook, clock_ns=LATER)
            monkeypatch.setenv("XDG_CONFIG_HOME", desk)
        titles = [p.title for p in notebook.get_deal(deal.id).people]
    assert titles == ["CTO", "CNO"]
    assert [p.title for p in anna.deal(deal.id).people] == ["CTO", "CNO"]
    kept = team.settings(anna.library)
    assert kept is not None
    assert kept.author_id == anna.author_id  # the desk kept its id


def test_details_of_the_account_alone_coming_in_name_the_deal(anna: Laptop,
                                                               ben: Laptop) -> None:
    from desktop.domain.accounts import Account

    deal = _shared(anna)
    anna.sync()
    ben.sync()
    anna.library.write_deals(account_details=[Account("Contoso", industry="Healthcare")])
    anna.sync()
    assert ben.sync().came_in == ("changes to Contoso renewal from Anna",)
    assert _account_details(ben, deal.id) == ("Healthcare", "")


@pytest.mark.parametrize("header", [
    {"author": {"id": "x", "name": "\x1b[31mMallory\n" * 50},
     "marks": {"changes": [[999_999_999_999_999, "a" * 500, "t" * 500, ["*", 5, None]],
                           "junk", [1, 2, 3, 4]]},
     "seen": {"a" * 36: 999_999_999_999_999, "b": -5, "c": "9"},
     "authors": {"x": "\x00" * 10, "y": ["not a name"]}},
    {"marks": [], "seen": [], "authors": "nobody"},
    "not an object",
])
def test_a_hostile_team_header_merges_the_deal_as_a_plain_file_would(
        anna: Laptop, ben: Laptop, folder: Path, header: object) -> None:
    """Marks and a version vector are untrusted: what is odd in them is left out, the deal
    merges on what remains, nothing overflows the library's numbers, no traceback."""
    deal = _shared(anna)
    anna.sync()
    path = folder / published_name(deal.id, anna.author_id)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["team"] = header
    path.write_text(json.dumps(document), encoding="utf-8")
    report = ben.sync()
    assert report.problems == ()
    [line] = report.came_in
    assert line.startswith("new deal Contoso renewal from ")
    assert "\x1b" not in line
    assert len(line) < 140
    kevin = ben.deal(deal.id).people[0]
    ben.library.update_people([replace(kevin, title="CTO")])
    team.share(ben.library, Share(deal.id))
    assert ben.sync().published == ("Contoso renewal",)  # its own numbers still count on

