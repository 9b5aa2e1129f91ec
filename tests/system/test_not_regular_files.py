"""Only regular files are read or opened as a library: ``import /dev/zero`` read until memory
ran out, ``import FIFO`` and ``--db FIFO`` hung for ever, ``--db /dev/null list`` created
``/dev/null-journal``. One sentence, exit 1, nothing read or written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.cli import assert_one_clear_line, digest, run


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.sqlite"
    assert run("--db", path, "demo").returncode == 0
    return path


@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "/dev/null", "folder"])
def test_import_reads_only_regular_files(library: Path, tmp_path: Path, source: str) -> None:
    if source == "fifo":
        path = tmp_path / "people.csv"
        os.mkfifo(path)
    elif source == "folder":
        path = tmp_path / "deals.dealtri"
        path.mkdir()
    else:
        path = Path(source)
    before = digest(library)
    line = assert_one_clear_line(run("--db", library, "import", path))
    assert "not a regular file" in line or "folder" in line
    assert digest(library) == before


@pytest.mark.parametrize("db", ["fifo", "/dev/null"])
def test_a_library_must_be_a_regular_file(tmp_path: Path, db: str) -> None:
    path = Path(db)
    if db == "fifo":
        path = tmp_path / "lib.sqlite"
        os.mkfifo(path)
    journals = {p: p.exists() for p in (Path(f"{path}-journal"), Path(f"{path}-wal"))}
    line = assert_one_clear_line(run("--db", path, "list"))
    assert "not a regular file" in line
    assert {p: p.exists() for p in journals} == journals  # no companion made
