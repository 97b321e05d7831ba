"""The performance report stored, ready to serve: computed when its data changes, read when asked.

Computing a board's report for a month takes tens of milliseconds, drawing its charts a second
(matplotlib's import alone is half of it) and laying out its PDF several seconds. So the report
is kept in the database (`StoredReport`, one row a board, month and viewer class), with its
figures, ratings, sentences, charts and months with figures, and its PDF once made, under the
data version it was computed at:

- Every write to what a report reads moves a counter in the same transaction
  (`changes.data_changed`):
  the board's own for its indicators, figures, commentary, overrides, publications and names;
  the shared one for areas, populations, street crimes and crime counts, which any board may
  read. A pack's snapshot of the month moves the board's too: the page's "revised since the
  board saw it" notes are stored with it. The services call it; receivers of the models'
  signals call it too, for writes made elsewhere (the admin, a shell). After the commit, one
  task (`tasks.refresh_stored_reports`) is queued, however many rows the transaction wrote.
- The worker's task recomputes every stored row whose version is no longer current and the
  latest month of every board (its PDF too), keeping a PDF when the report it was made from has
  not changed.
- A page reads the row when its version is the current one (two small queries). Otherwise it
  computes the report there and then, as before, and stores it: a page never shows figures that
  disagree with the data, even before the worker has run. Charts whose figures did not change
  are taken from the old row rather than drawn again.

The version is read before the data, so a row can only be stored older than its version says,
never newer: a write committed while a report is computed leaves it stale, and it is computed
again. The published report and the officers' drafts are separate rows: drafts never reach the
public. Rows are written with `bulk_create`/`update` (no signals), so storing a report does not
move the record generation that keeps public pages cached.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Iterable
from decimal import Decimal

from django.db import DatabaseError, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from cspboard.boards.models import Board

from . import pdf as pdf_layout  # looked up at each call, so a test can count the layouts
from .charts import chart_key, indicator_chart_svg
from .entries import report_buckets, report_entries
from .models import Indicator, ReportDataVersion, StoredReport
from .months import first_of_month
from .report import (
    IndicatorSummary,
    MonthFigure,
    PerformanceReport,
    ReportSection,
    months_with_data,
    performance_report,
    report_revisions,
)

logger = logging.getLogger(__name__)

# Moved whenever what is stored, or the page or PDF made from it, changes shape: rows stored
# before are then never served, and are computed again.
LAYOUT = 1
SHARED = "shared"
PUBLISHED, DRAFTS = StoredReport.PUBLISHED, StoredReport.DRAFTS


def board_key(board_id: int) -> str:
    return f"board:{board_id}"


# Data versions -----------------------------------------------------------------------------------


def data_version(board: Board) -> str:
    """What a report of the board reads, as it stands now (one query)."""
    keys = [SHARED, board_key(board.pk)]
    values = dict(ReportDataVersion.objects.filter(key__in=keys).values_list("key", "value"))
    return f"{LAYOUT}.{values.get(SHARED, 0)}.{values.get(board_key(board.pk), 0)}"


# The report as stored data -----------------------------------------------------------------------


def _encode(value):
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, datetime.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, MonthFigure):
        return {"$m": [_encode(value.month), _encode(value.value), _encode(value.benchmark)]}
    if isinstance(value, Indicator):
        return {"$i": value.pk}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"$json": value}
    raise TypeError(f"cannot store {type(value).__name__} in a stored report")


def _decode(value, indicators: dict[int, Indicator] | None = None):
    if isinstance(value, list):
        return [_decode(v, indicators) for v in value]
    if not isinstance(value, dict):
        return value
    (tag, inner), *_ = value.items()
    if tag == "$d":
        return Decimal(inner)
    if tag == "$dt":
        return datetime.datetime.fromisoformat(inner)
    if tag == "$date":
        return datetime.date.fromisoformat(inner)
    if tag == "$m":
        return MonthFigure(*(_decode(v) for v in inner))
    if tag == "$i":
        return indicators[inner]
    if tag == "$json":
        return inner
    raise ValueError(f"unknown tag {tag} in a stored report")


def _indicator_data(indicator: Indicator) -> dict:
    return {
        f.attname: _encode(getattr(indicator, f.attname)) for f in Indicator._meta.concrete_fields
    }


def _indicator_from(data: dict) -> Indicator:
    names = [f.attname for f in Indicator._meta.concrete_fields]
    return Indicator.from_db("default", names, [_decode(data.get(name)) for name in names])


def _summary_data(summary: IndicatorSummary) -> dict:
    return {f.name: _encode(getattr(summary, f.name)) for f in dataclasses.fields(IndicatorSummary)}


def report_content(report: PerformanceReport, months: list[datetime.date]) -> dict:
    """The report, its charts (drawn, or from `report.charts`) and the board's months with
    figures, as JSON-able data."""
    charts = {}
    for summary in report.indicators:
        if not summary.indicator.in_development:
            charts[chart_key(summary)] = indicator_chart_svg(summary, report.charts)
    return {
        "layout": LAYOUT,
        "board": {"name": report.board.name, "slug": report.board.slug},
        "month": report.month.isoformat(),
        "financial_year": report.financial_year,
        "drafts": report.drafts,
        "published_at": _encode(report.published_at),
        "indicators": [_indicator_data(s.indicator) for s in report.indicators],
        "summaries": [_summary_data(s) for s in report.indicators],
        "sections": [
            {
                "subgroup": (
                    None
                    if section.subgroup is None
                    else {"id": section.subgroup.pk, "name": section.subgroup.name}
                ),
                "title": section.title,
                "indicators": [s.indicator.pk for s in section.indicators],
            }
            for section in report.sections
        ],
        "good": [s.indicator.pk for s in report.good],
        "improvement": [s.indicator.pk for s in report.improvement],
        "monitoring": [s.indicator.pk for s in report.monitoring],
        "charts": charts,
        "months": [m.isoformat() for m in months],
    }


def report_from_content(board: Board, content: dict) -> PerformanceReport:
    """The report as `report_content` stored it, with its charts."""
    indicators = {}
    for data in content["indicators"]:
        indicator = _indicator_from(data)
        indicators[indicator.pk] = indicator
    summaries = {}
    for data in content["summaries"]:
        fields = {name: _decode(value, indicators) for name, value in data.items()}
        summaries[fields["indicator"].pk] = IndicatorSummary(**fields)
    sections = [
        ReportSection(
            subgroup=(
                None
                if section["subgroup"] is None
                else Board(
                    pk=section["subgroup"]["id"], name=section["subgroup"]["name"], parent=board
                )
            ),
            title=section["title"],
            indicators=[summaries[pk] for pk in section["indicators"]],
        )
        for section in content["sections"]
    ]
    return PerformanceReport(
        board=board,
        month=datetime.date.fromisoformat(content["month"]),
        financial_year=content["financial_year"],
        sections=sections,
        good=[summaries[pk] for pk in content["good"]],
        improvement=[summaries[pk] for pk in content["improvement"]],
        monitoring=[summaries[pk] for pk in content["monitoring"]],
        drafts=content["drafts"],
        published_at=_decode(content["published_at"]),
        charts=content["charts"],
    )


def _same_report(a: dict, b: dict) -> bool:
    """Whether two contents make the same PDF (the months with figures are not in it)."""
    return {k: v for k, v in a.items() if k != "months"} == {
        k: v for k, v in b.items() if k != "months"
    }


# Reading and storing -----------------------------------------------------------------------------


def body_html(report: PerformanceReport, *, can_enter: bool) -> str:
    """The page's report below its header (`performance/_report_body.html`): the executive
    summary, the summary tables and the one-page summaries, with each indicator's revision
    since a pack carried the month, and the links to change ratings for officers and analysts.
    """
    return render_to_string(
        "performance/_report_body.html",
        {
            "board": report.board,
            "report": report,
            "entries": report_entries(report, report_revisions(report)),
            "buckets": report_buckets(report),
            "can_enter": can_enter,
        },
    )


@dataclasses.dataclass(frozen=True)
class ReadyReport:
    report: PerformanceReport  # with its charts
    body: str  # the page's report, rendered for the viewer class (`body_html`)
    months: list[datetime.date]  # the board's months with figures, oldest first
    version: str  # the data version it is current at
    stored: bool  # read from the store (not computed for this request)


def _viewer(drafts: bool) -> str:
    return DRAFTS if drafts else PUBLISHED


def report_ready(*, board: Board, month: datetime.date, drafts: bool = False) -> ReadyReport | None:
    """The board's report at `month` for the viewer class: stored when current (two queries),
    else computed now and stored. None when the board has no figures for the month."""
    month = first_of_month(month)
    viewer = _viewer(drafts)
    version = data_version(board)  # before the data: see the module's docstring
    row = StoredReport.objects.filter(board=board, month=month, viewer=viewer).defer("pdf").first()
    if row is not None and row.version == version:
        content = row.content
        return ReadyReport(
            report=report_from_content(board, content),
            body=mark_safe(row.body),  # noqa: S308 - rendered by our own template, escaped there
            months=[datetime.date.fromisoformat(m) for m in content["months"]],
            version=version,
            stored=True,
        )
    months = months_with_data(board)
    if month not in months:
        if row is not None:
            _forget(row)
        return None
    report = performance_report(board=board, month=month, drafts=drafts)
    if row is not None:
        report = dataclasses.replace(report, charts=row.content.get("charts"))
    content = report_content(report, months)
    report = dataclasses.replace(report, charts=content["charts"])
    body = body_html(report, can_enter=drafts)
    _store(board, month, viewer, version, content, body, row)
    return ReadyReport(
        report=report,
        body=mark_safe(body),  # noqa: S308 - rendered by our own template, escaped there
        months=months,
        version=version,
        stored=False,
    )


def _store(board, month, viewer, version, content, body, previous: StoredReport | None) -> None:
    """Store the row (an upsert, no signals); the PDF is kept when the report it was made from
    is the same. A write that fails (a locked database) is logged, never the page's error: the
    report is computed again next time."""
    keep_pdf = previous is not None and _same_report(previous.content, content)
    fields = ["version", "content", "body", "computed_at"] + ([] if keep_pdf else ["pdf"])
    row = StoredReport(
        board=board,
        month=month,
        viewer=viewer,
        version=version,
        content=content,
        body=body,
        pdf=None,
        computed_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            StoredReport.objects.bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["board", "month", "viewer"],
                update_fields=fields,
            )
    except DatabaseError:
        logger.warning("Could not store the report of %s for %s", board, month, exc_info=True)


def _forget(row: StoredReport) -> None:
    try:
        with transaction.atomic():
            StoredReport.objects.filter(pk=row.pk)._raw_delete(StoredReport.objects.db)
    except DatabaseError:
        logger.warning("Could not remove the stored report %s", row.pk, exc_info=True)


def report_pdf_ready(*, board: Board, month: datetime.date, drafts: bool = False) -> bytes | None:
    """The report's PDF: stored when its report is current, else laid out now (from the stored
    report when current) and stored with it. None when the board has no figures for the
    month."""
    month = first_of_month(month)
    viewer = _viewer(drafts)
    version = data_version(board)
    stored = (
        StoredReport.objects.filter(
            board=board, month=month, viewer=viewer, version=version, pdf__isnull=False
        )
        .values_list("pdf", flat=True)
        .first()
    )
    if stored is not None:
        return bytes(stored)
    ready = report_ready(board=board, month=month, drafts=drafts)
    if ready is None:
        return None
    pdf = pdf_layout.report_pdf(ready.report)
    try:
        with transaction.atomic():
            StoredReport.objects.filter(
                board=board, month=month, viewer=viewer, version=ready.version
            ).update(pdf=pdf)
    except DatabaseError:
        logger.warning("Could not store the PDF of %s for %s", board, month, exc_info=True)
    return pdf


# The worker's task -------------------------------------------------------------------------------


def refresh(*, board_ids: Iterable[int] | None = None) -> int:
    """Bring every stale stored report up to date, with its PDF when it had one, and store the
    published report of each board's latest month with figures, with its PDF. Returns how many
    reports were computed."""
    boards = Board.objects.filter(indicators__isnull=False).distinct().order_by("pk")
    if board_ids is not None:
        boards = boards.filter(pk__in=list(board_ids))
    computed = 0
    for board in boards:
        version = data_version(board)
        stale = StoredReport.objects.filter(board=board).exclude(version=version)
        had_pdf = ExpressionWrapper(Q(pdf__isnull=False), output_field=BooleanField())
        wanted = {
            (month, viewer): with_pdf
            for month, viewer, with_pdf in stale.annotate(had_pdf=had_pdf).values_list(
                "month", "viewer", "had_pdf"
            )
        }
        months = months_with_data(board)
        if months:
            wanted[(months[-1], PUBLISHED)] = True
        for (month, viewer), with_pdf in sorted(wanted.items()):
            drafts = viewer == DRAFTS
            ready = report_ready(board=board, month=month, drafts=drafts)
            if ready is None:
                continue
            computed += not ready.stored
            if with_pdf:
                report_pdf_ready(board=board, month=month, drafts=drafts)
    return computed
