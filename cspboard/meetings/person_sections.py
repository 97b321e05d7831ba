"""The person page's meetings and attendance, drawn into the page boards owns through
`cspboard.boards.contributions` (registered in `MeetingsConfig.ready`).

Attendance is public, as the minutes are (`cspboard.meetings.permissions`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from cspboard.boards.contributions import Section
from cspboard.people.models import Person

from .choices import AttendanceStatus
from .models import Attendance

TEMPLATE = "meetings/includes/_person_attendance.html"


@dataclass
class PersonAttendance:
    attendance: list[Attendance]  # newest first
    present: int
    apologies: int
    absent: int


def person_attendance(
    person: Person, *, user=None, today: datetime.date | None = None
) -> PersonAttendance:
    """The meetings the person attended, sent apologies for or missed: one query. Public, so the
    same for every `user`."""
    attendance = list(
        Attendance.objects.filter(person=person)
        .select_related("meeting", "meeting__board", "substitute_for")
        .order_by("-meeting__date")
    )
    statuses = [row.status for row in attendance]
    return PersonAttendance(
        attendance=attendance,
        present=statuses.count(AttendanceStatus.PRESENT),
        apologies=statuses.count(AttendanceStatus.APOLOGIES),
        absent=statuses.count(AttendanceStatus.ABSENT),
    )


def person_attendance_section(person: Person, *, user, today: datetime.date) -> Section:
    return Section(TEMPLATE, person_attendance(person, user=user, today=today))
