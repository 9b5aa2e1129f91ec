"""Fuzzing every importer: random bytes, and valid sample files with random damage (bytes
flipped, cut, inserted, repeated). Whatever comes in, a reader returns deals or raises
ImportProblem — never anything else. Bounded in CI; ``make fuzz`` runs many more examples
(DEAL_TRIANGLE_FUZZ_EXAMPLES). A crash found this way becomes a file in tests/data/bad."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.deal import Deal
from desktop.exchange import dealfile, xlsx_people
from desktop.exchange.formats import dealtri, gexf, graphml, people_csv, vcard
from desktop.exchange.formats.gexf import gexf_bytes
from desktop.exchange.formats.graphml import graphml_bytes
from desktop.exchange.formats.people_csv import people_rows
from desktop.exchange.registry import Reader, ReadOptions
from desktop.exchange.workbook import workbook_bytes
from desktop.problems import ImportProblem
from tests.helpers.paths import DATA

EXAMPLES = int(os.environ.get("DEAL_TRIANGLE_FUZZ_EXAMPLES", "150"))

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="CI" in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def samples(demo: Deal) -> dict[str, tuple[Reader, bytes]]:
    csv_sample = (DATA / "csv" / "outlook_contacts.csv").read_bytes()
    return {
        "dealtri": (dealtri.read, dealfile.dumps([demo], include_private=True).encode()),
        "csv": (people_csv.read, csv_sample),
        "graphml": (graphml.read, graphml_bytes(demo)),
        "gexf": (gexf.read, gexf_bytes(demo)),
        "xlsx": (xlsx_people.read, workbook_bytes({"People": people_rows([demo])})),
        # Outlook's 2.1 (charsets, quoted-printable) and Apple's 3.0 (groups, folds) in one.
        "vcf": (vcard.read, (DATA / "vcard" / "outlook_21.vcf").read_bytes()
                + (DATA / "vcard" / "apple_30.vcf").read_bytes()),
    }


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif action == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 200))] * draw(st.integers(2, 50))
        else:
            del data[at:]
    return bytes(data)


def read_or_refuse(reader: Reader, data: bytes, name: str) -> None:
    message = ""
    try:
        reader(data, Path(name), ReadOptions())
    except ImportProblem as problem:
        message = str(problem)
    if message:  # one sentence that names the file
        assert name in message
        assert "\n" not in message


@pytest.mark.parametrize("kind", ["dealtri", "csv", "graphml", "gexf", "xlsx", "vcf"])
def test_random_bytes(kind: str, small_demo: Deal) -> None:
    reader, _sample = samples(small_demo)[kind]

    @FUZZ
    @given(st.binary(max_size=4096))
    def fuzz(data: bytes) -> None:
        read_or_refuse(reader, data, f"fuzz.{kind}")

    fuzz()


@pytest.mark.parametrize("kind", ["dealtri", "csv", "graphml", "gexf", "xlsx", "vcf"])
def test_damaged_sample_files(kind: str, small_demo: Deal) -> None:
    reader, sample = samples(small_demo)[kind]

    @FUZZ
    @given(damaged(sample))
    def fuzz(data: bytes) -> None:
        read_or_refuse(reader, data, f"fuzz.{kind}")

    fuzz()


def test_damaged_sheet_xml_in_a_sound_zip() -> None:
    """A damaged zip mostly fails its checksum before any XML is read; here the sheet's XML
    itself is damaged (an Outlook list in Excel's layout), the zip around it sound."""
    from tests.helpers.handmade_xlsx import sheet_xml, workbook

    sample = sheet_xml([["First Name", "Last Name", "E-mail Address", "Company", "Phone"],
                        ["Ada", "Byron", "ada@example.com", "Contoso", 4915112345678],
                        ["Alan", "Turing", "alan@example.com", "Contoso", ("=1+1", 2)]]).encode()

    @FUZZ
    @given(damaged(sample))
    def fuzz(data: bytes) -> None:
        read_or_refuse(xlsx_people.read, workbook({"People": data}), "fuzz.xlsx")

    fuzz()


@pytest.mark.parametrize("name", ["org_chart.graphml", "departments_as_groups.graphml"])
def test_damaged_yed_charts(name: str) -> None:
    """yEd's own markup (labels, line styles, arrowheads, nested groups), damaged."""
    sample = (DATA / "yed" / name).read_bytes()

    @FUZZ
    @given(damaged(sample))
    def fuzz(data: bytes) -> None:
        read_or_refuse(graphml.read, data, "fuzz.graphml")

    fuzz()
