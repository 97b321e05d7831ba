"""Reads for board pages: members, role history, meetings by year and the attendance record."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.meetings.choices import AttendanceCapacity, AttendanceStatus, MeetingStatus
from cspboard.meetings.models import Attendance, Meeting
from cspboard.people.models import Organisation, Person

from .access import access_for, can_manage_board
from .choices import CHAIR_ROLES, ROLE_ORDER, VOTING_ROLES, Role
from .models import Board, Membership, SharingAgreement, SharingAgreementStatus


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
    can_manage: bool = False


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


def board_page(slug: str, today: datetime.date | None = None, user=None) -> BoardPage:
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
        can_manage=can_manage_board(access_for(user), board),
    )


# Officers' pages ---------------------------------------------------------------------------------


def board_for_officer(user, slug: str) -> Board:
    """The board, for someone about to manage it: 404 unless they are one of its officers (or an
    officer of a board above it, or a site administrator)."""
    board = board_get(slug)
    if not can_manage_board(access_for(user), board):
        raise Http404
    return board


class AccountStatus:
    """Where a member's log-in has got to, as the members page shows it."""

    NO_EMAIL = "no_email"  # nowhere to send an invitation
    NONE = "none"  # no log-in yet
    INVITED = "invited"  # invited; no password set yet
    ACTIVE = "active"  # has set a password
    SWITCHED_OFF = "switched_off"


def account_status(person: Person) -> str:
    user = person.user
    if user is None:
        return AccountStatus.NONE if person.email.strip() else AccountStatus.NO_EMAIL
    if not user.is_active:
        return AccountStatus.SWITCHED_OFF
    return AccountStatus.ACTIVE if user.has_usable_password() else AccountStatus.INVITED


@dataclass
class MemberRow:
    membership: Membership
    account: str


@dataclass
class AgreementRow:
    organisation: Organisation
    agreement: SharingAgreement | None
    members: list[str]

    @property
    def status_label(self) -> str:
        if self.agreement is None:
            return SharingAgreementStatus.NOT_SENT.label
        return self.agreement.get_status_display()

    @property
    def is_complete(self) -> bool:
        return (
            self.agreement is not None and self.agreement.status == SharingAgreementStatus.RETURNED
        )


@dataclass
class MembersPage:
    board: Board
    current: list[MemberRow]
    upcoming: list[MemberRow]
    past: list[Membership]
    agreements: list[AgreementRow]
    chair: Membership | None
    today: datetime.date

    @property
    def agreements_outstanding(self) -> int:
        return sum(1 for row in self.agreements if not row.is_complete)


def members_page_for_officer(user, slug: str, today: datetime.date | None = None) -> MembersPage:
    """The board's memberships (current, starting later, ended), each member's log-in, and each
    member organisation's information sharing agreement. A fixed number of queries however many
    members there are."""
    today = today or datetime.date.today()
    board = board_for_officer(user, slug)
    memberships = list(
        Membership.objects.filter(board=board).select_related(
            "person", "person__organisation", "person__user"
        )
    )
    current = sorted((m for m in memberships if m.held_on(today)), key=_sort_key)
    upcoming = sorted(
        (m for m in memberships if m.start is not None and m.start > today),
        key=lambda m: (m.start, _sort_key(m)),
    )
    past = sorted(
        (m for m in memberships if m.end is not None and m.end < today),
        key=lambda m: (m.end, m.person.name),
        reverse=True,
    )
    agreements = {
        a.organisation_id: a
        for a in SharingAgreement.objects.filter(board=board).select_related("organisation")
    }
    organisations: dict[int, Organisation] = {
        a.organisation_id: a.organisation for a in agreements.values()
    }
    members: dict[int, list[str]] = defaultdict(list)
    for membership in current + upcoming:
        organisation = membership.person.organisation
        if organisation is not None:
            organisations[organisation.pk] = organisation
            if membership.person.display_name not in members[organisation.pk]:
                members[organisation.pk].append(membership.person.display_name)
    rows = [
        AgreementRow(organisation=org, agreement=agreements.get(pk), members=members.get(pk, []))
        for pk, org in organisations.items()
    ]
    rows.sort(key=lambda row: row.organisation.name)
    chair = next((m for m in current if m.role == Role.CHAIR), None) or next(
        (m for m in current if m.role in CHAIR_ROLES), None
    )
    return MembersPage(
        board=board,
        current=[MemberRow(m, account_status(m.person)) for m in current],
        upcoming=[MemberRow(m, account_status(m.person)) for m in upcoming],
        past=past,
        agreements=rows,
        chair=chair,
        today=today,
    )


def membership_get_for_officer(user, slug: str, pk: int) -> Membership:
    board = board_for_officer(user, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("person", "person__organisation"), board=board, pk=pk
    )
    membership.board = board
    return membership


def sharing_agreement_for_officer(
    user, slug: str, organisation_slug: str
) -> tuple[Board, Organisation, SharingAgreement | None]:
    board = board_for_officer(user, slug)
    organisation = get_object_or_404(Organisation, slug=organisation_slug)
    agreement = SharingAgreement.objects.filter(board=board, organisation=organisation).first()
    return board, organisation, agreement


# The audit history -------------------------------------------------------------------------------


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class HistoryRow:
    when: datetime.datetime
    who: str
    action: str  # Added, Changed, Deleted
    subject: str
    changes: list[Change]


_ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}
_MEMBERSHIP_FIELDS = [("role", "Role"), ("start", "Start"), ("end", "End"), ("note", "Note")]
_AGREEMENT_FIELDS = [
    ("status", "Status"),
    ("sent_on", "Sent"),
    ("signed_on", "Signed"),
    ("returned_on", "Returned"),
    ("note", "Note"),
]


def _shown(field: str, value) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    if field == "role":
        return Role(value).label if value in Role.values else str(value)
    if field == "status":
        return (
            SharingAgreementStatus(value).label
            if value in SharingAgreementStatus.values
            else str(value)
        )
    return str(value)


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return "Not recorded (an import or a command)"
    person = getattr(user, "person", None)
    return (
        person.display_name if person is not None else user.get_full_name() or user.get_username()
    )


def _history_rows(records, fields, subject) -> list[HistoryRow]:
    """One row per historical record, with what changed since the one before (compared here,
    in memory, rather than with one query per record as simple-history's diff_against does)."""
    rows = []
    previous: dict[int, object] = {}
    for record in records:  # oldest first
        before = previous.get(record.id)
        if record.history_type == "~" and before is not None:
            changes = [
                Change(
                    label, _shown(name, getattr(before, name)), _shown(name, getattr(record, name))
                )
                for name, label in fields
                if getattr(before, name) != getattr(record, name)
            ]
        elif record.history_type == "+":
            changes = [
                Change(label, "", _shown(name, getattr(record, name)))
                for name, label in fields
                if getattr(record, name) not in (None, "")
            ]
        else:
            changes = []
        previous[record.id] = record
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=_who(record),
                action=_ACTIONS.get(record.history_type, record.history_type),
                subject=subject(record),
                changes=changes,
            )
        )
    return rows


def membership_history_for_officer(user, slug: str) -> tuple[Board, list[HistoryRow]]:
    """Every change to the board's memberships and sharing agreements, newest first: who made
    it, when, and what changed."""
    board = board_for_officer(user, slug)
    memberships = list(
        Membership.history.filter(board_id=board.pk)
        .select_related("history_user__person")
        .order_by("history_date", "history_id")
    )
    agreements = list(
        SharingAgreement.history.filter(board_id=board.pk)
        .select_related("history_user__person")
        .order_by("history_date", "history_id")
    )
    people = Person.objects.in_bulk({r.person_id for r in memberships})
    organisations = Organisation.objects.in_bulk({r.organisation_id for r in agreements})

    def membership_subject(record) -> str:
        person = people.get(record.person_id)
        name = person.display_name if person else "A person since deleted"
        return f"{name}: {_shown('role', record.role).lower()}"

    def agreement_subject(record) -> str:
        organisation = organisations.get(record.organisation_id)
        name = organisation.name if organisation else "An organisation since deleted"
        return f"{name}: information sharing agreement"

    rows = _history_rows(memberships, _MEMBERSHIP_FIELDS, membership_subject)
    rows += _history_rows(agreements, _AGREEMENT_FIELDS, agreement_subject)
    rows.sort(key=lambda row: row.when, reverse=True)
    return board, rows
