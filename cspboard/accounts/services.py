"""Writes for log-ins: an officer's invitation to set a password, and the authenticator app
(a TOTP device) that proves the second factor.

Every function is atomic, takes keyword arguments, and is what views and commands call.
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspboard.core.exceptions import NotAllowed
from cspboard.people.models import Person
from cspboard.people.services import person_link_user

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
def account_invite(*, person: Person, by=None):
    """Give the person a log-in if they have none (their e-mail address is the username; no
    usable password yet) and e-mail them a link to set a password.

    Sending again makes a fresh link and cancels the earlier ones. If the e-mail cannot be sent,
    nothing is saved, so there is never a log-in its owner was not told about.
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
    send_mail(f"Your log-in for {settings.SERVICE_NAME}", body, None, [user.email])
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


@transaction.atomic
def totp_device_for_setup(*, user) -> TOTPDevice:
    """The user's authenticator app while it is being set up: the same secret on every visit
    until it is confirmed. Refused once one is confirmed: a stolen password alone must never
    be enough to add another device."""
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
def totp_device_confirm(*, device: TOTPDevice, token: str) -> TOTPDevice | None:
    """Confirm a new authenticator app with a code it shows; None if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not _verify(device, token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
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
