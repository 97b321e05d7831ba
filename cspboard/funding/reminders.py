"""Reminders to providers, sent by the scheduled task `send_return_reminders` (each working
morning, settings.SCHEDULE).

For each return still requested (not yet sent):
- a reminder from REMINDER_WORKING_DAYS working days before the due date until the due date,
  unless it was asked for inside that window (its e-mail was reminder enough);
- an overdue notice from the working day after the due date;
- a second chase from CHASE_WORKING_DAYS working days after the due date.
Each is keyed by the address and the due date (`notifications.notice_key`), so it is sent
once; a run that finds a window passed sends only the latest notice due.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cspboard.reports import deadlines

from . import notifications
from .choices import CHASE_WORKING_DAYS, REMINDER_WORKING_DAYS, ReturnNoticeKind, ReturnStatus
from .models import QuarterlyReturn, ReturnNotice


def notice_due(quarterly_return: QuarterlyReturn, today: datetime.date) -> str | None:
    due = quarterly_return.due_on
    if today >= deadlines.working_days_after(due, CHASE_WORKING_DAYS):
        return ReturnNoticeKind.CHASE
    if today >= deadlines.next_working_day(due):
        return ReturnNoticeKind.OVERDUE
    window_opens = deadlines.working_days_before(due, REMINDER_WORKING_DAYS)
    asked_on = timezone.localdate(quarterly_return.requested_at)
    if window_opens <= today <= due and asked_on < window_opens:
        return ReturnNoticeKind.REMINDER
    return None


def reminders_send(*, today: datetime.date) -> list[ReturnNotice]:
    """Record today's reminders, overdue notices and chases and queue their e-mails (sent by the
    worker once this commits); each goes once, ever."""
    waiting = (
        QuarterlyReturn.objects.filter(status=ReturnStatus.REQUESTED)
        .exclude(award__contact_email="")
        .select_related("award", "award__stream", "award__stream__board")
        .order_by("due_on", "pk")
    )
    sent = []
    with transaction.atomic():
        for quarterly_return in waiting:
            kind = notice_due(quarterly_return, today)
            if kind is None:
                continue
            notice = notifications.send(quarterly_return, kind)
            if notice is not None:
                sent.append(notice)
    return sent
