"""Reminders to report authors, sent by `cspboard send-report-reminders` (hourly from cron).

For each request still waiting for its report, for a meeting still to come:
- a reminder from the board's `reminder_working_days` working days before the deadline until the
  deadline itself, unless the request was made inside that window (its e-mail was reminder
  enough);
- an overdue notice from the working day after the deadline.
Each is keyed by the author and the deadline (`notifications.notice_key`), so it is sent once:
a new deadline or a new author starts again. A run that finds the reminder's window passed
sends only the overdue notice.

The same run reminds subgroup leads of their update reports (`subgroup_reminders`).
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cspboard.meetings.choices import MeetingStatus

from . import deadlines, notifications, subgroup_reminders
from .choices import DEFAULT_REMINDER_WORKING_DAYS, NoticeKind, RequestStatus
from .models import ReportNotice, ReportRequest, ReportSettings, SubgroupUpdateNotice


@dataclasses.dataclass
class DueNotice:
    request: ReportRequest
    kind: str
    key: str

    @property
    def recipients(self) -> str:
        person = self.request.author
        return f"{person.display_name} <{notifications.address_of(person)}>"


def _waiting(today: datetime.date):
    return (
        ReportRequest.objects.filter(status=RequestStatus.REQUESTED, item__meeting__date__gte=today)
        .filter(~Q(item__meeting__status=MeetingStatus.CANCELLED))
        .select_related(
            "item", "item__parent", "item__meeting", "item__meeting__board", "author__user"
        )
        .order_by("deadline", "pk")
    )


def notices_due(*, today: datetime.date) -> list[DueNotice]:
    """Every reminder and overdue notice the rules call for today, not yet sent, to authors
    with an e-mail address."""
    reminder_days = dict(ReportSettings.objects.values_list("board_id", "reminder_working_days"))
    requests = [r for r in _waiting(today) if notifications.address_of(r.author)]
    sent = set(
        ReportNotice.objects.filter(request__in=requests).values_list("request_id", "kind", "key")
    )
    due = []
    for request in requests:
        days = reminder_days.get(request.item.meeting.board_id, DEFAULT_REMINDER_WORKING_DAYS)
        window_opens = deadlines.working_days_before(request.deadline, days)
        asked_on = timezone.localdate(request.requested_at)
        wanted = None
        if today >= deadlines.next_working_day(request.deadline):
            wanted = NoticeKind.OVERDUE
        elif window_opens <= today <= request.deadline and asked_on < window_opens:
            wanted = NoticeKind.REMINDER
        key = notifications.notice_key(request)
        if wanted and (request.pk, wanted, key) not in sent:
            due.append(DueNotice(request, wanted, key))
    return due


def reminders_send(
    *, today: datetime.date, dry_run: bool = False
) -> list[ReportNotice | SubgroupUpdateNotice]:
    """Record today's reminders and overdue notices to authors, then to subgroup leads, and
    queue their e-mails (sent by the worker once this commits); each is sent once, ever. With
    `dry_run`, return what would be sent (unsaved) and queue nothing."""
    due = notices_due(today=today)
    subgroup_due = subgroup_reminders.notices_due(today=today)
    if dry_run:
        return [
            ReportNotice(request=d.request, kind=d.kind, key=d.key, recipients=d.recipients)
            for d in due
        ] + subgroup_due
    recorded = []
    with transaction.atomic():
        for notice in due:
            row = notifications.record(notice.request, notice.kind)
            if row is None:
                continue  # another run recorded it first: it sends it
            recorded.append(row)
            notifications.queue(
                notifications.message(notice.request, notice.kind),
                purpose=f"report {notice.kind}",
                meeting=notice.request.item.meeting,
            )
        for notice in subgroup_due:
            if subgroup_reminders.record(notice):
                recorded.append(notice)
                for mail in subgroup_reminders.messages(notice):
                    notifications.queue(
                        mail, purpose=f"subgroup update {notice.kind}", meeting=notice.meeting
                    )
    return recorded
