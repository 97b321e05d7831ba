"""The performance report as a paper of the agenda pack (cspboard.meetings.contributions), and the
month a meeting's report is for.

The meeting's performance item is its first item with the performance-report role, at a
meeting of a board with indicators. Its report is for the meeting's month (`meeting_report_month`):
once the agenda is published, the month of the report its pack carried (`ReportSnapshot`);
before, the month an officer or analyst chose (`MeetingReport`); without a choice, the default:
the latest month, no later than the month before the meeting nor the month before the agenda's
publication (or today, before it: the month in progress is never complete), to which the
analysts entered figures; for a board whose figures are all counted from crime data, the latest
month with any. (Counted figures are published every month, entered ones when the analysts
prepare the report: the seeds' report for 28 March 2018 is to January, whatever February's
crime counts.) A default from an earlier financial year is offered only in the first quarter
of the next one (the year-end report): a 2027 meeting of a board whose figures end in 2018 gets
no performance paper, and the officer a note saying why, never the 2018 report as if current.

The pack carries the commentary and ratings as published (never drafts). The report is public,
so both packs carry it, unless the item itself is withheld under Schedule 12A: then the public
pack gets the restricted page and no content is made for it.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.core.cache import cache
from django.db.models import Max

from cspboard.boards.choices import ItemRole
from cspboard.core.cache import board_generation_key
from cspboard.meetings.contributions import GeneratedPaper
from cspboard.meetings.models import AgendaItem

from . import pdf as pdf_layout  # looked up at each call, so a test can count the layouts
from .calculations import financial_year_label, financial_year_start
from .choices import DataSource, Series
from .models import Measurement, MeetingReport, ReportSnapshot
from .months import add_months, first_of_month
from .report import months_with_data, performance_report
from .stored import report_ready

# How the meeting's month was decided.
PUBLISHED, CHOSEN, DEFAULT, NONE = "published", "chosen", "default", "none"


def is_performance_item(item) -> bool:
    return item.role == ItemRole.PERFORMANCE_REPORT


def report_month(
    board, meeting_date: datetime.date, *, as_at: datetime.date | None = None
) -> datetime.date | None:
    """The latest month with figures before the meeting's month (and before `as_at`'s)."""

    latest = add_months(first_of_month(meeting_date), -1)
    if as_at is not None:
        latest = min(latest, add_months(first_of_month(as_at), -1))
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


def too_old(month: datetime.date, cutoff: datetime.date) -> bool:
    """Whether a report to `month` would be out of date as a meeting's default, when figures
    could be held to `cutoff`: it is of an earlier financial year, other than the year just
    ended while the new one is in its first quarter."""
    year = financial_year_start(cutoff)
    held = financial_year_start(month)
    if held == year:
        return False
    return not (held == add_months(year, -12) and cutoff < add_months(year, 3))


@dataclasses.dataclass(frozen=True)
class MeetingMonth:
    """The month of a meeting's performance report, how it was decided, and a note for the
    officer when there is none."""

    month: datetime.date | None
    how: str  # PUBLISHED, CHOSEN, DEFAULT or NONE
    note: str = ""
    published_on: datetime.date | None = None  # with PUBLISHED


def meeting_report_month(meeting, today: datetime.date | None = None) -> MeetingMonth:
    """The month the meeting's performance report is for (at most three queries)."""
    snapshot = (
        ReportSnapshot.objects.filter(meeting=meeting).order_by("-published_on", "-id").first()
    )
    if snapshot is not None:
        return MeetingMonth(snapshot.month, PUBLISHED, published_on=snapshot.published_on)
    chosen = MeetingReport.objects.filter(meeting=meeting).first()
    if chosen is not None:
        return MeetingMonth(chosen.month, CHOSEN)
    return default_report_month(meeting, today)


def default_report_month(meeting, today: datetime.date | None = None) -> MeetingMonth:
    as_at = meeting.agenda_published_on or today or datetime.date.today()
    cutoff = min(
        add_months(first_of_month(meeting.date), -1), add_months(first_of_month(as_at), -1)
    )
    month = report_month(meeting.board, meeting.date, as_at=as_at)
    if month is None:
        return MeetingMonth(
            None, NONE, f"The board holds no performance figures for {cutoff:%B %Y} or before."
        )
    if too_old(month, cutoff):
        return MeetingMonth(
            None,
            NONE,
            f"The board's latest performance figures are for {month:%B %Y}, in "
            f"{financial_year_label(month)}: too old to present as this meeting's report. "
            "Choose a month to include that report anyway.",
        )
    return MeetingMonth(month, DEFAULT)


def report_title(month: datetime.date) -> str:
    return f"Performance report: financial year to date figures to {month:%B %Y}"


def _is_the_performance_item(item) -> bool:
    first = (
        AgendaItem.objects.filter(meeting_id=item.meeting_id)
        .with_role(ItemRole.PERFORMANCE_REPORT)
        .values_list("pk", flat=True)
        .first()
    )
    return first == item.pk


def meeting_has_performance_item(meeting) -> bool:
    return (
        AgendaItem.objects.filter(meeting=meeting).with_role(ItemRole.PERFORMANCE_REPORT).exists()
    )


def item_papers(item, *, members: bool) -> list:
    """The performance report for the meeting's performance item; nothing for other items."""
    if not is_performance_item(item):
        return []  # no query for the pack's other items
    meeting = item.meeting
    board = meeting.board
    if not board.indicators.exists() or not _is_the_performance_item(item):
        return []
    month = meeting_report_month(meeting).month
    if month is None:
        return []
    title = report_title(month)
    withheld = item.is_withheld  # at any depth: cspboard.meetings.withholding
    basis = item.legal_basis
    if withheld and not members:
        return [GeneratedPaper(title, b"", withheld=True, legal_basis=basis)]
    return [GeneratedPaper(title, _report_pdf(board, month), withheld=withheld, legal_basis=basis)]


def _report_pdf(board, month) -> bytes:
    """The report as the pack carries it, laid out once for both packs of a publication: kept
    in the cache under the board's and the open data's generations, which any change to the
    figures moves."""
    generation = board_generation_key(board.pk, data=True)
    key = f"performance-pack-pdf:{board.pk}:{month:%Y-%m}:{generation}"
    pdf = cache.get(key)
    if pdf is None:
        # Never drafts: members and the public see the commentary as published. The stored
        # report, with its charts, when current (a month with no figures has none).
        ready = report_ready(board=board, month=month)
        report = ready.report if ready is not None else performance_report(board=board, month=month)
        pdf = pdf_layout.report_pdf(report, page_numbers=False)
        cache.set(key, pdf, timeout=600)
    return pdf
