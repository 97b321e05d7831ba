"""Reads for board pages: members, role history, meetings by year and the attendance record."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from cspboard.meetings.choices import AttendanceCapacity, AttendanceStatus, MeetingStatus
from cspboard.meetings.models import Attendance, Meeting
from cspboard.people.models import Organisation, Person

from .choices import CHAIR_ROLES, ROLE_ORDER, VOTING_ROLES
from .models import Board, Membership


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
class BoardPage:
    board: Board
    current: list[Membership]
    history: list[Membership]
    subgroups: list[Board]
    meetings_by_year: list[tuple[int, list[MeetingRow]]]
    people_attendance: list[AttendanceRecord]
    organisation_attendance: list[AttendanceRecord]


def boards_all() -> QuerySet[Board]:
    return Board.objects.select_related("parent").annotate(meeting_count=Count("meetings"))


def board_get(slug: str) -> Board:
    return get_object_or_404(
        Board.objects.select_related("parent", "contact_officer", "contact_officer__organisation"),
        slug=slug,
    )


def _sort_key(membership: Membership):
    return (ROLE_ORDER.get(membership.role, 99), membership.person.name)


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


def board_page(slug: str, today: datetime.date | None = None) -> BoardPage:
    today = today or datetime.date.today()
    board = board_get(slug)
    memberships = list(
        Membership.objects.filter(board=board).select_related("person", "person__organisation")
    )
    meetings = list(Meeting.objects.filter(board=board).select_related("chair").order_by("-date"))
    attendance = list(Attendance.objects.filter(meeting__board=board).select_related("person"))
    current = sorted((m for m in memberships if m.held_on(today)), key=_sort_key)
    history = sorted(
        memberships,
        key=lambda m: (ROLE_ORDER.get(m.role, 99), m.start or datetime.date.min, m.person.name),
    )
    by_year: dict[int, list[MeetingRow]] = defaultdict(list)
    for meeting in meetings:
        meeting.board = board  # its URL needs the slug; no query per meeting
        chair = meeting.chair or chair_on(memberships, meeting.date)
        by_year[meeting.date.year].append(
            MeetingRow(meeting=meeting, chair_name=chair.display_name if chair else "")
        )
    people_rows, org_rows = attendance_records(memberships, meetings, attendance)
    return BoardPage(
        board=board,
        current=current,
        history=history,
        subgroups=list(board.subgroups.all()),
        meetings_by_year=sorted(by_year.items(), reverse=True),
        people_attendance=people_rows,
        organisation_attendance=org_rows,
    )
