from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from cspboard.boards.models import Board

from .choices import LinkKind


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
