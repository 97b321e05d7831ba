from django.db import models


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    DUPLICATE = "duplicate", "Duplicate"


class Rag(models.TextChoices):
    RED = "R", "Red"
    AMBER = "A", "Amber"
    GREEN = "G", "Green"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for the officer"
    CONFIRMED = "confirmed", "Confirmed"
    DISCARDED = "discarded", "Discarded"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    NO_UPDATE = "no_update", "No update"


class UpdateSource(models.TextChoices):
    OFFICER = "officer", "Officer"
    OWNER = "owner", "Owner"
    LINK = "link", "Owner, by e-mailed link"
    MEETING = "meeting", "At the meeting"
    IMPORT = "import", "Spreadsheet import"
