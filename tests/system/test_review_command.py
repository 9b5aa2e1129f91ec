"""``review DEAL [--since SNAPSHOT|DATE] -o review.pdf`` as a user runs it: a deal file with
two snapshots (tests/data/review, written by hand) imported, the review printed, the PDF
read back; and one clear sentence for what cannot be reviewed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import assert_one_clear_line, run
from tests.helpers.paths import ROOT
from tests.helpers.pdf import pdfinfo, pdftext

FJORD = ROOT / "tests" / "data" / "review" / "fjord-review.dealtri"


@pytest.fixture(scope="module")
def fjord_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "library.sqlite"
    result = run("--db", path, "import", FJORD)
    assert result.returncode == 0, result.stderr
    return path


def test_the_review_since_the_newest_snapshot(fjord_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    result = run("--db", fjord_db, "review", "Fjord Data rollout", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "since “QBR autumn” (taken 20 Oct 2026)" in result.stdout
    assert pdfinfo(out)["Pages"] == "1"
    words = pdftext(out)
    for said in ("Review since “QBR autumn” (taken 20 Oct 2026)",
                 "Added: Sigrid Dahl", "Business outcome 6 → 8",
                 "Business outcome 8, heard directly: “Asked for the pilot report twice”",
                 "support Supporter → Mentor", "now Coach / champion",
                 "New line: Sigrid Dahl reports to Astrid Holm",
                 "Action done: “Send the pilot report”",
                 "New action: “Workshop with the architects”",
                 "Red flags resolved since", "No coach or champion",
                 "Red flags raised since", "Red flags still open",
                 "Business outcome", "Technical fit", "Personal win", "Kick-off"):
        assert said in words, said
    # The personal win's evidence is private: left out unless asked for.
    assert "Wants the board" not in words
    assert "Sigrid" not in words.split("Kick-off")[0].split("Review since")[0]


def test_since_a_name_a_prefix_or_a_day(fjord_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    for since in ("kick-off", "7f1c2a10-0000-4000-8000-0000000000d1", "2026-10-19"):
        result = run("--db", fjord_db, "review", "Fjord Data rollout", "--since", since,
                     "-o", out, "--include-private")
        assert result.returncode == 0, result.stderr
        words = pdftext(out)
        assert "Review since “Kick-off” (taken 1 Sep 2026)" in words, since
        assert "Stage Qualify → Propose" in words
        assert "Business outcome 4 → 8" in words
        assert "Personal win 7, assumed: “Wants the board to see savings”" in words
        assert ("Action slipped: “Send the pilot report”, due 15 Oct 2026 → 10 Nov 2026"
                in words)
        assert "Action done: “Send the pilot report”" in words
    # A day before every snapshot: the oldest.
    result = run("--db", fjord_db, "review", "Fjord Data rollout", "--since", "2026-01-01",
                 "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Kick-off" in result.stdout


def test_a_deal_without_snapshots_is_one_sentence(fjord_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    result = run("--db", fjord_db, "review", "Fjord Data support renewal", "-o", out)
    line = assert_one_clear_line(result)
    assert "has no snapshot to review from; take one first" in line
    assert not out.exists()


def test_an_unknown_snapshot_names_the_ones_there_are(fjord_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    result = run("--db", fjord_db, "review", "Fjord Data rollout", "--since", "Spring QBR",
                 "-o", out)
    line = assert_one_clear_line(result)
    assert "no snapshot 'Spring QBR'" in line
    assert "“Kick-off”, “QBR autumn”" in line
    assert not out.exists()
    result = run("--db", fjord_db, "review", "Fjord Data rollout", "-o", tmp_path / "r.txt")
    assert "must end in .pdf" in assert_one_clear_line(result)
