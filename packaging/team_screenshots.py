"""Screenshots of the team folder in the window (``docs/team.md``): File ▸ Team folder… over
the window at 1366 × 768, and the status bar after a colleague's change came in.

Part of ``make screenshots`` (``screenshots.py`` calls :func:`team_pictures`); alone:
``QT_QPA_PLATFORM=offscreen python packaging/team_screenshots.py``. A throwaway team: Anna's
window on a fresh library with the demo deals, and Ben's laptop (a second library) on the same
temporary folder — Ben changes one person, both change another (a conflict), and one file in
the folder is broken (a problem). Nothing touches the user's own files.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, Qt
from screenshots import LAPTOP, OUT, opened_window, save, settle, show_deal, wait_until, window_shot

from desktop.domain.ids import new_id
from desktop.domain.team import Share, TeamSettings
from desktop.exchange.team_folder import published_name
from desktop.store import team
from desktop.store.library import Library
from desktop.team_sync import sync
from desktop.ui.main_window import MainWindow

DIALOG = "team-folder-dialog"
STATUS = "team-status-bar"


def _idle(window: MainWindow) -> None:
    runner = window.team.runner  # type: ignore[attr-defined]
    wait_until(lambda: runner.runs > 0 and not runner.busy, "the team sync", 20000)
    settle(300)
    wait_until(lambda: not runner.busy, "the follow-up sync", 20000)


def _team(window: MainWindow, folder: Path, root: Path) -> None:
    """Anna's window and Ben's laptop, with a change come in, a conflict and a problem."""
    library = window.session.library
    team.set_settings(library, TeamSettings(str(folder), "Anna Keller"))
    deals = {d.name: d.id for d in library.list_deals()}
    helix = next(i for n, i in deals.items() if n.startswith("Helix Health clinical"))
    imaging = next(i for n, i in deals.items() if n.startswith("Helix Health imaging"))
    team.share(library, Share(helix))
    team.share(library, Share(imaging, with_private=True))
    window.team.library_opened()  # type: ignore[attr-defined]  # as after File ▸ Team folder…
    _idle(window)
    with Library.open(root / "ben.sqlite") as ben:
        team.set_settings(ben, TeamSettings(str(folder), "Ben Okafor"))
        sync(ben)
        person = ben.get_deal(helix).people[1]  # both change his title: a conflict
        ben.update_people([replace(person, title="VP Procurement")], deal_id=helix)
        library.update_people([replace(library.get_deal(helix).person(person.id),
                                       title="Head of Purchasing")], deal_id=helix)
        person = ben.get_deal(imaging).people[0]  # only Ben changes hers: it comes in
        ben.update_people([replace(person, title="Chief Medical Officer")], deal_id=imaging)
        for deal_id in (helix, imaging):
            team.share(ben, Share(deal_id))
        sync(ben)
    northwind = next(i for n, i in deals.items() if n.startswith("Northwind"))
    broken = folder / published_name(northwind, new_id())  # from a newer version: a problem
    broken.write_text('{"format": "deal-triangle", "version": 99, "deals": []}')
    old = time.time_ns() - 60 * 10**9  # settled: a problem, not a file still arriving
    os.utime(broken, ns=(old, old))
    window.team.sync()  # type: ignore[attr-defined]
    _idle(window)


def team_pictures(folder: Path, run: Callable[[str, Callable[[], object]], None]) -> None:
    def both() -> list[Path]:
        shared = folder / "Team (OneDrive)"
        shared.mkdir(exist_ok=True)
        with opened_window(folder, "team", LAPTOP) as window:
            show_deal(window, "Helix Health clinical")
            _team(window, shared, folder)
            wait_until(lambda: "from Ben Okafor" in window.statusBar().currentMessage(),
                       "the came-in line")
            settle(300)
            bar = window.statusBar()
            strip = window.grab(QRect(0, bar.y() - 6, window.width(), bar.height() + 6))
            made = [save(strip, OUT / f"{STATUS}.png")]
            window.team.show_dialog()  # type: ignore[attr-defined]
            dialog = window.team.dialog  # type: ignore[attr-defined]
            dialog.move(window.mapToGlobal(window.rect().center()) - dialog.rect().center())
            settle(500)
            made.append(window_shot(window, OUT / f"{DIALOG}.png", [dialog]))
            return made

    run("team", both)


def main() -> int:
    from desktop.ui.application import create_application

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app = create_application()
    app.setQuitOnLastWindowClosed(False)
    failed: list[str] = []

    def run(name: str, shot: Callable[[], object]) -> None:
        try:
            print(f"{name}: {shot()}", flush=True)
        except Exception as error:
            failed.append(name)
            print(f"FAILED {name}: {error}", file=sys.stderr, flush=True)
            raise

    with tempfile.TemporaryDirectory(prefix="deal-triangle-team-shots-") as work:
        team_pictures(Path(work), run)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
