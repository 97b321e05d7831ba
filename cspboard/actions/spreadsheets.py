"""The action log as a spreadsheet, in the columns the seed packs' logs use.

Writing: `write_csv(actions)` and `write_xlsx(actions)` take actions decorated by `queries`
(each with `.lead`, `.rag`, `.latest_update`) and give the file's bytes. Reading:
`read_spreadsheet(name, data)` gives the rows of an uploaded CSV or XLSX as `SheetRow`s of plain
strings (JSON-serialisable, so a preview can keep them in the session); `imports.py` checks and
saves them. No ORM here.

Columns: No. | Action Required | Lead | Date of meeting | Target Completion | Status (RAG) |
Open/Closed | Comments/Update. "No." is ours (the seeds' logs are unnumbered); a blank Target
Completion, or "Date TBC" as the seeds write it, means the date is to be confirmed.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re
import zipfile

from .choices import ActionStatus

NUMBER = "number"
TEXT = "text"
LEAD = "lead"
MEETING_DATE = "meeting_date"
TARGET = "target"
RAG = "rag"
STATE = "state"
COMMENTS = "comments"

# (field, header as we write it)
COLUMNS: tuple[tuple[str, str], ...] = (
    (NUMBER, "No."),
    (TEXT, "Action Required"),
    (LEAD, "Lead"),
    (MEETING_DATE, "Date of meeting"),
    (TARGET, "Target Completion"),
    (RAG, "Status (RAG)"),
    (STATE, "Open/Closed"),
    (COMMENTS, "Comments/Update"),
)
HEADERS = tuple(header for _field, header in COLUMNS)

# Headers as people write them, squashed to letters and digits: "Open/ Closed" -> "openclosed".
_HEADER_FIELDS = {
    "no": NUMBER,
    "number": NUMBER,
    "actionno": NUMBER,
    "actionnumber": NUMBER,
    "ref": NUMBER,
    "actionrequired": TEXT,
    "action": TEXT,
    "actions": TEXT,
    "lead": LEAD,
    "leads": LEAD,
    "owner": LEAD,
    "owners": LEAD,
    "dateofmeeting": MEETING_DATE,
    "meetingdate": MEETING_DATE,
    "dateraised": MEETING_DATE,
    "targetcompletion": TARGET,
    "targetcompletiondate": TARGET,
    "targetdate": TARGET,
    "target": TARGET,
    "duedate": TARGET,
    "statusrag": RAG,
    "status": RAG,
    "rag": RAG,
    "ragstatus": RAG,
    "openclosed": STATE,
    "commentsupdate": COMMENTS,
    "comments": COMMENTS,
    "update": COMMENTS,
    "latestupdate": COMMENTS,
}
REQUIRED_FIELDS = (TEXT, MEETING_DATE)

MAX_ROWS = 2000
TBC = "Date TBC"
STATE_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.CLOSED: "Closed",
    ActionStatus.DUPLICATE: "Duplicate",
}

# A cell opening with one of these is a formula to a spreadsheet program: written with a quote
# before it so that opening an exported log never runs anything ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(Exception):
    """The file cannot be read as an action log (not CSV or XLSX, no header row, too big)."""


@dataclasses.dataclass(frozen=True)
class SheetRow:
    """One row under the header: its row number in the spreadsheet, and its cells as text
    (dates from XLSX cells as YYYY-MM-DD), keyed by field."""

    row: int
    cells: dict[str, str]

    def get(self, field: str) -> str:
        return self.cells.get(field, "")

    def as_json(self) -> dict:
        return {"row": self.row, "cells": dict(self.cells)}

    @classmethod
    def from_json(cls, data: dict) -> SheetRow:
        return cls(row=int(data["row"]), cells={str(k): str(v) for k, v in data["cells"].items()})


# -- writing --------------------------------------------------------------------------------------


def date_text(day: datetime.date | None) -> str:
    """ "12 September 2017", as the seeds write dates."""
    return f"{day.day} {day:%B %Y}" if day else ""


def meeting_date_of(action) -> datetime.date:
    return action.meeting.date if action.meeting_id else action.raised_on


def export_row(action) -> dict[str, object]:
    """An action as the spreadsheet's cells (dates as dates; the writer formats them)."""
    latest = getattr(action, "latest_update", None)
    return {
        NUMBER: action.number,
        TEXT: action.text,
        LEAD: getattr(action, "lead", "") or "",
        MEETING_DATE: meeting_date_of(action),
        TARGET: action.target_date,
        RAG: getattr(action, "rag", "") or "",
        STATE: STATE_LABELS.get(action.status, action.get_status_display()),
        COMMENTS: latest.text if latest is not None else "",
    }


def _safe(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def write_csv(actions) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the accents and dashes right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for action in actions:
        row = export_row(action)
        cells = []
        for field, _header in COLUMNS:
            value = row[field]
            if field == TARGET:
                cells.append(date_text(value) if value else TBC)
            elif isinstance(value, datetime.date):
                cells.append(date_text(value))
            else:
                cells.append(_safe(str(value)))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(actions, *, title: str = "Action log") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for action in actions:
        row = export_row(action)
        values = []
        for field, _header in COLUMNS:
            value = row[field]
            if field == TARGET and value is None:
                value = TBC
            values.append(value)
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "d mmmm yyyy"
                cell.alignment = Alignment(vertical="top")
    for letter, width in zip("ABCDEFGH", (6, 60, 28, 18, 18, 12, 12, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# -- reading --------------------------------------------------------------------------------------


def _squash(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", header.casefold())


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").strip()
    if text[:1] == "'" and text[1:2] and text[1:2] in "=+-@":
        text = text[1:]  # our own guard against formulas, written by `_safe`
    return text


def _header_map(cells: list[str]) -> dict[int, str] | None:
    """{column index: field} when the row is a header naming the action column."""
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        field = _HEADER_FIELDS.get(_squash(cell))
        if field and field not in found.values():
            found[index] = field
    return found if TEXT in found.values() else None


def _excel_serial(text: str) -> str:
    """An XLSX date cell without a date format arrives as a number of days: 43159 -> ISO."""
    from openpyxl.utils.datetime import from_excel

    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        try:
            return from_excel(float(text)).date().isoformat()
        except (ValueError, OverflowError):
            return text
    return text


def rows_from_table(table: list[list]) -> list[SheetRow]:
    """The rows under the first header row of a table of cells (row numbers counted from 1)."""
    header: dict[int, str] | None = None
    rows: list[SheetRow] = []
    for number, raw in enumerate(table, start=1):
        cells = [_cell_text(v) for v in raw]
        if header is None:
            header = _header_map(cells)
            if header is not None:
                missing = [f for f in REQUIRED_FIELDS if f not in header.values()]
                if missing:
                    names = dict(COLUMNS)
                    raise SpreadsheetError(
                        "The header row has no "
                        + " or ".join(f"“{names[f]}”" for f in missing)
                        + " column."
                    )
            continue
        if not any(cells):
            continue
        values = {
            field: (cells[i] if i < len(cells) else "") for i, field in sorted(header.items())
        }
        for field in (MEETING_DATE, TARGET):
            if field in values:
                values[field] = _excel_serial(values[field])
        rows.append(SheetRow(row=number, cells=values))
        if len(rows) > MAX_ROWS:
            raise SpreadsheetError(f"The file has more than {MAX_ROWS} rows.")
    if header is None:
        raise SpreadsheetError(
            "No header row was found: the first row of the log must name its columns, "
            "including “Action Required” and “Date of meeting”."
        )
    return rows


def _csv_table(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise SpreadsheetError("The file is not text that can be read.")
    if "\x00" in text:
        raise SpreadsheetError("The file is not a CSV file.")
    # The delimiter is the one that makes the most of the header row: commas, semicolons (a
    # European Excel) or tabs (text copied out of a document, as the seed packs hold it).
    best: tuple[int, list[list]] = (-1, [])
    for delimiter in (",", ";", "\t"):
        try:
            table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as error:
            raise SpreadsheetError(f"The CSV file cannot be read: {error}.") from None
        header = next((h for row in table[:50] if (h := _header_map(row))), None)
        score = len(header) if header else 0
        if score > best[0]:
            best = (score, table)
    return best[1]


def _xlsx_table(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SpreadsheetError(
            f"The file is not an XLSX workbook that can be read ({error})."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True):
            table.append(list(row))
            if len(table) > MAX_ROWS + 50:
                raise SpreadsheetError(f"The file has more than {MAX_ROWS} rows.")
        return table
    finally:
        workbook.close()


def read_spreadsheet(name: str, data: bytes) -> list[SheetRow]:
    """The rows of an uploaded .csv or .xlsx file. Raises `SpreadsheetError`."""
    lower = name.lower()
    if lower.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        if not lower.endswith(".xlsx"):
            raise SpreadsheetError("Choose a CSV or XLSX file.")
        return rows_from_table(_xlsx_table(data))
    if lower.endswith((".csv", ".txt")):
        return rows_from_table(_csv_table(data))
    raise SpreadsheetError("Choose a CSV or XLSX file.")
