"""Who changed what: each value of a shared deal carries the author and time of its last
change, and the review, "what changed" and what a team sync brought say them — "Kevin Liu:
support Neutral → Mentor, by Ben, 4 Dec 2026" — for a colleague's change, never for the
seller's own."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from desktop import team_marks
from desktop.domain.deal import Snapshot
from desktop.domain.enums import Support
from desktop.domain.flag_types import day_text
from desktop.domain.review import review
from desktop.domain.review_text import plain_text
from desktop.store import team
from tests.team.test_team_sync import Laptop, _shared

TODAY = day_text(date.today())  # the day as the seller's clock says it


def _kevin_moves(anna: Laptop, ben: Laptop, *, snapshot: bool = False) -> str:
    """Anna shares the deal (after a snapshot, if asked), Ben makes Kevin a mentor and
    publishes; the deal's id."""
    deal = _shared(anna)
    if snapshot:
        anna.library.take_snapshot(deal.id, "QBR")
    anna.sync()
    ben.sync()
    kevin = ben.deal(deal.id).people[0]
    ben.library.update_people([replace(kevin, support=Support.MENTOR)])
    team.share(ben.library, team.shares(anna.library)[deal.id])
    ben.sync()
    return deal.id


def test_what_came_in_names_who_changed_each_value_and_when(anna: Laptop,
                                                            ben: Laptop) -> None:
    deal_id = _kevin_moves(anna, ben)
    report = anna.sync()
    assert report.came_in == ("changes to Contoso renewal from Ben",)
    assert report.changes == (
        f"Contoso renewal: Kevin Liu: support Neutral → Mentor, by Ben, {TODAY}",)
    assert anna.deal(deal_id).people[0].support is Support.MENTOR


def test_the_review_credits_a_colleague_and_not_the_seller(anna: Laptop,
                                                           ben: Laptop) -> None:
    deal_id = _kevin_moves(anna, ben)
    before = anna.deal(deal_id)
    anna.sync()
    mine = anna.deal(deal_id).people[1]
    anna.library.update_people([replace(mine, title="Head of Nursing")])  # Anna's own edit
    now = anna.deal(deal_id)
    snapshot = Snapshot(name="QBR", taken_at=datetime(2026, 11, 1, tzinfo=UTC),
                        deal=before.without_snapshots())
    text = plain_text(review(now, snapshot, credit=team_marks.credit(anna.library, now)))
    assert f"support Neutral → Mentor, by Ben, {TODAY}" in text
    assert "title — → Head of Nursing\n" in text + "\n"  # her own: no "by"
    assert "by Anna" not in text


def test_an_edit_here_after_the_colleague_is_no_longer_theirs(anna: Laptop,
                                                              ben: Laptop) -> None:
    deal_id = _kevin_moves(anna, ben)
    anna.sync()
    kevin = anna.deal(deal_id).people[0]
    anna.library.update_people([replace(kevin, support=Support.OPPONENT)])
    credit = team_marks.credit(anna.library, anna.deal(deal_id))
    assert credit.person(kevin.id, "support") == ""  # Anna's now, not marked yet
    anna.sync()  # her change is marked as hers when published
    credit = team_marks.credit(anna.library, anna.deal(deal_id))
    assert credit.person(kevin.id, "support") == ""


def _command(anna: Laptop, *args: str) -> subprocess.CompletedProcess[str]:
    """``deal-triangle --db ANNA …`` with her library closed meanwhile (as the window would
    not be open)."""
    anna.library.close()
    try:
        return subprocess.run([sys.executable, "-m", "desktop", "--db", str(anna.path), *args],
                              capture_output=True, text=True, timeout=120,
                              cwd=Path(__file__).resolve().parents[2], check=False)
    finally:
        anna.library = type(anna.library).open(anna.path)


def test_team_sync_prints_what_changed_with_who(anna: Laptop, ben: Laptop) -> None:
    _kevin_moves(anna, ben)
    done = _command(anna, "team", "sync")
    assert done.returncode == 0, done.stderr
    assert "What changed:\n" in done.stdout
    assert f"Kevin Liu: support Neutral → Mentor, by Ben, {TODAY}" in done.stdout


def test_the_printed_review_says_who_made_each_change(anna: Laptop, ben: Laptop,
                                                      tmp_path: Path) -> None:
    from tests.helpers.pdf import pdftext

    _kevin_moves(anna, ben, snapshot=True)
    anna.sync()
    out = tmp_path / "review.pdf"
    done = _command(anna, "review", "Contoso renewal", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = pdftext(out)
    assert f"support Neutral → Mentor, by Ben, {TODAY}" in text, text[text.find("People"):][:400]


def test_a_person_a_colleague_added_says_who_added_them(anna: Laptop, ben: Laptop) -> None:
    from desktop.domain.person import Person

    deal = _shared(anna)
    before = anna.deal(deal.id)
    anna.sync()
    ben.sync()
    ben.library.add_people(deal.id, [Person(name="Nadia Petrova", title="CNO")])
    ben.sync()
    report = anna.sync()
    assert f"Contoso renewal: Added: Nadia Petrova, by Ben, {TODAY}" in report.changes
    now = anna.deal(deal.id)
    snapshot = Snapshot(name="QBR", taken_at=datetime(2026, 11, 1, tzinfo=UTC),
                        deal=before.without_snapshots())
    text = plain_text(review(now, snapshot, credit=team_marks.credit(anna.library, now)))
    assert f"Added: Nadia Petrova, by Ben, {TODAY}" in text
