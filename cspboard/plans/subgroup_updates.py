"""The plan actions a subgroup leads, for its update report to the parent board (the registry
in `cspboard.reports.contributions`, filled in `PlansConfig.ready`)."""

from __future__ import annotations

import datetime

from cspboard.reports.contributions import LedAction

from .selectors import subgroup_plan_actions


def led_actions(subgroup, *, as_at: datetime.date | None = None) -> list[LedAction]:
    """The actions of the subgroup's published plans the public may see, each with its status
    and latest update on or before `as_at` (today when None)."""
    return [
        LedAction(
            plan=f"{action.version.plan.title} {action.version.label}",
            reference=action.reference,
            description=action.description,
            lead=action.lead,
            due_on=action.due_on,
            status=action.status_label,
            rag=action.rag,
            latest_update=action.latest_update.text if action.latest_update else "",
            latest_on=action.latest_update.on if action.latest_update else None,
            url=action.get_absolute_url(),
        )
        for action in subgroup_plan_actions(subgroup, as_at=as_at)
    ]
