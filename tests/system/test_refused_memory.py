"""A file refused for its size is refused with bounded memory: each reader stops at the first
row, element or object past its limit instead of building the whole file first. Measured
with tracemalloc (every Python allocation, the file's bytes included), not with time.

Before: a 1,000,000-row CSV reached 1.34 GB (2.7 GB resident), a 64 MB one 4.2 GB; a
60 MB GraphML 1.7 GB; a 36 MB deal file of 60,000 people 390 MB.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.exchange.importing import MAX_FILE_BYTES, read_files
from desktop.problems import ImportProblem

LIMIT_MB = 300
FILL = MAX_FILE_BYTES - 2_000_000  # just under the file limit: the most a reader can get


def csv_rows(path: Path) -> str:
    with path.open("w") as out:
        out.write("Name,Title,Email\n")
        written, number = 0, 0
        while written < FILL:
            line = f"Person {number},Title {number % 50},p{number}@example.com\n"
            written += out.write(line)
            number += 1
    return "more than 20,000 rows"


def deal_file_objects(path: Path) -> str:
    record = '{"a":"' + "x" * 200 + '"}'
    count = FILL // (len(record) + 1)
    path.write_text('{"format": "deal-triangle", "version": 1, "deals": ['
                    + ",".join([record] * count) + "]}")
    return "more than 300,000 records"


def graphml_elements(path: Path) -> str:
    node = '<node id="n{}"><data key="name">Person</data></node>'
    with path.open("w") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns='
                  '"http://graphml.graphdrawing.org/xmlns"><key id="name" for="node" '
                  'attr.name="name" attr.type="string"/><graph edgedefault="directed">')
        written, number = 0, 0
        while written < FILL:
            written += out.write(node.format(number))
            number += 1
        out.write("</graph></graphml>")
    return "more than 500,000 elements"


@pytest.mark.parametrize(("make", "name"), [(csv_rows, "rows.csv"),
                                            (deal_file_objects, "objects.dealtri"),
                                            (graphml_elements, "elements.graphml")])
def test_the_largest_refused_file_stays_under_300_mb(
        tmp_path: Path, make: Callable[[Path], str], name: str) -> None:
    path = tmp_path / name
    said = make(path)
    assert path.stat().st_size <= MAX_FILE_BYTES
    tracemalloc.start()
    try:
        with pytest.raises(ImportProblem) as refused:
            read_files([path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert said in str(refused.value)
    assert peak < LIMIT_MB * 1_000_000, f"{name}: {peak / 1e6:.0f} MB"
