"""The action log as a spreadsheet, in the columns the seed packs' logs use.

Writing: `write_csv(actions)` and `write_xlsx(actions)` take actions decorated by
`selectors.decorate` (each with `.lead`, `.rag`, `.latest_update`) and give the file's bytes.
Reading: `read_spreadsheet(name, data)` gives the rows of an uploaded CSV or XLSX as `SheetRow`s
of plain strings (JSON-serialisable, so a preview can keep them in the session);
`import_plan.py` checks them and `imports.py` saves them. No ORM here.

Columns: No. | Action Required | Lead | Date of meeting | Target Completion | Status (RAG) |
Open/Closed | Comments/Update. "No." is ours (the seeds' logs are unnumbered); a blank Target
Completion, or "Date TBC" as the seeds write it, means the date is to be confirmed.

A download for someone who may see withheld actions has one more column, "Withheld (Schedule
12A)", giving the paragraph of each withheld action; when it holds any, a line above the header
row (and, in XLSX, the sheet's name and printed header) says the file is not for publication.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re

from cspboard.core.tables import TableLayout

from .choices import ActionStatus

NUMBER = "number"
TEXT = "text"
LEAD = "lead"
MEETING_DATE = "meeting_date"
TARGET = "target"
RAG = "rag"
STATE = "state"
COMMENTS = "comments"
WITHHELD = "withheld"
WITHHELD_HEADER = "Withheld (Schedule 12A)"
NOT_FOR_PUBLICATION = (
    "NOT FOR PUBLICATION: this log includes actions withheld from the public under Schedule 12A "
    "to the Local Government Act 1972, marked in the “Withheld (Schedule 12A)” column."
)

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

# Headers as people write them, squashed (`tables.squash`): "Open/ Closed" -> "openclosed".
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
    "withheldschedule12a": WITHHELD,
    "withheld": WITHHELD,
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


def withheld_text(paragraph: int | None) -> str:
    return f"Paragraph {paragraph}" if paragraph else ""


def _layout(actions, withheld: dict[int, int] | None) -> tuple[list[str], str]:
    """The header row, and the line to write above it ("" for none)."""
    if withheld is None:
        return list(HEADERS), ""
    marked = any(action.pk in withheld for action in actions)
    return [*HEADERS, WITHHELD_HEADER], NOT_FOR_PUBLICATION if marked else ""


def write_csv(actions, *, withheld: dict[int, int] | None = None) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the accents and dashes right.

    `withheld` ({action id: paragraph}) adds the withheld column: for those who may see them."""
    actions = list(actions)
    headers, banner = _layout(actions, withheld)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if banner:
        writer.writerow([banner])
    writer.writerow(headers)
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
        if withheld is not None:
            cells.append(withheld_text(withheld.get(action.pk)))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(
    actions, *, title: str = "Action log", withheld: dict[int, int] | None = None
) -> bytes:
    # Imported late: openpyxl is slow to load, and only XLSX files need it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    actions = list(actions)
    headers, banner = _layout(actions, withheld)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (f"{title} NOT FOR PUBLICATION" if banner else title)[:31]
    if banner:
        sheet.append([banner])
        sheet["A1"].font = Font(bold=True, color="D4351C")
        sheet.oddHeader.center.text = (
            "NOT FOR PUBLICATION: includes withheld (Schedule 12A) actions"
        )
    sheet.append(headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for action in actions:
        row = export_row(action)
        values = []
        for field, _header in COLUMNS:
            value = row[field]
            if field == TARGET and value is None:
                value = TBC
            values.append(value)
        if withheld is not None:
            values.append(withheld_text(withheld.get(action.pk)))
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "d mmmm yyyy"
                cell.alignment = Alignment(vertical="top")
    for letter, width in zip("ABCDEFGHI", (6, 60, 28, 18, 18, 12, 12, 50, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3" if banner else "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# -- reading --------------------------------------------------------------------------------------


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


def _excel_serial(text: str) -> str:
    """An XLSX date cell without a date format arrives as a number of days: 43159 -> ISO."""
    from openpyxl.utils.datetime import from_excel  # imported late, as in write_xlsx

    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        try:
            return from_excel(float(text)).date().isoformat()
        except (ValueError, OverflowError):
            return text
    return text


_LAYOUT = TableLayout(
    headers=_HEADER_FIELDS,
    header_fields=(TEXT,),
    required=REQUIRED_FIELDS,
    labels=dict(COLUMNS) | {WITHHELD: WITHHELD_HEADER},
    cell_text=_cell_text,
    error=SpreadsheetError,
    no_header=(
        "No header row was found: the first row of the log must name its columns, "
        "including “Action Required” and “Date of meeting”."
    ),
    max_rows=MAX_ROWS,
    header_rows=50,
)


def read_spreadsheet(name: str, data: bytes) -> list[SheetRow]:
    """The rows under the first header row of an uploaded .csv or .xlsx file (row numbers
    counted from 1). Raises `SpreadsheetError`."""
    rows = []
    for number, values in _LAYOUT.read(name, data):
        for field in (MEETING_DATE, TARGET):
            if field in values:
                values[field] = _excel_serial(values[field])
        rows.append(SheetRow(row=number, cells=values))
    return rows
