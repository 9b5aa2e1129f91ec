"""An Excel workbook of deals: People, Relations and Scores sheets (one row per person, per
line, per score) and the plan's Plan, Criteria and Process sheets, for sellers who report
from spreadsheets. Read back, a workbook gives the people of its people sheet (see
``xlsx_people``): a contacts list saved from Excel imports like its CSV."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.exchange.formats.people_csv import people_rows
from desktop.exchange.plan_sheets import criteria_rows, plan_rows, process_rows
from desktop.exchange.registry import Format
from desktop.exchange.safe_write import write_bytes
from desktop.exchange.workbook import workbook_bytes
from desktop.exchange.xlsx_people import read
from desktop.exchange.xlsx_reading import is_workbook


def write(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
    relations: list[list[object]] = [["Deal", "From", "To", "Kind", "Strength", "Note"]]
    scores: list[list[object]] = [["Deal", "Person", "Axis", "Value", "Evidence", "Confidence",
                                   "Private"]]
    for deal in deals:
        names = {p.id: p.name for p in deal.people}
        for relation in deal.relations:
            relations.append([deal.name, names[relation.source], names[relation.target],
                              relation.kind.label, relation.strength, relation.note])
        for person in deal.people:
            for axis, score in person.scores.items():
                withheld = score.private and not include_private
                scores.append([deal.name, person.name, axis.label,
                               "" if score.value is None else score.value,
                               "" if withheld else score.evidence, score.confidence.label,
                               "yes" if score.private else "no"])
    today = date.today()
    write_bytes(path, workbook_bytes({"People": people_rows(deals), "Relations": relations,
                                      "Scores": scores, "Plan": plan_rows(deals, today),
                                      "Criteria": criteria_rows(deals),
                                      "Process": process_rows(deals, today)}))
    return [path]


def sniff(head: bytes) -> bool:
    return is_workbook(head)


# Reading: the people sheet of any workbook (a contacts list, our own export), as CSV is read.
FORMAT = Format("xlsx", "Excel workbook (XLSX)", (".xlsx",), read=read, write=write,
                sniff=sniff)
