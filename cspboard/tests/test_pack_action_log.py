"""The pack (packs) lists the action log (actions) as it stood on the meeting's date."""

import datetime

import pytest
from django.utils import timezone

from cspboard.actions import services
from cspboard.actions.exports import EVERYTHING
from cspboard.actions.models import ActionItem, ActionLogSettings
from cspboard.boards.choices import ItemRole
from cspboard.boards.tests.factories import BoardFactory
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.services import agenda_item_add
from cspboard.meetings.tests.factories import MeetingFactory
from cspboard.packs.agenda import agenda_for_pack
from cspboard.packs.builder import _leading_parts

pytestmark = pytest.mark.django_db


D = datetime.date
ON = D(2018, 3, 28)


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def recorded_on(action: ActionItem, day: datetime.date) -> None:
    """Date every history record of the action so far to `day`: as if entered then."""
    action.history.update(history_date=at(day))


@pytest.fixture
def log():
    board = BoardFactory(slug="csp")
    ActionLogSettings.objects.create(board=board, amber_within_days=14)
    earlier = MeetingFactory(board=board, date=D(2017, 12, 6))
    meeting = MeetingFactory(board=board, date=ON, status=MeetingStatus.AGENDA_PUBLISHED)
    later = MeetingFactory(board=board, date=D(2019, 6, 5))
    agenda_item_add(meeting=meeting, number="1", title="Any title", role=ItemRole.ACTION_LOG)
    return board, earlier, meeting, later


def test_the_pack_lists_the_actions_as_at_the_meeting(log):
    board, earlier, meeting, later = log
    closed = services.action_create(board=board, text="CLOSED-LATER", meeting=earlier)
    recorded_on(closed, D(2017, 12, 7))
    services.action_close(action=closed, on=D(2019, 1, 10))
    services.action_create(board=board, text="RAISED-LATER", meeting=later)
    parts = _leading_parts(meeting, EVERYTHING, agenda_for_pack(meeting, EVERYTHING))
    html = "".join(part.html for part in parts)
    assert "CLOSED-LATER" in html and "RAISED-LATER" not in html
