import datetime

import pytest

from cspboard.boards.tests.factories import BoardFactory
from cspboard.core.exceptions import NotAllowed
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.services import meeting_cancel, meeting_create, meeting_record_progress

pytestmark = pytest.mark.django_db

PAST = datetime.date(2018, 3, 28)


def test_the_status_moves_forward_only_and_records_when_the_agenda_came_out():
    meeting = meeting_create(board=BoardFactory(), date=PAST, start_time=datetime.time(10))
    meeting_record_progress(
        meeting=meeting, status=MeetingStatus.MINUTES_PUBLISHED, agenda_published_on=PAST
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.agenda_published_on) == (
        MeetingStatus.MINUTES_PUBLISHED,
        PAST,
    )
    versions = meeting.history.count()
    meeting_record_progress(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED
    assert meeting.history.count() == versions  # nothing to change, nothing written


def test_a_cancelled_meeting_stays_cancelled():
    meeting = meeting_create(board=BoardFactory(), date=PAST, start_time=datetime.time(10))
    meeting_cancel(meeting=meeting)
    meeting_record_progress(meeting=meeting, status=MeetingStatus.MINUTES_PUBLISHED)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_minutes_wait_for_the_meeting_to_start():
    future = datetime.date.today() + datetime.timedelta(days=30)
    meeting = meeting_create(board=BoardFactory(), date=future, start_time=datetime.time(10))
    with pytest.raises(NotAllowed, match="has not started yet"):
        meeting_record_progress(meeting=meeting, status=MeetingStatus.MINUTES_PUBLISHED)
    meeting_record_progress(meeting=meeting, status=MeetingStatus.AGENDA_PUBLISHED)
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
