"""The performance report as a paper of the agenda pack (cspboard.packs.contributions).

The meeting's performance item is its first item with the performance-report role, at a
meeting of a board with indicators. The report is for the latest month, on or before the month
before the meeting (the meeting's own month is never complete), to which the analysts entered
figures;
for a board whose figures are all counted from crime data, the latest month with any. (Counted
figures are published every month, entered ones when the analysts prepare the report: the
seeds' report for 28 March 2018 is to January, whatever February's crime counts.) The
report is public, so both packs carry it, unless the item itself is withheld under Schedule 12A:
then the public pack gets the restricted page and no content is made for it.
"""

from __future__ import annotations

import datetime

from .months import add_months, first_of_month


def is_performance_item(item) -> bool:
    from cspboard.boards.choices import ItemRole

    return item.role == ItemRole.PERFORMANCE_REPORT


def report_month(board, meeting_date: datetime.date) -> datetime.date | None:
    from django.db.models import Max

    from .choices import DataSource, Series
    from .models import Measurement
    from .report import months_with_data

    latest = add_months(first_of_month(meeting_date), -1)
    entered = Measurement.objects.filter(
        indicator__board=board,
        indicator__data_source=DataSource.ENTERED,
        indicator__in_development=False,
        series=Series.LOCAL,
        month__lte=latest,
    ).aggregate(month=Max("month"))["month"]
    if entered is not None:
        return entered
    months = [m for m in months_with_data(board) if m <= latest]
    return months[-1] if months else None


def _is_the_performance_item(item) -> bool:
    from cspboard.boards.choices import ItemRole
    from cspboard.meetings.models import AgendaItem

    first = (
        AgendaItem.objects.filter(meeting_id=item.meeting_id)
        .with_role(ItemRole.PERFORMANCE_REPORT)
        .values_list("pk", flat=True)
        .first()
    )
    return first == item.pk


def item_papers(item, *, members: bool) -> list:
    """The performance report for the meeting's performance item; nothing for other items."""
    from cspboard.packs.contributions import GeneratedPaper

    if not is_performance_item(item):
        return []  # no query for the pack's other items
    meeting = item.meeting
    board = meeting.board
    if not board.indicators.exists() or not _is_the_performance_item(item):
        return []
    month = report_month(board, meeting.date)
    if month is None:
        return []
    title = f"Performance report: financial year to date figures to {month:%B %Y}"
    withheld = item.is_withheld  # at any depth: cspboard.meetings.withholding
    basis = item.legal_basis
    if withheld and not members:
        return [GeneratedPaper(title, b"", withheld=True, legal_basis=basis)]
    from .pdf import report_pdf
    from .report import performance_report

    pdf = report_pdf(performance_report(board=board, month=month), page_numbers=False)
    return [GeneratedPaper(title, pdf, withheld=withheld, legal_basis=basis)]
