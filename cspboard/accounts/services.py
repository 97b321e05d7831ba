"""Writes for log-ins: an officer's invitation to set a password, the one-time link that lets
its owner set up an authenticator app (a TOTP device, which proves the second factor), and the
reset of a lost second factor.

Every function is atomic, takes keyword arguments, and is what views and commands call.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspboard.core.exceptions import NotAllowed
from cspboard.core.mail import queue_email
from cspboard.people.models import Person
from cspboard.people.services import person_link_user

from .choices import EnrolmentReason
from .models import SecondFactorEnrolment

DEVICE_NAME = "Authenticator app"


# Invitations ------------------------------------------------------------------------------------


def invitation_url(user) -> str:
    """The one-time link to set a password: valid for settings.PASSWORD_RESET_TIMEOUT seconds,
    and no longer once the password is set (the token covers the password hash)."""
    path = reverse(
        "accounts:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def account_invite(*, person: Person, by=None, board_id: int | None = None):
    """Give the person a log-in if they have none (their e-mail address is the username; no
    usable password yet) and e-mail them a link to set a password.

    Sending again makes a fresh link and cancels the earlier ones. The e-mail is queued in the
    outbox in the same transaction as the log-in, so there is never a log-in without its
    invitation on the way; if the mail server refuses it, it is tried again and then shown on the
    officers' e-mails page (under `board_id`, the board whose officer sent it).
    """
    user = person.user
    if user is None:
        email = person.email.strip()
        if not email:
            raise ValidationError(
                f"Add an e-mail address for {person.display_name} before inviting them."
            )
        User = get_user_model()
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError(f"Another log-in already uses {email}.")
        user = User(username=email.lower(), email=email, first_name=person.display_name[:150])
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        person_link_user(person=person, user=user)
    elif user.has_usable_password():
        raise NotAllowed(
            f"{person.display_name} has already set a password, so they need no invitation."
        )
    elif not user.is_active:
        raise NotAllowed(f"{person.display_name}'s log-in has been switched off.")
    else:
        # A new random unusable password: links sent before this one stop working.
        user.set_unusable_password()
        user.save(update_fields=["password"])

    inviter = getattr(by, "person", None) if by is not None else None
    body = render_to_string(
        "accounts/email/invitation.txt",
        {
            "person": person,
            "user": user,
            "link": invitation_url(user),
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)),
            "inviter": inviter.display_name if inviter is not None else "",
            "SERVICE_NAME": settings.SERVICE_NAME,
            "COUNCIL_NAME": settings.COUNCIL_NAME,
        },
    )
    queue_email(
        to=[user.email],
        subject=f"Your log-in for {settings.SERVICE_NAME}",
        body=body,
        purpose="invitation",
        board_id=board_id,
        about=f"Invitation for {person.display_name}",
    )
    return user


@transaction.atomic
def account_set_password(*, user, password: str):
    """Set the password chosen through an invitation link (validated by the form)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


# The second factor ------------------------------------------------------------------------------


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an authenticator app: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# Setting up the first device: a one-time link, never a password alone -----------------------


def enrolment_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def enrolment_url(token: str) -> str:
    path = reverse("accounts:two_factor_link", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def _enrolment_create(
    *, user, reason: str, by=None, used: bool = False, devices_removed: int = 0
) -> tuple[SecondFactorEnrolment, str]:
    """A new enrolment with a fresh token; earlier links not yet opened stop working."""
    now = timezone.now()
    SecondFactorEnrolment.objects.filter(
        user=user, used_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    enrolment = SecondFactorEnrolment.objects.create(
        user=user,
        token_hash=enrolment_token_hash(token),
        reason=reason,
        created_at=now,
        created_by=by,
        expires_at=now + datetime.timedelta(hours=settings.SECOND_FACTOR_LINK_HOURS),
        used_at=now if used else None,
        devices_removed=devices_removed,
    )
    return enrolment, token


@transaction.atomic
def second_factor_link_send(
    *,
    user,
    reason: str = EnrolmentReason.REQUESTED,
    by=None,
    devices_removed: int = 0,
    board_id: int | None = None,
) -> SecondFactorEnrolment:
    """E-mail the person a link to set up an authenticator app: it works once, for
    settings.SECOND_FACTOR_LINK_HOURS, and only for someone also signed in with their password.
    The e-mail is queued in the outbox with the enrolment (sent once this commits, retried if
    the mail server refuses)."""
    if not user.is_active:
        raise NotAllowed("This log-in has been switched off.")
    if not (user.email or "").strip():
        raise NotAllowed("This log-in has no e-mail address to send the link to.")
    enrolment, token = _enrolment_create(
        user=user, reason=reason, by=by, devices_removed=devices_removed
    )
    hours = settings.SECOND_FACTOR_LINK_HOURS
    body = render_to_string(
        "accounts/email/second_factor_link.txt",
        {
            "user": user,
            "name": user.get_full_name() or user.get_username(),
            "link": enrolment_url(token),
            "hours": hours,
            "reset": reason == EnrolmentReason.RESET,
            "SERVICE_NAME": settings.SERVICE_NAME,
            "COUNCIL_NAME": settings.COUNCIL_NAME,
        },
    )
    queue_email(
        to=[user.email],
        subject=f"Set up your authenticator app for {settings.SERVICE_NAME}",
        body=body,
        purpose="second factor link",
        board_id=board_id,
        about=f"Authenticator set-up link for {user.get_full_name() or user.get_username()}",
    )
    return enrolment


@transaction.atomic
def second_factor_reset(*, user, by, board_id: int | None = None) -> SecondFactorEnrolment:
    """An administrator's or officer's recovery of a lost second factor: remove every device
    (their codes stop working at once, in every session) and e-mail a new set-up link. Nothing
    secret is shown to whoever does it; the enrolment row records who did it and when.
    Only a site administrator resets an administrator's or staff member's."""
    if (user.is_superuser or user.is_staff) and not by.is_superuser:
        raise NotAllowed("Only a site administrator can reset an administrator's second factor.")
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    return second_factor_link_send(
        user=user,
        reason=EnrolmentReason.RESET,
        by=by,
        devices_removed=removed,
        board_id=board_id,
    )


def _fresh_start(user) -> None:
    """A secret shown before this enrolment is never the one confirmed under it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()


@transaction.atomic
def second_factor_link_claim(*, token: str, user) -> SecondFactorEnrolment:
    """The person opened their link while signed in: the link is used up, and the enrolment
    it returns (kept in their session) lets them set up an authenticator app."""
    enrolment = (
        SecondFactorEnrolment.objects.select_for_update()
        .filter(token_hash=enrolment_token_hash(token))
        .first()
    )
    if enrolment is None or not enrolment.is_usable():
        raise NotAllowed("This link does not work: it has been used, replaced or has expired.")
    if enrolment.user_id != user.pk:
        raise NotAllowed("This link is for another log-in.")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise NotAllowed("An authenticator app is already set up for this account.")
    enrolment.used_at = timezone.now()
    enrolment.save(update_fields=["used_at"])
    _fresh_start(user)
    return enrolment


@transaction.atomic
def second_factor_enrolment_from_invitation(*, user) -> SecondFactorEnrolment:
    """Setting a password from an invitation link proves the e-mail address as a set-up link
    does, so it starts an enrolment, claimed by that session."""
    enrolment, _ = _enrolment_create(user=user, reason=EnrolmentReason.INVITATION, used=True)
    _fresh_start(user)
    return enrolment


@transaction.atomic
def totp_device_for_setup(*, user, enrolment: SecondFactorEnrolment) -> TOTPDevice:
    """The user's authenticator app while it is being set up under a claimed enrolment (see
    `selectors.enrolment_in_progress`): the same secret on every visit until it is confirmed.
    Refused once one is confirmed: a stolen password alone must never add a device."""
    if enrolment.user_id != user.pk or enrolment.completed_at is not None:
        raise NotAllowed("Open the link we e-mailed you to set up an authenticator app.")
    devices = TOTPDevice.objects.select_for_update().filter(user=user).order_by("pk")
    if any(device.confirmed for device in devices):
        raise NotAllowed("An authenticator app is already set up for this account.")
    unconfirmed = devices.first()
    if unconfirmed is not None:
        return unconfirmed
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


class TooManyAttempts(NotAllowed):
    """The device refuses codes for a while after wrong ones (django-otp's throttling)."""


def _verify(device: TOTPDevice, token: str) -> bool:
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise TooManyAttempts(
            "You entered a wrong code too many times. Wait a minute, then try again."
        )
    return device.verify_token(token)


@transaction.atomic
def totp_device_confirm(
    *, device: TOTPDevice, token: str, enrolment: SecondFactorEnrolment
) -> TOTPDevice | None:
    """Confirm a new authenticator app with a code it shows; None if the code is wrong. The
    enrolment is then complete and cannot set up another."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    enrolment = SecondFactorEnrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.user_id != device.user_id or enrolment.completed_at is not None:
        raise NotAllowed("Open the link we e-mailed you to set up an authenticator app.")
    if not _verify(device, token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    return device


@transaction.atomic
def totp_verify(*, user, token: str) -> TOTPDevice | None:
    """The user's confirmed device that accepts the code, or None. A code is accepted once."""
    devices = list(
        TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk")
    )
    refused: TooManyAttempts | None = None
    for device in devices:
        try:
            if _verify(device, token):
                return device
        except TooManyAttempts as error:
            refused = error
    if refused is not None:
        raise refused
    return None
