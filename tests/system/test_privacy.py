"""A planted secret — private score evidence and a person's notes — appears in no export or
print unless asked for, in every output format; and does appear when asked."""

from __future__ import annotations

import io
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.scores import Score
from desktop.exchange import registry
from desktop.exchange.exporting import export_deals
from desktop.render.map.export import export_svg
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.layouts import print_pdf
from desktop.render.printing.options import PrintOptions
from desktop.store.library import Library

SECRETS = ("SECRETEVIDENCE42", "SECRETNOTE17", "SECRETTECH9")


def planted(deal: Deal) -> Deal:
    person = deal.people[0]
    person = replace(person, notes=f"Private: {SECRETS[1]}")
    person = person.with_score(Axis.PERSONAL, Score(6, f"wants {SECRETS[0]}", private=True))
    person = person.with_score(Axis.TECHNICAL, Score(4, f"told {SECRETS[2]}", private=True))
    return replace(deal, people=(person, *deal.people[1:]))


def text_of(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return data.decode("utf-8-sig", "replace")


def outputs(library: Library, deal: Deal, folder: Path, include_private: bool,
            qtbot: QtBot) -> list[Path]:
    written: list[Path] = []
    for fmt in registry.writers():
        target = folder / f"{fmt.name}{fmt.extensions[0]}"
        written += export_deals(library, [deal.id], target, fmt.name,
                                include_private=include_private)
    for layout in PrintLayout:
        pdf = folder / f"print-{layout.value}.pdf"
        print_pdf(library.get_deal(deal.id), pdf, PrintOptions(
            layout=layout, include_private=include_private))
        written.append(pdf)
    from desktop.domain.redaction import for_output

    svg = folder / "map.svg"
    export_svg(for_output(library.get_deal(deal.id), include_private=include_private), svg)
    written.append(svg)
    show = folder / "show.json"
    out = io.StringIO()
    main(["--db", str(library.path), "show", deal.id, "--json"]
         + (["--include-private"] if include_private else []), stdout=out,
         stderr=io.StringIO())
    show.write_text(out.getvalue())
    written.append(show)
    return written


@pytest.mark.slow
def test_no_output_carries_a_private_field_unless_asked(tmp_path: Path, library: Library,
                                                         small_demo: Deal,
                                                         qtbot: QtBot) -> None:
    deal = planted(small_demo)
    library.add_deal(deal)
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    written = outputs(library, deal, hidden, False, qtbot)
    assert len(written) == 21  # 12 files from 10 formats, 7 print layouts, SVG, show --json
    for path in written:
        text = text_of(path)
        assert text.strip(), path.name  # a real file with content was checked
        for secret in SECRETS:
            assert secret not in text, f"{secret} leaked into {path.name}"
    shown = tmp_path / "shown"
    shown.mkdir()
    asked = {p.name: text_of(p) for p in outputs(library, deal, shown, True, qtbot)}
    for name in ("dealtri.dealtri", "xlsx.xlsx", "print-cards.pdf", "show.json"):
        assert SECRETS[0] in asked[name], name
    assert SECRETS[1] in asked["dealtri.dealtri"]
    assert SECRETS[1] in asked["print-cards.pdf"]
    for never in ("print-plan.pdf", "ics.ics"):  # the customer's page and the calendar
        for secret in SECRETS:
            assert secret not in asked[never], (secret, never)
