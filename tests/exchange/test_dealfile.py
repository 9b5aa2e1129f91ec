"""The deal file reader: clear refusals for broken and hostile files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

from desktop.domain.deal import Deal
from desktop.exchange import dealfile
from desktop.problems import ImportProblem
from tests.helpers.strategies import deals


@given(deals())
def test_text_round_trip(deal: Deal) -> None:
    text = dealfile.dumps([deal], include_private=True)
    assert dealfile.parse(text.encode(), "x.dealtri") == [deal]
    assert dealfile.dumps(dealfile.parse(text.encode(), "x.dealtri"),
                          include_private=True) == text


def good_document(small_demo: Deal) -> dict[str, object]:
    return dealfile.to_document([small_demo], include_private=True)


@pytest.mark.parametrize(("data", "place", "problem"), [
    (b"", "line 1, column 1", "not valid JSON"),
    (b'{"format": "deal-triangle", "version": 1, "deals": [', "line 1", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "line 1", "not valid UTF-8"),
    (b'{"format": "deal-triangle",\n "a": "\x00"}', "line 2", "NUL byte"),
    (b"[" * 10_000 + b"]" * 10_000, "line 1", "nested more than"),
    (b'{"format": "deal-triangle", "format": "x"}', "", "appears twice"),
    (b'{"format": "deal-triangle", "version": 1, "deals": [{"amount": NaN}]}', "",
     "NaN is not a number"),
    (b'{"format": "spreadsheet", "version": 1, "deals": []}', "format", "not a Deal Triangle"),
    (b'{"format": "deal-triangle", "version": 7, "deals": []}', "version", "newer"),
    (b'{"format": "deal-triangle", "version": 1, "deals": {}}', "deals", "list of deals"),
    (b'[1, 2, 3]', "", "no top object"),
])
def test_bad_bytes(data: bytes, place: str, problem: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        dealfile.parse(data, "bad.dealtri")
    assert caught.value.place.startswith(place)
    assert problem in caught.value.problem
    assert str(caught.value).startswith("bad.dealtri")


def test_bad_content_names_the_json_path(small_demo: Deal) -> None:
    document = good_document(small_demo)
    document["deals"][0]["people"][2]["scores"]["technical"]["value"] = 12  # type: ignore[index]
    with pytest.raises(ImportProblem) as caught:
        dealfile.parse(json.dumps(document).encode(), "team.dealtri")
    assert caught.value.place == "deals[0].people[2].scores.technical.value"
    assert str(caught.value) == ("team.dealtri at deals[0].people[2].scores.technical.value: "
                                 "12 is out of range (0 to 10, or unknown)")


def test_duplicate_deal(small_demo: Deal) -> None:
    document = dealfile.to_document([small_demo, small_demo])
    with pytest.raises(ImportProblem, match="appears twice"):
        dealfile.parse(json.dumps(document).encode(), "x")


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dealfile, "MAX_BYTES", 1000)
    path = tmp_path / "big.dealtri"
    path.write_bytes(b" " * 2000)
    with pytest.raises(ImportProblem, match="limit"):
        dealfile.read_file(path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="cannot be read"):
        dealfile.read_file(tmp_path / "missing.dealtri")
