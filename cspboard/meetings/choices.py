from django.db import models


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    MINUTES_DRAFTED = "minutes_drafted", "Minutes drafted"
    MINUTES_WITH_CHAIR = "minutes_with_chair", "Minutes with the chair"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved by the chair"
    MINUTES_PUBLISHED = "minutes_published", "Minutes published"
    CANCELLED = "cancelled", "Cancelled"


# Statuses from which the agenda is public.
AGENDA_PUBLIC_STATUSES = (
    MeetingStatus.AGENDA_PUBLISHED,
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFTED,
    MeetingStatus.MINUTES_WITH_CHAIR,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
)
# Minutes exist from these statuses; members see drafts, the public only published minutes.
MINUTES_STATUSES = (
    MeetingStatus.MINUTES_DRAFTED,
    MeetingStatus.MINUTES_WITH_CHAIR,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
)


class Amendment(models.TextChoices):
    """How an item changed after the agenda was published (members are told)."""

    NONE = "", "Not changed since publication"
    SUPPLEMENTARY = "supplementary", "Supplementary"
    REVISED = "revised", "Revised"


class ReviewAction(models.TextChoices):
    SENT = "sent", "Sent to the chair"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned with comments"
    CONFIRMED = "confirmed", "Confirmed as correct at a meeting of the board"
    PUBLISHED = "published", "Published"


class ItemKind(models.TextChoices):
    VERBAL = "verbal", "Verbal"
    PAPER = "paper", "Paper"
    PRESENTATION = "presentation", "Presentation"


class ItemPurpose(models.TextChoices):
    DECISION = "decision", "For decision"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"


class SecurityMarking(models.TextChoices):
    UNRESTRICTED = "UNRESTRICTED", "Unrestricted"
    UNPROTECTED = "UNPROTECTED", "Unprotected"
    PROTECTED = "PROTECTED", "Protected"
    RESTRICTED = "RESTRICTED", "Restricted"


# Markings that keep a paper from the public (members only).
WITHHELD_MARKINGS = (SecurityMarking.PROTECTED, SecurityMarking.RESTRICTED)


class Schedule12AParagraph(models.IntegerChoices):
    """Part 1 of Schedule 12A to the Local Government Act 1972: grounds to withhold."""

    INDIVIDUAL = 1, "1: information relating to any individual"
    IDENTITY = 2, "2: information likely to reveal the identity of an individual"
    FINANCIAL = 3, "3: financial or business affairs of any particular person"
    LABOUR = 4, "4: consultations or negotiations on labour relations"
    LEGAL = 5, "5: legal professional privilege"
    NOTICE_ORDER = 6, "6: notices, orders or directions under any enactment"
    CRIME = 7, "7: prevention, investigation or prosecution of crime"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class AttendanceCapacity(models.TextChoices):
    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Substitute"
    NOTE_TAKER = "note_taker", "Note taker"
    OFFICER = "officer", "Officer"
    PRESENTER = "presenter", "Presenter"
    GUEST = "guest", "Guest"


class DecisionKind(models.TextChoices):
    DECISION = "decision", "Decision"
    RESOLUTION = "resolution", "Resolution"


class PlanStatus(models.TextChoices):
    """Where an item on the forward plan stands (the plan's "Item Status" column)."""

    PLANNED = "planned", "Planned"
    REPORT_REQUESTED = "report_requested", "Report requested"
    REPORT_RECEIVED = "report_received", "Report received"
    VERBAL = "verbal", "Verbal"
    DEFERRED = "deferred", "Deferred"
