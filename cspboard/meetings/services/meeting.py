"""Writes for a meeting itself: creating it (alone or as a year's series), changing its details,
cancelling and deleting it."""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from cspboard.boards.models import Board
from cspboard.core.exceptions import NotAllowed, RecordInUse
from cspboard.core.history import attribute
from cspboard.people.models import Person

from .. import notifications
from ..choices import (
    MINUTES_STATUSES,
    MeetingStatus,
)
from ..models import Meeting

# Meetings ---------------------------------------------------------------------------------------


def _check_times(start_time, end_time) -> None:
    if end_time is not None and start_time is not None and end_time <= start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})


@transaction.atomic
def meeting_create(
    *,
    board: Board,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time | None = None,
    venue: str = "",
    online: bool = False,
    chair: Person | None = None,
    status: str = MeetingStatus.SCHEDULED,
    agenda_published_on: datetime.date | None = None,
    no_declarations: bool = False,
    notes: str = "",
    cancelled_reason: str = "",
    by=None,
) -> Meeting:
    """A meeting in the diary; or, with `status`, a past one being put on the record (a
    meeting already cancelled, say, which creating tells nobody about)."""
    _check_times(start_time, end_time)
    meeting = Meeting(
        board=board,
        date=date,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        online=online,
        chair=chair,
        status=status,
        agenda_published_on=agenda_published_on,
        no_declarations=no_declarations,
        notes=notes,
        cancelled_reason=cancelled_reason.strip(),
    )
    meeting.full_clean()
    attribute(meeting, by)
    meeting.save()
    return meeting


def series_dates(
    *, year: int, months: list[int], weekday: int, ordinal: str
) -> list[datetime.date]:
    """Dates such as "the last Wednesday of March, June, September and December".

    `weekday` is 0 for Monday; `ordinal` is first, second, third, fourth or last.
    """
    index = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}[ordinal]
    dates = []
    for month in sorted(months):
        days = [
            day
            for day in calendar.Calendar().itermonthdates(year, month)
            if day.month == month and day.weekday() == weekday
        ]
        dates.append(days[index])
    return dates


@transaction.atomic
def meetings_create_series(
    *,
    board: Board,
    dates: list[datetime.date],
    start_time: datetime.time,
    end_time: datetime.time | None = None,
    venue: str = "",
    online: bool = False,
    by=None,
) -> tuple[list[Meeting], list[datetime.date]]:
    """Create a meeting on each date; dates the board already meets on are skipped and returned."""
    _check_times(start_time, end_time)
    existing = set(
        Meeting.objects.filter(board=board, date__in=dates).values_list("date", flat=True)
    )
    created = [
        meeting_create(
            board=board,
            date=day,
            start_time=start_time,
            end_time=end_time,
            venue=venue,
            online=online,
            by=by,
        )
        for day in sorted(set(dates) - existing)
    ]
    return created, sorted(existing)


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time | None,
    venue: str,
    online: bool,
    chair: Person | None,
    by=None,
) -> Meeting:
    """Move a meeting or change its details; members are told when its agenda is already out."""
    if meeting.is_cancelled:
        raise NotAllowed("This meeting was cancelled: create a new meeting instead.")
    _check_times(start_time, end_time)
    moved = (meeting.date, meeting.start_time, meeting.end_time, meeting.venue, meeting.online) != (
        date,
        start_time,
        end_time,
        venue,
        online,
    )
    meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
    meeting.venue, meeting.online, meeting.chair = venue, online, chair
    meeting.full_clean()
    attribute(meeting, by)
    meeting.save()
    if moved and meeting.agenda_is_published:
        to = notifications.recipients("meeting_changed", meeting)
        notifications.meeting_changed(meeting, to)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str = "", by=None) -> Meeting:
    """Cancelled meetings stay in the record; members are told."""
    if meeting.is_cancelled:
        return meeting
    if meeting.status in MINUTES_STATUSES:
        raise NotAllowed("This meeting has minutes, so it took place and cannot be cancelled.")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason.strip()
    attribute(meeting, by)
    meeting.save(update_fields=["status", "cancelled_reason"])
    to = notifications.recipients("meeting_cancelled", meeting)
    notifications.meeting_cancelled(meeting, to)
    return meeting


# The cycle's statuses in the order a meeting goes through them.
_PROGRESS = [
    MeetingStatus.SCHEDULED,
    MeetingStatus.AGENDA_PUBLISHED,
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFTED,
    MeetingStatus.MINUTES_WITH_CHAIR,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
]


@transaction.atomic
def meeting_record_progress(
    *,
    meeting: Meeting,
    status: str,
    agenda_published_on: datetime.date | None = None,
    by=None,
) -> Meeting:
    """A record being loaded from elsewhere (an import) says the meeting has got further:
    its agenda or minutes were published there. The status moves forward only, never back and
    never out of cancelled, and without the cycle's notifications, which the source sent at
    the time. Minutes are for a meeting that has started."""
    if meeting.is_cancelled or status not in _PROGRESS:
        return meeting
    if _PROGRESS.index(status) >= _PROGRESS.index(MeetingStatus.HELD):
        _check_started(meeting)
    fields = []
    if _PROGRESS.index(status) > _PROGRESS.index(meeting.status):
        meeting.status = status
        fields.append("status")
    if agenda_published_on is not None and meeting.agenda_published_on is None:
        meeting.agenda_published_on = agenda_published_on
        fields.append("agenda_published_on")
    if fields:
        attribute(meeting, by)
        meeting.save(update_fields=fields)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by=None) -> None:
    """Only an empty meeting, made by mistake, may be deleted; any other is cancelled instead."""
    if (
        meeting.items.exists()
        or meeting.attendance.exists()
        or meeting.status != MeetingStatus.SCHEDULED
    ):
        raise RecordInUse(
            "This meeting has an agenda, attendance or minutes, so deleting it would lose part "
            "of the record. Cancel the meeting instead: it stays in the record marked cancelled."
        )
    attribute(meeting, by)
    meeting.delete()


def _check_started(meeting: Meeting) -> None:
    """Attendance, minutes and decisions are a record of what happened: not before it did."""
    if not meeting.has_started:
        raise NotAllowed(meeting.not_started_reason)
