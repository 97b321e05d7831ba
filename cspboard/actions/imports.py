"""Importing an action log from a spreadsheet, all or nothing.

`actions_import(board=..., rows=..., by=...)` plans the import (`import_plan.plan_import`, the
preview the officer saw) again inside one transaction and, if every row is valid, creates the
new actions and makes the changes through `services`; otherwise it raises `ImportInvalid` and
nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db import transaction
from django.db.models import Max

from cspboard.boards.models import Board

from . import services
from .choices import ActionStatus, UpdateSource
from .import_plan import ImportPlan, PlannedRow, plan_import
from .models import ActionItem
from .spreadsheets import COMMENTS, LEAD, RAG, STATE, TARGET, TEXT, SheetRow

IMPORTED_RATING_REASON = "As rated in the imported spreadsheet"


class ImportInvalid(Exception):
    """Some rows have errors: nothing was written. `plan` lists them."""

    def __init__(self, plan: ImportPlan):
        super().__init__(f"{len(plan.invalid_rows)} rows have errors; nothing was imported.")
        self.plan = plan


@dataclasses.dataclass
class ImportResult:
    created: list[ActionItem]
    on_log: int  # rows already on the log that changed nothing
    changed: list[ActionItem] = dataclasses.field(default_factory=list)


def _apply(planned: PlannedRow, *, by, today: datetime.date) -> ActionItem:
    """Make a row's changes to its action, each through its service."""
    action = planned.action
    assert action is not None
    if planned.changes_field(TEXT) or planned.changes_field(LEAD):
        services.action_edit(
            action=action,
            text=planned.text,
            owners=planned.owners,
            owner_organisation=planned.owner_organisation,
            all_partners=planned.all_partners,
            lead_text=planned.lead_text,
            by=by,
        )
    if planned.changes_field(STATE):
        if planned.status == ActionStatus.CLOSED:
            services.action_close(action=action, by=by, on=today)
        else:
            services.action_reopen(action=action, by=by)
    if planned.changes_field(TARGET):
        services.action_redate(action=action, target_date=planned.target_date, by=by)
    if planned.changes_field(COMMENTS):
        services.action_update_post(
            action=action, text=planned.comments, by=by, source=UpdateSource.IMPORT, today=today
        )
    if planned.changes_field(RAG):
        services.action_set_rag(
            action=action,
            rag=planned.rag,
            reason=IMPORTED_RATING_REASON if planned.rag else "",
            by=by,
        )
    return action


@transaction.atomic
def actions_import(
    *, board: Board, rows: list[SheetRow], by=None, today: datetime.date | None = None
) -> ImportResult:
    """Create the rows' new actions and make their changes to actions on the log, all or none.

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
    changed = [_apply(planned, by=by, today=today) for planned in plan.changed_rows]
    return ImportResult(created=created, on_log=len(plan.on_log_rows), changed=changed)
