from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cspboard.documents.models import documents_storage
from cspboard.meetings.models import Meeting

from .choices import ACTIVE_STATUSES, MEMBERS_KINDS, BuildStatus, PackKind, PublicationKind


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


FILENAMES = {
    PublicationKind.FRONTSHEET: "agenda-frontsheet",
    PublicationKind.PUBLIC_PACK: "agenda-pack",
    PublicationKind.MEMBERS_PACK: "members-pack",
    PublicationKind.SUPPLEMENT_PUBLIC: "supplementary-agenda",
    PublicationKind.SUPPLEMENT_MEMBERS: "members-supplementary-agenda",
    PublicationKind.MINUTES_PUBLIC: "minutes",
    PublicationKind.MINUTES_MEMBERS: "members-minutes",
}


class PublicationQuerySet(models.QuerySet):
    def current(self) -> "PublicationQuerySet":
        """Neither withdrawn nor replaced by a later version."""
        return self.filter(withdrawn_at__isnull=True, replaced_by__isnull=True)

    def for_members(self, members: bool) -> "PublicationQuerySet":
        """What a reader may have: everything for members, the public documents otherwise."""
        return self if members else self.exclude(kind__in=MEMBERS_KINDS)


class Publication(models.Model):
    """A document a meeting published, kept exactly as it was published: an agenda pack as
    sent, a supplement, the minutes as approved. Served byte for byte from the store ever after;
    a change is a new publication beside it (a supplement, or a new version that `replaces` it
    with its reason), and one that must not be read any more is withdrawn, with the reason,
    never deleted."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="publications")
    kind = models.CharField(max_length=20, choices=PublicationKind)
    title = models.CharField(max_length=200)
    file = models.FileField(storage=documents_storage, max_length=300)
    sha256 = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField(default=0)
    page_refs = models.JSONField(
        default=dict, blank=True, help_text="Item id to [first, last] page, as the pack prints"
    )
    contents = models.JSONField(
        default=dict, blank=True, help_text="Item id to a fingerprint of what the pack showed"
    )
    published_on = models.DateField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True, help_text="What changed, for a supplement or version")
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_reason = models.TextField(blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "published_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="publication_withdrawn_with_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse(
            "packs:publication",
            kwargs={
                "slug": self.meeting.board.slug,
                "date": self.meeting.date,
                "pk": self.pk,
            },
        )

    @property
    def for_members_only(self) -> bool:
        return self.kind in MEMBERS_KINDS

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def filename(self) -> str:
        """As the pack's own address has always named it, then the document's kind."""
        name = FILENAMES.get(self.kind, self.kind.replace("_", "-"))
        return f"{self.meeting.board.slug}-{self.meeting.date:%Y-%m-%d}-{name}-{self.pk}.pdf"
