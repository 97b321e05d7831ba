"""`cspboard schedule`: keep the schedule (settings.SCHEDULE, e.g. the reminders at
REMINDER_TIME on working days), enqueueing each job once a day for `cspboard db_worker` to run,
and sweep the outbox every tick. Runs until SIGINT or SIGTERM; `--once` ticks once and exits."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from cspboard.core.schedule import configured_jobs, schedule_tick


class Command(BaseCommand):
    help = "Enqueue the scheduled jobs (reminders) once a day at their time, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=30, help="seconds between ticks")
        parser.add_argument("--once", action="store_true", help="one tick, then exit")

    def handle(self, *args, interval=30, once=False, **options):
        self.stopping = False

        def stop(signum, frame):
            self.stopping = True

        if not once:
            signal.signal(signal.SIGINT, stop)
            signal.signal(signal.SIGTERM, stop)
            for job in configured_jobs():
                days = "working days" if len(job.weekdays) == 5 else "every day"
                self.stdout.write(f"Scheduled: {job.name} at {job.at:%H:%M} on {days}")
        while not self.stopping:
            try:
                for name in schedule_tick():
                    self.stdout.write(f"Enqueued: {name}")
            except DatabaseError as exc:  # the database is away: try again next tick
                self.stderr.write(f"Schedule tick failed: {exc}")
            if once:
                return
            for _ in range(max(1, interval)):
                if self.stopping:
                    break
                time.sleep(1)
            close_old_connections()  # as after a request: drop a connection gone bad
        self.stdout.write("Scheduler stopped.")
