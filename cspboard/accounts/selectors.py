"""Reads for log-ins and the second factor."""

from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_is_set_up(user) -> bool:
    """Whether the user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
