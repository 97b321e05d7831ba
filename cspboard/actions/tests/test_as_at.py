"""The action log as it stood on a meeting's date: on the agenda page and in the pack."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cspboard.actions import services
from cspboard.actions.choices import ActionStatus, Rag
from cspboard.actions.exports import EVERYTHING
from cspboard.actions.models import ActionItem, ActionUpdate
from cspboard.actions.selectors import outstanding_actions_as_at
from cspboard.actions.tests.as_at import ON, D, at, recorded_on

# The log (shared with the pack's test): imported, the fixture is this module's.
from cspboard.actions.tests.as_at import log as log
from cspboard.boards.access import access_for
from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.meetings.choices import MeetingStatus
from cspboard.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_closed_after_the_meeting_shows_as_open_with_its_old_status(log):
    board, earlier, _meeting, _later = log
    action = services.action_create(
        board=board, text="CLOSED-LATER", meeting=earlier, target_date=D(2018, 4, 5)
    )
    recorded_on(action, D(2017, 12, 7))
    services.action_close(action=action, on=D(2019, 1, 10))

    (shown,) = outstanding_actions_as_at(EVERYTHING, board, ON)
    assert shown.pk == action.pk
    assert shown.status == ActionStatus.OPEN and shown.closed_on is None
    # Due within 14 days of the meeting with no update: amber then (today it has no RAG).
    assert shown.rag == Rag.AMBER and not shown.overdue
    assert ActionItem.objects.get(pk=action.pk).status == ActionStatus.CLOSED


def test_closed_before_the_meeting_does_not_show(log):
    board, earlier, *_ = log
    action = services.action_create(board=board, text="CLOSED-BEFORE", meeting=earlier)
    recorded_on(action, D(2017, 12, 7))
    services.action_close(action=action, on=D(2018, 1, 10))
    action.history.filter(history_type="~").update(history_date=at(D(2018, 1, 10)))
    # Entered afterwards from an old log, closed before the meeting: not outstanding either.
    services.action_create(
        board=board, text="IMPORTED-CLOSED", raised_on=D(2017, 1, 5), status="closed"
    )
    assert outstanding_actions_as_at(EVERYTHING, board, ON) == []


def test_entered_later_but_closed_after_the_meeting_shows(log):
    """An action typed in from an old log (no history before the meeting), closed in 2019."""
    board, earlier, *_ = log
    action = services.action_create(board=board, text="OLD-LOG", meeting=earlier)
    services.action_close(action=action, on=D(2019, 2, 1))
    assert [a.pk for a in outstanding_actions_as_at(EVERYTHING, board, ON)] == [action.pk]


def test_raised_after_or_at_the_meeting_does_not_show(log):
    board, _earlier, meeting, later = log
    services.action_create(board=board, text="RAISED-LATER", meeting=later)
    services.action_create(board=board, text="RAISED-AT-IT", meeting=meeting)
    services.action_create(board=board, text="PLAN-LATER", raised_on=D(2021, 5, 1))
    kept = services.action_create(board=board, text="PLAN-BEFORE", raised_on=D(2018, 2, 1))
    assert [a.pk for a in outstanding_actions_as_at(EVERYTHING, board, ON)] == [kept.pk]


def test_an_update_written_after_the_meeting_is_not_its_latest(log):
    board, earlier, *_ = log
    action = services.action_create(
        board=board, text="UPDATED", meeting=earlier, target_date=D(2018, 4, 5)
    )
    old = services.action_update_post(action=action, text="OLD-UPDATE", today=D(2018, 1, 15))
    ActionUpdate.objects.filter(pk=old.pk).update(created_at=at(D(2018, 1, 15)))
    services.action_update_post(action=action, text="NEW-UPDATE")

    (shown,) = outstanding_actions_as_at(EVERYTHING, board, ON)
    assert shown.latest_update.text == "OLD-UPDATE"
    assert shown.last_update_on == D(2018, 1, 15)
    # Updated since it was raised, so not amber for want of an update.
    assert shown.rag == Rag.GREEN


def test_a_due_date_changed_later_shows_the_old_date(log):
    board, earlier, *_ = log
    action = services.action_create(
        board=board, text="REDATED", meeting=earlier, target_date=D(2018, 3, 1)
    )
    recorded_on(action, D(2017, 12, 7))
    services.action_redate(action=action, target_date=D(2020, 1, 1))

    (shown,) = outstanding_actions_as_at(EVERYTHING, board, ON)
    assert shown.target_date == D(2018, 3, 1)
    assert shown.rag == Rag.RED and shown.overdue


def test_withheld_actions_are_left_out_for_the_public(scenario):
    s = scenario
    public = services.action_create(board=s.board, text="PUBLIC-A", item=s.public_item)
    services.action_create(board=s.board, text="SECRET-A", item=s.restricted_item)
    services.action_create(board=s.board, text="SECRET-SUB-A", item=s.restricted_sub)
    anonymous = access_for(AnonymousUser())
    shown = outstanding_actions_as_at(anonymous, s.board, D(2018, 6, 27))
    assert [a.pk for a in shown] == [public.pk]
    assert len(outstanding_actions_as_at(access_for(s.officer), s.board, D(2018, 6, 27))) == 3


def test_a_fixed_number_of_queries(log, django_assert_num_queries):
    board, earlier, *_ = log
    for n in range(6):
        action = services.action_create(board=board, text=f"A{n}", meeting=earlier)
        services.action_update_post(action=action, text="note")
        services.action_redate(action=action, target_date=D(2019, 1, n + 1))
    # settings, actions, owners, updates, history
    with django_assert_num_queries(5):
        shown = outstanding_actions_as_at(EVERYTHING, board, ON)
    assert len(shown) == 6


def test_the_meeting_page_lists_the_actions_as_at_its_date(client, log):
    board, earlier, meeting, later = log
    closed = services.action_create(board=board, text="CLOSED-LATER", meeting=earlier)
    recorded_on(closed, D(2017, 12, 7))
    services.action_close(action=closed, on=D(2019, 1, 10))
    services.action_create(board=board, text="RAISED-LATER", meeting=later)

    meeting.status = MeetingStatus.MINUTES_PUBLISHED  # a past meeting: listed all the same
    meeting.save(update_fields=["status"])
    officer = UserFactory(username="as-at-officer")
    MembershipFactory(board=board, person=PersonFactory(user=officer), role=Role.OFFICER)
    client.force_login(officer)
    page = client.get(f"/boards/csp/meetings/{ON.isoformat()}/").content.decode()
    assert "CLOSED-LATER" in page and "RAISED-LATER" not in page
