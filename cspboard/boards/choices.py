from django.db import models


class Role(models.TextChoices):
    """A person's part on a board. The order is the order a membership list is printed in."""

    CHAIR = "chair", "Chair"
    INTERIM_CHAIR = "interim_chair", "Interim chair"
    DEPUTY_CHAIR = "deputy_chair", "Deputy chair"
    MEMBER = "member", "Member"
    ADVISER = "adviser", "Adviser (not a member)"
    CONTACT_OFFICER = "contact_officer", "Contact officer"
    OFFICER = "officer", "Officer (clerk or policy officer)"
    ANALYST = "analyst", "Analyst"
    NOTE_TAKER = "note_taker", "Note taker"


ROLE_ORDER = {value: index for index, value in enumerate(Role.values)}

# Roles that lead the meeting: shown as "the chair" of a meeting when its own chair is unknown.
CHAIR_ROLES = (Role.CHAIR, Role.INTERIM_CHAIR)

# Roles expected at every meeting: the attendance record counts meetings against these.
VOTING_ROLES = (Role.CHAIR, Role.INTERIM_CHAIR, Role.DEPUTY_CHAIR, Role.MEMBER)

# Roles that run the board's business: they may edit everything of the board.
OFFICER_ROLES = (Role.CONTACT_OFFICER, Role.OFFICER)

# Who leads a subgroup (and may write its update report besides the parent board's officers).
SUBGROUP_LEAD_ROLES = (Role.CHAIR, Role.INTERIM_CHAIR, Role.DEPUTY_CHAIR)


class ItemRole(models.TextChoices):
    """What an agenda item is for, so that the pack, the action log and the reports find it by
    what it is, never by the words of its title (which officers may change at will)."""

    ORDINARY = "ordinary", "Ordinary item"
    APOLOGIES = "apologies", "Introductions and apologies"
    DECLARATIONS = "declarations", "Declarations of interest"
    MINUTES = "minutes", "Minutes of the last meeting"
    ACTION_LOG = "action_log", "Action log"
    MINUTES_AND_ACTION_LOG = "minutes_and_action_log", "Minutes of the last meeting and action log"
    PERFORMANCE_REPORT = "performance_report", "Performance report"
    SUBGROUP_UPDATES = "subgroup_updates", "Subgroup updates"
    FORWARD_PLAN = "forward_plan", "Forward plan"
    PLAN_PROGRESS = "plan_progress", "Plan progress report"
    FUNDING_SUMMARY = "funding_summary", "Funded services summary"
    AOB = "aob", "Any other business"
    NEXT_MEETING = "next_meeting", "Date of next meeting"


# The items that carry the last meeting's minutes, and those that carry the action log.
MINUTES_ROLES = (ItemRole.MINUTES, ItemRole.MINUTES_AND_ACTION_LOG)
ACTION_LOG_ROLES = (ItemRole.ACTION_LOG, ItemRole.MINUTES_AND_ACTION_LOG)
