"""The preview of a plan version's import from a spreadsheet: every row checked, nothing
written. `plan_import(rows=...)` says, row by row, what the version would hold (its priority,
the action, its lead and supporting organisations as found in the register, its due date,
status, RAG and progress), or what is wrong with the row, naming it. `imports.py` makes the
plan again inside its transaction and writes it, all or nothing."""

from __future__ import annotations

import dataclasses
import datetime
import re

from cspboard.actions.choices import Rag
from cspboard.actions.dates import parse_date_cell
from cspboard.people.models import Organisation

from .choices import PlanActionStatus
from .spreadsheets import (
    ACTION,
    DUE,
    LABELS,
    LEAD,
    MANDATED,
    OBJECTIVE,
    PRIORITY,
    PROGRESS,
    RAG,
    REF,
    STATUS,
    SUPPORT,
    WITHHELD,
    SheetRow,
)

_TBC = re.compile(
    r"^(?:date\s+)?(?:tbc|tbd|n/?a|ongoing|to\s+be\s+(?:confirmed|agreed|decided))\.?$", re.I
)
_STATUSES = {
    "notstarted": PlanActionStatus.NOT_STARTED,
    "notyetstarted": PlanActionStatus.NOT_STARTED,
    "planned": PlanActionStatus.NOT_STARTED,
    "inprogress": PlanActionStatus.IN_PROGRESS,
    "ongoing": PlanActionStatus.IN_PROGRESS,
    "ontrack": PlanActionStatus.IN_PROGRESS,
    "started": PlanActionStatus.IN_PROGRESS,
    "delayed": PlanActionStatus.DELAYED,
    "behind": PlanActionStatus.DELAYED,
    "offtrack": PlanActionStatus.DELAYED,
    "complete": PlanActionStatus.COMPLETE,
    "completed": PlanActionStatus.COMPLETE,
    "done": PlanActionStatus.COMPLETE,
    "achieved": PlanActionStatus.COMPLETE,
    "closed": PlanActionStatus.COMPLETE,
    "notyetassigned": PlanActionStatus.NOT_ASSIGNED,
    "notassigned": PlanActionStatus.NOT_ASSIGNED,
    "unassigned": PlanActionStatus.NOT_ASSIGNED,
}
_RAGS = {
    "r": Rag.RED,
    "red": Rag.RED,
    "a": Rag.AMBER,
    "amber": Rag.AMBER,
    "g": Rag.GREEN,
    "green": Rag.GREEN,
}
_YES = {"y", "yes", "true", "1", "mandated", "x"}
_NO = {"", "n", "no", "false", "0", "-"}
_PARAGRAPH = re.compile(r"^(?:para(?:graph)?\.?\s*)?([1-7])$", re.I)


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


@dataclasses.dataclass
class PlannedRow:
    row: int
    reference: str = ""
    priority: str = ""
    objective: str = ""
    description: str = ""
    lead: Organisation | None = None
    supporting: list[Organisation] = dataclasses.field(default_factory=list)
    due_on: datetime.date | None = None
    status: str = PlanActionStatus.NOT_STARTED
    rag: str = ""
    progress: str = ""
    mandated: bool = False
    paragraph: int | None = None
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def get_status_display(self) -> str:
        return PlanActionStatus(self.status).label


@dataclasses.dataclass
class ImportPlan:
    rows: list[PlannedRow]
    priorities: list[str]

    @property
    def invalid_rows(self) -> list[PlannedRow]:
        return [r for r in self.rows if not r.is_valid]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.invalid_rows


class OrganisationFinder:
    """The register's organisations by name and short name, case and punctuation aside."""

    def __init__(self):
        self.by_key: dict[str, Organisation] = {}
        for org in Organisation.objects.all():
            for name in (org.name, org.short_name):
                if name:
                    self.by_key.setdefault(_squash(name), org)

    def one(self, text: str) -> Organisation | None:
        return self.by_key.get(_squash(text)) if _squash(text) else None

    def many(self, text: str) -> tuple[list[Organisation], list[str]]:
        """The organisations a cell names, split on commas, semicolons, lines, "&" and "and"
        (unless the whole piece is an organisation's name), and the pieces not found."""
        found, missing = [], []
        for piece in re.split(r"[,;\n/]+", text):
            piece = piece.strip()
            if not piece:
                continue
            org = self.one(piece)
            if org is not None:
                found.append(org)
                continue
            parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+|&", piece) if p.strip()]
            orgs = [self.one(p) for p in parts]
            if len(parts) > 1 and all(orgs):
                found.extend(orgs)
            else:
                missing.append(piece)
        return list(dict.fromkeys(found)), missing


def _status_and_rag(row: SheetRow, planned: PlannedRow) -> None:
    for field in (STATUS, RAG):
        text = row.get(field)
        if not text:
            continue
        key = _squash(text)
        if key in _RAGS:
            planned.rag = _RAGS[key]
        elif key in _STATUSES:
            planned.status = _STATUSES[key]
        else:
            # "Green - on track", "Amber (delayed)": a RAG word first, then a status.
            words = re.findall(r"[a-z]+", text.casefold())
            rag = next((_RAGS[w] for w in words if w in ("red", "amber", "green")), "")
            status = next(
                (v for k, v in _STATUSES.items() if k in key and not k.startswith("not")), None
            )
            if "notstarted" in key:
                status = PlanActionStatus.NOT_STARTED
            if not rag and status is None:
                planned.errors.append(
                    f"“{text}” in {LABELS[field]} is not a status (not started, in progress, "
                    "delayed, complete, not yet assigned) or a RAG rating (red, amber, green)"
                )
            planned.rag = rag or planned.rag
            planned.status = status or planned.status
    if planned.status == PlanActionStatus.COMPLETE:
        planned.rag = ""


def plan_import(*, rows: list[SheetRow], today: datetime.date | None = None) -> ImportPlan:
    today = today or datetime.date.today()
    finder = OrganisationFinder()
    planned_rows: list[PlannedRow] = []
    priorities: list[str] = []
    seen_refs: dict[str, int] = {}
    for row in rows:
        planned = PlannedRow(row=row.row)
        planned.reference = " ".join(row.get(REF).split())[:20]
        planned.priority = " ".join(row.get(PRIORITY).split())[:300]
        planned.objective = " ".join(row.get(OBJECTIVE).split())[:300]
        planned.description = row.get(ACTION).strip()
        planned.progress = row.get(PROGRESS).strip()
        if not planned.description:
            planned.errors.append("The Action cell is empty")
        if planned.reference:
            if planned.reference.casefold() in seen_refs:
                first = seen_refs[planned.reference.casefold()]
                planned.errors.append(f"Ref {planned.reference} is also on row {first}")
            else:
                seen_refs[planned.reference.casefold()] = row.row
        if row.get(LEAD):
            lead = row.get(LEAD)
            planned.lead = finder.one(lead)
            if planned.lead is None:
                found, missing = finder.many(lead)
                if len(found) == 1 and not missing:
                    planned.lead = found[0]
                elif _squash(lead) in ("tbc", "notyetassigned", "unassigned", "none"):
                    planned.status = PlanActionStatus.NOT_ASSIGNED
                else:
                    planned.errors.append(
                        f"No organisation called “{lead}” is in the register (the lead is one "
                        "organisation: add it to the register, or correct its name)"
                    )
        if row.get(SUPPORT):
            planned.supporting, missing = finder.many(row.get(SUPPORT))
            for name in missing:
                planned.errors.append(f"No organisation called “{name}” is in the register")
        if row.get(DUE) and not _TBC.match(row.get(DUE).strip()):
            planned.due_on, _ = parse_date_cell(row.get(DUE), reference=today)
            if planned.due_on is None:
                planned.errors.append(f"“{row.get(DUE)}” in Due date is not a date")
        mandated = row.get(MANDATED).strip().casefold()
        if mandated in _YES:
            planned.mandated = True
        elif mandated not in _NO:
            planned.errors.append(f"“{row.get(MANDATED)}” in Mandated is not Y or N")
        withheld = row.get(WITHHELD).strip()
        if withheld and withheld.casefold() not in _NO:
            match = _PARAGRAPH.match(withheld)
            if match:
                planned.paragraph = int(match[1])
            else:
                planned.errors.append(
                    f"“{withheld}” in Withheld is not a Schedule 12A paragraph from 1 to 7"
                )
        _status_and_rag(row, planned)
        if not row.get(LEAD) and not row.get(STATUS):
            planned.status = PlanActionStatus.NOT_ASSIGNED  # no lead named, no status given
        if planned.priority and planned.priority not in priorities:
            priorities.append(planned.priority)
        planned_rows.append(planned)
    return ImportPlan(rows=planned_rows, priorities=priorities)
