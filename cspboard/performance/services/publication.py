"""Writes for the report a meeting saw: publishing a month's commentary, choosing a meeting's
month, and keeping the report as the meeting's published pack carried it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cspboard.boards.models import Board
from cspboard.core.history import signed_in_user
from cspboard.meetings.choices import AGENDA_PUBLIC_STATUSES

from ..changes import data_changed
from ..models import (
    Commentary,
    MeetingReport,
    RatingOverride,
    ReportPublication,
    ReportSnapshot,
)
from ..months import first_of_month
from ..pack import meeting_has_performance_item, meeting_report_month
from ..report import latest_publication, performance_report, published_content, snapshot_content


def _month_commentary(board: Board, month: datetime.date) -> dict[str, dict]:
    return published_content(
        RatingOverride.objects.filter(indicator__board=board, month=month),
        Commentary.objects.filter(indicator__board=board, month=month),
    )


@transaction.atomic
def report_commentary_publish(
    *, board: Board, month: datetime.date, by=None, meeting=None
) -> ReportPublication | None:
    """Publish the analyst's commentary and rating overrides of the board's month as they are
    now: the public report shows them from then on. Returns None, and writes nothing, when
    they are already published as they stand."""
    month = first_of_month(month)
    content = _month_commentary(board, month)
    latest = latest_publication(board, month)
    if (latest.content if latest is not None else {}) == content:
        return None
    publication = ReportPublication.objects.create(
        board=board,
        month=month,
        content=content,
        meeting=meeting,
        published_by=signed_in_user(by),
        published_at=timezone.now(),
    )
    data_changed(board_ids=[board.pk])
    return publication


def _is_published(meeting) -> bool:
    return meeting.agenda_published_on is not None or meeting.status in AGENDA_PUBLIC_STATUSES


@transaction.atomic
def meeting_report_set(*, meeting, month: datetime.date | None, by=None) -> MeetingReport | None:
    """The month of the performance report the meeting's agenda pack carries; None goes back to
    the default. Refused once the agenda is published: its pack has been sent."""
    if _is_published(meeting):
        raise ValidationError(
            "The agenda is published, and its pack with the performance report in it: the "
            "month can no longer be changed."
        )
    if month is None:
        MeetingReport.objects.filter(meeting=meeting).delete()
        return None
    choice, _ = MeetingReport.objects.update_or_create(
        meeting=meeting,
        defaults={
            "month": first_of_month(month),
            "set_by": signed_in_user(by),
            "set_at": timezone.now(),
        },
    )
    return choice


@transaction.atomic
def meeting_report_publish(*, meeting, by=None) -> ReportSnapshot | None:
    """When the meeting's agenda is published: publish the commentary of its report's month and
    keep the report as its pack carries it (a snapshot), so the live report can say what was
    revised since. Nothing when the meeting has no performance item or report."""
    board = meeting.board
    if not board.indicators.exists() or not meeting_has_performance_item(meeting):
        return None
    month = meeting_report_month(meeting).month
    if month is None:
        return None
    report_commentary_publish(board=board, month=month, by=by, meeting=meeting)
    report = performance_report(board=board, month=month)
    data_changed(board_ids=[board.pk])  # the page's revisions compare with the snapshot
    return ReportSnapshot.objects.create(
        meeting=meeting,
        board=board,
        month=month,
        published_on=meeting.agenda_published_on or timezone.localdate(),
        indicators=snapshot_content(report),
        taken_at=timezone.now(),
        by=signed_in_user(by),
    )
