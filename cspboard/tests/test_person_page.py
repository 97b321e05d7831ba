"""The person's pages: drawn by boards, with the meetings and attendance meetings draws into
them (`cspboard.meetings.person_sections`)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.boards.choices import Role
from cspboard.boards.services import membership_add
from cspboard.meetings.services import attendance_record
from cspboard.meetings.tests.factories import MeetingFactory
from cspboard.people.models import Person
from cspboard.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def jane(scenario):
    jane = PersonFactory(name="Jane Scotchbrook", slug="jane")
    membership_add(person=jane, board=scenario.board, start=D(2016, 1, 1), end=D(2017, 12, 31))
    membership_add(person=jane, board=scenario.board, role=Role.DEPUTY_CHAIR, start=D(2018, 1, 1))
    attendance_record(meeting=scenario.meeting, person=jane)
    attendance_record(meeting=scenario.draft, person=jane, status="apologies")
    return jane


def test_person_page_shows_roles_over_time_and_attendance(client, scenario, jane):
    page = html(client.get("/people/jane/"))
    assert "Roles over time" in page
    assert "Deputy chair" in page and "Current" in page
    assert "31 December 2017" in page
    assert "Present at 1 meeting, apologies for 1." in page
    assert "Delete" not in page  # the public sees no officer's links


def test_person_page_offers_officers_the_members_page_and_delete(client, scenario, jane):
    client.force_login(scenario.member)
    assert "/people/jane/delete/" not in html(client.get("/people/jane/"))
    client.force_login(scenario.officer)
    page = html(client.get("/people/jane/"))
    assert "/people/jane/delete/" in page
    assert "/boards/csp/members/" in page


def test_person_page_queries_do_not_grow(client, scenario, jane):
    client.force_login(scenario.officer)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/people/jane/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(5):
        attendance_record(meeting=MeetingFactory(date=D(2019, 1, 1 + n)), person=jane)
        membership_add(person=jane, board=MeetingFactory().board, start=D(2019, 1, 1))
    assert count() == before


def test_deleting_someone_the_record_names_is_refused_with_the_safe_alternative(
    client, scenario, jane
):
    client.force_login(scenario.officer)
    page = html(client.get("/people/jane/delete/?next=/boards/csp/members/"))
    assert "Jane Scotchbrook cannot be deleted" in page
    assert "2 memberships, 2 attendance records" in page
    assert "End the membership instead" in page
    assert "govuk-button--warning" not in page  # no button to press in vain
    response = client.post("/people/jane/delete/", {"next": "/boards/csp/members/"})
    assert response.status_code == 409
    assert "End the membership instead" in html(response)
    assert Person.objects.filter(slug="jane").exists()


def test_an_administrator_deletes_someone_entered_by_mistake(client, scenario):
    PersonFactory(name="Typo Person", slug="typo")
    client.force_login(UserFactory(is_superuser=True))
    page = html(client.get("/people/typo/delete/"))
    assert "Only delete someone entered by mistake" in page
    response = client.post("/people/typo/delete/", {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/boards/"
    assert not Person.objects.filter(slug="typo").exists()
    assert "Typo Person was deleted" in html(client.get("/boards/"))
