"""E-mails to report authors: the request, a reminder before the deadline, the overdue notice.

Each is one `ReportNotice` row, keyed by the author and the deadline, written inside the
transaction with the message's place in the outbox (`core.mail.queue_email`: the worker sends it
once the transaction commits, and tries again if the mail server refuses): the database's
unique constraint refuses a second row, so no notice is ever sent twice, whoever runs what. A
message carries only what the public may see, plus a link: a withheld item is named by its
number alone, never its title or the officer's note (e-mail leaves our control). Authors with
an account get the request's page (they sign in); the others a signed link (`links.py`) to
submit the report.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from cspboard.core.mail import queue_email

from . import deadlines
from .choices import NoticeKind
from .links import report_link_url
from .models import ReportNotice, ReportRequest


def address_of(person) -> str:
    if person.email:
        return person.email
    user = person.user if person.user_id else None
    return user.email if user is not None and user.email else ""


def notice_key(request: ReportRequest) -> str:
    """A new author or a new deadline is a new request: its notices go again."""
    return f"{request.author_id}:{request.deadline.isoformat()}"


def link_for(request: ReportRequest) -> str:
    user = request.author.user if request.author.user_id else None
    if user is not None and user.is_active:
        return settings.SITE_URL.rstrip("/") + request.get_absolute_url()
    return report_link_url(request)


def _withheld(request: ReportRequest) -> bool:
    return request.item.is_withheld  # at any depth


SUBJECTS = {
    NoticeKind.REQUESTED: "Report requested",
    NoticeKind.REMINDER: "Reminder: report due",
    NoticeKind.OVERDUE: "Report overdue",
}


def message(request: ReportRequest, kind: str) -> EmailMessage:
    meeting = request.item.meeting
    restricted = _withheld(request)
    body = render_to_string(
        f"reports/email/{kind}.txt",
        {
            "request": request,
            "meeting": meeting,
            "item": request.item,
            "restricted": restricted,
            "publication": deadlines.publication_date(meeting),
            "link": link_for(request),
        },
    )
    subject = f"{SUBJECTS[kind]}: {meeting.board.name}, {meeting.date:%-d %B %Y}"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address_of(request.author)])


def queue(mail: EmailMessage, *, purpose: str, meeting) -> None:
    """Put one message in the outbox, labelled with the meeting's board for its officers."""
    queue_email(mail, purpose=purpose, board_id=meeting.board_id, about=mail.subject)


def record(request: ReportRequest, kind: str) -> ReportNotice | None:
    """Record a notice to the request's author; None when it was sent before, or when the
    author has no address (then nothing is recorded: it goes once they have one)."""
    address = address_of(request.author)
    if not address:
        return None
    try:
        with transaction.atomic():
            return ReportNotice.objects.create(
                request=request,
                kind=kind,
                key=notice_key(request),
                recipients=f"{request.author.display_name} <{address}>",
            )
    except IntegrityError:
        return None


def request_sent(request: ReportRequest) -> ReportNotice | None:
    """Tell the author of a new request (or its new deadline): called inside the writing
    transaction; the message is queued and goes when it commits."""
    notice = record(request, NoticeKind.REQUESTED)
    if notice is not None:
        queue(
            message(request, NoticeKind.REQUESTED),
            purpose="report request",
            meeting=request.item.meeting,
        )
    return notice
