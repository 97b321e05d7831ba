"""The preview of an action log's import from a spreadsheet: every row checked, nothing written.

`plan_import(board=..., rows=...)` reads (it writes nothing) and says, row by row, what an import
would do: create an action; change an action already on the log (its status, target date,
open/closed, lead, wording or a new update), each change shown as it is and as it will be; leave
a row alone because the log already says what it says; or refuse the row with its errors (an
unknown or ambiguous lead, a date that is not one, no action text, an edit the log cannot take).
`imports.actions_import` makes the plan again inside its transaction and writes it.

A row is already on the log when an action of the board has its number ("No."), or failing that
the same text (case, spacing and punctuation aside) raised at a meeting of the same date. So
importing a file twice, or importing the log's own export unedited, creates nothing and changes
nothing; the export edited and imported back changes what was edited.

A blank Open/Closed, Status (RAG) or Comments/Update cell on a row already on the log changes
nothing (an update once written stays in the action's history).
"""

from __future__ import annotations

import dataclasses
import datetime
import re

from cspboard.boards.models import Board
from cspboard.meetings.models import Meeting
from cspboard.people.models import Organisation, Person

from . import selectors, services
from .choices import ActionStatus, Rag
from .dates import parse_date_cell
from .exports import EVERYTHING
from .models import ActionItem
from .owner_matching import OwnerMatcher
from .owner_phrases import split_owner_cell
from .owners import AMBIGUOUS, GROUP, ORGANISATION, RESOLVED, normalise_name
from .rag import computed_rag
from .spreadsheets import (
    COMMENTS,
    LEAD,
    MEETING_DATE,
    NUMBER,
    RAG,
    STATE,
    STATE_LABELS,
    TARGET,
    TEXT,
    WITHHELD,
    SheetRow,
    date_text,
    meeting_date_of,
)

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
CHANGE = "change"

RAG_NAMES = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green", "": "None"}


@dataclasses.dataclass(frozen=True)
class Change:
    """One change a row makes to an action on the log, as the preview shows it."""

    field: str  # one of the spreadsheet's fields (TEXT, LEAD, TARGET, STATE, RAG, COMMENTS)
    label: str
    old: str
    new: str


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
    action: ActionItem | None = None  # the action on the log the row is
    changes: list[Change] = dataclasses.field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.outcome == NEW and not self.errors

    @property
    def is_change(self) -> bool:
        return self.outcome == CHANGE and not self.errors

    def changes_field(self, field: str) -> bool:
        return any(c.field == field for c in self.changes)

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
    def changed_rows(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.is_change]

    @property
    def on_log_rows(self) -> list[PlannedRow]:
        """Rows already on the log that change nothing."""
        return [r for r in self.rows if r.outcome == ON_LOG and not r.errors]

    @property
    def work_count(self) -> int:
        """Rows that add or change an action."""
        return len(self.new_rows) + len(self.changed_rows)

    @property
    def has_work(self) -> bool:
        return self.work_count > 0

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.invalid_rows


def normal_text(text: str) -> str:
    """Text for matching: case, punctuation, spacing and a trailing ellipsis set aside."""
    return " ".join(re.sub(r"[\W_]+", " ", text.replace("…", " ").casefold()).split())


def _day(text: str, *, reference: datetime.date | None = None) -> datetime.date | None:
    date, _written = parse_date_cell(text, reference=reference)
    return date


class _Leads:
    """Resolves a Lead cell with the one owner matcher: the board's people, then the register."""

    def __init__(self, board: Board):
        self.matcher = OwnerMatcher(board=board)
        self.organisations = list(Organisation.objects.all())
        self.org_by_name: dict[str, Organisation] = {}
        for org in self.organisations:
            for name in (org.name, org.short_name):
                if name:
                    self.org_by_name.setdefault(normalise_name(name), org)

    def _names(self, ids) -> str:
        names = self.matcher.names
        return " or ".join(names.get(pk, f"person {pk}") for pk in ids)

    def resolve(self, planned: PlannedRow, written: str) -> None:
        """Set the row's owners, organisation and "all partners" from a Lead cell, or add an
        error saying which name is unknown or ambiguous."""
        written = " ".join(written.split())
        planned.lead_text = written
        if not written:
            return
        whole = self.org_by_name.get(normalise_name(written))
        if whole is not None:
            planned.owner_organisation = whole
            return
        for part in split_owner_cell(written):
            (match,) = self.matcher.match([part])
            if match.status == RESOLVED:
                if match.person_id not in planned.owner_ids:
                    planned.owner_ids.append(match.person_id)
            elif match.status == AMBIGUOUS:
                planned.errors.append(
                    f"“{part}” in “Lead” could be {self._names(match.candidates)}: "
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


def _target_cell(planned: PlannedRow, cell: str, raised_on: datetime.date | None) -> None:
    """Read a Target Completion cell into `planned.target_date` (None: to be confirmed)."""
    planned.target_date = None
    if cell and not _TBC.match(cell):
        planned.target_date = _day(cell, reference=raised_on)
        if planned.target_date is None:
            planned.errors.append(
                f"“{cell}” in “Target Completion” is not a date: write it like "
                "28 February 2018, or leave it blank (or “Date TBC”) if it is to be confirmed"
            )
        elif raised_on and planned.target_date < raised_on:
            planned.errors.append("The target date is before the date of the meeting")


def _state_cell(planned: PlannedRow, cell: str) -> str | None:
    if not cell:
        return None
    status = _STATES.get(cell.casefold())
    if status is None:
        planned.errors.append(f"“{cell}” in “Open/Closed” must be Open or Closed")
    return status


def _rag_cell(planned: PlannedRow, cell: str) -> str | None:
    if not cell:
        return None
    rag = _RAGS.get(cell.casefold())
    if rag is None:
        planned.errors.append(f"“{cell}” in “Status (RAG)” must be R, A or G, or blank")
    return rag


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _plan_edit(
    planned: PlannedRow,
    sheet_row: SheetRow,
    action: ActionItem,
    leads: _Leads,
    today: datetime.date,
    amber_days: int,
) -> None:
    """What a row naming an action already on the log changes in it (`planned.changes`), or
    why it cannot be applied (`planned.errors`). `action` is decorated by `selectors.decorate`."""
    planned.action, planned.existing_number = action, action.number
    raised_on = meeting_date_of(action)
    errors, changes = planned.errors, planned.changes

    meeting_cell = sheet_row.get(MEETING_DATE).strip()
    if meeting_cell:
        written = _day(meeting_cell) if _DAY_NUMBER.search(meeting_cell) else None
        if written is None:
            errors.append(
                f"“{meeting_cell}” in “Date of meeting” is not a date: write it like "
                "12 September 2017 or 12/09/2017"
            )
        elif written != raised_on:
            errors.append(
                f"Action {action.number} was raised on {date_text(raised_on)}, not "
                f"{date_text(written)}: an import cannot move an action to another meeting "
                "(check the “No.”, or leave the number blank to add it as a new action)"
            )

    if planned.text and normal_text(planned.text) != normal_text(action.text):
        changes.append(Change(TEXT, "Action required", action.text, planned.text))
    else:
        planned.text = action.text

    before = len(errors)
    _target_cell(planned, sheet_row.get(TARGET).strip(), raised_on)
    if len(errors) == before and planned.target_date != action.target_date:
        old, new = date_text(action.target_date), date_text(planned.target_date)
        changes.append(
            Change(TARGET, "Target completion", old or "To be confirmed", new or "To be confirmed")
        )

    status = _state_cell(planned, sheet_row.get(STATE).strip())
    planned.status = action.status
    if status is not None and status != action.status:
        if status == ActionStatus.DUPLICATE:
            errors.append(
                f"Action {action.number} cannot be marked a duplicate by an import: do it on "
                "the action's page, where you say which action it repeats"
            )
        else:
            planned.status = status
            changes.append(
                Change(STATE, "Open/Closed", STATE_LABELS[action.status], STATE_LABELS[status])
            )

    comments = sheet_row.get(COMMENTS).strip()
    latest = action.latest_update.text if action.latest_update else ""
    if comments and not _same(comments, latest):
        planned.comments = comments
        changes.append(Change(COMMENTS, "New update", latest, comments))

    rag = _rag_cell(planned, sheet_row.get(RAG).strip())
    if rag is not None and planned.status == ActionStatus.OPEN:
        current = action.rag if action.status == ActionStatus.OPEN else ""
        computed = computed_rag(
            status=ActionStatus.OPEN,
            target_date=planned.target_date,
            raised_on=action.raised_on,
            last_update_on=today if planned.comments else action.last_update_on,
            today=today,
            amber_within_days=amber_days,
        )
        planned.rag = "" if rag == computed else rag
        if rag != current:
            label = "Status (RAG)" + (" set by the officer" if planned.rag else "")
            changes.append(Change(RAG, label, RAG_NAMES[current], RAG_NAMES[rag]))

    lead_cell = " ".join(sheet_row.get(LEAD).split())
    if lead_cell and not (_same(lead_cell, action.lead) or _same(lead_cell, action.lead_text)):
        before = len(errors)
        leads.resolve(planned, lead_cell)
        same = (
            set(planned.owner_ids) == {p.pk for p in action.owner_list}
            and planned.owner_organisation == action.owner_organisation
            and planned.all_partners == action.all_partners
        )
        if len(errors) == before and not same:
            changes.append(Change(LEAD, "Lead", action.lead, lead_cell))
    if not changes_lead(planned):
        planned.owner_ids = [p.pk for p in action.owner_list]
        planned.owner_organisation = action.owner_organisation
        planned.all_partners, planned.lead_text = action.all_partners, action.lead_text

    if changes:
        planned.outcome = CHANGE
        planned.note = f"Changes action {action.number}"
    else:
        planned.outcome = ON_LOG
        planned.note = f"Already on the log as action {action.number}"


def changes_lead(planned: PlannedRow) -> bool:
    return planned.changes_field(LEAD)


def plan_import(
    *, board: Board, rows: list[SheetRow], today: datetime.date | None = None
) -> ImportPlan:
    """What importing `rows` into `board`'s log would do, row by row. Writes nothing."""
    today = today or datetime.date.today()
    amber_days = services.action_settings_for(board).amber_within_days
    existing = list(selectors.actions_for_viewer(board, EVERYTHING))
    selectors.decorate(existing, today, amber_days)
    by_number = {action.number: action for action in existing}
    by_text = {(normal_text(a.text), meeting_date_of(a)): a for a in existing}
    meetings = {m.date: m for m in Meeting.objects.filter(board=board)}
    leads = _Leads(board)
    numbers_seen: dict[int, int] = {}
    actions_seen: dict[int, int] = {}
    texts_seen: dict[tuple[str, datetime.date], int] = {}
    planned_rows = []

    withheld = selectors.withheld_paragraphs(board)

    def edit(planned: PlannedRow, sheet_row: SheetRow, action: ActionItem) -> None:
        _plan_edit(planned, sheet_row, action, leads, today, amber_days)
        if WITHHELD in sheet_row.cells:
            marked = bool(sheet_row.get(WITHHELD).strip())
            if marked and action.pk not in withheld:
                planned.errors.append(
                    f"Action {action.number} is not withheld, and an import cannot withhold "
                    "it: its agenda item decides (clear “Withheld (Schedule 12A)”, or withhold "
                    "the item on the meeting's page)"
                )
            elif not marked and action.pk in withheld:
                planned.errors.append(
                    f"Action {action.number} is withheld (paragraph {withheld[action.pk]}) by "
                    "its agenda item, and an import cannot make it public: write "
                    f"“Paragraph {withheld[action.pk]}” in “Withheld (Schedule 12A)”"
                )
        if action.number in actions_seen and planned.changes:
            # A second row for the same action may repeat it, not change it again.
            planned.changes.clear()
            planned.errors.append(
                f"Row {actions_seen[action.number]} is action {action.number} too: "
                "give each action one row"
            )
        actions_seen.setdefault(action.number, planned.row)

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
                edit(planned, sheet_row, by_number[planned.number])
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
                planned.errors.clear()
                edit(planned, sheet_row, by_text[key])
                continue
            if key in texts_seen:
                planned.outcome = ON_LOG
                planned.note = f"The same action as row {texts_seen[key]}"
                continue
            texts_seen[key] = planned.row
            planned.meeting = meetings.get(planned.raised_on)

        _target_cell(planned, sheet_row.get(TARGET).strip(), planned.raised_on)
        status = _state_cell(planned, sheet_row.get(STATE).strip())
        if status is not None:
            planned.status = status

        planned.comments = sheet_row.get(COMMENTS).strip()
        rag = _rag_cell(planned, sheet_row.get(RAG).strip())
        if rag is not None and planned.status == ActionStatus.OPEN:
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
        if sheet_row.get(WITHHELD).strip():
            errors.append(
                "A new action cannot be withheld by an import: an action is withheld when its "
                "agenda item is, so add it on the meeting's page under the withheld item"
            )

    wanted = {pk for r in planned_rows for pk in r.owner_ids}
    people = Person.objects.in_bulk(wanted) if wanted else {}
    for planned in planned_rows:
        planned.owners = [people[pk] for pk in planned.owner_ids if pk in people]
    return ImportPlan(board=board, rows=planned_rows)
