"""The deal file (``.dealtri``): UTF-8 JSON, format ``deal-triangle``, version 3 (versions 1
and 2 still read, and written on request for a colleague on an older release). Version 3
adds comments and each deal's ``account_id``: deals of one account share their people by id.

Documented in ``docs/deal-file.md``; the JSON Schema is ``docs/deal-file.schema.json``.
Reading treats every byte as hostile: a size limit, strict UTF-8, no NaN or Infinity, no
duplicate keys, a nesting limit, then the domain's validation — and every refusal is an
:class:`ImportProblem` naming the file, the place (line or JSON path) and the problem.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.domain.account_rules import account_problem
from desktop.domain.accounts import Account
from desktop.domain.deal import Deal
from desktop.domain.errors import ValidationError
from desktop.domain.plain import deal_from_plain, deal_to_plain
from desktop.exchange.dealfile_accounts import accounts_from_plain, accounts_to_plain
from desktop.problems import ImportProblem

FORMAT_NAME = "deal-triangle"
FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
EXTENSION = ".dealtri"
MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
# JSON objects in one file: a person is six (itself, its scores, three axes, its place), so
# a deal of 20,000 people with a snapshot of itself and its lines fits; the parsed objects
# of a refused file stay under about 250 MB.
MAX_OBJECTS = 300_000
ACCOUNT_DETAILS_VERSION = 3  # the accounts' industry and notes, beside the deals


def to_document(deals: Sequence[Deal], *, include_private: bool = False,
                version: int = FORMAT_VERSION,
                accounts: Mapping[str, Account] | None = None) -> dict[str, Any]:
    """``accounts``: the deals' accounts by id, whose industry and notes version 3 carries
    (``dealfile_accounts``)."""
    if version not in READABLE_VERSIONS:
        raise ValueError(f"no deal file version {version}")
    document: dict[str, Any] = {"format": FORMAT_NAME, "version": version,
                                "private": include_private}
    document["deals"] = [deal_to_plain(deal, include_private=include_private, version=version)
                         for deal in deals]
    details = accounts_to_plain(deals, accounts or {}, include_private=include_private) \
        if version >= ACCOUNT_DETAILS_VERSION else []
    if details:
        document["accounts"] = details
    return document


def dumps(deals: Sequence[Deal], *, include_private: bool = False,
          version: int = FORMAT_VERSION, accounts: Mapping[str, Account] | None = None) -> str:
    """The text of a deal file: stable key order and indentation, so files diff well."""
    return json.dumps(to_document(deals, include_private=include_private, version=version,
                                  accounts=accounts),
                      ensure_ascii=False, indent=2) + "\n"


def left_out_of_version_1(deals: Sequence[Deal]) -> list[str]:
    """What a version-1 file cannot carry of these deals, in words (empty: nothing)."""
    counts = {
        "action": sum(len({a.id for a in d.actions} - {
            a.id for p in d.people if (a := d.next_action(p.id)) is not None}) for d in deals),
        "decision criterion": sum(len(d.criteria) for d in deals),
        "process step": sum(len(d.process) for d in deals),
        "alternative that is not a competitor": sum(
            len(d.alternatives) - len(d.competitors) for d in deals),
        "compelling event": sum(d.compelling_event is not None for d in deals),
        "person's organisation, leaning or coaching": sum(
            bool(p.organisation or p.leans_to or p.coaches_competitor)
            for d in deals for p in d.people),
    }
    plural = {"decision criterion": "decision criteria",
              "alternative that is not a competitor": "alternatives that are not competitors",
              "person's organisation, leaning or coaching":
                  "people's organisations, leanings or coaching"}
    return [f"{n:,} {plural.get(k, k + 's') if n != 1 else k}"
            for k, n in counts.items() if n > 0]


def version_1_note(deals: Sequence[Deal]) -> str:
    """One sentence of what a version-1 file of ``deals`` leaves out ("" when nothing): the
    seller exporting for a colleague on an older release must know what stays behind."""
    lost = left_out_of_version_1(deals)
    comments = sum(len(d.comments) for d in deals)
    if comments:
        lost.append(f"{comments:,} comment{'s' if comments != 1 else ''}")
    if not lost:
        return ""
    listed = lost[0] if len(lost) == 1 else ", ".join(lost[:-1]) + " and " + lost[-1]
    return f"Version 1 leaves out {listed}; the library keeps them."


def version_2_note(deals: Sequence[Deal]) -> str:
    """What a version-2 file leaves out: the comments (version 3 added them)."""
    count = sum(len(d.comments) for d in deals)
    if not count:
        return ""
    return (f"Version 2 leaves out {count:,} comment{'s' if count != 1 else ''}; the library "
            "keeps them.")


def read_file(path: Path) -> list[Deal]:
    """Read and validate a whole deal file; raise :class:`ImportProblem`."""
    from desktop.exchange.safe_read import read_regular_file

    return parse(read_regular_file(path, MAX_BYTES), path)


def parse(data: bytes, source: str | Path) -> list[Deal]:
    return from_document(load(data, source), source)


def parse_document(data: bytes, source: str | Path) -> tuple[list[Deal], bool]:
    """The deals, and whether the writer included private fields (a file without the flag
    is taken as complete)."""
    deals, private, _accounts = parse_with_accounts(data, source)
    return deals, private


def parse_with_accounts(data: bytes, source: str | Path
                        ) -> tuple[list[Deal], bool, dict[str, Account]]:
    """As ``parse_document``, with the file's account details by account name key (empty
    for a file without them)."""
    document = load(data, source)
    deals = from_document(document, source)
    assert isinstance(document, dict)
    accounts = accounts_from_plain(document["accounts"], deals, source) \
        if "accounts" in document else {}
    return deals, bool(document.get("private", True)), accounts


def load(data: bytes, source: str | Path) -> object:
    """The JSON document, checked for size, encoding, NUL, depth, duplicates, constants."""
    if len(data) > MAX_BYTES:
        raise ImportProblem(source, "", f"the file is larger than {MAX_BYTES / 1e6:.0f} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportProblem(source, f"line {line}", "the text is not valid UTF-8") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportProblem(source, f"line {line}", "the file contains a NUL byte")
    _check_depth(text, source)
    try:
        document = json.loads(text, object_pairs_hook=_Objects(),
                              parse_constant=_no_constants, parse_int=_bounded_int)
    except json.JSONDecodeError as error:
        raise ImportProblem(source, f"line {error.lineno}, column {error.colno}",
                            f"this is not valid JSON ({error.msg})") from None
    except _TooManyObjects:
        raise ImportProblem(source, "", f"the file holds more than {MAX_OBJECTS:,} records "
                            "(people, scores, lines); export fewer deals per file") from None
    except _DuplicateKey as error:
        raise ImportProblem(source, "", f"the key {error.key!r} appears twice in one object"
                            ) from None
    except _LongNumber as error:
        raise ImportProblem(source, "", f"a number of {error.digits:,} digits is more than a "
                                        "deal file may hold") from None
    except _BadConstant as error:
        raise ImportProblem(source, "", f"{error.name} is not a number a deal file may hold"
                            ) from None
    return document


def from_document(document: object, source: str | Path) -> list[Deal]:
    if not isinstance(document, dict):
        raise ImportProblem(source, "", "this is not a Deal Triangle deal file (no top object)")
    if document.get("format") != FORMAT_NAME:
        raise ImportProblem(source, "format", "this is not a Deal Triangle deal file")
    version = document.get("version")
    # A whole number: true == 1 and 1.0 == 1 in Python, but neither is a format version.
    if type(version) is not int or version not in READABLE_VERSIONS:
        if type(version) is int and version > FORMAT_VERSION:
            raise ImportProblem(source, "version", f"the file is format version {version}, "
                                "written by a newer Deal Triangle; update the app to read it")
        raise ImportProblem(source, "version", f"{version!r} is not a known format version")
    # "analysis" is derived data (show --json adds it); a reader recomputes it. "team": who
    # published a team-folder file and which versions it was based on (team_sync.py).
    unknown = set(document) - {"format", "version", "deals", "analysis", "account", "private",
                               "accounts", "team"}
    if unknown:
        raise ImportProblem(source, "", f"unknown field {sorted(unknown)[0][:40]!r}")
    if not isinstance(document.get("private", True), bool):
        raise ImportProblem(source, "private", "expected true or false")
    deals_data = document.get("deals")
    if not isinstance(deals_data, list):
        raise ImportProblem(source, "deals", "expected a list of deals")
    deals: list[Deal] = []
    seen: set[str] = set()
    for index, item in enumerate(deals_data):
        try:
            deal = deal_from_plain(item, f"deals[{index}]")
        except ValidationError as error:
            raise ImportProblem(source, error.path,
                                _of_another_deal(error.problem, deals_data, index)) from None
        if deal.id in seen:
            raise ImportProblem(source, f"deals[{index}].id", f"the deal {deal.id} appears twice")
        seen.add(deal.id)
        deals.append(deal)
    problem = account_problem(deals)
    if problem is not None:
        raise ImportProblem(source, problem[0], problem[1])
    return deals


def _of_another_deal(problem: str, deals_data: list[Any], index: int) -> str:
    """A reference to nobody that names a person of another deal of the same file says so:
    a plan copied between deals by hand points to people of the deal it came from."""
    person_id, found, _rest = problem.partition(" is nobody in this deal")
    if not found:
        return problem
    for number, deal in enumerate(deals_data):
        people = deal.get("people") if isinstance(deal, dict) and number != index else None
        for person in people if isinstance(people, list) else ():
            if isinstance(person, dict) and person.get("id") == person_id:
                return (f"{person_id} ({str(person.get('name', ''))[:60]}) is a person of "
                        f"another deal of this file (deals[{number}]), not of this one")
    return problem


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _BadConstant(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _LongNumber(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


MAX_DIGITS = 18  # every integer a deal file holds (versions, scores, amounts) fits in 18


def _bounded_int(text: str) -> int:
    """An integer of the file; Python refuses to convert more than 4,300 digits with a
    ValueError of its own, and no field needs more than ``MAX_DIGITS``."""
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _LongNumber(digits)
    return int(text)


class _Objects:
    """The JSON objects of one file as dictionaries: a key twice in one object is refused
    (JSON would keep the last silently), and so is the object past ``MAX_OBJECTS`` — counted
    while parsing, so a file far too big stops there with a bounded amount of memory instead
    of being built whole first (a 36 MB file of 60,000 people took 390 MB)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        self.count += 1
        if self.count > MAX_OBJECTS:
            raise _TooManyObjects
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _DuplicateKey(key)
            result[key] = value
        return result


class _TooManyObjects(Exception):
    pass


def _no_constants(name: str) -> Any:
    raise _BadConstant(name)


# A string (escapes included), or a bracket: what the depth check steps through.
_DEPTH_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _check_depth(text: str, source: str | Path) -> None:
    """Refuse deep nesting before ``json`` recurses into it (a cheap scan, strings skipped:
    the regular expression steps over each string in C — a Python loop over every character
    took 25 ms for a 300 KB team file, read at every sync)."""
    depth = 0
    for match in _DEPTH_TOKENS.finditer(text):
        first = match.group()[0]
        if first == '"':
            continue
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise ImportProblem(source, f"line {line}",
                                    f"the data is nested more than {MAX_DEPTH} levels deep")
        else:
            depth -= 1
