"""The meeting page: everything it shows, already filtered for one viewer, and the audience
its body is kept for."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from cspboard.boards.access import Access, access_for, subgroups_led_by
from cspboard.boards.choices import ACTION_LOG_ROLES, Role
from cspboard.boards.models import Board, Membership
from cspboard.people.models import Person

from .. import contributions
from ..choices import AttendanceCapacity, AttendanceStatus, MeetingStatus
from ..models import AgendaItem, Attendance, Declaration, Meeting
from ..permissions import (
    can_declare_interest,
    can_review_minutes,
    can_see_agenda,
    can_see_item,
    can_see_minutes,
    can_write_subgroup_update,
    meeting_audience,
)
from .meeting import meeting_get


@dataclass
class ItemView:
    """An agenda item as one viewer may see it."""

    item: AgendaItem
    withheld: bool  # withheld from the public (on its own account or its parent's)
    redacted: bool  # withheld and this viewer is not entitled: number, title, legal basis only
    legal_basis: str
    show_minutes: bool
    documents: list = field(default_factory=list)  # the papers this viewer may have
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


CAPACITY_NOTES = {
    AttendanceCapacity.NOTE_TAKER: "note taker",
    AttendanceCapacity.GUEST: "guest",
    AttendanceCapacity.PRESENTER: "presenter",
    AttendanceCapacity.OFFICER: "officer",
}


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


def meeting_page_for_viewer(user, board_slug: str, date: datetime.date) -> MeetingPage:
    """Everything the meeting page shows, already filtered for this viewer.

    A fixed number of queries whatever the number of items, attendees or papers.
    """
    return meeting_page(user, meeting_get(board_slug, date))


@dataclass(frozen=True)
class MeetingAudience:
    """Whom a meeting page's body is drawn for: viewers with the same `key` are shown the same
    body, so it is kept once for all of them (`core.cache.cached_fragment`). The class comes
    from `permissions.meeting_audience`; the rest is what the body offers one viewer to do."""

    access_class: str  # "public", "member" or "officer"
    can_review: bool  # "Approve the minutes": the chair, or an officer
    can_declare: bool  # "Declare an interest": a member with a person, before the meeting
    writes_updates_for: tuple[int, ...] = ()  # subgroups whose update they may write

    @property
    def key(self) -> str:
        writers = ",".join(str(pk) for pk in self.writes_updates_for)
        return f"{self.access_class}:r{self.can_review:d}:d{self.can_declare:d}:w{writers}"


def meeting_audience_for(
    user, meeting: Meeting, today: datetime.date | None = None
) -> MeetingAudience:
    """The viewer's audience for the meeting's page, from the rules the page applies: the
    class (`permissions.meeting_audience`), and the rules of the page's buttons and the
    subgroup updates' links (`can_review_minutes`, `can_declare_interest`,
    `can_write_subgroup_update`). No query for the public; one at most for a member."""
    access = access_for(user)
    access_class = meeting_audience(access, meeting.board_id)
    can_review = meeting.status == MeetingStatus.MINUTES_WITH_CHAIR and can_review_minutes(
        user, access, meeting
    )
    can_declare = can_declare_interest(access, meeting) and meeting.status in (
        MeetingStatus.SCHEDULED,
        MeetingStatus.AGENDA_PUBLISHED,
    )
    writers: tuple[int, ...] = ()
    today = today or timezone.localdate()
    writable = meeting.date >= today and not meeting.is_cancelled
    # Officers of the board write every subgroup's update: their class says so already.
    if writable and access.authenticated and access_class != "officer":
        led = subgroups_led_by(user, access)
        if led or access.officer_board_ids:
            writers = tuple(
                subgroup.pk
                for subgroup in Board.objects.filter(parent_id=meeting.board_id).order_by("pk")
                if can_write_subgroup_update(user, access, subgroup, meeting, led)
            )
    return MeetingAudience(access_class, can_review, can_declare, writers)


def meeting_page(user, meeting: Meeting) -> MeetingPage:
    """`meeting_page_for_viewer` for a meeting already fetched with `meeting_get`."""
    access = access_for(user)
    show_agenda = can_see_agenda(access, meeting)
    show_minutes = show_agenda and can_see_minutes(access, meeting)

    items: list[ItemView] = []
    withheld_item_ids: set[int] = set()
    if show_agenda:
        rows = list(
            AgendaItem.objects.filter(meeting=meeting)
            .prefetch_related("presenters", "decisions")
            .prefetch_related(*contributions.item_papers_prefetches(access))
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
                        documents=contributions.item_papers(item) if full else [],
                        # A redacted item shows its number, title and legal basis only: not
                        # even its sub-items' titles, as the pack's public agenda prints it.
                        children=build(item.pk) if full else [],
                    )
                )
            return views

        items = build(None)

    attendance = list(
        Attendance.objects.filter(meeting=meeting).select_related(
            "person", "person__organisation", "substitute_for", "organisation"
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
            outstanding = contributions.action_log_as_at(access, meeting.board, meeting.date)
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
