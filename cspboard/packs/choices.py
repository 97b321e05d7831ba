from django.db import models


class PackKind(models.TextChoices):
    """Which document a build makes: the agenda pack for the public or for members."""

    PUBLIC = "public", "Public pack"
    MEMBERS = "members", "Members' pack"


class BuildStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Building"
    DONE = "done", "Ready"
    STALE = "stale", "Overtaken by a change to the record"
    FAILED = "failed", "Failed"


ACTIVE_STATUSES = (BuildStatus.QUEUED, BuildStatus.RUNNING)
