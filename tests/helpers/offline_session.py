"""A whole session with an audit hook on every network event: run by test_offline.py in a
child process (an audit hook cannot be removed again). Prints one JSON line: the network
events seen, the internet sockets the process holds at the end, whether QtNetwork loaded."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                  "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.getnameinfo",
                  "socket.bind", "socket.sendto", "socket.sendmsg", "urllib.Request",
                  "http.client.connect", "ftplib.connect", "smtplib.connect", "poplib.connect",
                  "imaplib.open", "nntplib.connect", "webbrowser.open"}
INTERNET_FAMILIES = {2, 10}  # AF_INET, AF_INET6
seen: list[str] = []


def hook(event: str, args: tuple[object, ...]) -> None:
    internet = event == "socket.__new__" and len(args) > 1 and args[1] in INTERNET_FAMILIES
    if event in NETWORK_EVENTS or internet:
        seen.append(f"{event} {args!r:.200}")


def internet_sockets() -> int:
    """Sockets this process holds that are TCP or UDP (from /proc; 0 where unavailable)."""
    inodes = set()
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return 0
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path("/proc/self/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) > 9 and fields[9] in inodes:
                    count += 1
    return count


def session(folder: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop.cli import main
    from desktop.domain.enums import Support
    from desktop.exchange.exporting import export_deals
    from desktop.render.printing.choices import Paper, PrintLayout
    from desktop.render.printing.options import PrintOptions
    from desktop.ui import commands, file_dialogs
    from desktop.ui.application import create_application, open_library
    from desktop.ui.main_window import MainWindow
    from desktop.ui.print_options_dialog import OutputKind
    from desktop.ui.settings import Settings

    app = create_application()
    window = MainWindow(open_library(folder / "library.sqlite"),
                        Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)))
    window.show()
    app.processEvents()
    assert window.session.deal is not None
    person = window.session.deal.people[0]
    from dataclasses import replace

    window.session.push(commands.EditPeople(window.session, [person],
                                     [replace(person, support=Support.MENTOR)]))
    window.session.push(commands.TakeSnapshot(window.session, window.session.deal.id, "Offline"))
    deal = window.session.library.get_deal(window.session.deal.id)
    # Print: the preview, and a PDF through the window's export path.
    options = PrintOptions(layout=PrintLayout.FULL, paper=Paper.A4)
    window.printing.preview(deal, options)
    app.processEvents()
    if window.printing.preview_dialog is not None:
        window.printing.preview_dialog.close()
    file_dialogs.get_save_file_name = (
        lambda *_a: (str(folder / "deal.pdf"), ""))
    window.printing.export_pdf(deal, options)
    file_dialogs.get_save_file_name = (
        lambda *_a: (str(folder / "map.svg"), ""))
    window.printing.export_map(deal, options, OutputKind.SVG, 96)
    # Export every format, then import them back.
    files = []
    for name, suffix in (("dealtri", ".dealtri"), ("csv", ".csv"), ("graphml", ".graphml"),
                         ("gexf", ".gexf"), ("xlsx", ".xlsx")):
        files += export_deals(window.session.library, [deal.id], folder / f"out{suffix}", name)
    QMessageBox.question = staticmethod(  # type: ignore[method-assign,assignment]
        lambda *_a: QMessageBox.StandardButton.No)
    for path in files:
        if path.suffix != ".xlsx":
            window.exchange.import_files([path])
    app.processEvents()
    # And the command line, in the same process.
    with open(os.devnull, "w") as sink:
        for argv in (["list"], ["show", deal.id[:8]], ["check"],
                     ["backup", "-o", str(folder / "backup.sqlite")]):
            main(["--db", str(folder / "library.sqlite"), *argv], stdout=sink, stderr=sink)
    window.close()
    app.processEvents()


if __name__ == "__main__":
    sys.addaudithook(hook)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as folder:
        session(Path(folder))
        print(json.dumps({"events": seen, "internet_sockets": internet_sockets(),
                          "qtnetwork": "PySide6.QtNetwork" in sys.modules,
                          "files": sorted(p.name for p in Path(folder).iterdir())}))
