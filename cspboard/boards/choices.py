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
