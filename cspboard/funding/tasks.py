"""Funded services' background task: the providers' reminders, enqueued each working morning by
`cspboard schedule` (settings.SCHEDULE) and run by `cspboard db_worker`."""

from django.utils import timezone
from django_tasks import task

from .reminders import reminders_send


@task()
def send_return_reminders() -> int:
    """Record today's reminders and overdue notices to providers; each goes once."""
    return len(reminders_send(today=timezone.localdate()))
