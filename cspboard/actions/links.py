"""Signed links that let an action's owner post an update without an account.

The link carries the action's and the owner's primary keys, signed with the site's secret key
and a salt used for nothing else, and the time it was made. It works for that action only,
while that person is still one of its owners, for `settings.ACTION_LINK_DAYS` days (30 unless
set). Nothing is stored: a link cannot be listed or revoked one by one, but changing the owners
revokes it for whoever was taken off.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import ActionItem

SALT = "cspboard.actions.links.update"


class LinkInvalid(Exception):
    """The link was altered, is for nothing we hold, or its owner no longer owns the action."""


class LinkExpired(LinkInvalid):
    """The link was genuine but is older than ACTION_LINK_DAYS."""


def link_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "ACTION_LINK_DAYS", 30))


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def action_link_token(action: ActionItem, person) -> str:
    return _signer().sign_object({"a": action.pk, "p": person.pk})


def action_link_path(action: ActionItem, person) -> str:
    return reverse(
        "actions:action_update_link", kwargs={"token": action_link_token(action, person)}
    )


def action_link_url(action: ActionItem, person) -> str:
    return settings.SITE_URL.rstrip("/") + action_link_path(action, person)


def action_for_link(token: str) -> tuple[ActionItem, object]:
    """The action and the owner a link was made for. Raises `LinkExpired` or `LinkInvalid`."""
    try:
        payload = _signer().unsign_object(token, max_age=link_max_age())
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        raise LinkInvalid from None
    if not isinstance(payload, dict):
        raise LinkInvalid
    action_pk, person_pk = payload.get("a"), payload.get("p")
    if not isinstance(action_pk, int) or not isinstance(person_pk, int):
        raise LinkInvalid
    action = (
        ActionItem.objects.select_related("board", "meeting", "item")
        .filter(pk=action_pk, owners__pk=person_pk)
        .first()
    )
    if action is None:
        raise LinkInvalid
    person = action.owners.get(pk=person_pk)
    return action, person
