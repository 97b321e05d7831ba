"""Keeping the database from growing without bound: what the daily `tidy_up` task removes.

Sent e-mails lose their text as they are sent (`mail.email_deliver`); the worker's record of
every task it ran (each e-mail, pack build and reminder run leaves one) goes here, as
django-tasks-db's `prune_db_task_results` command would, on the schedule instead of by cron.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import task_backends
from django_tasks_db.models import DBTaskResult

DEFAULT_KEEP_DAYS = 14


def task_results_prune(now: datetime.datetime | None = None) -> int:
    """Delete the database task backends' finished results (succeeded or failed) older than
    `TASK_RESULTS_KEEP_DAYS`; tasks waiting or running are never touched. Returns how many."""
    days = int(getattr(settings, "TASK_RESULTS_KEEP_DAYS", DEFAULT_KEEP_DAYS))
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    aliases = [
        alias for alias in settings.TASKS if isinstance(task_backends[alias], DatabaseBackend)
    ]
    if not aliases:
        return 0
    deleted, _ = (
        DBTaskResult.objects.finished()
        .filter(backend_name__in=aliases, finished_at__lte=cutoff)
        .delete()
    )
    return deleted
