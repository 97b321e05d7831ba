"""Reads for meeting pages. Every function that takes `user` applies cspboard.core.permissions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.choices import ACTION_LOG_ROLES, Role
from cspboard.boards.models import Membership
from cspboard.core.permissions import (
    Access,
    access_for,
    can_see_agenda,
    can_see_item,
    can_see_minutes,
)
from cspboard.documents.models import Document
from cspboard.people.models import Person

from .choices import AttendanceCapacity, AttendanceStatus, MeetingStatus
from .models import AgendaItem, Attendance, Decision, Declaration, Meeting


@dataclass
class ItemView:
    """An agenda item as one viewer may see it."""

    item: AgendaItem
    withheld: bool  # withheld from the public (on its own account or its parent's)
    redacted: bool  # withheld and this viewer is not entitled: number, title, legal basis only
    legal_basis: str
    show_minutes: bool
    documents: list[Document] = field(default_factory=list)
    children: list[ItemView] = field(default_factory=list)


@dataclass
class MeetingPage:
    meeting: Meeting
    access: Access
    show_agenda: bool
    show_minutes: bool
    chair_name: str
    contact_officer: Person | None
    items: list[ItemView]
    present: list[Attendance]
    apologies: list[Attendance]
    absent: list[Attendance]
    declarations: list[Declaration]
    is_officer: bool
    action_item_id: int | None = None
    outstanding_actions: list = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        return sum(v.item.minutes_allowed or 0 for v in _walk(self.items))

    @property
    def has_withheld_items(self) -> bool:
        return any(v.withheld for v in _walk(self.items))


def _walk(views: list[ItemView]):
    for view in views:
        yield view
        yield from _walk(view.children)


def contact_officer_on(meeting: Meeting) -> Person | None:
    """The contact officer then, not now: the 2018 pack names a different officer from 2023's."""
    officer_then = (
        Membership.objects.held_on(meeting.date)
        .filter(board=meeting.board, role=Role.CONTACT_OFFICER)
        .select_related("person")
        .order_by("-start")
        .first()
    )
    return officer_then.person if officer_then else meeting.board.contact_officer


def meeting_get(board_slug: str, date: datetime.date) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related(
            "board",
            "board__parent",
            "board__contact_officer",
            "chair",
            "minutes_approved_at__board",
        ),
        board__slug=board_slug,
        date=date,
    )


def meeting_page_for_user(user, board_slug: str, date: datetime.date) -> MeetingPage:
    """Everything the meeting page shows, already filtered for this viewer.

    A fixed number of queries whatever the number of items, attendees or papers.
    """
    meeting = meeting_get(board_slug, date)
    access = access_for(user)
    show_agenda = can_see_agenda(access, meeting)
    show_minutes = show_agenda and can_see_minutes(access, meeting)

    items: list[ItemView] = []
    withheld_item_ids: set[int] = set()
    if show_agenda:
        rows = list(
            AgendaItem.objects.filter(meeting=meeting)
            .prefetch_related("presenters", "decisions")
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=Document.objects.visible_to(access).order_by("position", "pk"),
                )
            )
        )
        by_parent: dict[int | None, list[AgendaItem]] = {}
        for row in rows:
            row.meeting = meeting  # avoid a query per item when permissions read it
            by_parent.setdefault(row.parent_id, []).append(row)

        def build(parent_id: int | None) -> list[ItemView]:
            views = []
            for item in by_parent.get(parent_id, []):
                full = can_see_item(access, item)
                if item.is_withheld:
                    withheld_item_ids.add(item.pk)
                views.append(
                    ItemView(
                        item=item,
                        withheld=item.is_withheld,
                        redacted=not full,
                        legal_basis=item.legal_basis,
                        show_minutes=show_minutes and full,
                        documents=list(item.documents.all()) if full else [],
                        # A redacted item shows its number, title and legal basis only: not
                        # even its sub-items' titles, as the pack's public agenda prints it.
                        children=build(item.pk) if full else [],
                    )
                )
            return views

        items = build(None)

    attendance = list(
        Attendance.objects.filter(meeting=meeting).select_related(
            "person", "person__organisation", "substitute_for"
        )
    )
    declarations = []
    if show_agenda:
        declarations = [
            d
            for d in Declaration.objects.filter(meeting=meeting).select_related("person", "item")
            if d.item_id is None
            or d.item_id not in withheld_item_ids
            or access.can_see_withheld(meeting.board_id)
        ]
    chair_name = meeting.chair.display_name if meeting.chair else ""
    contact_officer = contact_officer_on(meeting)
    # The action-log item lists the actions outstanding at the meeting, as they stood on its date.
    action_item_id, outstanding = None, []
    if show_agenda:
        action_item_id = next(
            (v.item.pk for v in _walk(items) if v.item.role in ACTION_LOG_ROLES and not v.redacted),
            None,
        )
        if action_item_id is not None:
            from cspboard.actions.queries import outstanding_actions_as_at

            outstanding = outstanding_actions_as_at(access, meeting.board, meeting.date)
    return MeetingPage(
        action_item_id=action_item_id,
        outstanding_actions=outstanding,
        meeting=meeting,
        access=access,
        show_agenda=show_agenda,
        show_minutes=show_minutes,
        chair_name=chair_name,
        contact_officer=contact_officer,
        items=items,
        present=[a for a in attendance if a.status == AttendanceStatus.PRESENT],
        apologies=[a for a in attendance if a.status == AttendanceStatus.APOLOGIES],
        absent=[a for a in attendance if a.status == AttendanceStatus.ABSENT],
        declarations=declarations,
        is_officer=access.is_officer(meeting.board_id),
    )


def meetings_upcoming(today: datetime.date, limit: int = 10) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(date__gte=today)
        .select_related("board")
        .order_by("date", "start_time")[:limit]
    )


def meetings_recent(today: datetime.date, limit: int = 10) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(date__lt=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("board")
        .order_by("-date", "-start_time")[:limit]
    )


def item_for_officer(user, item_id: int) -> AgendaItem:
    """An item, for someone about to change it: 404 unless they are an officer of its board."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=item_id)
    if not access_for(user).is_officer(item.meeting.board_id):
        raise Http404
    return item


# Capacities shown on the meeting page beside a person's name.
CAPACITY_NOTES = {
    AttendanceCapacity.NOTE_TAKER: "note taker",
    AttendanceCapacity.GUEST: "guest",
    AttendanceCapacity.PRESENTER: "presenter",
    AttendanceCapacity.OFFICER: "officer",
}


# The officer's and chair's pages ----------------------------------------------------------------


def _meeting_or_404(board_slug: str, date: datetime.date) -> Meeting:
    return meeting_get(board_slug, date)


def meeting_for_officer(user, board_slug: str, date: datetime.date) -> Meeting:
    """The meeting, for someone about to run it: 404 unless they are an officer of its board."""
    from cspboard.core.permissions import can_manage_meeting

    meeting = _meeting_or_404(board_slug, date)
    if not can_manage_meeting(access_for(user), meeting):
        raise Http404
    return meeting


def meeting_for_chair(user, board_slug: str, date: datetime.date) -> Meeting:
    from cspboard.core.permissions import can_review_minutes

    meeting = _meeting_or_404(board_slug, date)
    if not can_review_minutes(user, access_for(user), meeting):
        raise Http404
    return meeting


def meeting_for_member(user, board_slug: str, date: datetime.date) -> Meeting:
    from cspboard.core.permissions import can_declare_interest

    meeting = _meeting_or_404(board_slug, date)
    if not can_declare_interest(access_for(user), meeting):
        raise Http404
    return meeting


def board_for_officer(user, board_slug: str):
    from cspboard.boards.models import Board

    board = get_object_or_404(Board, slug=board_slug)
    if not access_for(user).is_officer(board.pk):
        raise Http404
    return board


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """All items in order, each with `depth` set, presenters and paper counts loaded."""
    from django.db.models import Count

    rows = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("presenters")
        .annotate(document_count=Count("documents"))
        .order_by("position")
    )
    depth: dict[int, int] = {}
    siblings: dict[int | None, list[AgendaItem]] = {}
    for row in rows:
        row.meeting = meeting
        row.depth = 0 if row.parent_id is None else depth.get(row.parent_id, 0) + 1
        depth[row.pk] = row.depth
        siblings.setdefault(row.parent_id, []).append(row)
    for family in siblings.values():  # "Up" and "Down" move an item among its siblings
        for n, row in enumerate(family):
            row.can_move_up, row.can_move_down = n > 0, n < len(family) - 1
    return rows


def item_for_meeting(meeting: Meeting, item_id: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.prefetch_related("presenters"), pk=item_id, meeting=meeting
    )
    item.meeting = meeting
    return item


def board_people(board) -> QuerySet[Person]:
    """People who are or were on the board (for chair and presenter choices)."""
    return Person.objects.filter(memberships__board=board).distinct().order_by("name")


def current_members(meeting: Meeting) -> list[Person]:
    """Those expected at the meeting: its board's members on its date, in role order."""
    from cspboard.boards.choices import ROLE_ORDER, VOTING_ROLES

    rows = (
        Membership.objects.held_on(meeting.date)
        .filter(board=meeting.board, role__in=VOTING_ROLES)
        .select_related("person", "person__organisation")
    )
    people: dict[int, tuple] = {}
    for membership in rows:
        key = (ROLE_ORDER.get(membership.role, 99), membership.person.name)
        if membership.person_id not in people or key < people[membership.person_id][0]:
            people[membership.person_id] = (key, membership.person)
    return [person for _, person in sorted(people.values(), key=lambda pair: pair[0])]


def attendance_rows(meeting: Meeting) -> list[Attendance]:
    return list(
        Attendance.objects.filter(meeting=meeting).select_related("person", "substitute_for")
    )


def later_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(board=meeting.board, date__gt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date")
    )


def meetings_for_board(board) -> QuerySet[Meeting]:
    return Meeting.objects.filter(board=board).select_related("board", "chair").order_by("-date")


def meeting_history(meeting: Meeting, limit: int = 200) -> list:
    """The audit trail of a meeting, its items, attendance, decisions and papers, newest first."""
    from cspboard.documents.models import Document

    records = []
    sources = [
        (Meeting.history.filter(id=meeting.pk), "Meeting"),
        (AgendaItem.history.filter(meeting_id=meeting.pk), "Agenda item"),
        (Attendance.history.filter(meeting_id=meeting.pk), "Attendance"),
        (Declaration.history.filter(meeting_id=meeting.pk), "Declaration"),
        (Decision.history.filter(item__meeting_id=meeting.pk), "Decision"),
        (Document.history.filter(item__meeting_id=meeting.pk), "Paper"),
    ]
    for queryset, label in sources:
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            record.label = label
            records.append(record)
    records.sort(key=lambda r: r.history_date, reverse=True)
    records = records[:limit]
    # Describe each change from its own fields: one query for the people named, not one a row.
    person_ids = {getattr(r, "person_id", None) for r in records} - {None}
    names = {p.pk: p.display_name for p in Person.objects.filter(pk__in=person_ids)}
    for record in records:
        if record.label == "Meeting":
            record.description = str(meeting)
        elif record.label == "Agenda item":
            record.description = f"{record.number} {record.title}"
        elif record.label in ("Attendance", "Declaration"):
            who = names.get(record.person_id) or getattr(record, "name", "") or "someone"
            extra = f" ({record.status})" if record.label == "Attendance" else f": {record.text}"
            record.description = who + extra
        elif record.label == "Paper":
            record.description = record.title
        else:
            record.description = record.text
    return records
