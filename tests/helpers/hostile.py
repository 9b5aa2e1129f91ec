"""A generated, deterministic set of hostile inputs for every reader: the files of
``tests/data/bad``, hand-made attacks per format, seeded damage of valid files, and damaged
libraries. The same seed gives the same set, so a failure names a case that can be rerun.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.exchange import dealfile
from desktop.exchange.formats.gexf import gexf_bytes
from desktop.exchange.formats.graphml import graphml_bytes
from desktop.store.library import Library
from tests.helpers.paths import DATA

SEED = 20261203
DAMAGED_COPIES = 30  # per format


@dataclass(frozen=True, slots=True)
class Hostile:
    name: str  # the case, for the failure message
    filename: str
    data: bytes


def _deep_json(depth: int) -> bytes:
    return ('{"version": 1, "deals": ' + "[" * depth + "]" * depth + "}").encode()


def _deal_document(deal: Deal, change: Callable[[dict], None]) -> bytes:  # type: ignore[type-arg]
    document = json.loads(dealfile.dumps([deal], include_private=True))
    change(document)
    return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _set_person(key: str, value: object) -> Callable[[dict], None]:  # type: ignore[type-arg]
    def change(document: dict) -> None:  # type: ignore[type-arg]
        document["deals"][0]["people"][0][key] = value
    return change


def _set_deal(key: str, value: object) -> Callable[[dict], None]:  # type: ignore[type-arg]
    def change(document: dict) -> None:  # type: ignore[type-arg]
        document["deals"][0][key] = value
    return change


def _set_plan(record: str, key: str,
              value: object) -> Callable[[dict], None]:  # type: ignore[type-arg]
    """Set a key of the first record of a plan list (``actions``, ``criteria`` …)."""
    def change(document: dict) -> None:  # type: ignore[type-arg]
        document["deals"][0][record][0][key] = value
    return change


def _set_top(key: str, value: object) -> Callable[[dict], None]:  # type: ignore[type-arg]
    def change(document: dict) -> None:  # type: ignore[type-arg]
        document[key] = value
    return change


def handmade(deal: Deal) -> Iterator[Hostile]:
    """Attacks that random damage would rarely find."""
    # deal files
    yield Hostile("deep nesting 100,000", "deep.dealtri", _deep_json(100_000))
    yield Hostile("empty", "empty.dealtri", b"")
    yield Hostile("BOM only", "bom.dealtri", b"\xef\xbb\xbf")
    yield Hostile("UTF-16", "utf16.dealtri", dealfile.dumps([deal]).encode("utf-16"))
    yield Hostile("JSON null", "null.dealtri", b"null")
    yield Hostile("JSON list", "list.dealtri", b"[1, 2, 3]")
    yield Hostile("huge float", "float.dealtri", _deal_document(deal, _set_deal("amount", 1e308)))
    yield Hostile("infinity", "inf.dealtri",
                  dealfile.dumps([deal]).replace('"amount": ', '"amount": Infinity, "x": ')
                  .encode())
    for key, value in [("version", True), ("version", 1.0), ("version", "1"), ("version", -1),
                       ("version", 10**30), ("deals", {}), ("deals", None), ("deals", "x")]:
        yield Hostile(f"top {key}={value!r}", "top.dealtri",
                      _deal_document(deal, _set_top(key, value)))
    for key, value in [("support", 1.0), ("support", True), ("support", 99), ("support", "2"),
                       ("roles", "champion"), ("roles", [["x"]]), ("roles", ["pope"]),
                       ("name", ""), ("name", None), ("name", 5), ("name", "x" * 2_000_000),
                       ("name", "\ud800"), ("name", "a\x00b"), ("scores", []),
                       ("scores", {"business": {"value": 11}}),
                       ("scores", {"business": {"value": True}}),
                       ("scores", {"business": {"value": 5.5}}),
                       ("scores", {"fourth": {"value": 5}}), ("id", "not-a-uuid"),
                       ("id", None), ("x", "left"), ("x", 1e309), ("last_contact", "2026-02-30"),
                       ("last_contact", "9" * 5000), ("influence", "mega"), ("mode", 3)]:
        yield Hostile(f"person {key}={str(value)[:20]!r}", "person.dealtri",
                      _deal_document(deal, _set_person(key, value)))
    for key, value in [("name", ""), ("competitors", "x"), ("competitors", [1, 2]),
                       ("amount", -5), ("amount", "lots"), ("close_date", "tomorrow"),
                       ("people", {}), ("relations", [{"source": "a"}]), ("id", 7)]:
        yield Hostile(f"deal {key}={str(value)[:20]!r}", "deal.dealtri",
                      _deal_document(deal, _set_deal(key, value)))
    for key, value in [("alternatives", {}), ("actions", [{}]), ("criteria", "x"),
                       ("process", [None]), ("compelling_event", {"by": "2026-01-01"}),
                       ("compelling_event", "soon"), ("actions", [{"text": "x"}] * 2)]:
        yield Hostile(f"deal {key}={str(value)[:20]!r}", "plan.dealtri",
                      _deal_document(deal, _set_deal(key, value)))
    nobody = "00000000-0000-4000-8000-000000000000"
    for record, key, value in [
            ("actions", "people", [nobody]), ("actions", "people", "everyone"),
            ("actions", "due", "2026-02-30"), ("actions", "status", "waiting"),
            ("actions", "owner_side", None), ("actions", "text", "\n"),
            ("actions", "intended", {"person": nobody, "axis": "business", "target": 9}),
            ("actions", "intended", {"axis": "mood", "target": 99}),
            ("criteria", "weight", -1), ("criteria", "weight", 2.5), ("criteria", "owner", 5),
            ("criteria", "theirs", {nobody: 5}), ("criteria", "theirs", {"x": 11}),
            ("process", "approver", nobody), ("process", "status", "later"),
            ("process", "planned", "Q3"), ("alternatives", "kind", "partner"),
            ("alternatives", "name", "")]:
        yield Hostile(f"{record} {key}={str(value)[:20]!r}", "plan.dealtri",
                      _deal_document(deal, _set_plan(record, key, value)))
    for key, value in [("leans_to", "FleetIQ"), ("leans_to", nobody),
                       ("coaches_competitor", "yes"), ("organisation", ["x"])]:
        yield Hostile(f"person {key}={str(value)[:20]!r}", "person.dealtri",
                      _deal_document(deal, _set_person(key, value)))
    # CSV
    yield Hostile("CSV only a header", "header.csv", b"Name,Title\n")
    yield Hostile("CSV 100,000 columns", "wide.csv", (",".join(["x"] * 100_000) + "\n").encode())
    yield Hostile("CSV 10 MB cell", "cell.csv", b"Name\n" + b"a" * 10_000_000 + b"\n")
    yield Hostile("CSV unbalanced quote", "quote.csv", b'Name,Title\n"Anna,Boss\nBen,CTO\n')
    yield Hostile("CSV NUL bytes", "nul.csv", b"Name,Title\nAn\x00na,Boss\n")
    yield Hostile("CSV mixed encodings", "mixed.csv",
                  "Name,Title\nJosé Müller,CTO\n".encode() + "Zoë Brønd,CFO\n".encode("cp1252"))
    yield Hostile("CSV short and long rows", "ragged.csv", b"Name,Title,Email\nAnna\nBen,CTO,b@x,"
                  b"extra,more\n")
    yield Hostile("CSV formula", "formula.csv", b'Name,Title\n=HYPERLINK("http://x"),@SUM(A1)\n')
    yield Hostile("CSV only separators", "seps.csv", b",,,,\n,,,,\n")
    yield Hostile("CSV UTF-16 without BOM", "u16.csv", "Name,Title\nAnna,CTO\n".encode("utf-16-le"))
    # XML
    for extension in ("graphml", "gexf"):
        yield Hostile(f"{extension} billion laughs", f"laughs.{extension}",
                      b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                      b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><graphml>&b;</graphml>')
        yield Hostile(f"{extension} external entity", f"xxe.{extension}",
                      b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY e SYSTEM "file:///etc/passwd">'
                      b']><graphml>&e;</graphml>')
        yield Hostile(f"{extension} deep nesting", f"deep.{extension}",
                      b"<graphml>" + b"<g>" * 50_000 + b"</g>" * 50_000 + b"</graphml>")
        yield Hostile(f"{extension} empty", f"empty.{extension}", b"")
        yield Hostile(f"{extension} latin-1 declared utf-8", f"latin.{extension}",
                      graphml_bytes(deal).replace(deal.people[0].name.encode(),
                                                  "Jürgen".encode("latin-1"))
                      if extension == "graphml" else
                      gexf_bytes(deal).replace(deal.people[0].name.encode(),
                                               "Jürgen".encode("latin-1")))


def _damage(data: bytes, rng: random.Random) -> bytes:
    copy = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not copy:
            break
        at = rng.randrange(len(copy))
        action = rng.choice(["flip", "cut", "insert", "truncate"])
        if action == "flip":
            copy[at] = rng.randrange(256)
        elif action == "cut":
            del copy[at:at + rng.randint(1, 64)]
        elif action == "insert":
            copy[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        else:
            del copy[at:]
    return bytes(copy)


def damaged_copies(deal: Deal) -> Iterator[Hostile]:
    rng = random.Random(SEED)
    valid = {
        "dealtri": dealfile.dumps([deal], include_private=True).encode(),
        "graphml": graphml_bytes(deal),
        "gexf": gexf_bytes(deal),
        "csv": (DATA / "csv" / "outlook_contacts.csv").read_bytes(),
    }
    for extension, data in valid.items():
        for number in range(DAMAGED_COPIES):
            yield Hostile(f"damaged {extension} #{number}", f"damaged.{extension}",
                          _damage(data, rng))


def corpus() -> Iterator[Hostile]:
    for path in sorted((DATA / "bad").iterdir()):
        yield Hostile(f"corpus {path.name}", path.name, path.read_bytes())


def import_files(deal: Deal) -> list[Hostile]:
    return [*corpus(), *handmade(deal), *damaged_copies(deal)]


# -- libraries ------------------------------------------------------------------------------

LIBRARY_DAMAGE = {
    "roles not JSON": "UPDATE people SET roles = 'x' WHERE rowid = 1",
    "name not UTF-8": "UPDATE identities SET name = CAST(x'ff' AS TEXT) WHERE rowid = 1",
    "support past its check": "UPDATE people SET support = 9 WHERE rowid = 2",
    "score past its check": "UPDATE scores SET value = 50",
    "deal name empty": "UPDATE deals SET name = ''",
    "action's people not JSON": "UPDATE actions SET people = '['",
    "action for nobody": "UPDATE actions SET people = json_array(deal_id)",
    "weight past its check": "UPDATE criteria SET weight = 9",
    "approver of nobody": "UPDATE process_steps SET approver = deal_id",
    "version 1 mark on version 2 tables": "PRAGMA user_version = 1",
    "timestamp not a time": "UPDATE deals SET updated_at = 'now'",
    "planted trigger": "CREATE TRIGGER t AFTER INSERT ON people BEGIN DELETE FROM deals; END",
    "planted view": "CREATE VIEW v AS SELECT 1",
    "extra table": "CREATE TABLE x (a)",
    "dropped table": "DROP TABLE snapshots",
    "other application id": "PRAGMA application_id = 7",
    "newer version": "PRAGMA user_version = 99",
    "version zero": "PRAGMA user_version = 0",
}


def hostile_libraries(sound: Path, folder: Path) -> Iterator[tuple[str, Path]]:
    """Copies of the sound library ``sound``, each damaged one way, in ``folder``."""
    for number, (name, sql) in enumerate(LIBRARY_DAMAGE.items()):
        path = folder / f"damaged-{number}.sqlite"
        shutil.copy(sound, path)
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute(sql)
        connection.commit()
        connection.close()
        yield name, path
    data = sound.read_bytes()
    rng = random.Random(SEED)
    for number in range(12):
        path = folder / f"flipped-{number}.sqlite"
        copy = bytearray(data)
        for _ in range(8):
            at = rng.randrange(100, len(copy))  # past the header: the page checks' job
            copy[at] = rng.randrange(256)
        path.write_bytes(bytes(copy))
        yield f"bytes flipped #{number}", path
    for cut in (50, 100, 4096, len(data) // 2):
        path = folder / f"cut-{cut}.sqlite"
        path.write_bytes(data[:cut])
        yield f"cut at {cut}", path


def sound_library(path: Path, deals: list[Deal]) -> Path:
    with Library.open(path) as library:
        library.add_deals(deals)
    return path
