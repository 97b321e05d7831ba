"""Importing a plan version from a spreadsheet, all or nothing.

`plan_version_import(plan=..., label=..., rows=..., by=...)` checks the rows again
(`import_plan.plan_import`, the preview the officer saw) inside one transaction and, if every
row is valid, makes a new draft version of the plan with the file's priorities (in the order
they first appear), objectives and actions, each row's progress as a dated update, through
`services`; otherwise it raises `ImportInvalid` and nothing is written."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cspboard.meetings.choices import SecurityMarking

from . import services
from .import_plan import ImportPlan, plan_import
from .models import Objective, Plan, PlanVersion, Priority
from .spreadsheets import SheetRow


class ImportInvalid(Exception):
    """Some rows have errors: nothing was written. `plan` lists them."""

    def __init__(self, plan: ImportPlan):
        super().__init__(f"{len(plan.invalid_rows)} rows have errors; nothing was imported.")
        self.plan = plan


@transaction.atomic
def plan_version_import(
    *,
    plan: Plan,
    label: str,
    rows: list[SheetRow],
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    today: datetime.date | None = None,
    by=None,
) -> PlanVersion:
    today = today or timezone.localdate()
    checked = plan_import(rows=rows, today=today)
    if not checked.is_valid:
        raise ImportInvalid(checked)
    version = services.plan_version_create(
        plan=plan, label=label, starts_on=starts_on, ends_on=ends_on, by=by
    )
    priorities: dict[str, Priority] = {
        title: services.priority_add(version=version, title=title, position=n, by=by)
        for n, title in enumerate(checked.priorities, start=1)
    }
    objectives: dict[tuple[str, str], Objective] = {}
    for position, row in enumerate(checked.rows, start=1):
        priority = priorities.get(row.priority)
        objective = None
        if row.objective and priority is not None:
            key = (row.priority, row.objective)
            if key not in objectives:
                objectives[key] = services.objective_add(
                    priority=priority, title=row.objective, by=by
                )
            objective = objectives[key]
        action = services.plan_action_add(
            version=version,
            reference=row.reference,
            priority=priority,
            objective=objective,
            description=row.description,
            mandated=row.mandated,
            lead_organisation=row.lead,
            supporting_organisations=row.supporting,
            due_on=row.due_on,
            status=row.status,
            rag_override=row.rag,
            security_marking=(
                SecurityMarking.RESTRICTED if row.paragraph else SecurityMarking.UNRESTRICTED
            ),
            schedule_12a_paragraph=row.paragraph,
            position=position,
            by=by,
        )
        if row.progress:
            services.plan_action_update_post(
                action=action, text=row.progress, status=row.status, on=today, by=by
            )
    return version
