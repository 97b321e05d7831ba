"""The base layer's background tasks, run by `cspboard db_worker` (docs/decisions/0006)."""

from django_tasks import task

from . import mail


@task()
def deliver_email(email_id: int) -> str:
    """Send one e-mail from the outbox (`core/mail.py`)."""
    return mail.email_deliver(email_id)
