"""Every broken or hostile file in tests/data/bad (plus 50 MB of junk made on the fly):
one sentence naming the file, the place and the problem; exit 1; the library unchanged."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.deal import Deal
from desktop.store.library import Library
from tests.helpers.cli import digest
from tests.helpers.paths import DATA

BAD = DATA / "bad"
# The place each file's sentence must name (line, JSON path or element).
EXPECTED = {
    "truncated.dealtri": "at line",
    "wrong_format.dealtri": "not a Deal Triangle deal file",
    "newer_version.dealtri": "newer Deal Triangle",
    "invalid_utf8.dealtri": "not valid UTF-8",
    "nul_byte.dealtri": "NUL",
    "deep_nesting.dealtri": "nested more than",
    "duplicate_person_ids.dealtri": "deals[0].people[1].id",
    "relation_to_nobody.dealtri": "deals[0].relations[0].target",
    "score_out_of_range.dealtri": "deals[0].people[0].scores.business.value",
    "duplicate_keys.dealtri": "appears twice",
    "nan_amount.dealtri": "NaN",
    "lone_surrogate.dealtri": "deals[0].people[0].name: contains a lone surrogate",
    "long_integer.dealtri": "5,000 digits",
    # The plan (version 2): the JSON path of the bad value, and why.
    "plan_action_to_nobody.dealtri": "at deals[0].actions[0].people[1]: "
                                     "1f6c0a52-7d3e-4b8a-9c21-5e4f3a2b1cff is nobody in this deal",
    "plan_due_february_30.dealtri": "at deals[0].actions[0].due: '2026-02-30' is not a date",
    "plan_weight_negative.dealtri": "at deals[0].criteria[0].weight: -1 is not a whole number "
                                    "from 1 to 5",
    "plan_approver_of_another_deal.dealtri": "at deals[0].process[0].approver: "
                                             "1f6c0a52-7d3e-4b8a-9c21-5e4f3a2b1c03 (Olu Bello) is "
                                             "a person of another deal of this file (deals[1])",
    "plan_unknown_status.dealtri": "at deals[0].actions[0].status: 'waiting' is not one of",
    # Comments (version 3): one on a person the deal does not have.
    "comment_on_nobody.dealtri": "at deals[0].comments[1].target: the comment is on "
                                 "5c0f3e1a-2b7d-4e8a-9f10-3d2c1b0a9eff, who is nobody in "
                                 "this deal",
    # How a person sees the alternative (the decision test): a score past 10, or scores of
    # an alternative the deal does not have.
    "versus_score_out_of_range.dealtri": "at deals[0].people[0].versus.technical: 12 is out "
                                         "of range",
    "versus_of_no_alternative.dealtri": "at deals[0].people[0].versus.alternative: "
                                        "55555555-5555-4555-8555-555555555555 is none of this "
                                        "deal's alternatives",
    # Accounts (version 3): deals of one account share people; they must agree.
    "person_in_two_accounts.dealtri": "at deals[1].people[0].id: Ben Okafor is also a person "
                                      "of deals[0] (Helix renewal, account Helix Bank): one "
                                      "person cannot belong to two accounts",
    "account_manager_cycle.dealtri": "put their managers in a circle (Ana Lima → Ben Okafor → "
                                     "Cai Wen → Ana Lima)",
    # The accounts' details (version 3): only of an account the file's deals belong to.
    "account_details_of_no_deal.dealtri": "at accounts[0]: the account Contoso is no deal's "
                                          "account in this file",
    "billion_laughs.graphml": "DTD or entities",
    "external_entity.gexf": "DTD or entities",
    "edge_to_nobody.graphml": "no node",
    "duplicate_node_ids.gexf": "used twice",
    "not_xml.graphml": "not well-formed XML",
    "unknown_encoding.graphml": "encoding that does not exist",  # found by fuzzing
    "groups_nested_too_deep.graphml": "the groups are nested more than 32 deep",
    "binary_junk.csv": "line",
    "no_header.csv": "no column holds names",
    "header_with_newline.csv": "no column holds names",  # found by fuzzing
    "vcard_100000_tel.vcf": "card 1 (line 1003): the card has more than 1,000 contact "
                            "lines",
    "vcard_quoted_printable_junk.vcf": "card 2 (line 10): the quoted-printable value of NOTE "
                                       "is broken at '=ZZ'",
    "vcard_begin_without_end.vcf": "card 2 (line 6): BEGIN:VCARD without END:VCARD",
    "vcard_not_a_vcard.vcf": "line 1: this is not a vCard file",
    # Excel workbooks (made by hand, part by part: tests/helpers/handmade_xlsx.py).
    "zip_bomb.xlsx": "at xl/worksheets/sheet1.xml: the part is compressed 1,022 to 1",
    "not_a_zip.xlsx": "this is not an Excel workbook",  # a CSV renamed
    "not_a_workbook.xlsx": "this is a zip archive, not an Excel workbook",
    "password_protected.xlsx": "a password-protected workbook or an old Excel 97–2003 file",
    "truncated.xlsx": "this is not an Excel workbook",  # a download cut in half
    "corrupt_sheet.xlsx": "at sheet 'People': the workbook's XML is damaged",
    "entity_in_sheet.xlsx": "at sheet 'People': the workbook's XML declares a DTD or entities",
    "formula_from_another_file.xlsx": "at sheet 'Contacts', row 2, column 'Full Name' (cell "
                                      "A2): the formula ='\\\\fileserver",
    "our_export_score_out_of_range.csv": "at line 3, column 'Technical fit': '12' is not a "
                                         "score",
}
# Awkward but not broken: read as their writer meant, not refused.
READ_ALL_THE_SAME = {
    # Folded at 75 octets between the two bytes of "ü" and of "ä" (unfolded before decoding).
    "vcard_fold_inside_utf8.vcf": "Jürgen Müller-Lüdenscheidt",
}


@pytest.fixture(scope="module")
def library_file(tmp_path_factory: pytest.TempPathFactory, demos: list[Deal]) -> Path:
    path = tmp_path_factory.mktemp("bad") / "library.sqlite"
    with Library.open(path) as library:
        library.add_deals(demos)
    return path


def import_with_cli(library_file: Path, *files: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(library_file), "import", *map(str, files)], stdout=out,
                stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted([*EXPECTED, *READ_ALL_THE_SAME])


@pytest.mark.parametrize("name", sorted(READ_ALL_THE_SAME))
def test_an_awkward_file_imports(tmp_path: Path, demos: list[Deal], name: str) -> None:
    library_file = tmp_path / "library.sqlite"
    with Library.open(library_file) as library:
        library.add_deals(demos)
    code, _out, err = import_with_cli(library_file, BAD / name)
    assert code == 0, err
    with Library.open(library_file) as library:
        names = {p.name for s in library.list_deals() for p in library.get_deal(s.id).people}
    assert READ_ALL_THE_SAME[name] in names


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bad_file_is_one_sentence_and_changes_nothing(library_file: Path,
                                                       name: str) -> None:
    before = digest(library_file)
    code, out, err = import_with_cli(library_file, BAD / name)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert str(BAD / name) in lines[0]
    assert EXPECTED[name] in lines[0]
    assert digest(library_file) == before
    assert not out


def test_a_bad_file_after_good_ones_writes_nothing(library_file: Path, tmp_path: Path) -> None:
    good = DATA / "csv" / "outlook_contacts.csv"
    before = digest(library_file)
    code, _out, err = import_with_cli(library_file, good, BAD / "truncated.dealtri")
    assert code == 1
    assert "truncated.dealtri" in err
    assert digest(library_file) == before


def test_fifty_megabytes_of_junk(library_file: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.dealtri"
    with junk.open("wb") as stream:
        for _ in range(50):
            stream.write(os.urandom(1024 * 1024))
    before = digest(library_file)
    code, _out, err = import_with_cli(library_file, junk)
    assert code == 1
    assert str(junk) in err
    assert len(err.strip().splitlines()) == 1
    assert digest(library_file) == before


def test_a_folder_and_a_missing_file(library_file: Path, tmp_path: Path) -> None:
    for target, words in ((tmp_path, "folder"), (tmp_path / "gone.dealtri", "cannot be read")):
        code, _out, err = import_with_cli(library_file, target)
        assert code == 1
        assert words in err


@pytest.mark.parametrize(("text", "expected"), [
    # A cell longer than the csv module's own limit (131,072): its error escaped the sniffer.
    ("Name,Title\nAnn," + "x" * 200_000 + "\nBo,CEO\n",
     "at line 2: a cell holds 200,000 characters; a cell may hold 100,000"),
    # 100,000 columns: a header line of 600 kB (the window's column dialog hung on it).
    (",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("v" * 100_000) + "\n",
     "at line 1: the header has 100,000 columns; a table may have 1,000"),
    # One 10 MB unquoted cell.
    ("Name,Title\nAnn," + "y" * 10_000_000 + "\n", "at line 2: a cell holds 10,000,000 characters"),
])
def test_lines_longer_than_the_csv_module_allows(library_file: Path, tmp_path: Path,
                                                 text: str, expected: str) -> None:
    source = tmp_path / "long.csv"
    source.write_text(text, encoding="utf-8")
    before = digest(library_file)
    code, out, err = import_with_cli(library_file, source)
    assert not out
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err[:300]
    assert expected in lines[0]
    assert digest(library_file) == before
