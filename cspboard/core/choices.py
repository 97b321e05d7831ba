from django.db import models


class EmailStatus(models.TextChoices):
    """Where an e-mail in the outbox (`OutgoingEmail`) has got to."""

    QUEUED = "queued", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    RETRYING = "retrying", "Not sent yet: will try again"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


# Not sent, and still to be tried: the worker (or the scheduler's sweep) will try them.
PENDING_EMAIL_STATUSES = (EmailStatus.QUEUED, EmailStatus.SENDING, EmailStatus.RETRYING)
