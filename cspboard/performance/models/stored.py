"""The report as stored, ready to serve (`stored.py`): the data versions and the stored rows."""

from __future__ import annotations

from django.db import models


class ReportDataVersion(models.Model):
    """A counter moved in the same transaction as any change to what performance reports read:
    `key` is "board:<id>" for a board's own rows (its indicators, figures, commentary, overrides,
    publications, its and its subgroups' names), or "shared" for the rows every board may read
    (areas, populations, street crimes, recorded-crime counts). A stored report is current while
    both counters it was computed at stand (`stored.data_version`)."""

    key = models.CharField(max_length=40, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class StoredReport(models.Model):
    """A board's performance report for a month, computed (in the worker, or by the first page
    to need it) and kept ready to serve: every indicator's figures, rating and sentence, the SVG
    charts, the months with figures, the page's report rendered (`body`: the revisions since
    a pack carried the month and the officers' links are in it), and the PDF once made.
    `viewer` says whose report it is: the published commentary (everyone) or the drafts (the
    board's officers and analysts), so drafts never reach the public. `version` is the data
    version it was computed at; a row whose version is not the current one is never served
    (`stored.py`)."""

    PUBLISHED, DRAFTS = "published", "drafts"

    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, related_name="stored_performance_reports"
    )
    month = models.DateField(help_text="The first day of the report's month.")
    viewer = models.CharField(
        max_length=10, choices=[(PUBLISHED, "Published"), (DRAFTS, "Drafts")], default=PUBLISHED
    )
    version = models.CharField(max_length=80)
    content = models.JSONField(default=dict)
    body = models.TextField(blank=True, help_text="The page's report, rendered.")
    pdf = models.BinaryField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["board_id", "month", "viewer"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "month", "viewer"], name="performance_stored_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.month:%Y-%m} ({self.viewer}) at {self.version}"
