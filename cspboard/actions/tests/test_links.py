"""The signed link in a reminder: that action only, its owner only, and only for so long."""

import base64
import json
import time
from unittest import mock

import pytest
from django.core import signing

from cspboard.actions import services
from cspboard.actions.links import (
    LinkExpired,
    LinkInvalid,
    action_for_link,
    action_link_path,
    action_link_token,
)
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(scenario):
    s = scenario
    s.owner = PersonFactory(name="Rita Chadha")
    s.secret = services.action_create(
        board=s.board,
        text="SECRET-ACTION visit the family",
        item=s.restricted_item,
        owners=[s.owner],
    )
    s.other = services.action_create(
        board=s.board, text="OTHER-ACTION", item=s.public_item, owners=[s.owner]
    )
    return s


def tampered(token: str, **changes) -> str:
    """The token with its payload changed and its signature kept."""
    payload, rest = token.split(":", 1)
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data.update(changes)
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=") + ":" + rest


def test_the_link_is_for_its_action_and_owner(linked):
    token = action_link_token(linked.secret, linked.owner)
    assert action_for_link(token) == (linked.secret, linked.owner)
    with pytest.raises(LinkInvalid):
        action_for_link(tampered(token, a=linked.other.pk))
    with pytest.raises(LinkInvalid):
        action_for_link(token[:-2] + "xx")
    with pytest.raises(LinkInvalid):
        action_for_link("nonsense")
    # Signed for another purpose with the same key: not a link.
    with pytest.raises(LinkInvalid):
        action_for_link(signing.TimestampSigner().sign_object({"a": linked.secret.pk, "p": 1}))


def test_the_link_expires(linked, settings):
    with mock.patch("time.time", return_value=1_000_000_000):
        token = action_link_token(linked.secret, linked.owner)
    with pytest.raises(LinkExpired):
        action_for_link(token)
    settings.ACTION_LINK_DAYS = 1
    token = action_link_token(linked.secret, linked.owner)
    assert action_for_link(token)[0] == linked.secret
    settings.ACTION_LINK_DAYS = 0
    with mock.patch("time.time", return_value=time.time() + 5):
        with pytest.raises(LinkExpired):
            action_for_link(token)


def test_the_link_stops_when_the_owner_is_taken_off(linked):
    token = action_link_token(linked.secret, linked.owner)
    linked.secret.owners.set([])
    with pytest.raises(LinkInvalid):
        action_for_link(token)


def test_the_page_shows_the_action_and_takes_an_update(client, linked):
    path = action_link_path(linked.secret, linked.owner)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert "SECRET-ACTION visit the family" in html and "Rita Chadha" in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    response = client.post(path, {"text": ""})
    assert response.status_code == 400 and "Enter the update" in response.content.decode()
    response = client.post(path, {"text": "Visited on Monday"})
    assert response.status_code == 302 and response["Location"] == path
    update = linked.secret.updates.get()
    assert (update.text, update.source, update.by_person, update.by_user) == (
        "Visited on Monday",
        "link",
        linked.owner,
        None,
    )
    assert "Your update is posted" in client.get(path).content.decode()


@pytest.mark.parametrize("how", ["tampered", "expired", "other owner"])
def test_a_bad_link_never_shows_the_action(client, linked, how):
    token = action_link_token(linked.secret, linked.owner)
    if how == "tampered":
        token = tampered(token, a=linked.other.pk)
        status, words = 404, "This link is not valid"
    elif how == "expired":
        with mock.patch("time.time", return_value=1_000_000_000):
            token = action_link_token(linked.secret, linked.owner)
        status, words = 410, "This link has expired"
    else:
        token = action_link_token(linked.secret, PersonFactory())
        status, words = 404, "This link is not valid"
    path = f"/actions/update/{token}/"
    for response in (client.get(path), client.post(path, {"text": "sneaky"})):
        html = response.content.decode()
        assert response.status_code == status
        assert words in html and "govuk-heading-l" in html
        assert "SECRET" not in html and "OTHER-ACTION" not in html
    assert not linked.secret.updates.exists() and not linked.other.updates.exists()


def test_a_closed_action_takes_no_more_updates(client, linked):
    services.action_close(action=linked.other)
    path = action_link_path(linked.other, linked.owner)
    assert "no more updates are needed" in client.get(path).content.decode()
    client.post(path, {"text": "late news"})
    assert not linked.other.updates.exists()
