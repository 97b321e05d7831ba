"""The performance report of a board for a month: a selector with a fixed number of queries.

For every indicator: its monthly figures for this and last financial year (missing months are
None, never 0), the financial year to date against the same months of the previous year, the
rolling 12 months, the month against the one before, the benchmark's change, the target, the
computed rating and the analyst's override, and the sentence in the seeds' style. The summary is
grouped by subgroup, and the executive summary sorts the indicators into good performance, areas
for improvement and indicators for monitoring.

Queries: the indicators, all their entered figures, the overrides, the commentary, and (only
when some indicator needs them) the populations, the street crimes and the recorded-crime
counts: at most seven, however many indicators there are.

One module on purpose: it is the one report builder, and its length is that one job.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q

from cspboard.boards.models import Board

from . import calculations as calc
from .choices import DataSource, MeasureKind, Rating, Series, TargetKind
from .models import (
    Commentary,
    CrimeCount,
    Indicator,
    Measurement,
    Population,
    RatingOverride,
    ReportPublication,
    ReportSnapshot,
    StreetCrime,
)
from .months import MonthRange, add_months, first_of_month
from .rag import bucket, computed_rating, final_rating
from .selectors import (
    area_street_filter,
    board_indicators,
    count_place_filter,
    crime_count_month_categories,
    street_crime_month_types,
)
from .sentences import (
    Wording,
    benchmark_text,
    performance_text,
    sentence,
    target_clause,
    target_text,
)


@dataclasses.dataclass(frozen=True)
class MonthFigure:
    month: datetime.date
    value: Decimal | None  # None = missing, never 0
    benchmark: Decimal | None


@dataclasses.dataclass(frozen=True)
class IndicatorSummary:
    indicator: Indicator
    month: datetime.date
    financial_year: str
    this_year: list[MonthFigure]
    last_year: list[MonthFigure]
    ytd: Decimal | None
    ytd_previous: Decimal | None
    change: Decimal | None
    percent_change: Decimal | None
    rolling_12: Decimal | None
    rolling_12_previous: Decimal | None
    latest: Decimal | None
    previous_month: Decimal | None
    benchmark_percent_change: Decimal | None
    target_text: str
    target_to_date: Decimal | None
    computed_rating: str
    rating: str
    override_reason: str
    performance_text: str
    benchmark_text: str
    sentence: str
    commentary: str
    bucket: str
    # Shown only to officers and analysts: the commentary, or the rating override, differs from
    # what is published for the month.
    commentary_draft: bool = False
    override_draft: bool = False

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label

    @property
    def overridden(self) -> bool:
        return bool(self.override_reason)


@dataclasses.dataclass(frozen=True)
class ReportSection:
    subgroup: Board | None
    title: str
    indicators: list[IndicatorSummary]


@dataclasses.dataclass(frozen=True)
class PerformanceReport:
    board: Board
    month: datetime.date
    financial_year: str
    sections: list[ReportSection]
    good: list[IndicatorSummary]
    improvement: list[IndicatorSummary]
    monitoring: list[IndicatorSummary]
    drafts: bool = False  # built with the unpublished commentary and overrides
    published_at: datetime.datetime | None = None  # the month's commentary, last published
    # The charts already drawn, by `charts.chart_key` (a stored report's: `stored.py`).
    charts: dict[str, str] | None = dataclasses.field(default=None, compare=False)

    @property
    def indicators(self) -> list[IndicatorSummary]:
        return [summary for section in self.sections for summary in section.indicators]

    @property
    def has_drafts(self) -> bool:
        return any(s.commentary_draft or s.override_draft for s in self.indicators)


# Reading the figures -----------------------------------------------------------------------------

SeriesMap = dict[datetime.date, calc.Figure]


def _window(month: datetime.date) -> MonthRange:
    """Every month the report reads: from the first of the previous rolling year to the end of
    this financial year."""
    return MonthRange(add_months(month, -23), calc.financial_year(month).last)


def _count_place(indicator: Indicator, benchmark: bool = False) -> tuple[str, str] | None:
    name = indicator.benchmark_count_area_name if benchmark else indicator.count_area_name
    if not indicator.count_level or not name.strip():
        return None
    return indicator.count_level, name.strip()


def _in_categories(indicator: Indicator, major: str, minor: str) -> bool:
    majors, minors = indicator.count_major_categories, indicator.count_categories
    if not majors and not minors:
        return True
    return major in majors or minor in minors


def _load_series(
    indicators: list[Indicator], window: MonthRange
) -> dict[tuple[int, str], SeriesMap]:
    """Every indicator's local and benchmark figures over the window: entered ones in one
    query, street crimes in one, recorded-crime counts in one."""
    found: dict[tuple[int, str], SeriesMap] = {}
    if not indicators:
        return found
    for m in Measurement.objects.filter(
        indicator__in=indicators, month__range=(window.first, window.last)
    ).only("indicator_id", "series", "month", "value", "denominator"):
        found.setdefault((m.indicator_id, m.series), {})[m.month] = calc.Figure(
            m.value, m.denominator
        )
    active = [i for i in indicators if not i.in_development]
    street = [i for i in active if i.data_source == DataSource.STREET_CRIMES and i.area]
    if street:
        by_area = street_crime_month_types([i.area for i in street], window)
        for indicator in street:
            wanted = set(indicator.crime_types)
            found[(indicator.pk, Series.LOCAL)] = {
                month: calc.Figure(Decimal(sum(n for t, n in types.items() if t in wanted)))
                for month, types in by_area.get(indicator.area.pk, {}).items()
            }
    counted = [i for i in active if i.data_source == DataSource.CRIME_COUNTS]
    benchmarked = [i for i in active if i.count_level and i.benchmark_count_area_name.strip()]
    places = {p for i in counted if (p := _count_place(i))}
    places |= {p for i in benchmarked if (p := _count_place(i, benchmark=True))}
    if places:
        by_place = crime_count_month_categories(places, window)
        for indicator, series, benchmark in [(i, Series.LOCAL, False) for i in counted] + [
            (i, Series.BENCHMARK, True) for i in benchmarked
        ]:
            place = _count_place(indicator, benchmark)
            found[(indicator.pk, series)] = {
                month: calc.Figure(
                    Decimal(
                        sum(
                            n for major, minor, n in rows if _in_categories(indicator, major, minor)
                        )
                    )
                )
                for month, rows in by_place.get(place, {}).items()
            }
    return found


def _load_populations(indicators: list[Indicator]) -> dict[tuple[int, str], dict[int, int]]:
    wanted = {
        (i.population_area_id, i.population_label)
        for i in indicators
        if i.measure == MeasureKind.RATE and i.population_area_id
    }
    if not wanted:
        return {}
    found: dict[tuple[int, str], dict[int, int]] = {}
    for row in Population.objects.filter(area_id__in={area for area, _ in wanted}):
        found.setdefault((row.area_id, row.label), {})[row.year] = row.population
    return found


# One indicator -----------------------------------------------------------------------------------


@dataclasses.dataclass
class _Measure:
    """How one indicator's figures make a value over a run of months."""

    indicator: Indicator
    populations: dict[int, int]

    def population(self, month: datetime.date) -> int | None:
        """The population in the year the month's financial year starts (the latest before it
        when that year's is not held)."""
        year = calc.financial_year_start(month).year
        years = [y for y in self.populations if y <= year]
        return self.populations[max(years)] if years else None

    def over(self, series: SeriesMap, months: MonthRange) -> Decimal | None:
        indicator = self.indicator
        if indicator.measure == MeasureKind.PERCENTAGE:
            if len(months) == 1:
                return calc.figure_percentage(series.get(months.first))
            return calc.percentage_of_parts(series, months)
        count = calc.total(series, months)
        if indicator.measure == MeasureKind.RATE:
            return calc.rate(count, self.population(months.last), indicator.rate_per)
        return count

    def to_date(self, series: SeriesMap, month: datetime.date) -> Decimal | None:
        """The year to date at `month`: the month's own figure when the figures are entered
        as year-to-date ones."""
        if self.indicator.year_to_date_figures:
            return self.over(series, MonthRange(month, month))
        return self.over(series, calc.financial_year_to_date(month))

    def rolling(self, series: SeriesMap, month: datetime.date) -> Decimal | None:
        if self.indicator.year_to_date_figures:
            return None
        return self.over(series, calc.rolling_12(month))

    def parts(self, series: SeriesMap, month: datetime.date) -> tuple[Decimal | None, ...]:
        """A percentage's summed numerator and denominator to date (None when not held)."""
        months = (
            MonthRange(month, month)
            if self.indicator.year_to_date_figures
            else calc.financial_year_to_date(month)
        )
        figures = [series.get(m) for m in months]
        if any(f is None or f.denominator is None for f in figures):
            return None, None
        return sum(f.value for f in figures), sum(f.denominator for f in figures)


def tidy(value: Decimal | None) -> Decimal | None:
    """Whole numbers as whole numbers; anything else to one decimal place."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return Decimal(int(value))
    return calc.round_half_up(value)


def _summarise(
    indicator: Indicator,
    month: datetime.date,
    local: SeriesMap,
    benchmark: SeriesMap,
    populations: dict[int, int],
    override: RatingOverride | None,
    commentary: Commentary | None,
) -> IndicatorSummary:
    measure = _Measure(indicator, populations)
    label = calc.financial_year_label(month)
    year = calc.financial_year(month)
    wording = Wording(
        measure=indicator.measure,
        unit=indicator.unit,
        rate_per=indicator.rate_per,
        population_label=indicator.population_label,
    )
    developing = indicator.in_development

    def monthly(months: MonthRange) -> list[MonthFigure]:
        return [
            MonthFigure(
                month=m,
                value=None if developing else tidy(measure.over(local, MonthRange(m, m))),
                benchmark=None if developing else tidy(measure.over(benchmark, MonthRange(m, m))),
            )
            for m in months
        ]

    def compare(series: SeriesMap, current_at: datetime.date, raw: bool = False):
        current = measure.to_date(series, current_at)
        previous = measure.to_date(series, add_months(current_at, -12))
        if indicator.measure == MeasureKind.PERCENTAGE and not raw:
            # Points are spoken of as printed: 17.9% against 26.0% is down 8.1 points.
            current, previous = tidy(current), tidy(previous)
        return current, previous

    if developing:
        ytd = ytd_previous = rolling = rolling_previous = latest = before = None
        bench_change = None
    else:
        ytd, ytd_previous = compare(local, month)
        rolling = measure.rolling(local, month)
        rolling_previous = measure.rolling(local, add_months(month, -12))
        latest = measure.over(local, MonthRange(month, month))
        before = measure.over(local, MonthRange(add_months(month, -1), add_months(month, -1)))
        bench_change = calc.percent_change(*compare(benchmark, month, raw=True))
        if bench_change is None and commentary is not None:
            bench_change = commentary.benchmark_percent_change
    change = calc.change(ytd, ytd_previous)
    percent = calc.percent_change(ytd, ytd_previous)
    ytd, ytd_previous, change = tidy(ytd), tidy(ytd_previous), tidy(change)

    target_to_date = None
    if indicator.target_kind == TargetKind.CEILING:
        target_to_date = calc.pro_rated(indicator.target_value, month)
    if developing or (
        indicator.target_kind == TargetKind.MONITORING
        and ytd is None
        and latest is None
        and not (commentary and commentary.text)
    ):
        # Nothing to rate, or for monitoring nothing to monitor this month.
        computed = Rating.NONE
    else:
        computed = computed_rating(
            target_kind=indicator.target_kind,
            percent_change=percent,
            value=ytd,
            target_to_date=target_to_date,
            range_low=indicator.range_low,
            range_high=indicator.range_high,
            green_percent=indicator.green_percent,
            red_percent=indicator.red_percent,
        )
    rating = final_rating(computed, override.rating if override is not None else None)
    numerator, denominator = (
        measure.parts(local, month)
        if indicator.measure == MeasureKind.PERCENTAGE and not developing
        else (None, None)
    )
    # The target as the sentences speak of it: alone, and as the year to date stands against it.
    target = {
        "target_kind": indicator.target_kind,
        "financial_year": label,
        "month": month,
        "target_value": indicator.target_value,
        "target_to_date": target_to_date,
        "range_low": indicator.range_low,
        "range_high": indicator.range_high,
        "wording": wording,
    }
    return IndicatorSummary(
        indicator=indicator,
        month=month,
        financial_year=label,
        this_year=monthly(year),
        last_year=monthly(calc.year_earlier(year)),
        ytd=ytd,
        ytd_previous=ytd_previous,
        change=change,
        percent_change=percent,
        rolling_12=tidy(rolling),
        rolling_12_previous=tidy(rolling_previous),
        latest=tidy(latest),
        previous_month=tidy(before),
        benchmark_percent_change=bench_change,
        target_text="" if developing else target_text(**target),
        target_to_date=target_to_date,
        computed_rating=str(computed),
        rating=str(rating),
        override_reason=override.reason if override is not None else "",
        performance_text=performance_text(
            ytd=ytd,
            ytd_previous=ytd_previous,
            change=change,
            percent_change=percent,
            wording=wording,
            in_development=developing,
        ),
        benchmark_text=benchmark_text(bench_change),
        sentence=""
        if developing
        else sentence(
            financial_year=label,
            month=month,
            ytd=ytd,
            ytd_previous=ytd_previous,
            change=change,
            percent_change=percent,
            wording=wording,
            subject=indicator.short_name or indicator.name,
            benchmark_label=indicator.benchmark_label,
            benchmark_percent_change=bench_change,
            numerator=tidy(numerator),
            denominator=tidy(denominator),
            target=target_clause(value=ytd, **target),
        ),
        commentary=commentary.text if commentary is not None else "",
        bucket="" if developing else bucket(rating),
    )


# The report --------------------------------------------------------------------------------------


def performance_report(
    *, board: Board, month: datetime.date, drafts: bool = False
) -> PerformanceReport:
    """The board's performance report at `month` (any day of it), with the month's commentary
    and rating overrides as last published; with `drafts` (for the board's officers and
    analysts only: `permissions.can_see_performance_drafts`), as they are now, each marked
    where it differs from the published one."""
    month = first_of_month(month)
    indicators = list(board_indicators(board))
    series = _load_series(indicators, _window(month))
    populations = _load_populations(indicators)
    publication = latest_publication(board, month)
    published = publication.content if publication is not None else {}
    if drafts:
        overrides = {
            o.indicator_id: o
            for o in RatingOverride.objects.filter(indicator__board=board, month=month)
        }
        commentaries = {
            c.indicator_id: c
            for c in Commentary.objects.filter(indicator__board=board, month=month)
        }
    else:
        overrides, commentaries = _published_rows(published, month)
    sections: dict[int | None, ReportSection] = {}
    summaries = []
    for indicator in indicators:
        summary = _summarise(
            indicator,
            month,
            series.get((indicator.pk, Series.LOCAL), {}),
            series.get((indicator.pk, Series.BENCHMARK), {}),
            populations.get((indicator.population_area_id, indicator.population_label), {}),
            overrides.get(indicator.pk),
            commentaries.get(indicator.pk),
        )
        if drafts:
            summary = _mark_drafts(
                summary,
                published.get(str(indicator.pk)),
                overrides.get(indicator.pk),
                commentaries.get(indicator.pk),
            )
        summaries.append(summary)
        if indicator.subgroup_id not in sections:
            subgroup = indicator.subgroup
            sections[indicator.subgroup_id] = ReportSection(
                subgroup=subgroup,
                title=subgroup.name if subgroup is not None else board.name,
                indicators=[],
            )
        sections[indicator.subgroup_id].indicators.append(summary)
    return PerformanceReport(
        board=board,
        month=month,
        financial_year=calc.financial_year_label(month),
        sections=list(sections.values()),
        good=[s for s in summaries if s.bucket == "good"],
        improvement=[s for s in summaries if s.bucket == "improvement"],
        monitoring=[s for s in summaries if s.bucket == "monitoring"],
        drafts=drafts,
        published_at=publication.published_at if publication is not None else None,
    )


# Published commentary ----------------------------------------------------------------------------


def latest_publication(board: Board, month: datetime.date) -> ReportPublication | None:
    """The month's commentary and overrides as last published (one query)."""
    return (
        ReportPublication.objects.filter(board=board, month=first_of_month(month))
        .order_by("-published_at", "-id")
        .first()
    )


def published_content(
    overrides: Iterable[RatingOverride], commentaries: Iterable[Commentary]
) -> dict[str, dict]:
    """The rows as a publication stores them: {indicator id: {commentary, benchmark change,
    rating, reason}}."""
    content: dict[str, dict] = {}

    def entry(indicator_id: int) -> dict:
        return content.setdefault(
            str(indicator_id),
            {"commentary": "", "benchmark_percent_change": None, "rating": None, "reason": ""},
        )

    for c in commentaries:
        row = entry(c.indicator_id)
        row["commentary"] = c.text
        if c.benchmark_percent_change is not None:
            row["benchmark_percent_change"] = str(c.benchmark_percent_change)
    for o in overrides:
        row = entry(o.indicator_id)
        row["rating"], row["reason"] = o.rating, o.reason
    return content


def _published_rows(
    published: dict[str, dict], month: datetime.date
) -> tuple[dict[int, RatingOverride], dict[int, Commentary]]:
    """The published content as unsaved rows, for `_summarise`."""
    overrides, commentaries = {}, {}
    for key, row in published.items():
        pk = int(key)
        if row.get("rating") is not None:
            overrides[pk] = RatingOverride(
                indicator_id=pk, month=month, rating=row["rating"], reason=row.get("reason", "")
            )
        change = row.get("benchmark_percent_change")
        if row.get("commentary") or change is not None:
            commentaries[pk] = Commentary(
                indicator_id=pk,
                month=month,
                text=row.get("commentary", ""),
                benchmark_percent_change=None if change is None else Decimal(change),
            )
    return overrides, commentaries


def _mark_drafts(
    summary: IndicatorSummary,
    published: dict | None,
    override: RatingOverride | None,
    commentary: Commentary | None,
) -> IndicatorSummary:
    now = published_content(
        [override] if override is not None else [], [commentary] if commentary is not None else []
    ).get(str(summary.indicator.pk), {})
    before = published or {}

    def differs(*keys: str) -> bool:
        return any((now.get(k) or None) != (before.get(k) or None) for k in keys)

    return dataclasses.replace(
        summary,
        commentary_draft=differs("commentary", "benchmark_percent_change"),
        override_draft=differs("rating", "reason"),
    )


def months_with_data(board: Board) -> list[datetime.date]:
    """The months any of the board's indicators has a figure for (its own series), oldest
    first: for choosing the report's month. One query for each kind of source in use."""
    indicators = [i for i in board_indicators(board) if not i.in_development]
    months: set[datetime.date] = set()
    entered = [i for i in indicators if i.data_source == DataSource.ENTERED]
    if entered:
        months |= set(
            Measurement.objects.filter(indicator__in=entered, series=Series.LOCAL)
            .order_by()
            .values_list("month", flat=True)
            .distinct()
        )
    street_areas = {
        i.area.pk: i.area
        for i in indicators
        if i.data_source == DataSource.STREET_CRIMES and i.area
    }
    if street_areas:
        where = Q()
        for area in street_areas.values():
            where |= area_street_filter(area)
        months |= set(
            StreetCrime.objects.filter(where).order_by().values_list("month", flat=True).distinct()
        )
    places = {
        p for i in indicators if i.data_source == DataSource.CRIME_COUNTS and (p := _count_place(i))
    }
    if places:
        where = Q()
        for level, place in places:
            where |= count_place_filter(level, place)
        months |= set(
            CrimeCount.objects.filter(where).order_by().values_list("month", flat=True).distinct()
        )
    return sorted(months)


# As plain data -----------------------------------------------------------------------------------


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _months(figures: Iterable[MonthFigure]) -> list[dict]:
    return [
        {
            "month": f"{f.month:%Y-%m}",
            "value": _number(f.value),
            "benchmark": _number(f.benchmark),
        }
        for f in figures
    ]


def summary_as_dict(summary: IndicatorSummary) -> dict:
    indicator = summary.indicator
    return {
        "slug": indicator.slug,
        "number": indicator.number,
        "name": indicator.name,
        "subgroup": indicator.subgroup.slug if indicator.subgroup else None,
        "unit": indicator.unit,
        "measure": indicator.measure,
        "data_source": indicator.data_source,
        "in_development": indicator.in_development,
        "source": indicator.source,
        "definition": indicator.definition,
        "how_it_works": indicator.how_it_works,
        "what_good_looks_like": indicator.what_good_looks_like,
        "why_important": indicator.why_important,
        "issues_to_consider": indicator.issues_to_consider,
        "lead_officer": indicator.lead_officer,
        "financial_year": summary.financial_year,
        "ytd": _number(summary.ytd),
        "ytd_previous": _number(summary.ytd_previous),
        "change": _number(summary.change),
        "percent_change": _number(summary.percent_change),
        "rolling_12": _number(summary.rolling_12),
        "rolling_12_previous": _number(summary.rolling_12_previous),
        "latest": _number(summary.latest),
        "previous_month": _number(summary.previous_month),
        "benchmark_label": indicator.benchmark_label,
        "benchmark_percent_change": _number(summary.benchmark_percent_change),
        "target": {
            "kind": indicator.target_kind,
            "text": summary.target_text,
            "value": _number(indicator.target_value),
            "to_date": _number(summary.target_to_date),
            "range_low": _number(indicator.range_low),
            "range_high": _number(indicator.range_high),
        },
        "computed_rating": summary.computed_rating,
        "rating": summary.rating,
        "override_reason": summary.override_reason,
        "performance_text": summary.performance_text,
        "benchmark_text": summary.benchmark_text,
        "sentence": summary.sentence,
        "commentary": summary.commentary,
        "bucket": summary.bucket,
        "this_year": _months(summary.this_year),
        "last_year": _months(summary.last_year),
    }


def report_as_dict(report: PerformanceReport) -> dict:
    """The report as JSON-able data (the `performance-report --format json` output)."""

    def listed(summaries):
        return [
            {"slug": s.indicator.slug, "name": s.indicator.name, "text": s.performance_text}
            for s in summaries
        ]

    return {
        "board": {"slug": report.board.slug, "name": report.board.name},
        "month": f"{report.month:%Y-%m}",
        "financial_year": report.financial_year,
        "executive_summary": {
            "good": listed(report.good),
            "improvement": listed(report.improvement),
            "monitoring": listed(report.monitoring),
        },
        "sections": [
            {
                "title": section.title,
                "subgroup": section.subgroup.slug if section.subgroup else None,
                "indicators": [summary_as_dict(s) for s in section.indicators],
            }
            for section in report.sections
        ],
    }


# As the board saw it -----------------------------------------------------------------------------

SNAPSHOT_FIGURES = (
    "ytd",
    "ytd_previous",
    "change",
    "percent_change",
    "rolling_12",
    "rolling_12_previous",
    "latest",
    "previous_month",
)


def summary_figures(summary: IndicatorSummary) -> dict:
    """An indicator's figures as a snapshot keeps them (JSON-able, so that a stored snapshot
    compares equal to the same figures built again)."""
    figures: dict = {name: _number(getattr(summary, name)) for name in SNAPSHOT_FIGURES}
    figures["months"] = [
        [f"{f.month:%Y-%m}", _number(f.value), _number(f.benchmark)]
        for f in [*summary.last_year, *summary.this_year]
        if f.month <= summary.month
    ]
    return figures


def snapshot_content(report: PerformanceReport) -> dict[str, dict]:
    """{indicator id: {slug, name, figures, rating, sentence, performance_text}} of the report
    (indicators in development have no figures and are left out)."""
    return {
        str(s.indicator.pk): {
            "slug": s.indicator.slug,
            "name": s.indicator.name,
            "figures": summary_figures(s),
            "rating": s.rating,
            "sentence": s.sentence,
            "performance_text": s.performance_text,
        }
        for s in report.indicators
        if not s.indicator.in_development
    }


@dataclasses.dataclass(frozen=True)
class Revision:
    """An indicator's figures as the board saw them, now revised."""

    published_on: datetime.date
    meeting_date: datetime.date
    rating: str
    sentence: str
    performance_text: str

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label if self.rating in Rating.values else self.rating


def report_revisions(report: PerformanceReport) -> dict[int, Revision]:
    """The indicators whose figures differ from the latest agenda pack that carried the
    report's month, with what that pack showed (two queries; none when no pack carried it)."""
    snapshot = (
        ReportSnapshot.objects.filter(board=report.board, month=report.month)
        .select_related("meeting")
        .order_by("-published_on", "-id")
        .first()
    )
    if snapshot is None:
        return {}
    found = {}
    for summary in report.indicators:
        seen = snapshot.indicators.get(str(summary.indicator.pk))
        if seen is None or summary.indicator.in_development:
            continue
        if seen["figures"] != summary_figures(summary):
            found[summary.indicator.pk] = Revision(
                published_on=snapshot.published_on,
                meeting_date=snapshot.meeting.date,
                rating=seen["rating"],
                sentence=seen["sentence"],
                performance_text=seen["performance_text"],
            )
    return found
