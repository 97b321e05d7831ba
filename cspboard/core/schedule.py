"""The schedule `cspboard schedule` keeps: jobs (tasks) enqueued once a day at a set time.

`jobs_due(now, jobs, done)` is the whole decision, pure: at `now` (local time), which jobs are
due that have not run today. `schedule_tick(now)` asks it, records each job it enqueues as a
`ScheduledRun` row for the day (unique, in the same transaction as the enqueue with the
database task backend), so a scheduler restarted, or two started by mistake, enqueue each job
once a day. A job whose time passed while the scheduler was stopped runs when it starts again
the same day; a whole day missed is not made up (reminders are keyed by their own dates and
catch up by themselves the next day).

The jobs come from `settings.SCHEDULE`, each a task's dotted path: the base layer imports no
domain app.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .mail import emails_sweep
from .models import ScheduledRun

logger = logging.getLogger(__name__)

WORKING_DAYS = frozenset(range(5))  # Monday to Friday
EVERY_DAY = frozenset(range(7))


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # dotted path of a django_tasks task
    at: datetime.time
    weekdays: frozenset[int] = WORKING_DAYS


def configured_jobs(schedule: Iterable[dict] | None = None) -> list[Job]:
    jobs = []
    for entry in settings.SCHEDULE if schedule is None else schedule:
        days = entry.get("days", "working")
        jobs.append(
            Job(
                name=entry["name"],
                task=entry["task"],
                at=datetime.time.fromisoformat(entry["at"]),
                weekdays=EVERY_DAY if days == "daily" else WORKING_DAYS,
            )
        )
    return jobs


def jobs_due(
    now: datetime.datetime, jobs: Iterable[Job], done: set[tuple[str, datetime.date]]
) -> list[Job]:
    """The jobs to enqueue at `now`: today is one of their days, their time has come, and they
    have not been enqueued today."""
    local = timezone.localtime(now) if timezone.is_aware(now) else now
    today = local.date()
    return [
        job
        for job in jobs
        if today.weekday() in job.weekdays
        and local.time() >= job.at
        and (job.name, today) not in done
    ]


def schedule_tick(now: datetime.datetime | None = None, jobs: list[Job] | None = None) -> list[str]:
    """Enqueue what is due now, once each; sweep the outbox. Returns the jobs enqueued."""
    now = now or timezone.now()
    jobs = configured_jobs() if jobs is None else jobs
    today = timezone.localtime(now).date()
    done = set(ScheduledRun.objects.filter(run_on=today).values_list("name", "run_on"))
    enqueued = []
    for job in jobs_due(now, jobs, done):
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=job.name, run_on=today, enqueued_at=now)
                import_string(job.task).enqueue()
        except IntegrityError:
            continue  # another scheduler enqueued it first
        enqueued.append(job.name)
        logger.info("Enqueued %s for %s", job.name, today)
    emails_sweep(now)
    return enqueued
