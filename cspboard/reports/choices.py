from django.db import models

# The board's settings when it has not set its own.
DEFAULT_DEADLINE_WORKING_DAYS = 5
DEFAULT_REMINDER_WORKING_DAYS = 3


class RequestStatus(models.TextChoices):
    """Where a report request stands. "Overdue" is not stored: it is a request still waiting
    after its deadline."""

    REQUESTED = "requested", "Requested"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Requests that still count: one of these per item at most.
OPEN_STATUSES = (RequestStatus.REQUESTED, RequestStatus.SUBMITTED)


class SubmissionSource(models.TextChoices):
    FORM = "form", "Written on the cover sheet"
    UPLOAD = "upload", "Uploaded"


class NoticeKind(models.TextChoices):
    """The e-mails an author gets about a request, each sent once."""

    REQUESTED = "requested", "Request"
    REMINDER = "reminder", "Reminder before the deadline"
    OVERDUE = "overdue", "Overdue notice"


class SubgroupNoticeKind(models.TextChoices):
    """The e-mails a subgroup's leads get about an update report to the parent board, each sent
    once."""

    REMINDER = "reminder", "Reminder before the deadline"
    NOT_RECEIVED = "not_received", "Not received notice"
