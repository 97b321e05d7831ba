"""Fixtures for the calendar feeds: a board with a summer, a winter and a cancelled meeting."""

import datetime

import icalendar
import pytest

from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.tests.factories import AttendanceFactory, MeetingFactory
from cspboard.people.tests.factories import PersonFactory, UserFactory

D = datetime.date
T = datetime.time


class Feeds:
    pass


@pytest.fixture
def feeds(db, settings):
    settings.SITE_URL = "https://boards.example.gov.uk"
    settings.ALLOWED_HOSTS = ["boards.example.gov.uk", "demo.example.org", "testserver"]
    f = Feeds()
    f.board = BoardFactory(slug="csp", name="Community Safety Partnership Board")
    f.other = BoardFactory(slug="other", name="Other Board")
    f.summer = MeetingFactory(
        board=f.board, date=D(2018, 6, 20), start_time=T(10), end_time=T(12, 30), venue="Town Hall"
    )
    f.winter = MeetingFactory(
        board=f.board, date=D(2018, 12, 5), start_time=T(14), end_time=None, venue="", online=True
    )
    f.cancelled = MeetingFactory(
        board=f.board, date=D(2018, 9, 12), status=MeetingStatus.CANCELLED, venue="Civic Centre"
    )
    f.other_meeting = MeetingFactory(board=f.other, date=D(2018, 7, 4))
    f.guest_meeting = MeetingFactory(board=f.other, date=D(2018, 8, 1))

    f.user = UserFactory(username="member")
    f.person = PersonFactory(user=f.user, name="Mo Member")
    MembershipFactory(person=f.person, board=f.board)
    # An ended membership of the other board: its meetings are not theirs, unless attended.
    MembershipFactory(person=f.person, board=f.other, start=D(2015, 1, 1), end=D(2016, 1, 1))
    AttendanceFactory(meeting=f.guest_meeting, person=f.person)

    f.stranger = PersonFactory(name="Sam Stranger")
    return f


def parse(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.events}
