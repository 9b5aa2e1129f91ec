"""Import a 10,000-contact vCard file (Apple Contacts' 3.0 layout: folded notes, a photo,
an address, the manager as a related name labelled manager) into a new deal: read the
bytes, decode, validate every person, draw the reports-to lines, plan, write in one
transaction. Goal ≤ 1.5 s. The baseline, measured in the same run, is the parser alone:
``vobject.readComponents`` reading the same file into its objects (decoded once, nothing
validated, no people made, nothing written) — the ratio says what the whole import costs
next to just parsing the file with the library."""

from __future__ import annotations

import gc
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result, median_time
from desktop.exchange.formats import vcard
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.exchange.registry import ReadOptions
from desktop.store.library import Library

CONTACTS = 10_000
ROUNDS = 3
PHOTO = "/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0a" * 4


def card(i: int) -> str:
    note = (f"Met at the Hanover fair, booth {i}; decides on logistics software together "
            "with the CFO\\, prefers short e-mails.")
    lines = [
        "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 14.5//EN",
        f"N:Müller{i};Jürgen;;;", f"FN:Jürgen Müller{i}",
        f"ORG:Nordwind Logistik AG;Abteilung {i % 40}", f"TITLE:Leiter Einkauf {i % 90}",
        f"EMAIL;type=INTERNET;type=WORK;type=pref:person{i}@nordwind.example",
        f"TEL;type=WORK;type=VOICE;type=pref:+49 40 555 {i:06d}",
        f"TEL;type=CELL;type=VOICE:+49 171 555 {i:06d}",
        f"item2.ADR;type=WORK;type=pref:;;Hafenstraße {i};Hamburg;;20457;Deutschland",
        "item2.X-ABADR:de",
        f"NOTE:{note}",
        f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}",
        f"UID:{i:08X}-5D4B-4E8A-9C21-7B3D5E6F1A20",
        f"X-ABUID:{i:08X}-5D4B-4E8A-9C21-7B3D5E6F1A20:ABPerson",
    ]
    if i >= 10:
        lines += [f"item1.X-ABRELATEDNAMES:Jürgen Müller{i // 10}",
                  "item1.X-ABLabel:_$!<Manager>!$_"]
    lines.append("END:VCARD")
    return "".join(_folded(line) for line in lines)


def _folded(line: str) -> str:
    """Folded at 75 characters, as Apple does (our writer folds at octets)."""
    return "\r\n ".join(line[i:i + 75] for i in range(0, len(line), 75)) + "\r\n"


def write_file(path: Path) -> None:
    path.write_bytes("".join(card(i) for i in range(CONTACTS)).encode("utf-8"))


def _ours(library_path: Path, path: Path) -> float:
    with Library.open(library_path) as library:
        gc.collect()  # vobject's garbage from the round before, outside the timing
        start = time.perf_counter()
        plan = plan_import(library, read_files([path]))
        apply_import(library, plan)
        elapsed = time.perf_counter() - start
        deal = library.get_deal(plan.new_deals[0].id)
        assert len(deal.people) == CONTACTS
        assert len(deal.relations) == CONTACTS - 10
    return elapsed


def _vobject(path: Path) -> None:
    import vobject

    cards = list(vobject.readComponents(path.read_bytes().decode("utf-8")))
    assert len(cards) == CONTACTS


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "contacts.vcf"
        write_file(path)
        with Library.open(root / "empty.sqlite"):
            pass
        ours: list[float] = []
        parser: list[float] = []
        for round_ in range(ROUNDS):  # alternate, each import into a fresh empty library
            copy = root / f"ours-{round_}.sqlite"
            shutil.copy(root / "empty.sqlite", copy)
            ours.append(_ours(copy, path))
            parser.append(median_time(lambda: _vobject(path), repeat=1))
        data = path.read_bytes()
        read_only = median_time(lambda: vcard.read(data, path, ReadOptions()), repeat=ROUNDS)
    vobject_alone = statistics.median(parser)
    return [
        Result(f"import {CONTACTS:,}-contact vCard", statistics.median(ours), vobject_alone,
               goal="≤ 1.5 s", note="baseline: vobject alone parsing the same file"),
        Result(f"read {CONTACTS:,}-contact vCard", read_only, vobject_alone,
               note="the format's read function: people and lines, nothing written"),
    ]
