"""The approval trail and the meeting's history, in words: whose answer the chair's approval
was, and each step of the workflow named as the board names it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.meetings import selectors, services
from cspboard.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = "/boards/csp/meetings/2019-06-25/"


@pytest.fixture
def chair_user(scenario):
    user = UserFactory(username="chair")
    scenario.chair.user = user
    scenario.chair.save()
    MembershipFactory(person=scenario.chair, board=scenario.board, role=Role.CHAIR)
    return user


@pytest.fixture
def held(scenario):
    """A past meeting taken through the officer's steps to minutes with the chair."""
    meeting = services.meeting_create(
        board=scenario.board,
        date=D(2019, 6, 25),
        start_time=datetime.time(10),
        chair=scenario.chair,
        by=scenario.officer,
    )
    item = services.agenda_item_add(meeting=meeting, title="Knife crime", by=scenario.officer)
    services.agenda_publish(meeting=meeting, by=scenario.officer)
    services.attendance_record(meeting=meeting, person=scenario.chair, by=scenario.officer)
    services.item_minutes_set(item=item, minutes="Police reported.", by=scenario.officer)
    meeting.refresh_from_db()
    services.minutes_send_to_chair(meeting=meeting, by=scenario.officer)
    return meeting


def trail(meeting) -> list[str]:
    return [r.description for r in selectors.approval_trail(meeting)]


def test_the_chairs_own_approval_is_the_chairs(held, chair_user):
    services.minutes_approve(meeting=held, by=chair_user)
    assert trail(held) == [
        "Minutes sent to the chair by Officer",
        "Approved by the chair (Fiona Chair, the chair)",
    ]
    assert selectors.approval_trail(held)[-1].on_behalf_of_chair is False


def test_an_officers_record_of_the_approval_says_so(held, scenario, chair_user):
    services.minutes_approve(meeting=held, by=scenario.officer)
    assert trail(held)[-1] == "Approved by the chair (recorded by Officer on behalf of the chair)"
    assert selectors.approval_trail(held)[-1].on_behalf_of_chair is True


def test_an_officers_record_of_a_return_says_so_with_the_comments(held, scenario):
    services.minutes_return(
        meeting=held, comments="Item 1 names the wrong school", by=scenario.officer
    )
    assert trail(held)[-1] == (
        "Returned to the officer with comments (recorded by Officer on behalf of the chair): "
        "“Item 1 names the wrong school”"
    )


def test_the_boards_chair_on_the_day_answers_for_themselves(held, scenario):
    """Not the meeting's named chair, but the board's interim chair when they answered."""
    interim = UserFactory(username="interim")
    person = PersonFactory(user=interim, name="Ivy Interim")
    MembershipFactory(person=person, board=scenario.board, role=Role.INTERIM_CHAIR)
    services.minutes_approve(meeting=held, by=interim)
    assert trail(held)[-1] == "Approved by the chair (Ivy Interim, the chair)"


def test_a_former_chair_is_not_the_chair(held, scenario):
    former = UserFactory(username="former")
    person = PersonFactory(user=former, name="Fred Former")
    MembershipFactory(
        person=person, board=scenario.board, role=Role.CHAIR, start=D(2010, 1, 1), end=D(2015, 1, 1)
    )
    services.minutes_approve(meeting=held, by=former)
    assert "recorded by Fred Former on behalf of the chair" in trail(held)[-1]


def test_the_minutes_page_shows_who_recorded_the_approval(client, held, scenario):
    services.minutes_approve(meeting=held, by=scenario.officer)
    client.force_login(scenario.officer)
    html = client.get(DAY + "minutes/").content.decode()
    assert "Approved by the chair (recorded by Officer on behalf of the chair)" in html


# The history ------------------------------------------------------------------------------------


def history(meeting) -> list[tuple[str, str]]:
    return [(r.label, r.description) for r in reversed(selectors.meeting_history(meeting))]


def test_the_history_names_each_workflow_step(held, scenario, chair_user):
    services.minutes_return(meeting=held, comments="Add the figures", by=chair_user)
    item = held.items.get()
    services.item_minutes_set(item=item, minutes="Police reported 12% fewer.", by=scenario.officer)
    held.refresh_from_db()
    services.minutes_send_to_chair(meeting=held, by=scenario.officer)
    services.minutes_approve(meeting=held, by=scenario.officer)
    services.minutes_publish(meeting=held, by=scenario.officer)
    steps = [text for label, text in history(held) if label in ("Meeting", "Minutes")]
    assert steps == [
        "Meeting created",
        "Agenda published",
        "Meeting held: attendance recorded",
        "Minutes drafted",
        "Minutes sent to the chair by Officer",
        "Returned to the officer with comments (Fiona Chair, the chair): “Add the figures”",
        "Minutes sent to the chair by Officer",
        "Approved by the chair (recorded by Officer on behalf of the chair)",
        "Minutes published by Officer",
    ]


def test_the_history_names_a_cancellation_and_a_move(scenario):
    meeting = scenario.unpublished
    services.agenda_publish(meeting=meeting, by=scenario.officer)
    services.meeting_update(
        meeting=meeting,
        date=meeting.date,
        start_time=datetime.time(14),
        end_time=None,
        venue="Town Hall",
        online=False,
        chair=None,
        by=scenario.officer,
    )
    services.meeting_cancel(meeting=meeting, reason="Not quorate", by=scenario.officer)
    steps = [text for label, text in history(meeting) if label == "Meeting"]
    assert steps[-3:] == [
        "Agenda published",
        "Details changed: start time, venue",
        "Meeting cancelled: Not quorate",
    ]
    assert not any(text == str(meeting) or text == "Meeting changed" for text in steps)


def test_the_history_page_shows_the_words(client, held, scenario):
    client.force_login(scenario.officer)
    html = client.get(DAY + "history/").content.decode()
    assert "Meeting: Agenda published" in html
    assert "Minutes: Minutes sent to the chair by Officer" in html


def test_the_history_queries_do_not_grow_with_workflow_steps(client, held, scenario, chair_user):
    client.force_login(scenario.officer)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(DAY + "history/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    item = held.items.get()
    for n in range(3):
        services.minutes_return(meeting=held, comments=f"Change {n}", by=chair_user)
        services.item_minutes_set(item=item, minutes=f"Version {n}", by=scenario.officer)
        held.refresh_from_db()
        services.minutes_send_to_chair(meeting=held, by=scenario.officer)
    services.minutes_approve(meeting=held, by=scenario.officer)
    services.minutes_publish(meeting=held, by=scenario.officer)
    assert count() == before
