from django.db import models
from django.utils import timezone

from .choices import EmailStatus


class CacheGeneration(models.Model):
    """A counter for one part of the record, moved inside the transaction of every write to it.

    Cached pages are keyed by the counters of the parts they show (`core/cache.py`): a write
    retires exactly those pages, in every worker and on every server sharing the database, so a
    page is never served stale. `scope` is "global" (boards, people and organisations, shown
    across boards), "data" (open data: areas, populations, crimes, read by any board's
    performance report) or "board:<id>" (a board's meetings, papers, actions and figures).
    """

    scope = models.CharField(max_length=40, unique=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["scope"]

    def __str__(self) -> str:
        return f"{self.scope}: generation {self.value}"


class OutgoingEmail(models.Model):
    """One e-mail in the outbox: every message the service sends is a row here first, written in
    the transaction of the change it is about, and sent by a task once that commits
    (`core/mail.py`). A rolled-back change sends nothing; a mail server that refuses never
    undoes a saved change; a failed message is retried with back-off and then shown to officers.

    The base layer knows nothing of boards: `board_id` and `about` are a plain reference the
    caller gives, so officers see which board's mail did not go.
    """

    to = models.JSONField(default=list)
    cc = models.JSONField(default=list, blank=True)
    from_email = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    purpose = models.CharField(max_length=60, help_text="What kind of e-mail, e.g. reminder")
    board_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    about = models.CharField(max_length=200, blank=True, help_text="What it is about, in words")
    status = models.CharField(max_length=10, choices=EmailStatus, default=EmailStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = "outgoing e-mail"

    def __str__(self) -> str:
        return f"{self.subject} to {', '.join(self.to)}: {self.get_status_display()}"

    @property
    def recipients(self) -> str:
        return ", ".join([*self.to, *self.cc])


class ScheduledRun(models.Model):
    """A scheduled job enqueued for one day (`cspboard schedule`): the row makes the schedule
    enqueue each job once a day, however often the scheduler restarts."""

    name = models.CharField(max_length=100)
    run_on = models.DateField()
    enqueued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-run_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "run_on"], name="one_scheduled_run_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.run_on}"
