"""The forward plan: what each future meeting of a board will take.

A future meeting's draft agenda *is* its forward plan, so there is no separate model: the plan
is read from the agenda items of the board's meetings from today on (not cancelled), and each
item carries its `plan_status` and an officers' `plan_comment`. Reads (`forward_plan_for_user`)
and writes (`plan_item_set_status`, `plan_item_move`, `plan_item_defer`) are kept here, apart
from the meeting cycle's own services and selectors.

Who sees what is decided in cspboard.meetings.permissions: the plan is public, as in the agenda
pack; a withheld item shows only its number, title and legal basis to those not entitled to
its detail; only officers see comments, and where each paper's report request stands.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cspboard.boards.access import Access, access_for
from cspboard.boards.models import Board
from cspboard.boards.standing import standing_items_for
from cspboard.core.exceptions import NotAllowed
from cspboard.core.history import attribute

from . import contributions
from .choices import ItemKind, MeetingStatus, PlanStatus
from .models import AgendaItem, Meeting
from .permissions import can_request_reports, can_see_plan_comments, item_open_to
from .services.agenda import _bump_agenda, _insert_position, agenda_renumber

STATUS_TAGS = {
    PlanStatus.PLANNED: "govuk-tag--grey",
    PlanStatus.REPORT_REQUESTED: "govuk-tag--yellow",
    PlanStatus.REPORT_RECEIVED: "govuk-tag--green",
    PlanStatus.VERBAL: "govuk-tag--blue",
    PlanStatus.DEFERRED: "govuk-tag--orange",
}

# Reads ------------------------------------------------------------------------------------------


@dataclass
class PlanItem:
    """One item on the plan as one viewer may see it."""

    item: AgendaItem
    redacted: bool  # withheld and this viewer is not entitled: number, title, legal basis only
    legal_basis: str
    presenter: str
    children: list[PlanItem] = field(default_factory=list)
    # For officers: the item's open report request (requested or submitted), or whether a
    # report may be requested for it (a paper, not a standing item, none asked yet).
    # The request comes from the reports app's prefetch (contributions.plan_item_prefetches).
    report_request: object | None = None
    report_overdue: bool = False
    can_request_report: bool = False

    @property
    def status_tag(self) -> str:
        """The design system's tag colour for the item's status."""
        return STATUS_TAGS.get(self.item.plan_status, "govuk-tag--grey")


@dataclass
class PlanMeeting:
    meeting: Meeting
    items: list[PlanItem]
    total: int  # minutes allowed, items and sub-items
    length: int  # the meeting's length, or the board's usual length
    move_targets: list[Meeting] = field(default_factory=list)  # other draft agendas on the plan

    @property
    def over(self) -> bool:
        return self.total > self.length

    @property
    def can_change(self) -> bool:
        """Items move only while the agenda is a draft: a published one is part of the record."""
        return not self.meeting.agenda_is_published


@dataclass
class ForwardPlan:
    board: Board
    access: Access
    meetings: list[PlanMeeting]
    is_officer: bool
    show_comments: bool
    # The plan of meetings from an earlier date (read-only), or None for the current plan.
    since: datetime.date | None = None
    # With no coming meetings: the earliest past meeting never held or cancelled, whose plan
    # is still worth reading (the demo's plans are of 2023 and 2024).
    earliest_unheld: datetime.date | None = None


def plan_meetings(board: Board, today: datetime.date):
    """The board's meetings from today on that will take place, soonest first."""
    return (
        Meeting.objects.filter(board=board, date__gte=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "start_time")
    )


def _presenter(item: AgendaItem) -> str:
    if item.presenter_text:
        return item.presenter_text
    return ", ".join(p.display_name for p in item.presenters.all())


def _report_state(item: AgendaItem, today: datetime.date) -> dict:
    """The PlanItem fields telling an officer where the item's report stands."""
    requests = getattr(item, "open_report_requests", [])
    if requests:
        return {"report_request": requests[0], "report_overdue": requests[0].is_overdue(today)}
    return {"can_request_report": item.kind == ItemKind.PAPER and not item.is_standing}


def forward_plan_for_user(
    user, board_slug: str, today: datetime.date, since: datetime.date | None = None
) -> ForwardPlan:
    """The forward plan of a board, filtered for this viewer; for its officers, with each
    item's report request. With `since` (a date before today), the plan of the meetings from
    that date, to read only.

    A fixed number of queries whatever the number of meetings, items and requests.
    """
    board = get_object_or_404(Board, slug=board_slug)
    access = access_for(user)
    if since is not None and since >= today:
        since = None
    meetings = list(plan_meetings(board, since or today))
    reports_shown = set() if since else {m.pk for m in meetings if can_request_reports(access, m)}
    by_meeting: dict[int, dict[int | None, list[AgendaItem]]] = {m.pk: {} for m in meetings}
    rows = (
        AgendaItem.objects.filter(meeting__in=meetings)
        .prefetch_related("presenters")
        .order_by("meeting", "position")
    )
    if reports_shown:
        rows = rows.prefetch_related(*contributions.plan_item_prefetches())
    for row in rows:
        by_meeting[row.meeting_id].setdefault(row.parent_id, []).append(row)

    plan = []
    for meeting in meetings:
        meeting.board = board  # no query per meeting when permissions or URLs read it
        family = by_meeting[meeting.pk]

        def build(parent_id, meeting=meeting, family=family):
            views = []
            for item in family.get(parent_id, []):
                item.meeting = meeting
                full = item_open_to(access, item)
                reports = {}
                if full and meeting.pk in reports_shown:
                    reports = _report_state(item, today)
                views.append(
                    PlanItem(
                        item=item,
                        redacted=not full,
                        legal_basis=item.legal_basis,
                        presenter=_presenter(item) if full else "",
                        # Redacted: number, title and legal basis only, no sub-items.
                        children=build(item.pk) if full else [],
                        **reports,
                    )
                )
            return views

        items = build(None)
        total = sum(i.minutes_allowed or 0 for rows_ in family.values() for i in rows_)
        length = meeting.length_minutes or board.default_meeting_minutes
        plan.append(PlanMeeting(meeting=meeting, items=items, total=total, length=length))
    for entry in plan:
        entry.move_targets = [
            other.meeting
            for other in plan
            if other.meeting.pk != entry.meeting.pk and other.can_change
        ]
    earliest_unheld = None
    if not plan:
        earliest_unheld = (
            Meeting.objects.filter(board=board, date__lt=today, status=MeetingStatus.SCHEDULED)
            .order_by("date")
            .values_list("date", flat=True)
            .first()
        )
    return ForwardPlan(
        board=board,
        access=access,
        meetings=plan,
        is_officer=access.is_officer(board.pk) and since is None,
        show_comments=can_see_plan_comments(access, board),
        since=since,
        earliest_unheld=earliest_unheld,
    )


# Writes -----------------------------------------------------------------------------------------


@transaction.atomic
def plan_item_set_status(
    *, item: AgendaItem, status: str, comment: str = "", by=None
) -> AgendaItem:
    """Record where an item stands (report requested, received...) with an officer's comment."""
    if status not in PlanStatus.values:
        raise ValidationError({"status": "Choose a status from the list."})
    item.plan_status = status
    item.plan_comment = comment.strip()
    item.version += 1
    attribute(item, by)
    item.save(update_fields=["plan_status", "plan_comment", "version"])
    return item


def _family(items: list[AgendaItem], parent: AgendaItem) -> list[AgendaItem]:
    """The item and all its sub-items, in agenda order (`items` ordered by position)."""
    ids = {parent.pk}
    family = [parent]
    for row in items:
        if row.parent_id in ids and row.pk not in ids:
            ids.add(row.pk)
            family.append(row)
    return family


@transaction.atomic
def plan_item_move(*, item: AgendaItem, to_meeting: Meeting, by=None) -> AgendaItem:
    """Move a top-level item, with its sub-items, to the end of another future meeting of the
    same board, before the standing items that close its agenda. Both agendas are renumbered.

    Refused while either agenda is published (it is then part of the record), or when the
    target meeting is cancelled or in the past.
    """
    source = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    target = Meeting.objects.select_for_update().select_related("board").get(pk=to_meeting.pk)
    today = timezone.localdate()
    if item.parent_id is not None:
        raise NotAllowed("Sub-items move with their item: move the item they belong to.")
    if item.is_standing:
        raise NotAllowed("Standing items open or close every agenda, so they do not move.")
    if target.pk == source.pk:
        raise NotAllowed("The item is already on that meeting's agenda.")
    if target.board_id != source.board_id:
        raise NotAllowed("Items move only between meetings of the same board.")
    if target.is_cancelled or target.date < today:
        raise NotAllowed("Items can only move to a future meeting that has not been cancelled.")
    if source.date < today:
        raise NotAllowed("That meeting has passed: its agenda is part of the record.")
    if source.agenda_is_published or target.agenda_is_published:
        raise NotAllowed(
            "Once an agenda is published its items are part of the record: items can only move "
            "between draft agendas."
        )
    family = _family(list(source.items.order_by("position")), item)
    if any(row.minutes for row in family) or any(row.declarations.exists() for row in family):
        raise NotAllowed("This item has minutes or declarations recorded against it.")

    target_items = list(target.items.order_by("position"))
    closing = {s.title for s in standing_items_for(target.board) if s.at_end}
    position = _insert_position(target_items, None, closing)
    # Make room, highest first: positions are unique within a meeting.
    for row in reversed([r for r in target_items if r.position >= position]):
        AgendaItem.objects.filter(pk=row.pk).update(position=row.position + len(family))
    for n, row in enumerate(family):
        row.meeting = target
        row.position = position + n
        row.version += 1
        attribute(row, by)
        row.save(update_fields=["meeting", "position", "version"])
    agenda_renumber(meeting=source, by=by)
    agenda_renumber(meeting=target, by=by)
    _bump_agenda(source)
    _bump_agenda(target)
    item.refresh_from_db()
    return item


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(board_id=meeting.board_id, date__gt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "start_time")
        .first()
    )


@transaction.atomic
def plan_item_defer(*, item: AgendaItem, by=None) -> AgendaItem:
    """Move an item to the board's next meeting after this one, marked deferred."""
    target = next_meeting_after(item.meeting)
    if target is None:
        raise NotAllowed("There is no later meeting to defer this item to: create one first.")
    item = plan_item_move(item=item, to_meeting=target, by=by)
    return plan_item_set_status(
        item=item, status=PlanStatus.DEFERRED, comment=item.plan_comment, by=by
    )
