"""Reads for reports. Every function that takes `user` applies cspboard.meetings.permissions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.access import access_for, subgroups_led_by
from cspboard.boards.choices import ItemRole
from cspboard.boards.models import Board
from cspboard.meetings.choices import ItemKind, MeetingStatus
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.permissions import (
    can_request_reports,
    can_see_item,
    can_see_report_request,
    can_see_subgroup_update,
    can_submit_report,
    can_write_subgroup_update,
)
from cspboard.meetings.selectors import meeting_get
from cspboard.people.models import Person

from . import deadlines
from .choices import OPEN_STATUSES, RequestStatus
from .models import ReportRequest, ReportSettings, ReportSubmission, SubgroupUpdate

# Settings ---------------------------------------------------------------------------------------


def report_settings_for(board: Board) -> ReportSettings:
    """The board's saved settings, or the defaults (unsaved) when it has none."""
    return ReportSettings.objects.filter(board=board).first() or ReportSettings(board=board)


def default_deadline(meeting: Meeting) -> datetime.date:
    return deadlines.report_deadline(
        meeting, report_settings_for(meeting.board).deadline_working_days
    )


def reporting_subgroups(board: Board) -> QuerySet[Board]:
    """The board's subgroups that send it an update report (all, unless an officer said a
    subgroup does not)."""
    return (
        Board.objects.filter(parent=board)
        .exclude(report_settings__sends_subgroup_updates=False)
        .order_by("name")
    )


# The "subgroup updates" item --------------------------------------------------------------------


def is_subgroup_updates_item(item: AgendaItem) -> bool:
    """The item whose role is to collect the subgroups' update reports (whatever its title)."""
    return item.role == ItemRole.SUBGROUP_UPDATES


def subgroup_updates_item(meeting: Meeting) -> AgendaItem | None:
    """The item of the meeting that collects the subgroups' update reports: the first with
    that role."""
    item = (
        AgendaItem.objects.filter(meeting=meeting)
        .with_role(ItemRole.SUBGROUP_UPDATES)
        .select_related("parent")
        .first()
    )
    if item is not None:
        item.meeting = meeting
    return item


# Report requests --------------------------------------------------------------------------------


def _requests() -> QuerySet[ReportRequest]:
    return ReportRequest.objects.select_related(
        "item", "item__parent", "item__meeting", "item__meeting__board", "author", "document"
    )


def request_for_user(user, pk: int) -> ReportRequest:
    """The request, for its board's officers and its author; 404 for anyone else."""
    report_request = _requests().filter(pk=pk).first()
    if report_request is None or not can_see_report_request(user, access_for(user), report_request):
        raise Http404
    return report_request


def request_for_submitter(user, pk: int) -> ReportRequest:
    report_request = request_for_user(user, pk)
    if not can_submit_report(user, access_for(user), report_request):
        raise Http404
    return report_request


def request_for_officer(user, pk: int) -> ReportRequest:
    report_request = request_for_user(user, pk)
    if not can_request_reports(access_for(user), report_request.item.meeting):
        raise Http404
    return report_request


def submissions_of(report_request: ReportRequest) -> list[ReportSubmission]:
    return list(
        report_request.submissions.select_related("submitted_by_person").order_by("-version")
    )


def submission_for_user(user, pk: int, version: int) -> ReportSubmission:
    report_request = request_for_user(user, pk)
    submission = ReportSubmission.objects.filter(request=report_request, version=version).first()
    if submission is None:
        raise Http404
    submission.request = report_request
    return submission


def open_request_for_item(item: AgendaItem) -> ReportRequest | None:
    return _requests().filter(item=item, status__in=OPEN_STATUSES).first()


def people_to_ask(query: str = "") -> QuerySet[Person]:
    """Everyone in the register, or those whose name, post or organisation matches `query`."""
    people = Person.objects.select_related("organisation").order_by("name", "pk")
    query = query.strip()
    if query:
        people = people.filter(
            Q(name__icontains=query)
            | Q(post_title__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(aliases__alias__iexact=query)
        ).distinct()
    return people


def _person_id(user) -> int | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.person.pk
    except ObjectDoesNotExist:
        return None


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
    person_id = _person_id(user)
    requests: list[ReportRequest] = []
    if person_id is not None and not access.second_factor_pending:
        requests = list(
            _requests()
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


def reports_due_for_user(user, today: datetime.date) -> DuePage:
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


# Subgroup updates -------------------------------------------------------------------------------


@dataclass
class SubgroupRow:
    subgroup: Board
    update: SubgroupUpdate | None
    visible: bool  # the viewer may read the update
    can_write: bool


@dataclass
class SubgroupPanel:
    item: AgendaItem
    rows: list[SubgroupRow]


def subgroups_for_meeting(meeting: Meeting) -> list[tuple[Board, SubgroupUpdate | None]]:
    """The subgroups that report to this meeting and their updates, by name: the reporting
    subgroups, and any other subgroup that sent one anyway."""
    updates = {
        u.subgroup_id: u
        for u in SubgroupUpdate.objects.filter(meeting=meeting).select_related("document")
    }
    subgroups = list(
        Board.objects.filter(parent=meeting.board)
        .filter(~Q(report_settings__sends_subgroup_updates=False) | Q(pk__in=updates))
        .order_by("name")
    )
    rows = []
    for subgroup in subgroups:
        update = updates.get(subgroup.pk)
        if update is not None:
            update.meeting, update.subgroup = meeting, subgroup
        rows.append((subgroup, update))
    return rows


def shows_subgroup_updates(meeting: Meeting, has_updates: bool, today: datetime.date) -> bool:
    """Meetings before cspboard kept their updates as papers of the item: those say nothing of
    subgroups "with no update". A coming meeting, or one with updates here, lists them all."""
    return has_updates or meeting.date >= today


def subgroup_panel_for_user(
    user, meeting: Meeting, item: AgendaItem, withheld: bool, today: datetime.date
) -> SubgroupPanel | None:
    """The subgroups' updates for the meeting page's "subgroup updates" item, as this viewer
    may see them; None when there is nothing to show (see `shows_subgroup_updates`)."""
    access = access_for(user)
    item.meeting = meeting
    if not can_see_item(access, item):
        return None
    rows = subgroups_for_meeting(meeting)
    if not shows_subgroup_updates(meeting, any(u for _, u in rows), today):
        return None
    writable = meeting.date >= today and not meeting.is_cancelled
    led = subgroups_led_by(user, access) if writable else frozenset()
    panel = []
    for subgroup, update in rows:
        can_write = writable and can_write_subgroup_update(user, access, subgroup, meeting, led)
        visible = update is not None and (
            can_see_subgroup_update(access, update, withheld) or can_write
        )
        panel.append(SubgroupRow(subgroup, update, visible, can_write))
    return SubgroupPanel(item=item, rows=panel)


@dataclass
class SubgroupUpdatePage:
    meeting: Meeting
    subgroup: Board
    item: AgendaItem | None
    update: SubgroupUpdate | None
    withheld: bool
    can_write: bool

    @property
    def legal_basis(self) -> str:
        """Why the update is withheld: its own paragraph, or its item's."""
        if self.update is not None and self.update.legal_basis:
            return self.update.legal_basis
        return self.item.legal_basis if self.item is not None else ""


def subgroup_update_of(meeting, subgroup: Board) -> SubgroupUpdate | None:
    """The subgroup's update to the meeting, if written or uploaded, with what its page shows."""
    update = (
        SubgroupUpdate.objects.filter(meeting=meeting, subgroup=subgroup)
        .select_related("document", "submitted_by_person")
        .first()
    )
    if update is not None:
        update.meeting, update.subgroup = meeting, subgroup
    return update


def _subgroup_page(user, board_slug: str, date: datetime.date, subgroup_slug: str, today):
    meeting = meeting_get(board_slug, date)
    subgroup = get_object_or_404(Board, slug=subgroup_slug, parent=meeting.board)
    item = subgroup_updates_item(meeting)
    update = subgroup_update_of(meeting, subgroup)
    access = access_for(user)
    writable = meeting.date >= today and not meeting.is_cancelled
    can_write = writable and can_write_subgroup_update(user, access, subgroup, meeting)
    withheld = item is not None and item.is_withheld
    return SubgroupUpdatePage(meeting, subgroup, item, update, withheld, can_write), access


def subgroup_update_for_user(
    user, board_slug: str, date: datetime.date, subgroup_slug: str, today: datetime.date
) -> SubgroupUpdatePage:
    """A subgroup's update, for those who may read it (or write it); 404 otherwise, as for one
    that does not exist."""
    page, access = _subgroup_page(user, board_slug, date, subgroup_slug, today)
    if page.update is None:
        raise Http404
    if not (page.can_write or can_see_subgroup_update(access, page.update, page.withheld)):
        raise Http404
    return page


def subgroup_update_for_writer(
    user, board_slug: str, date: datetime.date, subgroup_slug: str, today: datetime.date
) -> SubgroupUpdatePage:
    """The page to write a subgroup's update: its lead or the parent board's officers, for a
    coming meeting; 404 for anyone else."""
    page, _ = _subgroup_page(user, board_slug, date, subgroup_slug, today)
    if not page.can_write or page.item is None:
        raise Http404
    return page


def default_update_title(subgroup: Board) -> str:
    """As the seed packs title them: "Safer Borough Subgroup Update"."""
    if "subgroup" in subgroup.name.lower().replace("-", ""):
        return f"{subgroup.name} Update"
    return f"{subgroup.name} Subgroup Update"


def open_report_requests() -> Prefetch:
    """Each item's open report request (at most one), with its author: one query in all."""
    return Prefetch(
        "report_requests",
        queryset=ReportRequest.objects.filter(status__in=OPEN_STATUSES).select_related("author"),
        to_attr="open_report_requests",
    )
