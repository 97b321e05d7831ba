"""Reads for log-ins and the second factor."""

import datetime

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import SecondFactorEnrolment


def totp_is_set_up(user) -> bool:
    """Whether the user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_in_progress(user, enrolment_id) -> SecondFactorEnrolment | None:
    """The enrolment this session claimed (its id kept in the session), if it still lets the
    user set up an authenticator app: theirs, not completed, not expired, no app confirmed."""
    if not enrolment_id or user is None or not user.is_authenticated:
        return None
    enrolment = (
        SecondFactorEnrolment.objects.filter(
            pk=enrolment_id,
            user=user,
            used_at__isnull=False,
            completed_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("user")
        .first()
    )
    if enrolment is None or totp_is_set_up(user):
        return None
    return enrolment


def enrolment_link_recently_sent(user, minutes: int = 10) -> SecondFactorEnrolment | None:
    """A set-up link the person asked for in the last few minutes and has not opened yet."""
    since = timezone.now() - datetime.timedelta(minutes=minutes)
    return (
        SecondFactorEnrolment.objects.filter(
            user=user, used_at__isnull=True, created_at__gte=since, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )
