from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from cspboard.boards.models import Board
from cspboard.meetings.models import Meeting

from .choices import DocumentImportStatus, LinkKind


class ModernGovLink(models.Model):
    """A meeting, item, paper or attendance row imported from ModernGov, and the id it has
    there. `fingerprint` is a digest of what the source said when it was last imported: the
    same again and nothing is written; different and the row is updated through the record's
    services (so its history shows the change).

    Links are kept per board: a board imports one committee, whose ids are unique on its site.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="moderngov_links")
    kind = models.CharField(max_length=20, choices=LinkKind)
    remote_id = models.CharField(max_length=100, help_text='"7001"; an item\'s paper: "7012/101"')
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    fingerprint = models.CharField(max_length=64)
    source = models.CharField(max_length=500, help_text="The address or folder last imported from")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["board", "kind", "remote_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "kind", "remote_id"], name="one_link_per_moderngov_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.board.slug}: ModernGov {self.get_kind_display().lower()} {self.remote_id}"


class DocumentImport(models.Model):
    """One document's import from a file: what was read (`draft`, a `minutes.draft`
    DocumentDraft as JSON, corrected by the officer on the review page), and, once confirmed,
    what it wrote. The file's SHA-256 is kept: a file already imported to a board is said to
    be so, and importing it again changes nothing.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="document_imports")
    name = models.CharField(max_length=255, help_text="The file's name as given")
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(max_length=10, help_text="text, html, docx or pdf")
    status = models.CharField(
        max_length=10, choices=DocumentImportStatus, default=DocumentImportStatus.PENDING
    )
    draft = models.JSONField(default=dict)
    # The source's lines as read ([page or null, line, text], ...), so the review page can
    # show each found thing beside the words it came from without keeping the file itself.
    lines = models.JSONField(default=list)
    # What writing it did: {"meetings_created": 1, "actions_created": 4, ...}.
    summary = models.JSONField(default=dict, blank=True)
    meetings = models.ManyToManyField(Meeting, blank=True, related_name="document_imports")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "sha256"],
                condition=models.Q(status="written"),
                name="one_written_import_per_file_and_board",
            )
        ]

    def __str__(self) -> str:
        return f"{self.board.slug}: {self.name} ({self.get_status_display().lower()})"
