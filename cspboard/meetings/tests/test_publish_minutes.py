"""Publishing minutes with items that have no minutes asks first, and lists them."""

import pytest

from cspboard.meetings import selectors, services
from cspboard.meetings.models import Meeting

pytestmark = pytest.mark.django_db

DRAFT = "/boards/csp/meetings/2018-06-27/"


@pytest.fixture
def approved(scenario):
    """The scenario's draft meeting, approved: item 1 minuted; item 2 not; item 3 minuted,
    covering its sub-item (i); item 4 unminuted though its sub-item is; item 5 only a blank
    paragraph."""
    meeting = scenario.draft
    services.agenda_item_add(meeting=meeting, number="2", title="Unminuted item")
    covered = services.agenda_item_add(
        meeting=meeting, number="3", title="Minuted parent", minutes="<p>Covers (i).</p>"
    )
    services.agenda_item_add(meeting=meeting, parent=covered, number="(i)", title="Covered sub")
    bare = services.agenda_item_add(meeting=meeting, number="4", title="Bare parent")
    services.agenda_item_add(
        meeting=meeting, parent=bare, number="(i)", title="Minuted sub", minutes="<p>Yes.</p>"
    )
    services.agenda_item_add(
        meeting=meeting, number="5", title="Empty paragraph", minutes="<p> &nbsp; </p>"
    )
    Meeting.objects.filter(pk=meeting.pk).update(status="minutes_approved")
    meeting.refresh_from_db()
    return meeting


def test_items_without_minutes_count_a_parents_minutes_for_its_sub_items(approved):
    missing = selectors.items_without_minutes(approved)
    assert [(i.number, i.title) for i in missing] == [
        ("2", "Unminuted item"),
        ("4", "Bare parent"),
        ("5", "Empty paragraph"),
    ]


def test_publishing_asks_first_and_lists_the_items(client, scenario, approved):
    client.force_login(scenario.officer)
    response = client.post(DRAFT + "minutes/", {"action": "publish"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 items have no minutes" in html
    for title in ("Unminuted item", "Bare parent", "Empty paragraph"):
        assert title in html
    for title in ("Draft item", "Covered sub", "Minuted sub"):
        assert title not in html
    assert 'name="confirmed" value="yes"' in html
    approved.refresh_from_db()
    assert approved.status == "minutes_approved"
    assert not approved.reviews.filter(action="published").exists()


def test_confirming_publishes(client, scenario, approved):
    client.force_login(scenario.officer)
    response = client.post(DRAFT + "minutes/", {"action": "publish", "confirmed": "yes"})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == "minutes_published"


def test_minutes_for_every_item_publish_at_once(client, scenario):
    Meeting.objects.filter(pk=scenario.draft.pk).update(status="minutes_approved")
    client.force_login(scenario.officer)
    response = client.post(DRAFT + "minutes/", {"action": "publish"})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=scenario.draft.pk).status == "minutes_published"


def test_minutes_not_approved_are_refused_not_confirmed(client, scenario, approved):
    Meeting.objects.filter(pk=approved.pk).update(status="minutes_drafted")
    client.force_login(scenario.officer)
    response = client.post(DRAFT + "minutes/", {"action": "publish"})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=approved.pk).status == "minutes_drafted"
