"""The lists of what is asked and due: "my reports" (the requests and subgroup updates asked of
the signed-in person) and the officers' "reports due" across their boards' coming meetings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from cspboard.boards.access import access_for, subgroups_led_by
from cspboard.boards.choices import ItemRole
from cspboard.boards.models import Board
from cspboard.meetings.choices import ItemKind, MeetingStatus
from cspboard.meetings.models import AgendaItem, Meeting

from .. import deadlines
from ..choices import OPEN_STATUSES, RequestStatus
from ..models import ReportRequest, SubgroupUpdate
from .report_requests import person_id_of, requests_related
from .subgroup_updates import is_subgroup_updates_item

# My reports -------------------------------------------------------------------------------------


@dataclass
class LeadUpdate:
    """A subgroup update the signed-in lead is asked for: a coming meeting of the parent board
    whose agenda has a "subgroup updates" item."""

    meeting: Meeting
    subgroup: Board
    update: SubgroupUpdate | None


@dataclass
class MyReports:
    requests: list[ReportRequest]
    updates: list[LeadUpdate]
    is_officer: bool


def my_reports(user, today: datetime.date) -> MyReports:
    """The reports asked of this user: requests for coming meetings (not withdrawn), and the
    update reports of the subgroups they lead."""
    access = access_for(user)
    person_id = person_id_of(user)
    requests: list[ReportRequest] = []
    if person_id is not None and not access.second_factor_pending:
        requests = list(
            requests_related()
            .filter(author_id=person_id, status__in=OPEN_STATUSES, item__meeting__date__gte=today)
            .exclude(item__meeting__status=MeetingStatus.CANCELLED)
            .order_by("deadline", "pk")
        )
    updates: list[LeadUpdate] = []
    led_ids = subgroups_led_by(user, access)
    if led_ids:
        led = set(Board.objects.filter(pk__in=led_ids, parent__isnull=False))
        if led:
            meetings = list(
                Meeting.objects.filter(board_id__in={b.parent_id for b in led}, date__gte=today)
                .exclude(status=MeetingStatus.CANCELLED)
                .select_related("board")
                .order_by("date")
            )
            collecting = set(
                AgendaItem.objects.filter(
                    meeting__in=meetings, role=ItemRole.SUBGROUP_UPDATES
                ).values_list("meeting_id", flat=True)
            )
            existing = {
                (u.meeting_id, u.subgroup_id): u
                for u in SubgroupUpdate.objects.filter(meeting__in=meetings, subgroup__in=led)
            }
            for meeting in meetings:
                if meeting.pk not in collecting:
                    continue
                for subgroup in sorted(led, key=lambda b: b.name):
                    if subgroup.parent_id == meeting.board_id:
                        updates.append(
                            LeadUpdate(meeting, subgroup, existing.get((meeting.pk, subgroup.pk)))
                        )
    return MyReports(
        requests=requests,
        updates=updates,
        is_officer=access.is_admin or bool(access.officer_board_ids),
    )


# Reports due (officers) -------------------------------------------------------------------------


@dataclass
class DueRow:
    """A paper item of a coming meeting and where its report stands."""

    item: AgendaItem
    request: ReportRequest | None
    overdue: bool

    @property
    def state(self) -> str:
        if self.request is None:
            return "Not requested"
        if self.overdue:
            return "Overdue"
        return self.request.get_status_display()

    @property
    def tag(self) -> str:
        if self.request is None:
            return "govuk-tag--grey"
        if self.overdue:
            return "govuk-tag--red"
        if self.request.status == RequestStatus.SUBMITTED:
            return "govuk-tag--green"
        return "govuk-tag--yellow"


@dataclass
class DueSubgroup:
    subgroup: Board
    update: SubgroupUpdate | None


@dataclass
class DueMeeting:
    meeting: Meeting
    publication: datetime.date
    rows: list[DueRow]
    updates_item: AgendaItem | None = None
    subgroups: list[DueSubgroup] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.rows if row.overdue)

    @property
    def missing_updates(self) -> int:
        return sum(1 for s in self.subgroups if s.update is None)


@dataclass
class DuePage:
    meetings: list[DueMeeting]
    boards: list[Board]
    today: datetime.date


def reports_due_for_officer(user, today: datetime.date) -> DuePage:
    """Every coming meeting of the boards this user is an officer of, with each paper item's
    request (due, overdue or submitted, soonest deadline first) and the subgroups' updates.

    404 for anyone who is an officer of no board. A fixed number of queries.
    """
    access = access_for(user)
    if access.is_admin:
        boards = list(Board.objects.order_by("name"))
    elif access.officer_board_ids:
        boards = list(Board.objects.filter(pk__in=access.officer_board_ids).order_by("name"))
    else:
        raise Http404
    by_id = {b.pk: b for b in boards}
    meetings = list(
        Meeting.objects.filter(board_id__in=by_id, date__gte=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "start_time", "board__name")
    )
    for meeting in meetings:
        meeting.board = by_id[meeting.board_id]
    open_requests = Prefetch(
        "report_requests",
        queryset=ReportRequest.objects.filter(status__in=OPEN_STATUSES).select_related("author"),
        to_attr="open_requests",
    )
    items = list(
        AgendaItem.objects.filter(meeting__in=meetings)
        .select_related("parent")
        .prefetch_related(open_requests)
        .order_by("meeting", "position")
    )
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)

    # Subgroups and their updates, for the meetings whose agenda collects them.
    collecting = {
        meeting_id: next((i for i in rows if is_subgroup_updates_item(i)), None)
        for meeting_id, rows in by_meeting.items()
    }
    collecting = {k: v for k, v in collecting.items() if v is not None}
    subgroups: dict[int, list[Board]] = {}
    updates: dict[tuple[int, int], SubgroupUpdate] = {}
    if collecting:
        parents = {m.board_id for m in meetings if m.pk in collecting}
        for subgroup in (
            Board.objects.filter(parent_id__in=parents)
            .exclude(report_settings__sends_subgroup_updates=False)
            .order_by("name")
        ):
            subgroups.setdefault(subgroup.parent_id, []).append(subgroup)
        for update in SubgroupUpdate.objects.filter(meeting_id__in=collecting):
            updates[(update.meeting_id, update.subgroup_id)] = update

    page = []
    for meeting in meetings:
        rows = []
        for item in by_meeting.get(meeting.pk, []):
            item.meeting = meeting
            request = item.open_requests[0] if item.open_requests else None
            if request is None and (item.kind != ItemKind.PAPER or item.is_standing):
                continue
            if request is not None:
                request.item = item
            overdue = request is not None and request.is_overdue(today)
            rows.append(DueRow(item, request, overdue))
        far = datetime.date.max
        rows.sort(key=lambda r: (r.request is None, r.request.deadline if r.request else far))
        updates_item = collecting.get(meeting.pk)
        due_subgroups = []
        if updates_item is not None:
            due_subgroups = [
                DueSubgroup(s, updates.get((meeting.pk, s.pk)))
                for s in subgroups.get(meeting.board_id, [])
            ]
        page.append(
            DueMeeting(
                meeting=meeting,
                publication=deadlines.publication_date(meeting),
                rows=rows,
                updates_item=updates_item,
                subgroups=due_subgroups,
            )
        )
    return DuePage(meetings=page, boards=boards, today=today)
