"""A member declaring an interest ahead of a meeting is offered only the items they may see: an
agenda not yet published offers none (the meeting as a whole is still there to declare about)."""

import pytest

pytestmark = pytest.mark.django_db

UNPUBLISHED = "/boards/csp/meetings/2030-09-25/declare/"
PUBLISHED = "/boards/csp/meetings/2018-03-28/declare/"


def test_an_unpublished_agenda_offers_no_items(client, scenario):
    client.force_login(scenario.member)
    response = client.get(UNPUBLISHED)
    assert response.status_code == 200
    page = response.content.decode()
    assert "UNPUBLISHED-ITEM" not in page
    assert "The meeting as a whole" in page
    assert "The agenda is not published yet" in page


def test_a_hidden_item_cannot_be_chosen_by_its_number(client, scenario):
    client.force_login(scenario.member)
    response = client.post(
        UNPUBLISHED, {"item": scenario.unpublished_item.pk, "text": "I chair a charity"}
    )
    assert response.status_code == 400
    assert not scenario.unpublished.declarations.exists()


def test_a_published_agenda_offers_its_items_withheld_ones_included(client, scenario):
    client.force_login(scenario.member)
    page = client.get(PUBLISHED).content.decode()
    assert scenario.restricted_item.title in page
    assert "The agenda is not published yet" not in page
    response = client.post(
        PUBLISHED, {"item": scenario.restricted_item.pk, "text": "I chair a charity"}
    )
    assert response.status_code == 302
    assert scenario.meeting.declarations.filter(person__user=scenario.member).get().item == (
        scenario.restricted_item
    )


def test_the_officer_sees_the_draft_agenda_items(client, scenario):
    client.force_login(scenario.officer)
    response = client.get(UNPUBLISHED)
    assert response.status_code == 200 and "UNPUBLISHED-ITEM" in response.content.decode()
