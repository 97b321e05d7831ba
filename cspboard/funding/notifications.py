"""E-mails to providers about their quarterly returns: the request, a reminder before the due
date, the overdue notice and a second chase after it, and the officer's request for changes.

Each is one `ReturnNotice` row, keyed by the address and the due date, written inside the
transaction with the message's place in the outbox (`core.mail.queue_email`): the database's
unique constraint refuses a second row, so no notice is sent twice, whoever runs what. A
message about a withheld award does not name the service (e-mail leaves our control): the link
shows it. Every message carries a fresh signed link (`links.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cspboard.core.mail import queue_email

from .choices import ReturnNoticeKind
from .links import return_link_url
from .models import QuarterlyReturn, ReturnNotice

SUBJECTS = {
    ReturnNoticeKind.REQUESTED: "Quarterly return requested",
    ReturnNoticeKind.REMINDER: "Reminder: quarterly return due",
    ReturnNoticeKind.OVERDUE: "Quarterly return overdue",
    ReturnNoticeKind.CHASE: "Quarterly return still overdue",
    ReturnNoticeKind.RETURNED: "Quarterly return: changes needed",
}


def notice_key(quarterly_return: QuarterlyReturn, extra: str = "") -> str:
    """A new address or a new due date is a new request: its notices go again."""
    award = quarterly_return.award
    key = f"{award.contact_email.lower()}:{quarterly_return.due_on.isoformat()}"
    return f"{key}:{extra}" if extra else key


def message(quarterly_return: QuarterlyReturn, kind: str) -> EmailMessage:
    award = quarterly_return.award
    body = render_to_string(
        "funding/email/notice.txt",
        {
            "kind": kind,
            "return": quarterly_return,
            "award": award,
            "board": award.stream.board,
            "restricted": award.is_marked_withheld,
            "link": return_link_url(quarterly_return),
        },
    )
    subject = f"{SUBJECTS[kind]}: {quarterly_return.period_label}, {award.stream.board.name}"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [award.contact_email])


def send(quarterly_return: QuarterlyReturn, kind: str, *, extra: str = "") -> ReturnNotice | None:
    """Record one notice and queue its e-mail (inside the caller's transaction); None when it
    was sent before or the award has no contact address (then nothing is recorded)."""
    award = quarterly_return.award
    if not award.contact_email:
        return None
    try:
        with transaction.atomic():
            notice = ReturnNotice.objects.create(
                quarterly_return=quarterly_return,
                kind=kind,
                key=notice_key(quarterly_return, extra),
                recipients=f"{award.contact_name} <{award.contact_email}>".strip(),
                sent_at=timezone.now(),
            )
    except IntegrityError:
        return None
    mail = message(quarterly_return, kind)
    queue_email(
        mail,
        purpose=f"funding return {kind}",
        board_id=award.stream.board_id,
        about=mail.subject,
    )
    return notice
