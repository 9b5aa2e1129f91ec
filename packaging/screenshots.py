"""Screenshots of the real app for the README and the user guide, so they never go stale.

Run ``make screenshots`` (under Xvfb: a real X11 window, not the offscreen plugin). Each shot
opens a fresh library with the demo deals in a temporary folder, sizes the window like a
common laptop or desktop screen, and saves ``docs/screenshots/<name>.png``.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.options import PrintOptions
from desktop.synthetic import arranged, synthetic_deal
from desktop.ui.application import create_application, open_library
from desktop.ui.main_window import MainWindow
from desktop.ui.print_options_dialog import OutputKind
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
    if window.session is not None:
        window.session.close()  # stops its watch on the file, then closes the library
    return target


def new_window(app: QApplication, name: str, folder: Path,
               size: tuple[int, int] = (1366, 768)) -> MainWindow:
    settings = Settings(QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(open_library(folder / f"{name}.sqlite"), settings)
    window.resize(*size)
    window.show()
    settle(app)
    return window


def dialog_shot(app: QApplication, name: str, folder: Path,
                open_it: Callable[[MainWindow], object], *, deal: str = "Helix") -> Path:
    """Open a dialog from the window (modal or not), photograph it, close it."""
    window = new_window(app, name, folder)
    chosen = next(d for d in window.library.list_deals() if d.name.startswith(deal))
    window._choose_deal(chosen.id)
    settle(app)
    target = OUT / f"{name}.png"

    def grab() -> None:
        settle(app, 400)
        dialog = QApplication.activeModalWidget() or QApplication.activeWindow()
        if dialog is None or dialog is window:
            raise SystemExit(f"screenshots: no dialog opened for {name}")
        dialog.grab().save(str(target))
        dialog.close()

    QTimer.singleShot(500, grab)
    open_it(window)
    settle(app, 1200)
    window.close()
    if window.session is not None:
        window.session.close()
    return target


def theirs_file(window: MainWindow, folder: Path) -> Path:
    """A colleague's copy of the shown deal, with a changed person and a new one."""
    from dataclasses import replace

    from desktop.domain.enums import Support
    from desktop.domain.person import Person
    from desktop.exchange import dealfile

    assert window.deal is not None
    mine = window.library.get_deal(window.deal.id)
    people = list(mine.people)
    people[0] = replace(people[0], title=f"{people[0].title} (interim)", support=Support.MENTOR)
    people[2] = replace(people[2], next_step="Send the security answers by Friday")
    theirs = replace(mine, stage="Negotiate", people=(*people, Person(name="Ingrid Moreau",
                                                                     title="CFO")))
    path = folder / "from-a-colleague.dealtri"
    path.write_text(dealfile.dumps([theirs]))
    return path


def unknown_csv(folder: Path) -> Path:
    path = folder / "crm-export.csv"
    path.write_text("Kontakt;Rolle;Mail;Telefon;Chef\nAda Byron;CTO;ada@example.com;"
                    "+44 20 1234;Charles Babbage\nAlan Turing;Chief Scientist;"
                    "alan@example.com;;Ada Byron\nGrace Hopper;Rear Admiral;"
                    "grace@example.com;+1 202 555;\n", encoding="utf-8")
    return path


def printed_page(folder: Path) -> Path:
    """The Northwind deal brief as printed (PDF rendered by pdftoppm)."""
    import subprocess

    from desktop.render.printing.choices import PrintLayout
    from desktop.render.printing.layouts import print_pdf
    from desktop.render.printing.options import PrintOptions

    with open_library(folder / "printed.sqlite") as library:
        deal = next(library.get_deal(d.id) for d in library.list_deals()
                    if d.name.startswith("Helix"))
    pdf = folder / "brief.pdf"
    print_pdf(deal, pdf, PrintOptions(layout=PrintLayout.BRIEF))
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf),
                    str(OUT / "printed-brief-helix")], check=True)
    return OUT / "printed-brief-helix.png"


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
        work = Path(folder)
        print(dialog_shot(app, "print-options", work,
                          lambda w: w.printing.ask(OutputKind.PREVIEW)))
        print(dialog_shot(app, "print-preview", work, lambda w: w.printing.preview(
            w.library.get_deal(w.deal.id), PrintOptions(layout=PrintLayout.BRIEF))))
        print(dialog_shot(app, "merge-review", work,
                          lambda w: w.exchange.import_files([theirs_file(w, work)])))
        QMessageBox.question = staticmethod(  # type: ignore[method-assign,assignment]
            lambda *_a: QMessageBox.StandardButton.No)
        print(dialog_shot(app, "column-mapping", work,
                          lambda w: w.exchange.import_files([unknown_csv(work)])))
        print(dialog_shot(app, "backups", work, lambda w: (
            w.library.backup("before-merge"), w.show_backups())))
        print(printed_page(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
