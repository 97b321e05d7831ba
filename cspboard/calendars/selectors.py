"""Which meetings each feed lists. Meetings' dates, times and places are public, so the feeds
need no access check beyond finding the board or the person."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from cspboard.boards.models import Board, Membership
from cspboard.meetings.models import Attendance, Meeting
from cspboard.people.models import Person


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("board").order_by("date", "start_time", "pk")


def board_feed_meetings(board: Board) -> QuerySet[Meeting]:
    """Every meeting of the board, cancelled ones included (the feed marks them cancelled)."""
    return _meetings().filter(board=board)


def person_feed_meetings(person: Person, today: datetime.date | None = None) -> QuerySet[Meeting]:
    """Meetings of every board the person is a current member of (any role), and every
    meeting whose attendance record names them."""
    board_ids = Membership.objects.current(today).filter(person=person).values("board_id")
    attended = Attendance.objects.filter(person=person).values("meeting_id")
    return _meetings().filter(Q(board_id__in=board_ids) | Q(pk__in=attended))
