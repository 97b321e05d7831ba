"""Signed links that let an action's owner post an update without an account.

The link carries the action's and the owner's primary keys, signed with the site's secret key
and a salt used for nothing else, and the time it was made. It works for that action only,
while that person is still one of its owners, for `settings.ACTION_LINK_DAYS` days (30 unless
set). Nothing is stored: a link cannot be listed or revoked one by one, but changing the owners
revokes it for whoever was taken off.
"""

from __future__ import annotations

from cspboard.core.links import LinkExpired, LinkInvalid, SignedLink

from .models import ActionItem

__all__ = [
    "LinkExpired",
    "LinkInvalid",
    "action_for_link",
    "action_link_path",
    "action_link_token",
    "action_link_url",
]

LINK = SignedLink(
    salt="cspboard.actions.links.update",
    url_name="actions:action_update_link",
    days_setting="ACTION_LINK_DAYS",
    default_days=30,
)


def action_link_token(action: ActionItem, person) -> str:
    return LINK.token(a=action.pk, p=person.pk)


def action_link_path(action: ActionItem, person) -> str:
    return LINK.path(a=action.pk, p=person.pk)


def action_link_url(action: ActionItem, person) -> str:
    return LINK.url(a=action.pk, p=person.pk)


def action_for_link(token: str) -> tuple[ActionItem, object]:
    """The action and the owner a link was made for. Raises `LinkExpired` or `LinkInvalid`
    (also when that person no longer owns the action)."""
    action_pk, person_pk = LINK.keys(token, "a", "p")
    action = (
        ActionItem.objects.select_related("board", "meeting", "item")
        .filter(pk=action_pk, owners__pk=person_pk)
        .first()
    )
    if action is None:
        raise LinkInvalid
    person = action.owners.get(pk=person_pk)
    return action, person
