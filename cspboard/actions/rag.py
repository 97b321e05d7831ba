"""The RAG rule for actions: computed from the dates, unless an officer overrides it."""

import datetime

from .choices import ActionStatus, Rag

DEFAULT_AMBER_WITHIN_DAYS = 14


def computed_rag(
    *,
    status: str,
    target_date: datetime.date | None,
    raised_on: datetime.date,
    last_update_on: datetime.date | None,
    today: datetime.date,
    amber_within_days: int = DEFAULT_AMBER_WITHIN_DAYS,
) -> str:
    """Overdue is red; due within `amber_within_days` with no update since it was raised is
    amber, and so is an action with no date yet; anything else is green. Closed and duplicate
    actions have no RAG ("")."""
    if status != ActionStatus.OPEN:
        return ""
    if target_date is None:
        return Rag.AMBER
    if target_date < today:
        return Rag.RED
    no_update = last_update_on is None or last_update_on <= raised_on
    if (target_date - today).days <= amber_within_days and no_update:
        return Rag.AMBER
    return Rag.GREEN


def rag_of(action, today: datetime.date, amber_within_days: int = DEFAULT_AMBER_WITHIN_DAYS) -> str:
    if action.status != ActionStatus.OPEN:
        return ""
    if action.rag_override:
        return action.rag_override
    return computed_rag(
        status=action.status,
        target_date=action.target_date,
        raised_on=action.raised_on,
        last_update_on=action.last_update_on,
        today=today,
        amber_within_days=amber_within_days,
    )
