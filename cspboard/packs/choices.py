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


class PublicationKind(models.TextChoices):
    """The documents a meeting publishes, named as ModernGov names them."""

    FRONTSHEET = "frontsheet", "Agenda frontsheet"
    PUBLIC_PACK = "public_pack", "Public reports pack"
    MEMBERS_PACK = "members_pack", "Members' reports pack"
    SUPPLEMENT_PUBLIC = "supplement_public", "Supplementary agenda"
    SUPPLEMENT_MEMBERS = "supplement_members", "Supplementary agenda (members)"
    MINUTES_PUBLIC = "minutes_public", "Printed minutes"
    MINUTES_MEMBERS = "minutes_members", "Printed minutes (members)"


# Documents only the board's members (and officers) may read.
MEMBERS_KINDS = (
    PublicationKind.MEMBERS_PACK,
    PublicationKind.SUPPLEMENT_MEMBERS,
    PublicationKind.MINUTES_MEMBERS,
)
PACK_KINDS = (PublicationKind.PUBLIC_PACK, PublicationKind.MEMBERS_PACK)
MINUTES_KINDS = (PublicationKind.MINUTES_PUBLIC, PublicationKind.MINUTES_MEMBERS)
