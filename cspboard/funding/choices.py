from django.db import models


class StreamKind(models.TextChoices):
    CORE_FUND = "core_fund", "Core fund"
    GRANT_PROGRAMME = "grant_programme", "Grant programme"
    OTHER = "other", "Other"


class AwardStatus(models.TextChoices):
    """A proposed award is a funding decision not yet taken: for the board's members and
    officers only. Awarded and ended awards are public unless withheld."""

    PROPOSED = "proposed", "Proposed"
    AWARDED = "awarded", "Awarded"
    ENDED = "ended", "Ended"


# Awards the public may see (when not withheld under Schedule 12A).
PUBLIC_AWARD_STATUSES = (AwardStatus.AWARDED, AwardStatus.ENDED)


class MeasureKind(models.TextChoices):
    OUTPUT = "output", "Output"
    OUTCOME = "outcome", "Outcome"


class ReturnStatus(models.TextChoices):
    """Where a provider's quarterly return stands. "Overdue" is not stored: it is a return
    still requested after its due date."""

    REQUESTED = "requested", "Requested"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned for changes"


# Returns the provider may still write through their link.
OPEN_RETURN_STATUSES = (ReturnStatus.REQUESTED, ReturnStatus.RETURNED)
# Returns the link still opens (to write, or to see that it was sent).
LINK_RETURN_STATUSES = (ReturnStatus.REQUESTED, ReturnStatus.RETURNED, ReturnStatus.SUBMITTED)


class ReturnNoticeKind(models.TextChoices):
    """The e-mails a provider gets about a return, each sent once."""

    REQUESTED = "requested", "Request"
    REMINDER = "reminder", "Reminder before the due date"
    OVERDUE = "overdue", "Overdue notice"
    CHASE = "chase", "Second overdue notice"
    RETURNED = "returned", "Sent back for changes"


# A return is due this many working days after its quarter ends, unless the officer says.
RETURN_DUE_WORKING_DAYS = 10
# The reminder goes this many working days before the due date; the overdue notice the working
# day after it; the chase this many working days after it.
REMINDER_WORKING_DAYS = 3
CHASE_WORKING_DAYS = 5
