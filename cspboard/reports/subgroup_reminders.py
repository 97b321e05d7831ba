"""Reminders to subgroup leads about their update reports, sent with the authors' reminders
(`reminders.reminders_send`, so by `send-report-reminders` and `send-reminders`).

For each coming meeting of a parent board whose agenda is not yet published and has a "subgroup
updates" item, each subgroup that sends updates (`ReportSettings.sends_subgroup_updates`) and has
not sent this one yet has its leads (the chair, interim and deputy chair who may write it,
`SUBGROUP_LEAD_ROLES`, now, with an e-mail address) told:
- a reminder from the parent board's `reminder_working_days` working days before the report
  deadline (the deadline a report request for that meeting gets) until the deadline itself;
- a "not received" notice from the working day after it until the agenda is published.
Each is one `SubgroupUpdateNotice` row keyed by the deadline, so it is sent once, ever. The
e-mail names the board, the meeting's date and the deadline (no item title, so nothing
withheld) and carries the lead's own signed link to write the update (`links.update_link_url`),
which works with or without an account.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from cspboard.boards.choices import SUBGROUP_LEAD_ROLES, ItemRole
from cspboard.boards.models import Board, Membership
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.models import AgendaItem, Meeting

from . import deadlines, links
from .choices import (
    DEFAULT_DEADLINE_WORKING_DAYS,
    DEFAULT_REMINDER_WORKING_DAYS,
    SubgroupNoticeKind,
)
from .models import ReportSettings, SubgroupUpdate, SubgroupUpdateNotice
from .notifications import address_of

SUBJECTS = {
    SubgroupNoticeKind.REMINDER: "Reminder: subgroup update due",
    SubgroupNoticeKind.NOT_RECEIVED: "Subgroup update not received",
}


class Lead(NamedTuple):
    """A lead to e-mail; the person's key goes into their link."""

    name: str
    address: str
    person_id: int


def leads_of(subgroup_ids, today: datetime.date) -> dict[int, list[Lead]]:
    """Each subgroup's leads with an e-mail address, once per address."""
    leads: dict[int, list[Lead]] = {}
    memberships = (
        Membership.objects.current(today)
        .filter(board_id__in=subgroup_ids, role__in=SUBGROUP_LEAD_ROLES)
        .select_related("person__user")
        .order_by("board_id", "person__name", "pk")
    )
    for membership in memberships:
        person = membership.person
        address = address_of(person)
        rows = leads.setdefault(membership.board_id, [])
        if address and all(address != lead.address for lead in rows):
            rows.append(Lead(person.display_name, address, person.pk))
    return leads


def _wanted(meeting: Meeting, timings: tuple[int, int], today: datetime.date):
    """(kind, deadline) of the notice the rules call for today, or (None, deadline)."""
    deadline_days, reminder_days = timings
    deadline = deadlines.report_deadline(meeting, deadline_days)
    if today >= deadlines.next_working_day(deadline):
        return SubgroupNoticeKind.NOT_RECEIVED, deadline
    if deadlines.working_days_before(deadline, reminder_days) <= today <= deadline:
        return SubgroupNoticeKind.REMINDER, deadline
    return None, deadline


def notices_due(*, today: datetime.date) -> list[SubgroupUpdateNotice]:
    """Every reminder and "not received" notice the rules call for today, not yet sent, to
    subgroups with a lead with an address (unsaved). A fixed number of queries."""
    reporting: dict[int, list[Board]] = {}
    for subgroup in (
        Board.objects.filter(parent__isnull=False)
        .exclude(report_settings__sends_subgroup_updates=False)
        .order_by("name")
    ):
        reporting.setdefault(subgroup.parent_id, []).append(subgroup)
    if not reporting:
        return []
    meetings = list(
        Meeting.objects.filter(
            board_id__in=reporting, date__gte=today, status=MeetingStatus.SCHEDULED
        )
        .select_related("board")
        .order_by("date", "pk")
    )
    collecting = set(
        AgendaItem.objects.filter(meeting__in=meetings, role=ItemRole.SUBGROUP_UPDATES).values_list(
            "meeting_id", flat=True
        )
    )
    meetings = [m for m in meetings if m.pk in collecting]
    if not meetings:
        return []
    timings = {
        board_id: (deadline_days, reminder_days)
        for board_id, deadline_days, reminder_days in ReportSettings.objects.filter(
            board_id__in={m.board_id for m in meetings}
        ).values_list("board_id", "deadline_working_days", "reminder_working_days")
    }
    default = (DEFAULT_DEADLINE_WORKING_DAYS, DEFAULT_REMINDER_WORKING_DAYS)
    received = set(
        SubgroupUpdate.objects.filter(meeting__in=meetings).values_list("meeting_id", "subgroup_id")
    )
    sent = set(
        SubgroupUpdateNotice.objects.filter(meeting__in=meetings).values_list(
            "meeting_id", "subgroup_id", "kind", "key"
        )
    )
    leads = leads_of([s.pk for rows in reporting.values() for s in rows], today)
    due = []
    for meeting in meetings:
        kind, deadline = _wanted(meeting, timings.get(meeting.board_id, default), today)
        if kind is None:
            continue
        key = deadline.isoformat()
        for subgroup in reporting[meeting.board_id]:
            if (meeting.pk, subgroup.pk) in received or not leads.get(subgroup.pk):
                continue
            if (meeting.pk, subgroup.pk, kind, key) in sent:
                continue
            notice = SubgroupUpdateNotice(
                meeting=meeting,
                subgroup=subgroup,
                kind=kind,
                key=key,
                recipients="\n".join(f"{x.name} <{x.address}>" for x in leads[subgroup.pk]),
            )
            notice.deadline = deadline
            notice.leads = leads[subgroup.pk]
            due.append(notice)
    return due


def messages(notice: SubgroupUpdateNotice) -> list[EmailMessage]:
    """One message a lead, each with the lead's own link."""
    meeting, subgroup = notice.meeting, notice.subgroup
    subject = f"{SUBJECTS[notice.kind]}: {meeting.board.name}, {meeting.date:%-d %B %Y}"
    context = {
        "meeting": meeting,
        "subgroup": subgroup,
        "deadline": notice.deadline,
        "publication": deadlines.publication_date(meeting),
    }
    return [
        EmailMessage(
            subject,
            render_to_string(
                f"reports/email/subgroup_{notice.kind}.txt",
                {
                    **context,
                    "name": lead.name,
                    "link": links.update_link_url(meeting, subgroup, lead.person_id),
                },
            ),
            settings.DEFAULT_FROM_EMAIL,
            [lead.address],
        )
        for lead in notice.leads
    ]


def record(notice: SubgroupUpdateNotice) -> bool:
    """Save the notice; False when another run recorded it first (that run sends it)."""
    try:
        with transaction.atomic():
            notice.save()
    except IntegrityError:
        return False
    return True
