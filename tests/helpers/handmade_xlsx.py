"""Excel workbooks written part by part, as Excel lays them out: what openpyxl cannot write
(a formula with the value Excel saved with it, a link to another workbook) or will not
(damaged XML, a DTD, a sheet of a million rows streamed to disk)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def column_letter(index: int) -> str:
    """0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(ref: str, value: object) -> str:
    """A cell as Excel writes it: numbers as <v>, text inline, a formula as ("=...", cached
    value or None)."""
    if value is None or value == "":
        return ""
    if isinstance(value, tuple):
        formula, cached = value
        text = escape(str(formula).removeprefix("="))
        if cached is None:
            return f'<c r="{ref}"><f>{text}</f></c>'
        if isinstance(cached, int | float):
            return f'<c r="{ref}"><f>{text}</f><v>{cached}</v></c>'
        return f'<c r="{ref}" t="str"><f>{text}</f><v>{escape(str(cached))}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}' \
           f'</t></is></c>'


def sheet_xml(rows: Iterable[Iterable[object]], *, first_row: int = 1, merged: Iterable[str] = (),
              dimension: str | None = None) -> str:
    body = []
    for number, values in enumerate(rows, start=first_row):
        cells = "".join(cell(f"{column_letter(i)}{number}", v) for i, v in enumerate(values))
        if cells:
            body.append(f'<row r="{number}">{cells}</row>')
    merges = list(merged)
    merge_xml = (f'<mergeCells count="{len(merges)}">'
                 + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
                 if merges else "")
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" '
            f'xmlns:r="{RELS}">{dim}<sheetData>{"".join(body)}</sheetData>{merge_xml}'
            "</worksheet>")


def workbook(sheets: Mapping[str, str | bytes], *, compression: int = zipfile.ZIP_DEFLATED
             ) -> bytes:
    """A workbook of the sheets (title → sheet XML), in Excel's order of parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        write_parts(archive, sheets)
    return buffer.getvalue()


def write_parts(archive: zipfile.ZipFile, sheets: Mapping[str, str | bytes]) -> None:
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                        f'ContentType="{SHEET_TYPE}"/>' for i in range(1, len(sheets) + 1))
    archive.writestr("[Content_Types].xml", (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>' + overrides + "</Types>"))
    archive.writestr("_rels/.rels", (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        f'xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" Type="{RELS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'))
    entries = "".join(f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, title in enumerate(sheets, start=1))
    archive.writestr("xl/workbook.xml", (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" '
        f'xmlns:r="{RELS}"><sheets>{entries}</sheets></workbook>'))
    links = "".join(f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
    archive.writestr("xl/_rels/workbook.xml.rels", (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        f'xmlns="{PACKAGE_RELS}">{links}</Relationships>'))
    for i, xml in enumerate(sheets.values(), start=1):
        archive.writestr(f"xl/worksheets/sheet{i}.xml", xml)


def write_workbook(path: Path, sheets: Mapping[str, str | bytes]) -> Path:
    path.write_bytes(workbook(sheets))
    return path
