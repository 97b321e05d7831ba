from django.db import models


class PlanKind(models.TextChoices):
    CSP_PLAN = "csp_plan", "Community Safety Partnership Plan"
    VRU_PLAN = "vru_plan", "Violence Reduction Action Plan"
    SVD_STRATEGY = "svd_strategy", "Serious Violence Duty strategy"
    INSPECTION_RESPONSE = "inspection_response", "Inspection response"
    OTHER = "other", "Other plan"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"


# Versions the public may read: the current one and those it replaced.
PUBLIC_VERSION_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)


class PlanActionStatus(models.TextChoices):
    NOT_ASSIGNED = "not_assigned", "Not yet assigned"
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DELAYED = "delayed", "Delayed"
    COMPLETE = "complete", "Complete"


# A plan action still to be done: it has a RAG by the board's rule; a complete one has none.
OPEN_ACTION_STATUSES = (
    PlanActionStatus.NOT_ASSIGNED,
    PlanActionStatus.NOT_STARTED,
    PlanActionStatus.IN_PROGRESS,
    PlanActionStatus.DELAYED,
)
