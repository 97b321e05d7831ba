"""The outbox: every e-mail the service sends goes through `queue_email`.

`queue_email` writes an `OutgoingEmail` row in the caller's transaction and, once that
transaction commits, enqueues the `deliver_email` task (below), which the worker
(`cspboard db_worker`) runs. So:

- a change that is rolled back sends nothing (its row goes with it);
- a mail server that is down or refuses can never turn a saved change into an error page: the
  request only wrote a row;
- a message that fails is tried again later, after 1, 5, 25... minutes
  (`EMAIL_RETRY_BASE_SECONDS` times `EMAIL_RETRY_FACTOR` to the power of the attempts so far),
  up to `EMAIL_MAX_ATTEMPTS` attempts, then marked failed; officers see failed and waiting
  e-mails, with the error, on the e-mails page (`/emails/`), and can try one again.

Delivery is at least once: a row is claimed (queued or retrying, to sending) by one conditional
update, so two tasks for the same row never both send it; a worker that dies while sending
leaves the row "sending", and the sweep (`emails_sweep`, run every minute by `cspboard
schedule`) tries it again after `EMAIL_SENDING_STALL` seconds. The sweep also enqueues any
message whose task went missing (the process stopped between commit and enqueue, or the task
backend cannot defer a retry).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django_tasks import task

from .choices import EmailStatus
from .models import OutgoingEmail

logger = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_RETRY_BASE_SECONDS = 60
DEFAULT_RETRY_FACTOR = 5
SWEEP_GRACE = datetime.timedelta(minutes=10)  # a task this late is taken to be lost
DEFAULT_SENDING_STALL = 900


def max_attempts() -> int:
    return max(1, int(getattr(settings, "EMAIL_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)))


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the `attempts`th failed attempt: 1, 5, 25, 125 minutes..."""
    base = float(getattr(settings, "EMAIL_RETRY_BASE_SECONDS", DEFAULT_RETRY_BASE_SECONDS))
    factor = float(getattr(settings, "EMAIL_RETRY_FACTOR", DEFAULT_RETRY_FACTOR))
    return datetime.timedelta(seconds=base * factor ** max(0, attempts - 1))


def _addresses(value: str | Iterable[str] | None) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [address for address in value if address]


def queue_email(
    message: EmailMessage | None = None,
    *,
    purpose: str,
    to: str | Sequence[str] | None = None,
    subject: str = "",
    body: str = "",
    html: str = "",
    cc: Sequence[str] | None = None,
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
    board_id: int | None = None,
    about: str = "",
) -> OutgoingEmail:
    """Record one e-mail (a Django `EmailMessage`, or its fields) in the outbox and send it once
    the current transaction commits. `purpose` labels the kind of e-mail ("reminder");
    `board_id` and `about` say whose and what about, for the officers' page."""
    if message is not None:
        if message.bcc or message.attachments:
            raise ValueError("The outbox does not keep blind copies or attachments.")
        to, cc, subject, body = message.to, message.cc, message.subject, message.body
        headers = {**message.extra_headers, **(headers or {})}
        from_email = message.from_email
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
    recipients = _addresses(to)
    if not recipients:
        raise ValueError("An e-mail needs someone to go to.")
    email = OutgoingEmail.objects.create(
        to=recipients,
        cc=_addresses(cc),
        from_email=from_email if from_email and from_email != settings.DEFAULT_FROM_EMAIL else "",
        subject=subject,
        body=body,
        html_body=html,
        headers=dict(headers or {}),
        purpose=purpose,
        board_id=board_id,
        about=about[:200],
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: _enqueue(email.pk), robust=True)
    return email


def queue_emails(
    messages: Iterable[EmailMessage], *, purpose: str, board_id: int | None = None, about: str = ""
) -> list[OutgoingEmail]:
    return [queue_email(m, purpose=purpose, board_id=board_id, about=about) for m in messages]


def _enqueue(email_id: int, run_after: datetime.datetime | None = None) -> None:
    """Put the delivery on the task queue; a failure here is logged, never raised (the row is
    in the outbox, and the sweep finds it)."""
    try:
        task = deliver_email
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # the backend cannot wait: the sweep enqueues it when it is due
            task = task.using(run_after=run_after)
        task.enqueue(email_id)
    except Exception:
        logger.exception("Could not enqueue the delivery of e-mail %s", email_id)


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        email.subject,
        email.body,
        email.from_email or settings.DEFAULT_FROM_EMAIL,
        email.to,
        cc=email.cc,
        headers=email.headers,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


def email_deliver(email_id: int) -> str:
    """Send one e-mail from the outbox (the `deliver_email` task). On failure, record the error
    and try again later, or mark it failed after the last attempt. Returns the new status."""
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, status__in=[EmailStatus.QUEUED, EmailStatus.RETRYING]
    ).update(status=EmailStatus.SENDING, attempts=F("attempts") + 1, updated_at=now)
    if not claimed:
        return "not waiting"  # sent already, being sent, failed for good, or gone
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        _message(email).send(fail_silently=False)
    except Exception as exc:  # whatever the mail backend raises: kept on the row
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if email.attempts >= max_attempts():
            logger.error("E-mail %s failed after %s attempts: %s", email_id, email.attempts, error)
            OutgoingEmail.objects.filter(pk=email_id).update(
                status=EmailStatus.FAILED, last_error=error, next_attempt_at=None, updated_at=now
            )
            return EmailStatus.FAILED
        when = now + retry_delay(email.attempts)
        logger.warning("E-mail %s not sent (attempt %s): %s", email_id, email.attempts, error)
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=EmailStatus.RETRYING, last_error=error, next_attempt_at=when, updated_at=now
        )
        transaction.on_commit(lambda: _enqueue(email_id, run_after=when), robust=True)
        return EmailStatus.RETRYING
    # A sent e-mail keeps who, what about and when, not its text: bodies can carry one-time
    # links (sign-in, set-up, update), which must not outlive their delivery in the database.
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT,
        sent_at=timezone.now(),
        next_attempt_at=None,
        updated_at=now,
        body="",
        html_body="",
    )
    return EmailStatus.SENT


@transaction.atomic
def email_retry(*, email: OutgoingEmail) -> OutgoingEmail:
    """An officer's "try again": the e-mail goes back on the queue now, with its attempts
    counted afresh. A message already sent, or being sent, is left alone."""
    if email.status in (EmailStatus.SENT, EmailStatus.SENDING):
        return email
    email.status = EmailStatus.RETRYING
    email.attempts = 0
    email.next_attempt_at = timezone.now()
    email.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    transaction.on_commit(lambda: _enqueue(email.pk), robust=True)
    return email


def emails_sweep(now: datetime.datetime | None = None) -> int:
    """Enqueue what should have been tried by now and was not: waiting or retrying e-mails
    whose time passed `SWEEP_GRACE` ago, and e-mails left "sending" by a worker that stopped.
    Each is enqueued at most once per grace period. Returns how many."""
    now = now or timezone.now()
    stall = datetime.timedelta(
        seconds=int(getattr(settings, "EMAIL_SENDING_STALL", DEFAULT_SENDING_STALL))
    )
    late = now - SWEEP_GRACE
    due = list(
        OutgoingEmail.objects.filter(
            Q(status__in=[EmailStatus.QUEUED, EmailStatus.RETRYING], next_attempt_at__lte=late)
            | Q(status=EmailStatus.SENDING, updated_at__lt=now - stall)
        ).values_list("pk", flat=True)
    )
    for pk in due:
        # Only if it is still as found: a worker may have taken it meanwhile.
        moved = OutgoingEmail.objects.filter(
            Q(status__in=[EmailStatus.QUEUED, EmailStatus.RETRYING], next_attempt_at__lte=late)
            | Q(status=EmailStatus.SENDING, updated_at__lt=now - stall),
            pk=pk,
        ).update(
            status=Case(
                When(status=EmailStatus.SENDING, then=Value(EmailStatus.RETRYING.value)),
                default=F("status"),
            ),
            next_attempt_at=now,
            updated_at=now,
        )
        if moved:
            _enqueue(pk)
    return len(due)


@task()
def deliver_email(email_id: int) -> str:
    """Send one e-mail from the outbox: the task `queue_email` enqueues after the commit."""
    return email_deliver(email_id)
