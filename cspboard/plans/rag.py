"""A plan action's RAG, by the board's rule for its action log (`cspboard.actions.rag`, the
board's `ActionLogSettings`): a complete action has none; otherwise the officer's rating if
set, else from the dates: overdue red; no date yet, or due within the board's amber window with
no update since the version started, amber; anything else green."""

from __future__ import annotations

import datetime

from cspboard.actions.choices import ActionStatus
from cspboard.actions.models import ActionLogSettings
from cspboard.actions.rag import DEFAULT_AMBER_WITHIN_DAYS, computed_rag

from .choices import OPEN_ACTION_STATUSES


def amber_within_days(board_id: int) -> int:
    """The board's amber window (its action log's rule), without creating its settings."""
    days = (
        ActionLogSettings.objects.filter(board_id=board_id)
        .values_list("amber_within_days", flat=True)
        .first()
    )
    return DEFAULT_AMBER_WITHIN_DAYS if days is None else days


def plan_action_rag(
    *,
    status: str,
    due_on: datetime.date | None,
    started_on: datetime.date,
    last_update_on: datetime.date | None,
    rag_override: str,
    today: datetime.date,
    amber_days: int,
) -> str:
    if status not in OPEN_ACTION_STATUSES:
        return ""
    if rag_override:
        return rag_override
    return computed_rag(
        status=ActionStatus.OPEN,
        target_date=due_on,
        raised_on=started_on,
        last_update_on=last_update_on,
        today=today,
        amber_within_days=amber_days,
    )
