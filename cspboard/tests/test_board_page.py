"""The board page: boards' members and roles, with the meetings and attendance record meetings
draws into it (`cspboard.meetings.board_sections`)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.boards.choices import Role
from cspboard.boards.models import Membership
from cspboard.boards.selectors import board_page
from cspboard.boards.services import membership_add
from cspboard.boards.tests.factories import BoardFactory
from cspboard.meetings.board_sections import board_meetings
from cspboard.meetings.services import attendance_record
from cspboard.meetings.tests.factories import MeetingFactory
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def meetings_section(board):
    memberships = list(
        Membership.objects.filter(board=board).select_related("person", "person__organisation")
    )
    return board_meetings(board, memberships)


@pytest.fixture
def history():
    board = BoardFactory(slug="csp")
    police = OrganisationFactory(name="Metropolitan Police Service")
    council = OrganisationFactory(name="Council")
    anne = PersonFactory(name="Anne Bristow", organisation=council)
    fiona = PersonFactory(name="Fiona Taylor", organisation=council)
    jane = PersonFactory(name="Jane Scotchbrook", organisation=police)
    deputy = PersonFactory(name="Deputy", organisation=police)
    membership_add(person=anne, board=board, role=Role.CHAIR, end=D(2017, 12, 31))
    membership_add(person=fiona, board=board, role=Role.CHAIR, start=D(2018, 1, 1))
    membership_add(person=jane, board=board, role=Role.MEMBER)
    m1 = MeetingFactory(board=board, date=D(2017, 12, 13))
    m2 = MeetingFactory(board=board, date=D(2018, 3, 28))
    m3 = MeetingFactory(board=board, date=D(2018, 6, 27), chair=jane)  # chaired by a member
    MeetingFactory(board=board, date=D(2018, 9, 26), status="cancelled")
    attendance_record(meeting=m1, person=anne)
    attendance_record(meeting=m1, person=jane)
    attendance_record(meeting=m2, person=fiona)
    attendance_record(meeting=m2, person=jane, status="apologies")
    attendance_record(meeting=m2, person=deputy, capacity="substitute", substitute_for=jane)
    attendance_record(meeting=m3, person=fiona, status="apologies")
    attendance_record(meeting=m3, person=jane)
    return board


def test_chair_at_each_meeting_follows_the_membership_history(history):
    page = meetings_section(history)
    chairs = {row.meeting.date: row.chair_name for _, rows in page.meetings_by_year for row in rows}
    assert chairs[D(2017, 12, 13)] == "Anne Bristow"
    assert chairs[D(2018, 3, 28)] == "Fiona Taylor"
    assert chairs[D(2018, 6, 27)] == "Jane Scotchbrook"  # the meeting's own chair wins


def test_current_members_exclude_ended_memberships(history):
    page = board_page("csp", today=D(2024, 1, 1))
    assert [m.person.name for m in page.current] == ["Fiona Taylor", "Jane Scotchbrook"]
    assert len(page.history) == 3


def test_attendance_record_counts_meetings_held_during_membership(history):
    page = meetings_section(history)
    people = {r.label: (r.attended, r.expected) for r in page.people_attendance}
    assert people == {
        "Anne Bristow": (1, 1),  # only the December 2017 meeting was in her time
        "Fiona Taylor": (1, 2),
        "Jane Scotchbrook": (2, 3),  # the cancelled meeting is not expected
    }
    orgs = {r.label: (r.attended, r.expected) for r in page.organisation_attendance}
    # The police sent a substitute in March: the organisation was there every time.
    assert orgs == {"Council": (2, 3), "Metropolitan Police Service": (3, 3)}


def test_board_page_queries_do_not_grow_with_meetings(client, history):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/boards/csp/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(5):
        meeting = MeetingFactory(board=history, date=D(2019, 1, 1 + n))
        attendance_record(meeting=meeting, person=PersonFactory())
        membership_add(person=PersonFactory(), board=history)
    assert count() == before


def test_board_page_shows_members_subgroups_and_attendance(client, history):
    BoardFactory(name="VAWG Subgroup", parent=history)
    html = client.get("/boards/csp/").content.decode()
    for text in [
        "Fiona Taylor",
        "Jane Scotchbrook",
        "Head of Service",
        "VAWG Subgroup",
        "Metropolitan Police Service",
        "Attendance record",
        '<caption class="govuk-table__caption govuk-table__caption--m">By member</caption>',
        '<caption class="govuk-table__caption govuk-table__caption--m">By organisation</caption>',
        "Who held each role",
        "2018",
        "2017",
    ]:
        assert text in html, text
