"""A print of thousands of pages is refused up front with its page count unless allowed
(``--max-pages``), and shows its progress on stderr when that is a terminal — a full
print of 20,000 people took four minutes without a sign of life."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.store.library import Library
from tests.helpers.cli import assert_one_clear_line, run
from tests.helpers.paths import ROOT


def library_with(tmp_path: Path, deal: Deal) -> Path:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.add_deal(deal)
    return path


def test_more_pages_than_allowed_are_refused_with_the_count(tmp_path: Path,
                                                            helix: Deal) -> None:
    library = library_with(tmp_path, helix)
    out = tmp_path / "out.pdf"
    line = assert_one_clear_line(run("--db", library, "print", helix.name, "--layout", "full",
                                     "-o", out, "--max-pages", "3"))
    assert "the print would be" in line
    assert "pages, more than the 3 allowed" in line
    assert "--max-pages" in line
    assert not out.exists()
    result = run("--db", library, "print", helix.name, "--layout", "full", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not a terminal: no progress lines in a log
    assert out.exists()


def test_progress_goes_to_a_terminal(tmp_path: Path, helix: Deal) -> None:
    library = library_with(tmp_path, helix)
    out = tmp_path / "out.pdf"
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    process = subprocess.Popen([sys.executable, "-m", "desktop", "--db", str(library), "print",
                                helix.name, "--layout", "full", "-o", str(out)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=follower,
                               env=environment)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    text = shown.decode()
    counts = [(int(done.replace(",", "")), int(total.replace(",", ""))) for done, total in
              re.findall(r"\rPrinting Helix[^:]*: page ([\d,]+) of ([\d,]+)", text)]
    assert counts[0][0] == 1
    assert counts[-1][0] == counts[-1][1] > 10
    assert text.endswith("\r\x1b[K")  # the line is cleared for the summary on stdout
