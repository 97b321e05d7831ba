from django.db import models
from django.db.models import Q

from cspboard.meetings.models import Meeting

from .choices import ACTIVE_STATUSES, BuildStatus, PackKind


class PackBuild(models.Model):
    """One build of a meeting's agenda pack, with how far it has gone, so that any process (and
    any request) can show its progress and wait for it.

    A build is of one pack as the record stood at `fingerprint` (packs/services.py); the pack is
    kept only if the record had not changed by the end. Not part of the record: the packs app
    is not a record app, so saving a build never moves the record generation (if it did, every
    step would make its own build stale).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_builds")
    kind = models.CharField(max_length=10, choices=PackKind)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=BuildStatus, default=BuildStatus.QUEUED)
    step = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Two requests asking at once share one build.
            models.UniqueConstraint(
                fields=["meeting", "kind", "fingerprint"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="one_active_pack_build",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "kind", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.meeting}: {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
