"""The board page's meetings and attendance record, drawn into the page boards owns through
`cspboard.boards.contributions` (registered in `MeetingsConfig.ready`).

Meetings and attendance are public (`cspboard.meetings.permissions`), so the section is the same
for every reader, as the board page's cached body needs.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from cspboard.boards.choices import CHAIR_ROLES, VOTING_ROLES
from cspboard.boards.contributions import Section
from cspboard.boards.models import Board, Membership
from cspboard.people.models import Organisation, Person

from .choices import AttendanceCapacity, AttendanceStatus, MeetingStatus
from .models import Attendance, Meeting

TEMPLATE = "meetings/includes/_board_meetings.html"


@dataclass
class AttendanceRecord:
    """Meetings attended out of meetings expected, for a person or an organisation."""

    label: str
    attended: int
    expected: int
    person: Person | None = None
    organisation: Organisation | None = None

    @property
    def percent(self) -> int | None:
        return round(100 * self.attended / self.expected) if self.expected else None


@dataclass
class MeetingRow:
    meeting: Meeting
    chair_name: str


@dataclass
class BoardMeetings:
    board: Board
    meetings_by_year: list[tuple[int, list[MeetingRow]]]
    people_attendance: list[AttendanceRecord]
    organisation_attendance: list[AttendanceRecord]


def chair_on(memberships: list[Membership], day: datetime.date) -> Person | None:
    """Who held the chair on a day, from the membership history (chair before interim chair)."""
    for role in CHAIR_ROLES:
        for membership in memberships:
            if membership.role == role and membership.held_on(day):
                return membership.person
    return None


def attendance_records(
    memberships: list[Membership], meetings: list[Meeting], attendance: list[Attendance]
) -> tuple[list[AttendanceRecord], list[AttendanceRecord]]:
    """A member is expected at each held meeting during their membership; a substitute's
    attendance counts for the organisation, not for the member they stood in for."""
    held = [
        m
        for m in meetings
        if m.status != MeetingStatus.CANCELLED and m.status != MeetingStatus.SCHEDULED
    ]
    present: dict[int, set[int]] = defaultdict(set)  # meeting -> person ids present
    present_orgs: dict[int, set[int]] = defaultdict(set)  # meeting -> organisation ids present
    for row in attendance:
        if row.status == AttendanceStatus.PRESENT and row.person_id:
            if row.capacity in (AttendanceCapacity.MEMBER, AttendanceCapacity.SUBSTITUTE):
                present[row.meeting_id].add(row.person_id)
                if row.person.organisation_id:
                    present_orgs[row.meeting_id].add(row.person.organisation_id)
            elif row.capacity == AttendanceCapacity.OFFICER:
                present[row.meeting_id].add(row.person_id)

    expected_people: dict[int, set[int]] = defaultdict(set)  # person -> meeting ids
    expected_orgs: dict[int, set[int]] = defaultdict(set)
    people: dict[int, Person] = {}
    for membership in memberships:
        if membership.role not in VOTING_ROLES:
            continue
        people[membership.person_id] = membership.person
        for meeting in held:
            if membership.held_on(meeting.date):
                expected_people[membership.person_id].add(meeting.pk)
                if membership.person.organisation_id:
                    expected_orgs[membership.person.organisation_id].add(meeting.pk)

    organisations = {
        p.organisation_id: p.organisation for p in people.values() if p.organisation_id
    }
    person_rows = [
        AttendanceRecord(
            label=people[pid].display_name,
            person=people[pid],
            expected=len(meeting_ids),
            attended=sum(1 for mid in meeting_ids if pid in present[mid]),
        )
        for pid, meeting_ids in expected_people.items()
    ]
    org_rows = [
        AttendanceRecord(
            label=organisations[oid].name,
            organisation=organisations[oid],
            expected=len(meeting_ids),
            attended=sum(1 for mid in meeting_ids if oid in present_orgs[mid]),
        )
        for oid, meeting_ids in expected_orgs.items()
        if oid in organisations
    ]
    person_rows.sort(key=lambda r: r.label)
    org_rows.sort(key=lambda r: r.label)
    return person_rows, org_rows


def board_meetings(
    board: Board, memberships: list[Membership], *, user=None, today: datetime.date | None = None
) -> BoardMeetings:
    """The board's meetings by year, each with who chaired it, and the attendance record: two
    queries however many meetings there are. Public, so the same for every `user`."""
    meetings = list(Meeting.objects.filter(board=board).select_related("chair").order_by("-date"))
    attendance = list(Attendance.objects.filter(meeting__board=board).select_related("person"))
    by_year: dict[int, list[MeetingRow]] = defaultdict(list)
    for meeting in meetings:
        meeting.board = board  # its URL needs the slug; no query per meeting
        chair = meeting.chair or chair_on(memberships, meeting.date)
        by_year[meeting.date.year].append(
            MeetingRow(meeting=meeting, chair_name=chair.display_name if chair else "")
        )
    people_rows, org_rows = attendance_records(memberships, meetings, attendance)
    return BoardMeetings(
        board=board,
        meetings_by_year=sorted(by_year.items(), reverse=True),
        people_attendance=people_rows,
        organisation_attendance=org_rows,
    )


def board_meetings_section(
    board: Board, memberships: list[Membership], *, user, today: datetime.date
) -> Section:
    return Section(TEMPLATE, board_meetings(board, memberships, user=user, today=today))
