from django.db import models


class EnrolmentReason(models.TextChoices):
    """Why a link to set up an authenticator app was made."""

    INVITATION = "invitation", "Set with the password from an invitation"
    REQUESTED = "requested", "Asked for by the person"
    RESET = "reset", "Second factor reset"
