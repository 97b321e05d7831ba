import datetime

import pytest

from cspboard.actions.owner_matching import (
    organisation_names,
    people_all,
    people_for_board,
    people_for_meeting,
)
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.meetings.choices import AttendanceStatus
from cspboard.meetings.tests.factories import AttendanceFactory, MeetingFactory
from cspboard.people.models import PersonAlias
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_people_for_meeting(django_assert_num_queries):
    board = BoardFactory()
    chair = PersonFactory(name="Fiona Taylor")
    meeting = MeetingFactory(board=board, date=datetime.date(2018, 3, 28), chair=chair)
    present = AttendanceFactory(meeting=meeting, person=PersonFactory(name="Jade Hodgson")).person
    PersonAlias.objects.create(person=present, alias="JH", kind="initials")
    apologies = AttendanceFactory(
        meeting=meeting,
        person=PersonFactory(name="Matthew Cole"),
        status=AttendanceStatus.APOLOGIES,
    ).person
    member = MembershipFactory(board=board, person=PersonFactory(name="Tim Barfoot")).person
    MembershipFactory(board=board, person=present)  # both attending and a member: once
    MembershipFactory(
        board=board, person=PersonFactory(name="Anne Bristow"), end=datetime.date(2017, 12, 31)
    )
    MembershipFactory(board=BoardFactory(), person=PersonFactory(name="Someone Else"))
    PersonFactory(name="Not Involved")

    with django_assert_num_queries(2):
        people = people_for_meeting(meeting)

    assert sorted(p.name for p in people) == sorted(
        [chair.name, present.name, apologies.name, member.name]
    )
    jade = next(p for p in people if p.pk == present.pk)
    assert jade.aliases == (("JH", "initials"),)


def test_people_for_board_and_all(django_assert_num_queries):
    board = BoardFactory()
    ended = MembershipFactory(board=board, end=datetime.date(2017, 1, 1)).person
    current = MembershipFactory(board=board).person
    meeting = MeetingFactory(board=board, chair=PersonFactory())
    guest = AttendanceFactory(meeting=meeting).person
    AttendanceFactory(meeting=MeetingFactory(board=meeting.board), person=guest)  # twice: once
    elsewhere = AttendanceFactory(meeting=MeetingFactory()).person
    other = PersonFactory()
    with django_assert_num_queries(2):
        on_board = people_for_board(board)
    assert sorted(p.pk for p in on_board) == sorted(
        [ended.pk, current.pk, guest.pk, meeting.chair.pk]
    )
    with django_assert_num_queries(2):
        everyone = people_all()
    assert {ended.pk, current.pk, other.pk, elsewhere.pk} <= {p.pk for p in everyone}


def test_organisation_names():
    OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    names = organisation_names()
    assert "Metropolitan Police Service" in names
    assert "MPS" in names
