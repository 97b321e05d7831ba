"""The report a meeting saw: the published commentary and ratings of a month, the month a meeting's
report is for, and the report as a published pack carried it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReportPublication(models.Model):
    """The analyst's commentary and rating overrides of a board's month as published.

    `Commentary` and `RatingOverride` rows are drafts: only officers and analysts of the board
    see them until the month's commentary is published (by the analyst, or by publishing the
    agenda whose pack carries the month's report). Publishing copies them here; the public
    report reads the latest publication of its month. `content` maps each indicator's id (as
    text) to {"commentary", "benchmark_percent_change", "rating", "reason"} (rating None when
    the calculated rating stands).
    """

    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, related_name="performance_publications"
    )
    month = models.DateField(help_text="The first day of the report's month.")
    content = models.JSONField(default=dict)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The meeting whose agenda published it, when it was not the analyst.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["board_id", "month", "published_at", "id"]
        indexes = [
            models.Index(fields=["board", "month"], name="performance_publication_month"),
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.month:%Y-%m} commentary published {self.published_at:%Y-%m-%d}"


class MeetingReport(models.Model):
    """The month of the performance report a meeting's agenda pack carries, as an officer or
    analyst chose it when building the agenda (without one, the month is worked out from the
    meeting's dates: `pack.meeting_report_month`)."""

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="performance_report_choice"
    )
    month = models.DateField(help_text="The first day of the report's month.")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["meeting_id"]

    def __str__(self) -> str:
        return f"{self.meeting}: report to {self.month:%B %Y}"


class ReportSnapshot(models.Model):
    """The performance report as an agenda pack carried it when the agenda was published: the
    month and, for each indicator, its figures, rating and sentence (`indicators` maps the
    indicator's id, as text, to {"slug", "name", "figures", "rating", "sentence"}). The live
    report compares its figures with the latest snapshot of its month, to say which were
    revised since the board saw them."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="performance_snapshots"
    )
    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, related_name="performance_snapshots"
    )
    month = models.DateField(help_text="The first day of the report's month.")
    published_on = models.DateField(help_text="The day the agenda was published.")
    indicators = models.JSONField(default=dict)
    taken_at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["board_id", "month", "published_on", "id"]
        indexes = [
            models.Index(fields=["board", "month"], name="performance_snapshot_month"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: report to {self.month:%B %Y} as published {self.published_on}"
