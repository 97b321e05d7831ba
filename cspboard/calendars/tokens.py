"""Signed tokens for the private per-person calendar feed.

The token is the person's primary key signed with the site's secret key and a salt used for
nothing else, so it cannot be forged, and works for that person only. It never expires, so
calendar programs that subscribed keep working; nothing is stored, so a token cannot be revoked
one by one (rotating SECRET_KEY revokes them all). The feed shows only what is public anyway
(when and where meetings are), never withheld material.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from cspboard.people.models import Person

SALT = "cspboard.calendars.tokens.person-feed"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def person_feed_token(person: Person) -> str:
    return _signer().sign(str(person.pk))


def person_feed_path(person: Person) -> str:
    return reverse("calendars:person_feed", kwargs={"token": person_feed_token(person)})


def person_feed_url(person: Person, base_url: str | None = None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/") + person_feed_path(person)


def person_for_token(token: str) -> Person | None:
    """The person a token was made for, or None if it was altered or the person is gone."""
    try:
        value = _signer().unsign(token)
    except signing.BadSignature:
        return None
    if not value.isdigit():
        return None
    return Person.objects.filter(pk=int(value)).first()
