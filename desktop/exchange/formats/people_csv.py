"""People as CSV: read contacts exported from LinkedIn, Outlook, Google, Salesforce or HubSpot
(or any table, with a mapping), write a people table that opens cleanly in Excel.

Reading: the whole file is checked before anything is kept — a bad e-mail on line 812 stops
the import with that line named. The same person twice (same e-mail, or same name and title)
becomes one person; a manager column becomes reports-to lines between the people of the file.
A person's id is derived from the file's data (a uuid5), so importing the same file twice
matches every person by id and changes nothing.

Our own export comes back as it left: the apostrophe that kept Excel from running a cell
("'=HYPERLINK(…)", "'+49 30 1234") is taken off — in every CSV, since a CSV cell that starts
with an apostrophe and then =, +, -, @, a tab or a carriage return is always an exporter's
guard (Excel's own leading apostrophe is never saved), never what a seller meant to type.
Roles, support, influence, coverage, mode, the three scores, reports-to (several managers
joined by "; "), last contact, organisation, the next step (the person's first open action)
and the alternative they lean to are read back. The "Deal" column names the deal: one deal
per name, so the export of all deals comes back as the same deals, each with an id derived
from its name (importing it twice changes nothing). A new deal's account is the company
most of its people work for.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from desktop.domain.actions import Action
from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative, AlternativeKind
from desktop.domain.enums import Axis, Coverage, Influence, RelationKind, ResponseMode, Support
from desktop.domain.errors import ValidationError
from desktop.domain.ids import derived_id, uuid_or_none
from desktop.domain.merge import SCORE_VALUES
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.domain.scores import Triangle
from desktop.exchange import people_cells
from desktop.exchange.account_guess import account_from_organisations
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
_FORMULA_START = people_cells.FORMULA_START
_NO_OPTIONS = ReadOptions()
_FIELD_FOR_PERSON = {Field.TITLE: "title", Field.DEPARTMENT: "department",
                     Field.EMAIL: "email", Field.PHONE: "phone", Field.NOTES: "notes",
                     Field.ORGANISATION: "organisation"}
# The fields of our own export beyond contact details, and the person field each fills.
_FIELD_FOR_JUDGEMENT = {Field.ROLES: "roles", Field.SUPPORT: "support",
                        Field.INFLUENCE: "influence", Field.COVERAGE: "coverage",
                        Field.MODE: "mode", Field.BUSINESS: SCORE_VALUES,
                        Field.TECHNICAL: SCORE_VALUES, Field.PERSONAL: SCORE_VALUES,
                        Field.LAST_CONTACT: "last_contact", Field.LEANS_TO: "leans_to"}
_AXIS_FIELDS = ((Axis.BUSINESS, Field.BUSINESS), (Axis.TECHNICAL, Field.TECHNICAL),
                (Axis.PERSONAL, Field.PERSONAL))
_KIND_BY_LABEL = {kind.label.casefold(): kind for kind in AlternativeKind}


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    """Read with the columns mapped automatically — or as ``options.choose_mapping`` says
    (None from it cancels)."""
    table = read_table(data, path, looks_like_header, skip_uneven=options.skip_uneven)
    table = replace(table, header=people_cells.unquoted_row(table.header),
                    rows=[(line, people_cells.unquoted_row(cells))
                          for line, cells in table.rows])
    mapping = chosen_mapping(table, path, options, f"line {table.header_line}")
    return incoming_from_table(table, mapping, path, options)


def chosen_mapping(table: TextTable, path: Path, options: ReadOptions,
                   header_place: str) -> ColumnMapping:
    """The columns as recognised, or as the seller maps them (``options.choose_mapping``:
    the window's dialog; None from it cancels) — CSV and Excel alike; a table with no name
    or e-mail column is refused at its header."""
    mapping = automatic(table.header)
    if options.choose_mapping is not None:
        chosen = options.choose_mapping(path, table, mapping)
        if chosen is None:
            raise Cancelled
        mapping = chosen
    if not mapping.has_name():
        raise ImportProblem(path, header_place, "no column holds names or e-mail addresses "
                            "(columns: " + ", ".join(table.header[:8]) + "); map the columns "
                            "in the window's import dialog")
    return mapping


def managers_by_person(deal: Deal) -> dict[str, list[str]]:
    """Each person's managers by name (their reports-to lines), for the tables and cards
    that write a manager column."""
    names = {p.id: p.name for p in deal.people}
    managers: dict[str, list[str]] = {}
    for relation in deal.relations:
        if relation.kind is RelationKind.REPORTS_TO:
            managers.setdefault(relation.source, []).append(names[relation.target])
    return managers


def incoming_from_table(table: TextTable, mapping: ColumnMapping, path: Path,
                        options: ReadOptions = _NO_OPTIONS) -> list[Incoming]:
    """One deal per name of the "Deal" column (our export of several deals comes back as
    those deals), in the order they first appear; rows with no deal name, or a table with
    no such column, make one deal named after the file."""
    at_deal = mapping.columns.get(Field.DEAL)
    if at_deal is None:
        return [people_from_table(table, mapping, path, options,
                                  deal_id=_deal_id(table.rows, mapping))]
    groups: dict[str, list[tuple[int, list[str]]]] = {}
    spelling: dict[str, str] = {}  # "ACME" and "Acme" are one deal, named as first written
    for line, cells in table.rows:
        name = " ".join(cells[at_deal].split()) if at_deal < len(cells) else ""
        groups.setdefault(name.casefold(), []).append((line, cells))
        spelling.setdefault(name.casefold(), name)
    result = []
    start = 0
    for key, rows in groups.items():
        name = spelling[key]
        step = options
        if options.progress is not None and len(groups) > 1:  # one bar for the whole file
            step = replace(options, progress=_offset(options.progress, start, len(table.rows)))
        result.append(people_from_table(replace(table, rows=rows), mapping, path, step,
                                        deal_name=name or None,
                                        deal_id=_deal_id(rows, mapping)))
        start += len(rows)
    return result


def _deal_id(rows: Sequence[tuple[int, list[str]]], mapping: ColumnMapping) -> str | None:
    """The deal id our export writes beside the deal's name (the first that is a UUID), so
    its rows come back into the deal they left; None for any other table."""
    at = mapping.columns.get(Field.DEAL_ID)
    if at is None:
        return None
    for _line, cells in rows:
        if at < len(cells) and (found := uuid_or_none(cells[at])):
            return found
    return None


def _offset(progress: Callable[[int, int], object], start: int,
            total: int) -> Callable[[int, int], object]:
    """A deal's progress as part of the whole file's: its rows come after ``start``."""
    return lambda done, _rows: progress(start + done, total)


def people_from_table(table: TextTable, mapping: ColumnMapping, path: Path,
                      options: ReadOptions = _NO_OPTIONS, *,
                      deal_name: str | None = None, deal_id: str | None = None) -> Incoming:
    """The table's people as one deal (``Incoming.whole_deal`` False) named ``deal_name``,
    else after the file; its account is the company most of them work for. ``deal_id``: the
    id the table carries (our export's), else one derived from the name or the file. A
    record id that is a UUID (our export's person id) is the person's id."""
    # A named deal's ids derive from its name, so that the same person in two deals of one
    # export is two people (a person belongs to one deal) and a second import matches all.
    scope = f"deal:{deal_name.casefold()}|" if deal_name else ""
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
    judged = [(f, columns[f]) for f in _FIELD_FOR_JUDGEMENT if f in columns]
    at_step, at_due = columns.get(Field.NEXT_STEP), columns.get(Field.NEXT_STEP_DUE)
    alternatives: dict[str, Alternative] = {}  # casefolded name → alternative
    actions: dict[str, Action] = {}  # by id: a person listed twice has their step once
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
        keys = [scope + k for k in (email.casefold(), f"{name.casefold()}|{title.casefold()}")
                if k]
        person_id = uuid_or_none(row[at_record]) or derived_id(NAMESPACE, keys[0])
        judgement = _judgement(row, judged, alternatives, scope, table, path,
                               line) if judged else {}
        try:
            person = Person(name=name, id=person_id, title=title,
                            department=row[at_department], email=email,
                            phone=row[at_phone], notes=row[at_notes],
                            organisation=row[at_organisation],
                            **judgement)  # type: ignore[arg-type]
        except ValidationError as error:
            column = _column_name(table, columns, error.path)
            raise ImportProblem(path, f"line {line}{column}", error.problem) from None
        known = index.get(keys[0])
        if known is None and len(keys) > 1:
            known = index.get(keys[1])
        if at_step is not None and row[at_step].strip():  # checked on every row
            step = _next_step(row, at_step, at_due,
                              person.id if known is None else people[known].id,
                              table, path, line, scope)
            shared = actions.get(step.id)
            if shared is None:
                actions[step.id] = step
            elif step.for_people[0] not in shared.for_people:  # one action for several
                actions[step.id] = replace(shared, for_people=(*shared.for_people,
                                                               *step.for_people))
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
    missing: list[str] = []  # managers named (not by record id) who are not in the table
    for person_id, reference, _line in managers:
        found = _managers(reference, record_of, name_of)
        if Field.RECORD_ID not in columns and len(found) < len(people_cells.names(reference)):
            missing.extend(name for name in people_cells.names(reference)
                           if name.casefold() not in name_of and name not in missing)
        for manager in found:
            if manager != person_id and (person_id, manager) not in drawn:
                drawn.add((person_id, manager))
                relations.append(Relation(person_id, manager, RelationKind.REPORTS_TO,
                                          id=derived_id(NAMESPACE, f"{person_id}>{manager}")))
    provided = {"name"} | {_FIELD_FOR_PERSON[f] for f in columns if f in _FIELD_FOR_PERSON} \
        | {_FIELD_FOR_JUDGEMENT[f] for f, _at in judged}
    account = account_from_organisations(p.organisation for p in people) \
        if Field.ORGANISATION in columns else ""
    try:
        deal = Deal(name=(deal_name or path.stem)[:120].strip() or "Imported people",
                    id=deal_id or derived_id(NAMESPACE, scope or path.name), account=account,
                    people=tuple(people), relations=tuple(relations),
                    alternatives=tuple(alternatives.values()), actions=tuple(actions.values()))
    except ValidationError as error:
        at_deal = columns.get(Field.DEAL)
        place = f"line {table.rows[0][0]}, column {table.header[at_deal]!r}" \
            if deal_name and at_deal is not None and error.path == "name" else ""
        raise ImportProblem(path, place, error.problem) from None
    return Incoming(deal, frozenset(provided), whole_deal=False, skipped=table.skipped,
                    named_after_file=not deal_name, missing_managers=tuple(missing))


def _managers(reference: str, record_of: Mapping[str, str],
              name_of: Mapping[str, str]) -> list[str]:
    """The people a manager cell names: a record id, a name, or several names joined by
    semicolons (our export's "Ana Ruiz; Li Wei" for a person with two managers)."""
    whole = record_of.get(reference) or name_of.get(" ".join(reference.split()).casefold())
    if whole:
        return [whole]
    found = (record_of.get(part) or name_of.get(part.casefold())
             for part in people_cells.names(reference))
    return [manager for manager in found if manager]


def _judgement(row: Sequence[str], judged: Sequence[tuple[Field, int]],
               alternatives: dict[str, Alternative], scope: str, table: TextTable,
               path: Path, line: int) -> dict[str, object]:
    """The person fields our export's columns give this row (empty cells: the default)."""
    values: dict[str, object] = {}
    scores: dict[Axis, int | None] = {}
    for fld, at in judged:
        cell = row[at]
        try:
            if fld is Field.ROLES:
                values["roles"] = people_cells.roles(cell)
            elif fld is Field.SUPPORT:
                values["support"] = people_cells.choice(Support, cell) or Support.NEUTRAL
            elif fld is Field.INFLUENCE:
                values["influence"] = people_cells.choice(Influence, cell) or Influence.MEDIUM
            elif fld is Field.COVERAGE:
                values["coverage"] = people_cells.choice(Coverage, cell) or Coverage.NONE
            elif fld is Field.MODE:
                values["mode"] = people_cells.choice(ResponseMode, cell)
            elif fld is Field.LAST_CONTACT:
                values["last_contact"] = people_cells.day(cell)
            elif fld is Field.LEANS_TO:
                values["leans_to"] = _alternative(cell, alternatives, scope)
            else:
                axis = next(a for a, f in _AXIS_FIELDS if f is fld)
                scores[axis] = people_cells.score(cell)
        except ValidationError as error:
            raise ImportProblem(path, f"line {line}, column {table.header[at]!r}",
                                error.problem) from None
    if any(value is not None for value in scores.values()):
        triangle = Triangle()
        for axis, value in scores.items():
            triangle = triangle.with_score(axis, replace(triangle[axis], value=value))
        values["scores"] = triangle
    return values


def _alternative(cell: str, alternatives: dict[str, Alternative], scope: str) -> str | None:
    """The id of the alternative a "Leans to" cell names (made on first mention: a
    competitor, unless the name is one of the other kinds' labels, "Do nothing")."""
    name = " ".join(cell.split())
    if not name:
        return None
    key = name.casefold()
    if key not in alternatives:
        kind = _KIND_BY_LABEL.get(key, AlternativeKind.COMPETITOR)
        alternatives[key] = Alternative(name[:120], kind,
                                        id=derived_id(NAMESPACE, f"{scope}alternative:{key}"))
    return alternatives[key].id


def _next_step(row: Sequence[str], at_step: int, at_due: int | None, person_id: str,
               table: TextTable, path: Path, line: int, scope: str = "") -> Action:
    """The person's next step as an open action for them; its id derives from the words and
    the due date (within the deal), so importing the file twice adds it once, and the rows
    of the people one action is for — our export writes it on each of their rows — are one
    action for all of them, not one each (that counted an overdue action twice)."""
    text = " ".join(row[at_step].split())
    try:
        due = people_cells.day(row[at_due]) if at_due is not None else None
    except ValidationError as error:
        assert at_due is not None
        raise ImportProblem(path, f"line {line}, column {table.header[at_due]!r}",
                            error.problem) from None
    try:
        return Action(text, due=due, for_people=(person_id,),
                      id=derived_id(NAMESPACE, f"action:{scope}{text.casefold()}|{due}"))
    except ValidationError as error:
        raise ImportProblem(path, f"line {line}, column {table.header[at_step]!r}",
                            error.problem) from None


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
          "Leans to", "Deal id", "Person id")  # the ids last: they bring the rows home


def people_rows(deals: Sequence[Deal]) -> list[list[str]]:
    """One row per person, the header first; shared by CSV and the XLSX workbook."""
    rows: list[list[str]] = [list(HEADER)]
    for deal in deals:
        managers = managers_by_person(deal)
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
                person.organisation, leaning.name if leaning else "", deal.id, person.id])
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
