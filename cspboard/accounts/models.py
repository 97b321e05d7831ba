from django.conf import settings
from django.db import models
from django.utils import timezone

from .choices import EnrolmentReason


class SecondFactorEnrolment(models.Model):
    """A one-time link, e-mailed to the person, that lets them set up an authenticator app.

    A password alone never sets up the first device: the set-up page needs an enrolment that
    this session claimed (by opening the link while signed in as its user, or by setting the
    password from an invitation, which is such a link itself). It works once (`used_at`) and
    until `expires_at`. The rows stay as the record of who reset whose second factor, when.
    Only a hash of the link's token is kept.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="second_factor_enrolments",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    reason = models.CharField(max_length=20, choices=EnrolmentReason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who made the link or reset the second factor (empty: the service itself)",
    )
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    devices_removed = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} for {self.user} on {self.created_at:%Y-%m-%d %H:%M}"

    def is_usable(self, now=None) -> bool:
        """The link has not been opened yet and has not expired."""
        return self.used_at is None and (now or timezone.now()) < self.expires_at
