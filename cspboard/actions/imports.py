"""Importing an action log from a spreadsheet: check every row, then write all or nothing.

`plan_import(board=..., rows=...)` reads (it writes nothing) and says, row by row, what an import
would do: create an action, leave a row alone because the log has it already, or refuse the row
with its errors (an unknown or ambiguous lead, a date that is not one, no action text...).
`actions_import(board=..., rows=..., by=...)` plans again inside one transaction and, if every row
is valid, creates the new actions through `services`; otherwise it raises `ImportInvalid` and
nothing is written.

A row is already on the log when an action of the board has its number ("No."), or failing that
the same text (case, spacing and punctuation aside) raised at a meeting of the same date. So
importing a file twice, or importing the log's own export, creates nothing and changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

from django.db import transaction
from django.db.models import Max

from cspboard.boards.models import Board
from cspboard.meetings.models import Meeting
from cspboard.people.models import Organisation, Person

from . import services
from .choices import ActionStatus, Rag, UpdateSource
from .dates import parse_date_cell
from .extraction import split_owner_cell
from .models import ActionItem
from .owners import AMBIGUOUS, GROUP, ORGANISATION, RESOLVED, normalise_name, resolve_owners
from .rag import computed_rag
from .selectors import people_all, people_for_board
from .spreadsheets import (
    COMMENTS,
    LEAD,
    MEETING_DATE,
    NUMBER,
    RAG,
    STATE,
    TARGET,
    TEXT,
    SheetRow,
    date_text,
)

IMPORTED_RATING_REASON = "As rated in the imported spreadsheet"

_TBC = re.compile(r"^(?:date\s+)?(?:tbc|tbd|to\s+be\s+(?:confirmed|agreed|decided))\.?$", re.I)
_RAGS = {"r": Rag.RED, "red": Rag.RED, "a": Rag.AMBER, "amber": Rag.AMBER}
_RAGS |= {"g": Rag.GREEN, "green": Rag.GREEN}
_STATES = {
    "open": ActionStatus.OPEN,
    "ongoing": ActionStatus.OPEN,
    "outstanding": ActionStatus.OPEN,
    "closed": ActionStatus.CLOSED,
    "complete": ActionStatus.CLOSED,
    "completed": ActionStatus.CLOSED,
    "done": ActionStatus.CLOSED,
    "duplicate": ActionStatus.DUPLICATE,
}
_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)")

NEW = "new"
ON_LOG = "on_log"


class ImportInvalid(Exception):
    """Some rows have errors: nothing was written. `plan` lists them."""

    def __init__(self, plan: ImportPlan):
        super().__init__(f"{len(plan.invalid_rows)} rows have errors; nothing was imported.")
        self.plan = plan


@dataclasses.dataclass
class PlannedRow:
    """What importing one row would do."""

    row: int
    cells: dict[str, str]
    errors: list[str] = dataclasses.field(default_factory=list)
    outcome: str = NEW
    note: str = ""  # for a row already on the log: which action it is
    existing_number: int | None = None
    number: int | None = None
    text: str = ""
    owner_ids: list[int] = dataclasses.field(default_factory=list)
    owners: list[Person] = dataclasses.field(default_factory=list)
    owner_organisation: Organisation | None = None
    all_partners: bool = False
    lead_text: str = ""
    meeting: Meeting | None = None
    raised_on: datetime.date | None = None
    target_date: datetime.date | None = None
    rag: str = ""
    status: str = ActionStatus.OPEN
    comments: str = ""

    @property
    def is_new(self) -> bool:
        return self.outcome == NEW and not self.errors

    @property
    def lead_display(self) -> str:
        names = [p.display_name for p in self.owners]
        if self.owner_organisation:
            names.append(self.owner_organisation.name)
        if self.all_partners and not names:
            names.append("All partners")
        return ", ".join(names) or self.lead_text

    @property
    def target_display(self) -> str:
        return date_text(self.target_date) if self.target_date else "To be confirmed"

    @property
    def meeting_display(self) -> str:
        return date_text(self.raised_on) if self.raised_on else self.cells.get(MEETING_DATE, "")


@dataclasses.dataclass
class ImportPlan:
    board: Board
    rows: list[PlannedRow]

    @property
    def invalid_rows(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.errors]

    @property
    def new_rows(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.is_new]

    @property
    def on_log_rows(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.outcome == ON_LOG and not r.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.invalid_rows


@dataclasses.dataclass
class ImportResult:
    created: list[ActionItem]
    on_log: int


def normal_text(text: str) -> str:
    """Text for matching: case, punctuation, spacing and a trailing ellipsis set aside."""
    return " ".join(re.sub(r"[\W_]+", " ", text.replace("…", " ").casefold()).split())


def _day(text: str, *, reference: datetime.date | None = None) -> datetime.date | None:
    date, _written = parse_date_cell(text, reference=reference)
    return date


class _Leads:
    """Resolves a Lead cell against the board's people first, then the whole register."""

    def __init__(self, board: Board):
        self.board_people = people_for_board(board)
        self._register = None
        self.organisations = list(Organisation.objects.all())
        self.org_by_name: dict[str, Organisation] = {}
        for org in self.organisations:
            for name in (org.name, org.short_name):
                if name:
                    self.org_by_name.setdefault(normalise_name(name), org)
        self.org_names = [n for o in self.organisations for n in (o.name, o.short_name) if n]

    @property
    def register(self):
        if self._register is None:
            self._register = people_all()
        return self._register

    def _names(self, people, ids) -> str:
        names = {p.pk: p.name for p in people}
        return " or ".join(names.get(pk, f"person {pk}") for pk in ids)

    def resolve(self, planned: PlannedRow, written: str) -> None:
        written = " ".join(written.split())
        planned.lead_text = written
        if not written:
            return
        whole = self.org_by_name.get(normalise_name(written))
        if whole is not None:
            planned.owner_organisation = whole
            return
        for part in split_owner_cell(written):
            (match,) = resolve_owners(
                [part], people=self.board_people, organisations=self.org_names
            )
            people = self.board_people
            if match.status not in (RESOLVED, AMBIGUOUS, ORGANISATION, GROUP):
                (match,) = resolve_owners(
                    [part], people=self.register, organisations=self.org_names
                )
                people = self.register
            if match.status == RESOLVED:
                if match.person_id not in planned.owner_ids:
                    planned.owner_ids.append(match.person_id)
            elif match.status == AMBIGUOUS:
                planned.errors.append(
                    f"“{part}” in “Lead” could be {self._names(people, match.candidates)}: "
                    "write the full name"
                )
            elif match.status == ORGANISATION:
                org = self.org_by_name.get(normalise_name(part))
                if org is not None and planned.owner_organisation is None:
                    planned.owner_organisation = org
            elif match.status == GROUP:
                planned.all_partners = True
            else:
                planned.errors.append(
                    f"“{part}” in “Lead” is not anyone in the register: add them first, or "
                    "write the name as the register has it"
                )


def plan_import(
    *, board: Board, rows: list[SheetRow], today: datetime.date | None = None
) -> ImportPlan:
    """What importing `rows` into `board`'s log would do, row by row. Writes nothing."""
    today = today or datetime.date.today()
    existing = list(
        ActionItem.objects.filter(board=board).values_list(
            "number", "text", "meeting__date", "raised_on"
        )
    )
    by_number = {number for number, *_ in existing}
    by_text = {
        (normal_text(text), meeting_date or raised_on): number
        for number, text, meeting_date, raised_on in existing
    }
    meetings = {m.date: m for m in Meeting.objects.filter(board=board)}
    leads = _Leads(board)
    amber_days = services.action_settings_for(board).amber_within_days
    numbers_seen: dict[int, int] = {}
    texts_seen: dict[tuple[str, datetime.date], int] = {}
    planned_rows = []

    for sheet_row in rows:
        planned = PlannedRow(row=sheet_row.row, cells=dict(sheet_row.cells))
        planned_rows.append(planned)
        errors = planned.errors
        planned.text = " ".join(sheet_row.get(TEXT).split())

        number_cell = sheet_row.get(NUMBER).strip()
        if number_cell:
            if re.fullmatch(r"\d{1,6}", number_cell) and int(number_cell) > 0:
                planned.number = int(number_cell)
            else:
                errors.append(f"“{number_cell}” in “No.” is not an action number")
        if planned.number is not None:
            if planned.number in by_number:
                planned.outcome, planned.existing_number = ON_LOG, planned.number
                planned.note = f"Already on the log as action {planned.number}"
                continue
            if planned.number in numbers_seen:
                errors.append(
                    f"Row {numbers_seen[planned.number]} has the same number, {planned.number}"
                )
            numbers_seen.setdefault(planned.number, planned.row)

        if not planned.text:
            errors.append("Enter the action: “Action Required” is empty")

        meeting_cell = sheet_row.get(MEETING_DATE).strip()
        if not meeting_cell:
            errors.append("Enter the date of the meeting that raised the action")
        else:
            planned.raised_on = _day(meeting_cell) if _DAY_NUMBER.search(meeting_cell) else None
            if planned.raised_on is None:
                errors.append(
                    f"“{meeting_cell}” in “Date of meeting” is not a date: write it like "
                    "12 September 2017 or 12/09/2017"
                )

        if planned.text and planned.raised_on:
            key = (normal_text(planned.text), planned.raised_on)
            if key in by_text:
                planned.outcome, planned.existing_number = ON_LOG, by_text[key]
                planned.note = f"Already on the log as action {by_text[key]}"
                planned.errors.clear()
                continue
            if key in texts_seen:
                planned.outcome = ON_LOG
                planned.note = f"The same action as row {texts_seen[key]}"
                continue
            texts_seen[key] = planned.row
            planned.meeting = meetings.get(planned.raised_on)

        target_cell = sheet_row.get(TARGET).strip()
        if target_cell and not _TBC.match(target_cell):
            planned.target_date = _day(target_cell, reference=planned.raised_on)
            if planned.target_date is None:
                errors.append(
                    f"“{target_cell}” in “Target Completion” is not a date: write it like "
                    "28 February 2018, or leave it blank (or “Date TBC”) if it is to be confirmed"
                )
            elif planned.raised_on and planned.target_date < planned.raised_on:
                errors.append("The target date is before the date of the meeting")

        state_cell = sheet_row.get(STATE).strip()
        if state_cell:
            status = _STATES.get(state_cell.casefold())
            if status is None:
                errors.append(f"“{state_cell}” in “Open/Closed” must be Open or Closed")
            else:
                planned.status = status

        planned.comments = sheet_row.get(COMMENTS).strip()
        rag_cell = sheet_row.get(RAG).strip()
        if rag_cell:
            rag = _RAGS.get(rag_cell.casefold())
            if rag is None:
                errors.append(f"“{rag_cell}” in “Status (RAG)” must be R, A or G, or blank")
            elif planned.status == ActionStatus.OPEN:
                computed = computed_rag(
                    status=planned.status,
                    target_date=planned.target_date,
                    raised_on=planned.raised_on or today,
                    last_update_on=today if planned.comments else None,
                    today=today,
                    amber_within_days=amber_days,
                )
                planned.rag = "" if rag == computed else rag

        leads.resolve(planned, sheet_row.get(LEAD))

    wanted = {pk for r in planned_rows for pk in r.owner_ids}
    people = Person.objects.in_bulk(wanted) if wanted else {}
    for planned in planned_rows:
        planned.owners = [people[pk] for pk in planned.owner_ids if pk in people]
    return ImportPlan(board=board, rows=planned_rows)


@transaction.atomic
def actions_import(
    *, board: Board, rows: list[SheetRow], by=None, today: datetime.date | None = None
) -> ImportResult:
    """Create the rows' new actions, all or none. Rows already on the log change nothing.

    Raises `ImportInvalid` (and writes nothing) if any row has an error."""
    today = today or datetime.date.today()
    # One import (or new action) at a time per board, so numbers and matches stay right.
    Board.objects.select_for_update().filter(pk=board.pk).first()
    plan = plan_import(board=board, rows=rows, today=today)
    if not plan.is_valid:
        raise ImportInvalid(plan)
    new_rows = plan.new_rows
    taken = ActionItem.objects.filter(board=board).aggregate(n=Max("number"))["n"] or 0
    explicit = [r.number for r in new_rows if r.number is not None]
    next_number = max([taken, *explicit]) + 1
    created = []
    for planned in new_rows:
        number = planned.number
        if number is None:
            number, next_number = next_number, next_number + 1
        action = services.action_create(
            board=board,
            number=number,
            text=planned.text,
            owners=planned.owners,
            owner_organisation=planned.owner_organisation,
            all_partners=planned.all_partners,
            lead_text=planned.lead_text,
            meeting=planned.meeting,
            raised_on=planned.raised_on,
            target_date=planned.target_date,
            status=planned.status,
            by=by,
        )
        if planned.rag:
            services.action_set_rag(
                action=action, rag=planned.rag, reason=IMPORTED_RATING_REASON, by=by
            )
        if planned.comments:
            services.action_update_post(
                action=action,
                text=planned.comments,
                by=by,
                source=UpdateSource.IMPORT,
                today=today,
            )
        created.append(action)
    return ImportResult(created=created, on_log=len(plan.on_log_rows))
