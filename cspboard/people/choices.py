from django.db import models


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    FIRE = "fire", "Fire and rescue"
    HEALTH = "health", "Health"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    OTHER = "other", "Other"


class AliasKind(models.TextChoices):
    INITIALS = "initials", "Initials"
    SPELLING = "spelling", "Other spelling"
    SHORT = "short", "Short name"
    FORMAL = "formal", "Formal name"
