"""vCard files: the people and reports-to lines of Outlook's 2.1, Apple's and Google's 3.0
and vCard 4.0 exports (samples written by hand in each tool's layout), and our own 3.0
export read back — by our reader and by vobject."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import vobject

from desktop.demo import demo_deals
from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.exchange import registry
from desktop.exchange.formats import vcard
from desktop.exchange.importing import plan_import, read_files
from desktop.exchange.incoming import Incoming
from desktop.exchange.registry import ReadOptions
from desktop.exchange.vcard_writing import folded, vcard_bytes
from desktop.problems import Cancelled, ImportProblem
from desktop.store.library import Library
from tests.helpers.paths import DATA, ROOT

SAMPLES = DATA / "vcard"
# name: (title, organisation, department, e-mail, phone, notes)
PEOPLE = {
    "outlook_21.vcf": {
        "Hans Müller": ("Leiter Einkauf", "Brückner Maschinenbau GmbH", "Einkauf",
                        "hans.mueller@brueckner.example", "+49 89 1234-100",
                        "Entscheidet über das Budget bis 250.000 €.\nMag klare Zahlen, "
                        "keine Folien."),
        "Jürgen Weiß": ("Geschäftsführer", "Brückner Maschinenbau GmbH", "Geschäftsführung",
                        "juergen.weiss@brueckner.example", "+49 89 1234-0", ""),
        "Petra Lang": ("Controllerin", "Brückner Maschinenbau GmbH", "Controlling",
                       "petra.lang@brueckner.example", "+49 89 5550199", ""),
    },
    "apple_30.vcf": {
        "Anna Schmidt": ("CFO", "Nordwind Logistik AG", "Geschäftsleitung",
                         "anna.schmidt@nordwind.example", "+49 40 555 0100",
                         "Zeichnet alles über 250 k€ ab.\nMag kurze E-Mails, keine Anrufe "
                         "vor 9 Uhr."),
        "Jonas Becker": ("Leiter IT-Infrastruktur", "Nordwind Logistik AG", "IT",
                         "jonas.becker@nordwind.example", "+49 40 555 0200", ""),
        "Mia Wolf": ("Netzwerkarchitektin", "Nordwind Logistik AG", "IT",
                     "mia.wolf@nordwind.example", "", ""),
    },
    "google_30.vcf": {
        "Carlos Ruiz": ("Director de Compras", "Solaria Energía S.L.", "Compras",
                        "c.ruiz@solaria.example", "+34 600 123 456",
                        "Conocido en Intersolar, Múnich. Decide con Elena."),
        "Elena Torres": ("Directora General", "Solaria Energía S.L.", "Dirección",
                         "elena.torres@solaria.example", "+34 91 555 0100", ""),
        "pablo.gil@partner.example": ("", "Gil Consultores", "", "pablo.gil@partner.example",
                                      "", ""),
    },
    "rfc_40.vcf": {
        "Sven Ek": ("Driftchef", "Fjord Data AB", "Infrastruktur", "sven.ek@fjorddata.example",
                    "+46-8-555-0100", "Ansvarar för drift och säkerhet."),
        "Ingrid Holm": ("CTO", "Fjord Data AB", "Ledning", "ingrid.holm@fjorddata.example",
                        "", ""),
        "Oskar Lind": ("Systemtekniker", "Fjord Data AB", "Infrastruktur",
                       "oskar.lind@fjorddata.example", "", ""),
        "Linnea Berg": ("Nätverkstekniker", "Fjord Data AB", "Infrastruktur", "", "", ""),
    },
}
# Who reports to whom. Outlook: Petra's manager is in no card of the file (left out);
# Apple: Jonas's spouse is a related name too, not a manager; 4.0: by urn:uuid, by name
# as text, by mailto; an https manager and a "contact" relation are no reports-to lines.
REPORTS_TO = {
    "outlook_21.vcf": {("Hans Müller", "Jürgen Weiß")},
    "apple_30.vcf": {("Jonas Becker", "Anna Schmidt"), ("Mia Wolf", "Jonas Becker")},
    "google_30.vcf": {("Carlos Ruiz", "Elena Torres")},
    "rfc_40.vcf": {("Sven Ek", "Ingrid Holm"), ("Oskar Lind", "Sven Ek"),
                   ("Linnea Berg", "Sven Ek")},
}
ACCOUNTS = {"outlook_21.vcf": "Brückner Maschinenbau GmbH",
            "apple_30.vcf": "Nordwind Logistik AG", "google_30.vcf": "Solaria Energía S.L.",
            "rfc_40.vcf": "Fjord Data AB"}


def read(path: Path, data: bytes | None = None) -> Incoming:
    (incoming,) = vcard.read(path.read_bytes() if data is None else data, path, ReadOptions())
    return incoming


def lines_of(deal: Deal) -> set[tuple[str, str]]:
    names = {p.id: p.name for p in deal.people}
    return {(names[r.source], names[r.target]) for r in deal.relations
            if r.kind is RelationKind.REPORTS_TO}


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_each_exporters_layout(name: str) -> None:
    incoming = read(SAMPLES / name)
    deal = incoming.deal
    found = {p.name: (p.title, p.organisation, p.department, p.email, p.phone, p.notes)
             for p in deal.people}
    assert found == PEOPLE[name]
    assert len(deal.people) == len(PEOPLE[name])  # the same person twice is one
    assert lines_of(deal) == REPORTS_TO[name]
    assert deal.name == Path(name).stem
    assert deal.account == ACCOUNTS[name]
    assert not incoming.whole_deal
    assert incoming.provided == frozenset({"name", "title", "organisation", "department",
                                           "email", "phone", "notes"})


def test_only_the_fields_a_file_has_are_provided(tmp_path: Path) -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nTITLE:CIO\r\nEND:VCARD\r\n"
    incoming = read(tmp_path / "few.vcf", data)
    assert incoming.provided == frozenset({"name", "title"})
    assert incoming.deal.account == ""


def test_importing_the_same_file_twice_gives_the_same_ids() -> None:
    first, second = read(SAMPLES / "apple_30.vcf").deal, read(SAMPLES / "apple_30.vcf").deal
    assert first == second
    # Apple's UID is a UUID: it is the person's id.
    assert first.people[0].id == "2f7e1c3a-5d4b-4e8a-9c21-7b3d5e6f1a20"


def test_a_uid_as_urn_is_the_persons_id() -> None:
    deal = read(SAMPLES / "rfc_40.vcf").deal
    assert deal.people[0].id == "4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"


def test_the_work_email_and_phone_win_over_the_first() -> None:
    anna = read(SAMPLES / "apple_30.vcf").deal.people[0]
    assert (anna.email, anna.phone) == ("anna.schmidt@nordwind.example", "+49 40 555 0100")


def test_a_fold_inside_a_utf8_sequence_reads_correctly() -> None:
    path = DATA / "bad" / "vcard_fold_inside_utf8.vcf"
    data = path.read_bytes()
    assert b"\xc3\r\n \xbc" in data  # the fold splits "ü" (C3 BC)
    (person,) = read(path).deal.people
    assert person.name == "Jürgen Müller-Lüdenscheidt"
    assert person.title == "Geschäftsführer für Qualitätsmanagement und Prüfung"


@pytest.mark.parametrize(("data", "words"), [
    (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n",
     "card 1 (line 4): email: 'not-an-address' is not an e-mail address"),
    # vobject's own content-line pattern takes minutes on this line (exponential backtracking)
    (b"BEGIN:VCARD\r\nTEL" + b";a" * 50_000 + b"\r\nEND:VCARD\r\n",
     "card 1 (line 2): the TEL line has no ':' before its value"),
    (b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\nhello\r\n",
     "line 4: text after the END:VCARD of card 1"),
    (b"\xef\xbb\xbf", "holds no card"),
    (b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n" * 20_001,
     "card 20001 (line 60001): the file has more than 20,000 cards; a deal holds at most"),
    (b"BEGIN:VCARD\r\nFN;CHARSET=utf-8:\x81\x8d\xc3\r\nEND:VCARD\r\n",
     "card 1 (line 2): the text of FN is neither UTF-8 nor Windows-1252"),
])
def test_refused_quickly_with_the_place(tmp_path: Path, data: bytes, words: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ImportProblem) as caught:
        read(tmp_path / "contacts.vcf", data)
    assert time.perf_counter() - start < 2
    assert words in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "contacts.vcf"))


# -- writing ----------------------------------------------------------------------------------


def test_our_export_imports_back_to_the_same_people_and_lines(northwind: Deal) -> None:
    data = vcard_bytes([northwind], include_private=True)
    back = read(Path("Northwind.vcf"), data).deal
    fields = ("id", "name", "title", "organisation", "department", "email", "phone", "notes")
    assert ([tuple(getattr(p, f) for f in fields) for p in back.people]
            == [tuple(getattr(p, f) for f in fields) for p in northwind.people])
    reports = {(r.source, r.target) for r in northwind.relations
               if r.kind is RelationKind.REPORTS_TO}
    assert reports
    assert {(r.source, r.target) for r in back.relations} == reports


def test_private_notes_stay_out_unless_included(northwind: Deal) -> None:
    assert any(p.notes for p in northwind.people)
    assert b"\r\nNOTE:" not in vcard_bytes([northwind], include_private=False)
    assert b"\r\nNOTE:" in vcard_bytes([northwind], include_private=True)


def test_lines_are_crlf_folded_at_75_octets_never_inside_a_character(
        northwind: Deal) -> None:
    from dataclasses import replace

    long_one = replace(northwind.people[0], title="Geschäftsführerin für Qualität " * 5,
                       notes="Ä€😀, ; \\ " * 100 + "\nzweite Zeile")
    deal = replace(northwind, people=(long_one, *northwind.people[1:]))
    data = vcard_bytes([deal], include_private=True)
    physical = data.split(b"\r\n")
    assert physical[-1] == b""
    assert b"\n" not in b"".join(physical)
    assert b"\r" not in b"".join(physical)
    assert max(len(line) for line in physical) == 75
    for line in physical:
        line.decode("utf-8")  # each line whole: no character split by a fold
    assert read(Path("x.vcf"), data).deal.people[0].notes == long_one.notes
    assert read(Path("x.vcf"), data).deal.people[0].title == long_one.title


def test_vobject_reads_our_export_with_the_manager_for_each_app(northwind: Deal) -> None:
    data = vcard_bytes([northwind], include_private=True)
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert len(cards) == len(northwind.people)
    names = {p.id: p.name for p in northwind.people}
    relation = next(r for r in northwind.relations if r.kind is RelationKind.REPORTS_TO)
    card = next(c for c in cards if c.uid.value == relation.source)
    assert card.version.value == "3.0"
    assert card.fn.value == names[relation.source]
    assert card.x_ms_manager.value == names[relation.target]
    assert card.x_abrelatednames.value == names[relation.target]
    assert card.x_abrelatednames.group == card.x_ablabel.group == "item1"
    assert card.x_ablabel.value == "_$!<Manager>!$_"


@pytest.mark.parametrize("name", ["apple_30.vcf", "google_30.vcf", "rfc_40.vcf"])
def test_vobject_agrees_on_the_samples_it_can_read(name: str) -> None:
    """vobject reads text, so only the UTF-8 samples; the names and titles agree."""
    cards = list(vobject.readComponents((SAMPLES / name).read_text(encoding="utf-8")))
    theirs = {c.fn.value for c in cards if c.fn.value} | {
        c.email.value for c in cards if not c.fn.value}
    assert theirs == set(PEOPLE[name])


def test_folding_counts_octets() -> None:
    assert folded("a" * 75) == b"a" * 75 + b"\r\n"
    # 37 × "ü" are 74 octets: the 38th would be split, so the fold comes before it.
    assert folded("ü" * 40) == ("ü" * 37).encode() + b"\r\n " + ("ü" * 3).encode() + b"\r\n"


# -- finding the format -----------------------------------------------------------------------


def test_found_by_content_and_extension() -> None:
    fmt = registry.for_input(Path("export.txt"), b"\xef\xbb\xbf\r\nbegin:vcard\r\n")
    assert fmt.name == "vcard"
    assert registry.for_input(Path("people.vcard"), b"junk").name == "vcard"
    assert registry.for_output(Path("people.vcf")).name == "vcard"
    assert "*.vcf" in vcard.FORMAT.file_filter


# -- merging back, the window's options, odd but valid files ----------------------------------


@pytest.mark.parametrize("include_private", [False, True])
def test_each_deals_own_export_merges_back_changing_nothing(
        library: Library, tmp_path: Path, include_private: bool) -> None:
    library.add_deals(demo_deals())
    for summary in library.list_deals():
        deal = library.get_deal(summary.id)
        path = tmp_path / f"{deal.id}.vcf"
        vcard.write([deal], path, include_private)
        plan = plan_import(library, read_files([path]), into=deal.id)
        (merge,) = plan.merges
        assert merge.conflicts == ()
        assert merge.plan.added == 0
        assert plan.changes_nothing, deal.name


def test_progress_is_told_and_cancel_stops(tmp_path: Path) -> None:
    data = b"".join(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P%d\r\nEND:VCARD\r\n" % i
                    for i in range(1_200))
    told: list[tuple[int, int]] = []
    options = ReadOptions(progress=lambda done, total: told.append((done, total)))
    (incoming,) = vcard.read(data, tmp_path / "many.vcf", options)
    assert len(incoming.deal.people) == 1_200
    assert told == [(500, 1_200), (1_000, 1_200)]
    with pytest.raises(Cancelled):
        vcard.read(data, tmp_path / "many.vcf", ReadOptions(cancelled=lambda: True))


def test_what_looks_like_a_property_inside_a_folded_value_is_not_one(tmp_path: Path) -> None:
    data = (b"begin:vcard\nversion:3.0\nfn:Ann Lee\nNOTE:Call her office\n TEL:+1 555 0100 is"
            b" the switchboard\nPHOTO;ENCODING=b:" + b"QUJD\n " * 20_000 + b"QUJD\n"
            b"item1.x-abrelatednames:Bo Chen\nitem1.x-ablabel:MANAGER\nend:vcard\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nEND:VCARD\r\n")
    start = time.perf_counter()
    deal = read(tmp_path / "odd.vcf", data).deal
    assert time.perf_counter() - start < 1
    ann, bo = deal.people
    assert ann.notes == "Call her officeTEL:+1 555 0100 is the switchboard"
    assert ann.phone == ""
    assert bo.name == "Bo Chen"
    assert lines_of(deal) == {("Ann Lee", "Bo Chen")}


def test_an_old_mac_file_with_carriage_returns_only(tmp_path: Path) -> None:
    data = b"BEGIN:VCARD\rVERSION:3.0\rFN:Ann Lee\rTITLE:CIO\rEND:VCARD\r"
    (person,) = read(tmp_path / "mac.vcf", data).deal.people
    assert (person.name, person.title) == ("Ann Lee", "CIO")


def test_the_collector_is_paused_while_reading_and_left_as_it_was() -> None:
    import gc

    seen: list[bool] = []

    def cancelled() -> bool:  # asked every 500 cards, while the cards are read
        seen.append(gc.isenabled())
        return False

    options = ReadOptions(cancelled=cancelled)
    data = b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n" * 500
    assert gc.isenabled()
    vcard.read(data, Path("a.vcf"), options)
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()  # as the window has it
    try:
        vcard.read(data, Path("a.vcf"), options)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_vobject_is_not_loaded_at_start_up() -> None:
    """Finding the formats (every start of the app and the command line) must not pay the
    50 ms vobject and its dependencies take to load; reading a file does."""
    import subprocess
    import sys

    code = ("import sys; from desktop.exchange import registry; registry.all_formats(); "
            "assert 'vobject' not in sys.modules, 'loaded'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_our_vcard_export_comes_back_into_the_deal_it_left(tmp_path: Path,
                                                          northwind: Deal) -> None:
    """Each card names its deal (X-DEAL-TRIANGLE-DEAL and -DEAL-ID, lines other apps keep
    or ignore): imported as a new deal would be, the file goes back into that deal instead
    of making a copy named after the file (the fresh-eyes check found "kontakte_export")."""
    from desktop.exchange.exporting import export_deals
    from desktop.exchange.importing import plan_import, read_files
    from desktop.store.library import Library

    with Library.open(tmp_path / "lib.sqlite") as library:
        library.add_deal(northwind)
        (path,) = export_deals(library, [northwind.id], tmp_path / "people_export.vcf")
        assert f"X-DEAL-TRIANGLE-DEAL-ID:{northwind.id}" in path.read_text()
        (incoming,) = read_files([path])
        assert (incoming.deal.id, incoming.deal.name) == (northwind.id, northwind.name)
        assert plan_import(library, [incoming]).changes_nothing
    with Library.open(tmp_path / "other.sqlite") as other:  # a colleague's: a new deal
        plan = plan_import(other, read_files([path]))
        assert [d.name for d in plan.new_deals] == [northwind.name]


def test_our_export_of_several_deals_comes_back_as_those_deals(tmp_path: Path,
                                                              demos: list[Deal]) -> None:
    from desktop.exchange.exporting import export_deals
    from desktop.exchange.importing import read_files
    from desktop.store.library import Library

    with Library.open(tmp_path / "lib.sqlite") as library:
        for deal in demos:
            library.add_deal(deal)
        (path,) = export_deals(library, [d.id for d in demos], tmp_path / "all.vcf")
    incoming = read_files([path])
    assert [(i.deal.id, i.deal.name, len(i.deal.people)) for i in incoming] == [
        (d.id, d.name, len(d.people)) for d in demos]
