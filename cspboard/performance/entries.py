"""The report as its pages show it (the browser's page, the stored page, the PDF): the three
buckets of the executive summary, and each indicator's page with its chart and months side by
side."""

from __future__ import annotations

import base64
import dataclasses
import datetime

from .calculations import financial_year_label
from .charts import indicator_chart_svg


@dataclasses.dataclass(frozen=True)
class Entry:
    """One indicator's page of the report, with its chart and its months side by side."""

    summary: object  # report.IndicatorSummary
    chart: str
    last_label: str
    months: list[tuple]  # (last year's MonthFigure, this year's), April to March
    revision: object = None  # report.Revision: the figures the board saw, since revised

    @property
    def chart_uri(self) -> str:
        """The chart as a data: address, for the PDF (WeasyPrint draws an SVG image quietly,
        but logs every presentation attribute of the same SVG written inline)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.chart.encode()).decode()


def report_entry(summary, revision=None, charts: dict[str, str] | None = None) -> Entry:
    start = int(summary.financial_year[:4]) - 1
    return Entry(
        summary=summary,
        chart=indicator_chart_svg(summary, charts),
        last_label=financial_year_label(datetime.date(start, 4, 1)),
        months=list(zip(summary.last_year, summary.this_year, strict=True)),
        revision=revision,
    )


def report_buckets(report) -> list[tuple[str, list, str]]:
    to = f"using financial year to date figures to {report.month:%B %Y}"
    return [
        (f"Good performance {to}", report.good, "No indicator is rated green."),
        (f"Areas for improvement {to}", report.improvement, "No indicator is rated red."),
        ("Indicators for monitoring", report.monitoring, "No indicator is for monitoring only."),
    ]


def report_entries(report, revisions: dict | None = None) -> list[Entry]:
    """The one-page summaries: every indicator with figures (those in development have none),
    each with its revision since the board saw it, if any."""
    revisions = revisions or {}
    return [
        report_entry(s, revisions.get(s.indicator.pk), report.charts)
        for s in report.indicators
        if not s.indicator.in_development
    ]
