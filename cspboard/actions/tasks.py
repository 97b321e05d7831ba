"""The action log's background tasks: the owners' reminders, enqueued each working morning by
`cspboard schedule` (settings.SCHEDULE) and run by `cspboard db_worker`."""

from django.utils import timezone
from django_tasks import task

from .reminders import reminders_send


@task()
def send_action_reminders() -> int:
    """Record today's reminders and queue their e-mails; each goes once, ever."""
    return len(reminders_send(today=timezone.localdate()))
