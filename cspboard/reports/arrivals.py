"""E-mails to a board's officers when a report arrives: a request's report (each version, by
form or upload) and a subgroup's update (the first time it is sent).

Called inside the writing transaction; the messages are queued in the outbox and go when it
commits, one an officer (the
board's current contact officers and officers with an e-mail address). As for the authors'
e-mails (`notifications`), a withheld item is named by its number alone, never its title; the
report's own title is never sent. The link is the page officers sign in to.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from cspboard.boards.choices import OFFICER_ROLES
from cspboard.boards.models import Board, Membership
from cspboard.meetings.models import AgendaItem, Meeting

from .models import ReportSubmission, SubgroupUpdate
from .notifications import address_of, queue


def officer_addresses(board: Board, today: datetime.date) -> list[str]:
    addresses: list[str] = []
    memberships = (
        Membership.objects.current(today)
        .filter(board=board, role__in=OFFICER_ROLES)
        .select_related("person__user")
        .order_by("person__name", "pk")
    )
    for membership in memberships:
        address = address_of(membership.person)
        if address and address not in addresses:
            addresses.append(address)
    return addresses


def _withheld(item: AgendaItem) -> bool:
    return item.is_withheld  # at any depth


def _send(meeting: Meeting, subject: str, template: str, context: dict, today) -> int:
    addresses = officer_addresses(meeting.board, today)
    if not addresses:
        return 0
    subject = f"{subject}: {meeting.board.name}, {meeting.date:%-d %B %Y}"
    body = render_to_string(template, {**context, "meeting": meeting})
    for address in addresses:
        queue(
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]),
            purpose="report arrived",
            meeting=meeting,
        )
    return len(addresses)


def report_arrived(submission: ReportSubmission, *, today: datetime.date) -> int:
    """Tell the officers of the meeting's board; returns how many messages are queued."""
    request = submission.request
    item = request.item
    return _send(
        item.meeting,
        "Report received",
        "reports/email/report_arrived.txt",
        {
            "item": item,
            "restricted": _withheld(item),
            "author": request.author.display_name,
            "version": submission.version,
            "link": settings.SITE_URL.rstrip("/") + request.get_absolute_url(),
        },
        today,
    )


def update_arrived(update: SubgroupUpdate, *, item: AgendaItem, today: datetime.date) -> int:
    """Tell the officers of the parent board that a subgroup's update has arrived; `item` is
    the meeting's "subgroup updates" item."""
    return _send(
        update.meeting,
        "Subgroup update received",
        "reports/email/update_arrived.txt",
        {
            "item": item,
            "subgroup": update.subgroup,
            "restricted": _withheld(item),
            "link": settings.SITE_URL.rstrip("/") + update.get_absolute_url(),
        },
        today,
    )
