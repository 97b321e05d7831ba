"""The action log as it stood on a meeting's date, for the tests: the `log` fixture and the
dating helpers, shared by the log's tests (test_as_at.py) and the pack's (cspboard/tests/
test_pack_action_log.py). Import the fixture into a test module to use it there."""

import datetime

import pytest
from django.utils import timezone

from cspboard.actions.models import ActionItem, ActionLogSettings
from cspboard.boards.choices import ItemRole
from cspboard.boards.tests.factories import BoardFactory
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.services import agenda_item_add
from cspboard.meetings.tests.factories import MeetingFactory

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
