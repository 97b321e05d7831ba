"""Reads for board pages (members, role history, and the sections the apps above boards draw:
meetings by year and the attendance record), the person's page, and officers' pages."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.people.models import Organisation, Person

from .access import access_for, can_manage_board, can_manage_person
from .choices import CHAIR_ROLES, ROLE_ORDER, Role
from .contributions import Section, board_sections, person_sections
from .models import Board, Membership, SharingAgreement, SharingAgreementStatus


@dataclass
class BoardPage:
    board: Board
    current: list[Membership]
    history: list[Membership]
    subgroups: list[Board]
    sections: list[Section]  # the meetings and attendance record (meetings)
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


def board_page(slug: str, today: datetime.date | None = None, user=None) -> BoardPage:
    today = today or datetime.date.today()
    board = board_get(slug)
    memberships = list(
        Membership.objects.filter(board=board).select_related("person", "person__organisation")
    )
    current = sorted((m for m in memberships if m.held_on(today)), key=_sort_key)
    history = sorted(
        memberships,
        key=lambda m: (ROLE_ORDER.get(m.role, 99), m.start or datetime.date.min, m.person.name),
    )
    return BoardPage(
        board=board,
        current=current,
        history=history,
        sections=board_sections(board, memberships, user=user, today=today),
        subgroups=list(board.subgroups.all()),
        can_manage=can_manage_board(access_for(user), board),
    )


# The person's pages --------------------------------------------------------------------------
#
# Drawn by boards, though the URLs are under /people/: beyond the person's name, all they show is
# their roles on boards, what the apps above boards register (their meetings and attendance),
# and, for an officer of one of their boards, the way to manage them.


@dataclass
class PersonPage:
    person: Person
    memberships: list[Membership]
    sections: list[Section]  # the meetings they attended (meetings)
    can_manage: bool
    managed_boards: list  # current boards of theirs whose members the viewer manages
    today: datetime.date


def person_page(slug: str, user=None, today: datetime.date | None = None) -> PersonPage:
    """A person's roles over time and the meetings they attended: public, as the minutes are.
    An officer of one of the person's boards also gets the link to delete them."""
    today = today or datetime.date.today()
    person = get_object_or_404(
        Person.objects.select_related("organisation").prefetch_related("aliases"), slug=slug
    )
    memberships = list(
        Membership.objects.filter(person=person)
        .select_related("board")
        .order_by("-start", "board__name")
    )
    for membership in memberships:
        membership.is_current = membership.held_on(today)
    sections = person_sections(person, user=user, today=today)
    access = access_for(user)
    managed_boards = []
    for membership in memberships:
        board = membership.board
        if membership.is_current and access.is_officer(board.pk) and board not in managed_boards:
            managed_boards.append(board)
    return PersonPage(
        person=person,
        memberships=memberships,
        sections=sections,
        can_manage=access.authenticated
        and can_manage_person(access, {m.board_id for m in memberships}),
        managed_boards=managed_boards,
        today=today,
    )


def person_for_officer(
    user, slug: str, *, include_past: bool, today: datetime.date | None = None
) -> Person:
    """The person, for an officer of one of their boards (or a site administrator); 404 for
    anyone else. `include_past`: whether an ended membership counts as "on their board"."""
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), slug=slug)
    memberships = Membership.objects.filter(person=person)
    if not include_past:
        memberships = memberships.filter(
            Q(end__isnull=True) | Q(end__gte=today or datetime.date.today())
        )
    if not can_manage_person(access_for(user), memberships.values_list("board_id", flat=True)):
        raise Http404
    return person


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


def membership_for_officer(user, slug: str, pk: int) -> Membership:
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
