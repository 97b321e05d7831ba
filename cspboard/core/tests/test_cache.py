import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.core.cache import record_generation
from cspboard.meetings import services

pytestmark = pytest.mark.django_db
URL = "/boards/csp/meetings/2018-03-28/"


def test_anonymous_page_is_cached_until_the_record_changes(client, scenario):
    first = client.get(URL).content.decode()
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(URL).content.decode()
    assert again == first
    assert len(ctx.captured_queries) == 1  # the record generation only

    item = scenario.public_item
    services.agenda_item_update(item=item, expected_version=item.version, title="Renamed item")
    assert "Renamed item" in client.get(URL).content.decode()


def test_a_rolled_back_change_does_not_move_the_generation(scenario):
    from django.db import transaction

    before = record_generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.agenda_item_add(meeting=scenario.meeting, title="Never saved")
        raise RuntimeError
    assert record_generation() == before


def test_members_are_never_served_the_cached_public_page(client, scenario):
    client.get(URL)  # fills the cache for anonymous visitors
    client.force_login(scenario.member)
    html = client.get(URL).content.decode()
    assert "SECRET-MINUTES" in html and "Signed in as" in html
    client.logout()
    assert "SECRET-MINUTES" not in client.get(URL).content.decode()
