"""CSV files as careless tools and hand edits leave them: rows with more or fewer cells than
the header (imported shifted into the wrong fields before), UTF-8 and Windows-1252 mixed in
one file (stored as "JosÃ© MÃ¼ller" before), carriage-return-only lines, and limits said
as one sentence naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.exchange.importing import read_files
from desktop.exchange.registry import ReadOptions
from desktop.exchange.text_sniffing import UnevenRows
from desktop.store.library import Library
from tests.helpers.cli import assert_one_clear_line, digest, run

RAGGED = ("Name,Title,Email\n"
          "Anna Berg,CFO,anna@example.com\n"
          "Ben Ode,CTO\n"  # one cell short: the e-mail would be missing, fine, but flagged
          "Carla Diaz,Head of IT,carla@example.com,Procurement\n"  # one cell too many
          "Dan Eke,COO,dan@example.com,,\n")  # trailing empty cells a spreadsheet adds: fine


def names(path: Path, *, skip_uneven: bool = False) -> list[str]:
    (incoming,) = read_files([path], options=ReadOptions(skip_uneven=skip_uneven))
    return [p.name for p in incoming.deal.people]


def test_rows_that_do_not_fit_the_header_are_one_sentence_with_the_line_and_counts(
        tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(RAGGED)
    with pytest.raises(UnevenRows) as refused:
        read_files([path])
    assert str(refused.value) == (f"{path} at line 3: the row has 2 cells where the header "
                                  "has 3 (1 more row does not fit the header either)")
    assert refused.value.lines == (3, 4)


def test_the_seller_may_leave_the_uneven_rows_out(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(RAGGED)
    assert names(path, skip_uneven=True) == ["Anna Berg", "Dan Eke"]
    (incoming,) = read_files([path], options=ReadOptions(skip_uneven=True))
    assert incoming.skipped == (3, 4)


def test_uneven_rows_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(RAGGED)
    library = tmp_path / "library.sqlite"
    Library.open(library).close()
    before = digest(library)
    line = assert_one_clear_line(run("--db", library, "import", path))
    assert "at line 3: the row has 2 cells where the header has 3" in line
    assert digest(library) == before
    result = run("--db", library, "import", path, "--skip-uneven-rows")
    assert result.returncode == 0, result.stderr
    assert "2 rows that did not fit the header left out (lines 3, 4)" in result.stdout
    with Library.open(library) as opened:
        (summary,) = opened.list_deals()
        assert summary.people == 2


def test_a_header_with_a_trailing_empty_column_names_only_its_named_columns(
        tmp_path: Path) -> None:
    path = tmp_path / "trailing.csv"
    path.write_text("Name,Title,\nAnna Berg,CFO\nBen Ode,CTO,\n")
    assert names(path) == ["Anna Berg", "Ben Ode"]


def test_utf8_and_windows_1252_mixed_in_one_file_are_decoded_line_by_line(
        tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("Name,Title\nJosé Müller,CTO\n".encode()
                     + "Zoë Brønd,CFO\n".encode("cp1252") + "Łukasz Żak,CIO\n".encode())
    assert names(path) == ["José Müller", "Zoë Brønd", "Łukasz Żak"]


def test_a_windows_1252_file_is_still_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "outlook.csv"
    path.write_bytes("Name,Title\nJürgen Weiß,Geschäftsführer\n".encode("cp1252"))
    assert names(path) == ["Jürgen Weiß"]


def test_a_mixed_file_with_bytes_neither_encoding_has_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes("Name,Title\nJosé,CTO\n".encode() + b"Bad \x81\x8d,CFO\n")
    with pytest.raises(Exception, match=r"at line 3: the text is neither UTF-8 nor "):
        read_files([path])


def test_carriage_return_only_lines_are_lines(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"Name,Title\rAnna Berg,CFO\rBen Ode,CTO\r")
    assert names(path) == ["Anna Berg", "Ben Ode"]


def test_a_quoted_cell_over_several_lines_keeps_the_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text('Name,Notes\nAnna Berg,"met twice\nlikes data"\nBen Ode\n')
    with pytest.raises(UnevenRows) as refused:
        read_files([path])
    assert refused.value.lines == (4,)


def test_more_rows_than_a_deal_holds_stop_at_the_first_one_past(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("Name,Title\n" + "".join(f"Person {i},CTO\n" for i in range(20_050)))
    with pytest.raises(Exception, match=r"at line 20002: the table has more than 20,000 rows"):
        read_files([path])


def test_a_deal_file_of_our_own_export_still_reads(tmp_path: Path, helix: Deal) -> None:
    from desktop.exchange import dealfile

    path = tmp_path / "helix.dealtri"
    path.write_text(dealfile.dumps([helix], include_private=True))
    (incoming,) = read_files([path])
    assert incoming.deal == helix


def test_a_one_column_list_of_names_is_a_table(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Name\nAnna Berg\nBen Ode\n")
    assert names(path) == ["Anna Berg", "Ben Ode"]


def test_a_mixed_file_with_carriage_returns_only_is_decoded_line_by_line(
        tmp_path: Path) -> None:
    path = tmp_path / "mac-mixed.csv"
    path.write_bytes("Name,Title\rJosé Müller,CTO\r".encode() + "Zoë Brønd,CFO\r".encode("cp1252"))
    assert names(path) == ["José Müller", "Zoë Brønd"]
