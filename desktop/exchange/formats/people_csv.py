"""People as CSV: read contacts exported from LinkedIn, Outlook, Google, Salesforce or HubSpot
(or any table, with a mapping), write a people table that opens cleanly in Excel.

Reading: the whole file is checked before anything is kept — a bad e-mail on line 812 stops
the import with that line named. The same person twice (same e-mail, or same name and title)
becomes one person; a manager column becomes reports-to lines between the people of the file.
A person's id is derived from the file's data (a uuid5), so importing the same file twice
matches every person by id and changes nothing.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, RelationKind
from desktop.domain.errors import ValidationError
from desktop.domain.ids import derived_id
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.exchange.incoming import Incoming
from desktop.exchange.people_columns import (
    ColumnMapping,
    Field,
    automatic,
    looks_like_header,
)
from desktop.exchange.registry import Format, ReadOptions
from desktop.exchange.safe_write import write_bytes
from desktop.exchange.text_sniffing import TextTable, read_table
from desktop.problems import Cancelled, ImportProblem

NAMESPACE = uuid.UUID("5b0c8a54-2f7e-4d0e-9d44-3a9f0f2e7c61")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NO_OPTIONS = ReadOptions()
_FIELD_FOR_PERSON = {Field.TITLE: "title", Field.DEPARTMENT: "department",
                     Field.EMAIL: "email", Field.PHONE: "phone", Field.NOTES: "notes",
                     Field.ORGANISATION: "organisation"}
def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    """Read with the columns mapped automatically — or as ``options.choose_mapping`` says
    (None from it cancels)."""
    table = read_table(data, path, looks_like_header, skip_uneven=options.skip_uneven)
    mapping = automatic(table.header)
    if options.choose_mapping is not None:
        chosen = options.choose_mapping(path, table, mapping)
        if chosen is None:
            raise Cancelled
        mapping = chosen
    if not mapping.has_name():
        raise ImportProblem(path, f"line {table.header_line}", "no column holds names or "
                            "e-mail addresses (columns: " + ", ".join(table.header[:8])
                            + "); map the columns in the window's import dialog")
    return [people_from_table(table, mapping, path, options)]


def people_from_table(table: TextTable, mapping: ColumnMapping, path: Path,
                      options: ReadOptions = _NO_OPTIONS) -> Incoming:
    """The table's people as a deal named after the file (``Incoming.whole_deal`` False)."""
    people: list[Person] = []
    index: dict[str, int] = {}  # e-mail or name+title → position in people
    record_of: dict[str, str] = {}  # the source's record id → person id
    name_of: dict[str, str] = {}  # casefolded name → person id
    managers: list[tuple[str, str, int]] = []  # (person id, manager reference, line)
    columns = mapping.columns
    total = len(table.rows)
    # Column index per field as plain ints (Enum keys hash in Python code, and this loop runs
    # once per row of tables with tens of thousands of rows). An unmapped field reads the
    # empty cell every row gets at index ``blank``.
    blank = max(columns.values(), default=0) + 1
    (at_name, at_first, at_middle, at_last, at_title, at_department, at_email, at_phone,
     at_manager, at_record, at_notes, at_organisation) = (columns.get(f, blank) for f in (
        Field.NAME, Field.FIRST_NAME, Field.MIDDLE_NAME, Field.LAST_NAME, Field.TITLE,
        Field.DEPARTMENT, Field.EMAIL, Field.PHONE, Field.MANAGER, Field.RECORD_ID,
        Field.NOTES, Field.ORGANISATION))
    padding = [""] * (blank + 1)
    for done, (line, cells) in enumerate(table.rows, start=1):
        if done % 500 == 0:
            if options.cancelled():
                raise Cancelled
            if options.progress is not None:
                options.progress(done, total)
        row = cells[:blank] + padding[min(len(cells), blank):]
        email = row[at_email].strip()
        name = " ".join(row[at_name].split()) or " ".join(
            " ".join(part.split()) for part in (row[at_first], row[at_middle], row[at_last])
            if part.strip()) or email
        if not name:
            continue
        title = " ".join(row[at_title].split())
        keys = [k for k in (email.casefold(), f"{name.casefold()}|{title.casefold()}") if k]
        try:
            person = Person(name=name, id=derived_id(NAMESPACE, keys[0]), title=title,
                            department=row[at_department], email=email,
                            phone=row[at_phone], notes=row[at_notes],
                            organisation=row[at_organisation])
        except ValidationError as error:
            column = _column_name(table, columns, error.path)
            raise ImportProblem(path, f"line {line}{column}", error.problem) from None
        known = index.get(keys[0])
        if known is None and len(keys) > 1:
            known = index.get(keys[1])
        if known is not None:
            people[known] = _filled(people[known], person)
            continue
        for key in keys:
            index[key] = len(people)
        people.append(person)
        record = row[at_record].strip()
        if record:
            record_of[record] = person.id
        name_of.setdefault(name.casefold(), person.id)
        reference = row[at_manager].strip()
        if reference:
            managers.append((person.id, reference, line))
    relations = []
    drawn = set()
    for person_id, reference, _line in managers:
        manager = record_of.get(reference) or name_of.get(" ".join(reference.split()).casefold())
        if manager and manager != person_id and (person_id, manager) not in drawn:
            drawn.add((person_id, manager))
            relations.append(Relation(person_id, manager, RelationKind.REPORTS_TO,
                                      id=derived_id(NAMESPACE, f"{person_id}>{manager}")))
    provided = {"name"} | {_FIELD_FOR_PERSON[f] for f in columns if f in _FIELD_FOR_PERSON}
    try:
        deal = Deal(name=path.stem[:120] or "Imported people",
                    id=derived_id(NAMESPACE, path.name),
                    people=tuple(people), relations=tuple(relations))
    except ValidationError as error:
        raise ImportProblem(path, "", error.problem) from None
    return Incoming(deal, frozenset(provided), whole_deal=False, skipped=table.skipped)


def _filled(first: Person, second: Person) -> Person:
    """The first row of a person, with what a later row adds where the first was empty."""
    extra = {attr: getattr(second, attr) for attr in _FIELD_FOR_PERSON.values()
             if not getattr(first, attr) and getattr(second, attr)}
    return replace(first, **extra) if extra else first


def _column_name(table: TextTable, columns: Mapping[Field, int], attribute: str) -> str:
    for fld, attr in _FIELD_FOR_PERSON.items():
        if attr == attribute and fld in columns:
            return f", column {table.header[columns[fld]]!r}"
    if attribute == "name":
        return ", the name"
    return ""


# -- writing ----------------------------------------------------------------------------------

HEADER = ("Deal", "Name", "Title", "Department", "Email", "Phone", "Roles", "Support",
          "Influence", "Coverage", "Mode", "Business outcome", "Technical fit", "Personal win",
          "Reports to", "Last contact", "Next step", "Next step due", "Organisation",
          "Leans to")


def people_rows(deals: Sequence[Deal]) -> list[list[str]]:
    """One row per person, the header first; shared by CSV and the XLSX workbook."""
    rows: list[list[str]] = [list(HEADER)]
    for deal in deals:
        names = {p.id: p.name for p in deal.people}
        managers: dict[str, list[str]] = {}
        for relation in deal.relations:
            if relation.kind is RelationKind.REPORTS_TO:
                managers.setdefault(relation.source, []).append(names[relation.target])
        for person in deal.people:
            step = deal.next_action(person.id)
            leaning = deal.alternative(person.leans_to) if person.leans_to else None
            rows.append([
                deal.name, person.name, person.title, person.department, person.email,
                person.phone, ", ".join(role.label for role in person.roles),
                person.support.label, person.influence.label, person.coverage.label,
                person.mode.label if person.mode else "",
                *("" if person.scores[a].value is None else str(person.scores[a].value)
                  for a in Axis),
                "; ".join(managers.get(person.id, [])),
                person.last_contact.isoformat() if person.last_contact else "",
                step.text if step else "",
                step.due.isoformat() if step and step.due else "",
                person.organisation, leaning.name if leaning else ""])
    return rows


def neutralised(cell: str) -> str:
    """A cell Excel will not run as a formula (=, +, -, @ start one): quoted with '."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    """UTF-8 with a BOM (Excel then reads the accents right), CRLF rows, every text cell
    neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralised(c) if isinstance(c, str) else c for c in row])
    return buffer.getvalue().encode("utf-8-sig")


def write(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
    write_bytes(path, csv_bytes(people_rows(deals)))
    return [path]


def sniff(head: bytes) -> bool:
    return False  # a CSV has no signature: chosen by its extension


FORMAT = Format("csv", "People tables (CSV)", (".csv", ".txt", ".tsv"), read=read,
                write=write, sniff=sniff)
