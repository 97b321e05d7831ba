"""Reads for report requests: the board's deadline rule, a request for those who may see,
submit or manage it, its versions, and whom to ask."""

from __future__ import annotations

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from cspboard.boards.access import access_for
from cspboard.boards.models import Board
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.permissions import (
    can_request_reports,
    can_see_report_request,
    can_submit_report,
)
from cspboard.people.models import Person

from .. import deadlines
from ..choices import OPEN_STATUSES
from ..models import ReportRequest, ReportSettings, ReportSubmission

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


# Report requests --------------------------------------------------------------------------------


def requests_related() -> QuerySet[ReportRequest]:
    return ReportRequest.objects.select_related(
        "item", "item__parent", "item__meeting", "item__meeting__board", "author", "document"
    )


def request_for_viewer(user, pk: int) -> ReportRequest:
    """The request, for its board's officers and its author; 404 for anyone else."""
    report_request = requests_related().filter(pk=pk).first()
    if report_request is None or not can_see_report_request(user, access_for(user), report_request):
        raise Http404
    return report_request


def request_for_submitter(user, pk: int) -> ReportRequest:
    report_request = request_for_viewer(user, pk)
    if not can_submit_report(user, access_for(user), report_request):
        raise Http404
    return report_request


def request_for_officer(user, pk: int) -> ReportRequest:
    report_request = request_for_viewer(user, pk)
    if not can_request_reports(access_for(user), report_request.item.meeting):
        raise Http404
    return report_request


def submissions_of(report_request: ReportRequest) -> list[ReportSubmission]:
    return list(
        report_request.submissions.select_related("submitted_by_person").order_by("-version")
    )


def submission_for_viewer(user, pk: int, version: int) -> ReportSubmission:
    report_request = request_for_viewer(user, pk)
    submission = ReportSubmission.objects.filter(request=report_request, version=version).first()
    if submission is None:
        raise Http404
    submission.request = report_request
    return submission


def open_request_for_item(item: AgendaItem) -> ReportRequest | None:
    return requests_related().filter(item=item, status__in=OPEN_STATUSES).first()


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


def person_id_of(user) -> int | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.person.pk
    except ObjectDoesNotExist:
        return None


def open_report_requests() -> Prefetch:
    """Each item's open report request (at most one), with its author: one query in all."""
    return Prefetch(
        "report_requests",
        queryset=ReportRequest.objects.filter(status__in=OPEN_STATUSES).select_related("author"),
        to_attr="open_report_requests",
    )
