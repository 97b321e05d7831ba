"""The scheduler's decision (`core.schedule.jobs_due`), without sleeping, and its tick: each
job enqueued once a day however often it ticks or restarts."""

import datetime
import io
import zoneinfo

import pytest
from django.core.management import call_command

from cspboard.core.models import ScheduledRun
from cspboard.core.schedule import EVERY_DAY, Job, configured_jobs, jobs_due, schedule_tick

from . import scheduled_tasks

LONDON = zoneinfo.ZoneInfo("Europe/London")
REMINDERS = Job("reminders", "x.y", datetime.time(7))
DAILY = Job("daily", "x.z", datetime.time(7, 30), EVERY_DAY)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("now", "done", "expected"),
    [
        (at(2031, 3, 3, 6, 59), set(), []),  # Monday, before seven
        (at(2031, 3, 3, 7, 0), set(), ["reminders"]),
        (at(2031, 3, 3, 7, 45), set(), ["reminders", "daily"]),
        (at(2031, 3, 3, 16, 0), {("reminders", datetime.date(2031, 3, 3))}, ["daily"]),
        (at(2031, 3, 3, 16, 0), {("reminders", datetime.date(2031, 3, 2))}, ["reminders", "daily"]),
        (at(2031, 3, 8, 9, 0), set(), ["daily"]),  # Saturday: no working-day job
        (at(2031, 3, 9, 23, 59), set(), ["daily"]),  # Sunday
    ],
)
def test_what_is_due(now, done, expected):
    assert [job.name for job in jobs_due(now, [REMINDERS, DAILY], done)] == expected


def test_local_time_decides_not_utc():
    # 06:30 UTC on a summer Monday is 07:30 in London: due.
    now = datetime.datetime(2031, 6, 2, 6, 30, tzinfo=datetime.UTC)
    assert [job.name for job in jobs_due(now, [REMINDERS], set())] == ["reminders"]


def test_the_settings_schedule_the_reminders_on_working_days(settings):
    jobs = {job.name: job for job in configured_jobs()}
    assert jobs["action reminders"].task == "cspboard.actions.tasks.send_action_reminders"
    assert jobs["report reminders"].task == "cspboard.reports.tasks.send_report_reminders"
    reminders = [jobs["action reminders"], jobs["report reminders"]]
    assert all(job.at == datetime.time(7) and len(job.weekdays) == 5 for job in reminders)


@pytest.mark.django_db
def test_each_job_is_enqueued_once_a_day():
    scheduled_tasks.RUNS.clear()
    job = Job("note", "cspboard.core.tests.scheduled_tasks.note_run", datetime.time(7))
    monday_early, monday, monday_later = at(2031, 3, 3, 6), at(2031, 3, 3, 7, 1), at(2031, 3, 3, 9)
    assert schedule_tick(monday_early, [job]) == []
    assert schedule_tick(monday, [job]) == ["note"]
    assert schedule_tick(monday_later, [job]) == []  # a restart the same day: not again
    assert scheduled_tasks.RUNS == ["ran"]
    assert schedule_tick(at(2031, 3, 4, 7, 5), [job]) == ["note"]  # Tuesday
    assert ScheduledRun.objects.count() == 2


@pytest.mark.django_db
def test_the_command_ticks_once(settings):
    settings.SCHEDULE = [
        {"name": "note", "task": "cspboard.core.tests.scheduled_tasks.note_run", "at": "00:00",
         "days": "daily"},
    ]  # fmt: skip
    scheduled_tasks.RUNS.clear()
    out = io.StringIO()
    call_command("schedule", "--once", stdout=out)
    call_command("schedule", "--once", stdout=out)
    assert out.getvalue().count("Enqueued: note") == 1 and scheduled_tasks.RUNS == ["ran"]
