"""The meeting page (meetings) with each item's papers (documents): its queries do not grow."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.documents.tests.factories import make_document
from cspboard.meetings.services import agenda_item_add, attendance_record, decision_add
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_meeting_page_queries_do_not_grow_with_items_attendees_or_papers(client, scenario):
    url = "/boards/csp/meetings/2018-03-28/"
    client.force_login(scenario.member)

    def count() -> int:
        client.get(url)  # warm: session and content types
        cache.clear()  # the page drawn, not its body kept (test_cache pins that path's count)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(6):
        item = agenda_item_add(
            meeting=scenario.meeting,
            number=str(10 + n),
            title=f"Extra {n}",
            presenters=[PersonFactory()],
            minutes="<p>more</p>",
        )
        decision_add(item=item, text="agreed")
        make_document(item, title=f"Paper {n}", filename=f"p{n}.pdf")
        agenda_item_add(meeting=scenario.meeting, parent=item, number="(i)", title="sub")
        attendance_record(meeting=scenario.meeting, person=PersonFactory())
    assert count() == before
