from django.db import models


class LinkKind(models.TextChoices):
    """What a ModernGov id names in the record."""

    MEETING = "meeting", "Meeting"
    ITEM = "item", "Agenda item"
    DOCUMENT = "document", "Paper"
    ATTENDANCE = "attendance", "Attendance"
