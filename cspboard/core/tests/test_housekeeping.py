"""The daily tidy-up (core/housekeeping.py): the worker's old records go, nothing waiting does."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cspboard.core import tasks
from cspboard.core.housekeeping import task_results_prune
from cspboard.core.schedule import EVERY_DAY, configured_jobs

pytestmark = pytest.mark.django_db


def _result(status, days_ago=None):
    result = tasks.deliver_email.enqueue(1)
    finished = timezone.now() - datetime.timedelta(days=days_ago) if days_ago is not None else None
    DBTaskResult.objects.filter(pk=result.id).update(status=status, finished_at=finished)
    return result.id


def test_finished_task_results_older_than_the_keeping_time_go(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_RESULTS_KEEP_DAYS = 14
    old_success = _result(TaskResultStatus.SUCCESSFUL, days_ago=15)
    old_failure = _result(TaskResultStatus.FAILED, days_ago=30)
    recent = _result(TaskResultStatus.SUCCESSFUL, days_ago=13)
    waiting = _result(TaskResultStatus.READY)
    running = _result(TaskResultStatus.RUNNING)

    assert task_results_prune() == 2

    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert {str(pk) for pk in left} == {str(recent), str(waiting), str(running)}
    assert not {str(old_success), str(old_failure)} & {str(pk) for pk in left}


def test_without_a_database_task_backend_there_is_nothing_to_prune(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert task_results_prune() == 0


def test_the_tidy_up_is_on_the_schedule_every_day():
    jobs = {job.name: job for job in configured_jobs()}
    assert (
        jobs["tidy up"].task == "cspboard.core.tasks.tidy_up"
        and jobs["tidy up"].weekdays == EVERY_DAY
    )
