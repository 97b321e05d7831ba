from django.db import models


class LinkKind(models.TextChoices):
    """What a ModernGov id names in the record."""

    MEETING = "meeting", "Meeting"
    ITEM = "item", "Agenda item"
    DOCUMENT = "document", "Paper"
    ATTENDANCE = "attendance", "Attendance"


class DocumentImportStatus(models.TextChoices):
    """Where a document's import stands: read and waiting for review, written, or dropped."""

    PENDING = "pending", "Waiting for review"
    WRITTEN = "written", "Imported"
    DISCARDED = "discarded", "Discarded"
