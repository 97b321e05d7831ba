"""A plan version as a spreadsheet, in the shape councils keep their action plans: one row per
action, with its reference, priority, the action, lead organisation, supporting
organisation(s), due date, status or RAG, progress and whether it is mandated. Headers are
matched however they are written ("Support organisation(s)", "Supporting organisations",
"Partners"). `read_spreadsheet(name, data)` gives the rows as `SheetRow`s of plain strings
(JSON-serialisable, so the preview can keep them in the session); `import_plan.py` checks them
and `imports.py` saves them. No ORM here."""

from __future__ import annotations

import dataclasses
import datetime
import re

from cspboard.core.tables import TableLayout

REF = "ref"
PRIORITY = "priority"
OBJECTIVE = "objective"
ACTION = "action"
LEAD = "lead"
SUPPORT = "support"
DUE = "due"
STATUS = "status"
RAG = "rag"
PROGRESS = "progress"
MANDATED = "mandated"
WITHHELD = "withheld"

LABELS = {
    REF: "Ref",
    PRIORITY: "Priority",
    OBJECTIVE: "Objective",
    ACTION: "Action",
    LEAD: "Lead organisation",
    SUPPORT: "Support organisation(s)",
    DUE: "Due date",
    STATUS: "Status",
    RAG: "RAG",
    PROGRESS: "Progress",
    MANDATED: "Mandated (Y/N)",
    WITHHELD: "Withheld (Schedule 12A)",
}
HEADERS = tuple(LABELS.values())

_HEADER_FIELDS = {
    "ref": REF,
    "reference": REF,
    "no": REF,
    "number": REF,
    "actionno": REF,
    "actionref": REF,
    "id": REF,
    "priority": PRIORITY,
    "priorities": PRIORITY,
    "priorityarea": PRIORITY,
    "category": PRIORITY,
    "theme": PRIORITY,
    "objective": OBJECTIVE,
    "objectives": OBJECTIVE,
    "action": ACTION,
    "actions": ACTION,
    "actionrequired": ACTION,
    "description": ACTION,
    "activity": ACTION,
    "lead": LEAD,
    "leadorganisation": LEAD,
    "leadorganization": LEAD,
    "leadagency": LEAD,
    "leadpartner": LEAD,
    "supportorganisation": SUPPORT,
    "supportorganisations": SUPPORT,
    "supportingorganisation": SUPPORT,
    "supportingorganisations": SUPPORT,
    "supportorganization": SUPPORT,
    "supportorganizations": SUPPORT,
    "support": SUPPORT,
    "partners": SUPPORT,
    "supportingpartners": SUPPORT,
    "duedate": DUE,
    "due": DUE,
    "deadline": DUE,
    "targetdate": DUE,
    "timescale": DUE,
    "timescales": DUE,
    "bywhen": DUE,
    "status": STATUS,
    "statusrag": STATUS,
    "rag": RAG,
    "ragstatus": RAG,
    "ragrating": RAG,
    "progress": PROGRESS,
    "progressupdate": PROGRESS,
    "update": PROGRESS,
    "comments": PROGRESS,
    "commentsupdate": PROGRESS,
    "mandated": MANDATED,
    "mandatedyn": MANDATED,
    "mandatedaction": MANDATED,
    "vrumandated": MANDATED,
    "withheld": WITHHELD,
    "withheldschedule12a": WITHHELD,
    "schedule12a": WITHHELD,
}
MAX_ROWS = 1000


class SpreadsheetError(Exception):
    """The file cannot be read as a plan: the message says why, fit to show."""


@dataclasses.dataclass(frozen=True)
class SheetRow:
    row: int
    cells: dict[str, str]

    def get(self, field: str) -> str:
        return self.cells.get(field, "")

    def as_json(self) -> dict:
        return {"row": self.row, "cells": dict(self.cells)}

    @classmethod
    def from_json(cls, data: dict) -> SheetRow:
        return cls(row=int(data["row"]), cells={str(k): str(v) for k, v in data["cells"].items()})


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
    """An XLSX date cell without a date format arrives as a number of days: 45382 -> ISO."""
    from openpyxl.utils.datetime import from_excel  # noqa: PLC0415 - only XLSX needs it

    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        try:
            return from_excel(float(text)).date().isoformat()
        except (ValueError, OverflowError):
            return text
    return text


_LAYOUT = TableLayout(
    headers=_HEADER_FIELDS,
    header_fields=(ACTION,),
    required=(ACTION,),
    labels=LABELS,
    cell_text=_cell_text,
    error=SpreadsheetError,
    no_header=(
        "No header row was found: a row above the actions must name the columns, including "
        "“Action”."
    ),
    max_rows=MAX_ROWS,
    header_rows=50,
)


def read_spreadsheet(name: str, data: bytes) -> list[SheetRow]:
    rows = []
    for number, values in _LAYOUT.read(name, data):
        if DUE in values:
            values[DUE] = _excel_serial(values[DUE])
        rows.append(SheetRow(row=number, cells=values))
    return rows


# -- writing --------------------------------------------------------------------------------------

# A cell opening with one of these is a formula to a spreadsheet program: written with a quote
# before it, so that opening a downloaded plan never runs anything.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NOT_FOR_PUBLICATION = (
    "NOT FOR PUBLICATION: this plan includes actions withheld from the public under Schedule 12A "
    "to the Local Government Act 1972, marked in the “Withheld (Schedule 12A)” column."
)


def _safe(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def write_csv(sections, *, with_withheld: bool) -> bytes:
    """A plan version's actions (by priority, as `selectors.by_priority` gives them, each
    decorated) in the columns the import reads, so a download can be edited and imported as
    next year's version. `with_withheld` adds the withheld column (for those who may see it)
    and, when any action is withheld, a line above the header saying it is not for
    publication."""
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    out = io.StringIO()
    writer = csv.writer(out)
    headers = [h for f, h in LABELS.items() if f != WITHHELD]
    actions = [(s.priority, a) for s in sections for a in s.actions]
    if with_withheld:
        headers.append(LABELS[WITHHELD])
        if any(a.is_marked_withheld for _, a in actions):
            writer.writerow([NOT_FOR_PUBLICATION])
    writer.writerow(headers)
    for priority, action in actions:
        row = [
            action.reference,
            priority.title if priority else "",
            action.objective.title if action.objective_id else "",
            action.description,
            action.lead_organisation.name if action.lead_organisation_id else "",
            ", ".join(org.name for org in action.supporting),
            action.due_on.strftime("%d/%m/%Y") if action.due_on else "",
            action.get_status_display(),
            {"R": "Red", "A": "Amber", "G": "Green"}.get(action.rag, ""),
            action.latest_update.text if action.latest_update else "",
            "Y" if action.mandated else "N",
        ]
        if with_withheld:
            paragraph = action.schedule_12a_paragraph
            row.append(f"Paragraph {paragraph}" if paragraph else "")
        writer.writerow([_safe(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
