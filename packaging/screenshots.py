"""Screenshots of the real app for the README and the user guide, so they never go stale.

Run ``make screenshots`` (under Xvfb: a real X11 window, not the offscreen plugin). Each shot
opens a fresh library with the demo deals in a temporary folder, sizes the window like a
common laptop or desktop screen, and saves ``docs/screenshots/<name>.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop.synthetic import arranged, synthetic_deal
from desktop.ui.application import create_application, open_library
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZES = {"main-window-1366x768": (1366, 768), "main-window-1920x1080": (1920, 1080)}
TAB_MAP, TAB_TRIANGLE, TAB_BALANCE = 0, 1, 2


def settle(app: QApplication, ms: int = 300) -> None:
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(ms)
    while timer.isActive():
        app.processEvents()


def shoot(app: QApplication, name: str, size: tuple[int, int], folder: Path, *,
          deal: str = "Northwind", person: str = "Priya Raman", tab: int = TAB_MAP,
          synthetic: int = 0, path_to_power: bool = False) -> Path:
    settings = Settings(QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat))
    library = open_library(folder / f"{name}.sqlite")
    if synthetic:
        big = arranged(synthetic_deal(synthetic, seed=3,
                                      name=f"Synthetic org map, {synthetic} people"))
        library.add_deal(big)
    window = MainWindow(library, settings)
    window.resize(*size)
    window.show()
    settle(app)
    chosen = next(d for d in library.list_deals() if d.name.startswith(deal))
    window._choose_deal(chosen.id)
    window.tabs.setCurrentIndex(tab)
    settle(app)
    if person:
        someone = next(p for p in window.people_model.people() if p.name.startswith(person))
        window.select_person(someone.id)
    if path_to_power:
        window.path_action.trigger()
    window.fit_map()
    settle(app, 600)
    target = OUT / f"{name}.png"
    window.grab().save(str(target))
    window.close()
    library.close()
    return target


def main() -> int:
    app = create_application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, size in SIZES.items():
            print(shoot(app, name, size, Path(folder)))
        big = (1920, 1080)
        print(shoot(app, "map-helix", big, Path(folder), deal="Helix", person="Jonas Berg",
                    path_to_power=True))
        print(shoot(app, "map-300-people", big, Path(folder), deal="Synthetic",
                    person="", synthetic=300))
        print(shoot(app, "triangle-helix", big, Path(folder), deal="Helix",
                    person="Fatima Haddad", tab=TAB_TRIANGLE))
        print(shoot(app, "balance-helix", big, Path(folder), deal="Helix",
                    person="Jonas Berg", tab=TAB_BALANCE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
