"""Signed, expiring links that let someone without an account do one thing (post an action's
update, submit a report).

A link carries a few primary keys, signed with the site's secret key and a salt used for nothing
else, and the time it was made; nothing is stored. Each app says what the keys name and checks,
when the link is used, that they still stand for what the link was made for.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse


class LinkInvalid(Exception):
    """The link was altered, is for nothing we hold, or no longer works for whom it was made."""


class LinkExpired(LinkInvalid):
    """The link was genuine but is older than its app allows."""


@dataclasses.dataclass(frozen=True)
class SignedLink:
    """One kind of link: its salt, the URL that takes its token, and the setting giving how
    many days it works (`default_days` unless set)."""

    salt: str
    url_name: str
    days_setting: str
    default_days: int

    def max_age(self) -> datetime.timedelta:
        return datetime.timedelta(days=getattr(settings, self.days_setting, self.default_days))

    def _signer(self) -> signing.TimestampSigner:
        return signing.TimestampSigner(salt=self.salt)

    def token(self, **keys: int) -> str:
        return self._signer().sign_object(keys)

    def path(self, **keys: int) -> str:
        return reverse(self.url_name, kwargs={"token": self.token(**keys)})

    def url(self, **keys: int) -> str:
        return settings.SITE_URL.rstrip("/") + self.path(**keys)

    def keys(self, token: str, *names: str) -> tuple[int, ...]:
        """The keys `names` that a genuine, unexpired token carries. Raises `LinkExpired` or
        `LinkInvalid`."""
        try:
            payload = self._signer().unsign_object(token, max_age=self.max_age())
        except signing.SignatureExpired:
            raise LinkExpired from None
        except (signing.BadSignature, ValueError, UnicodeDecodeError):
            raise LinkInvalid from None
        if not isinstance(payload, dict):
            raise LinkInvalid
        values = tuple(payload.get(name) for name in names)
        if not all(isinstance(value, int) for value in values):
            raise LinkInvalid
        return values
