"""The demo board's performance indicators, loaded through the performance services.

From `data/performance/`: the indicators of the March 2018 performance report with their
one-page fields, targets, figures, benchmark changes, commentary and rating overrides
(`indicators.yaml`); the borough's and London's recorded-crime counts from the London Datastore
(`recorded-crime-borough.csv`); and the borough's police.uk street crimes held (January 2023).
The commentary and overrides were presented to the board, so they are published; a meeting
whose agenda was published (28 March 2018) keeps its report as its pack carried it.
A data folder without `performance/` loads no indicators.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import yaml

from cspboard.boards.models import Board
from cspboard.meetings.models import Meeting
from cspboard.performance.choices import (
    AreaKind,
    DataSource,
    GeographyLevel,
    MeasureKind,
    Series,
    TargetKind,
)
from cspboard.performance.months import add_months
from cspboard.performance.services import (
    area_create,
    commentary_set,
    crime_counts_import,
    indicator_create,
    measurements_save,
    meeting_report_publish,
    population_set,
    rating_override_set,
    report_commentary_publish,
    street_crimes_import,
)

TEXT_FIELDS = (
    "number",
    "name",
    "short_name",
    "slug",
    "unit",
    "source",
    "definition",
    "how_it_works",
    "what_good_looks_like",
    "why_important",
    "issues_to_consider",
    "lead_officer",
    "benchmark_label",
)


def _month(text) -> datetime.date:
    return datetime.datetime.strptime(str(text), "%Y-%m").date()


def _figure(value) -> tuple[Decimal | None, Decimal | None]:
    """A YAML figure: a number, [numerator, denominator], or null."""
    if value is None:
        return None, None
    if isinstance(value, list):
        return Decimal(str(value[0])), Decimal(str(value[1]))
    return Decimal(str(value)), None


def _monthly(by_year: dict) -> dict[datetime.date, tuple[Decimal | None, Decimal | None]]:
    """{2016: [April, ..., March]} as {month: figure}, leaving out the nulls."""
    values = {}
    for start_year, figures in (by_year or {}).items():
        for offset, value in enumerate(figures):
            if value is not None:
                values[add_months(datetime.date(int(start_year), 4, 1), offset)] = _figure(value)
    return values


def _fields(row: dict, boards: dict[str, Board], area) -> dict:
    fields = {name: str(row[name]).strip() for name in TEXT_FIELDS if row.get(name) is not None}
    target = row.get("target") or {"kind": TargetKind.MONITORING}
    fields |= {
        "subgroup": boards[row["subgroup"]] if row.get("subgroup") else None,
        "in_development": bool(row.get("in_development")),
        "measure": row.get("measure", MeasureKind.COUNT),
        "year_to_date_figures": bool(row.get("year_to_date_figures") or row.get("year_to_date")),
        "target_kind": target["kind"],
        "target_value": target.get("value"),
        "range_low": target.get("low"),
        "range_high": target.get("high"),
    }
    if fields["measure"] == MeasureKind.RATE:
        fields |= {"rate_per": row["rate_per"], "population_area": area}
    if "counts" in row:
        counts = row["counts"] or {}
        fields |= {
            "data_source": DataSource.CRIME_COUNTS,
            "count_level": GeographyLevel.BOROUGH,
            "count_area_name": area.name,
            "count_major_categories": counts.get("major", []),
            "count_categories": counts.get("minor", []),
            "benchmark_count_area_name": row.get("benchmark_area") or "",
        }
    if "street_crime_types" in row:
        fields |= {
            "data_source": DataSource.STREET_CRIMES,
            "area": area,
            "crime_types": row["street_crime_types"],
        }
    return fields


def load_performance(*, boards: dict[str, Board], data_dir: Path, counts: dict) -> None:
    folder = data_dir / "performance"
    if not (folder / "indicators.yaml").is_file():
        return
    data = yaml.safe_load((folder / "indicators.yaml").read_text(encoding="utf-8"))
    board = boards[data["board"]]
    report_month = _month(data["report_month"])
    place = data["area"]
    area = area_create(
        name=place["name"],
        slug=place["slug"],
        kind=AreaKind.BOROUGH,
        board=board,
        code=place.get("code", ""),
        lsoa_name_prefix=place.get("lsoa_name_prefix", ""),
    )
    for row in data.get("populations", []):
        population_set(
            area=area,
            year=row["year"],
            population=row["population"],
            source=row.get("source", ""),
        )
    for position, row in enumerate(data["indicators"], start=1):
        indicator = indicator_create(board=board, position=position, **_fields(row, boards, area))
        counts["indicators"] = counts.get("indicators", 0) + 1
        values = _monthly(row.get("monthly"))
        values |= {_month(m): _figure(v) for m, v in (row.get("year_to_date") or {}).items()}
        if values:
            counts["measurements"] = counts.get("measurements", 0) + measurements_save(
                indicator=indicator, series=Series.LOCAL, values=values
            )
        if row.get("commentary") or row.get("benchmark_change") is not None:
            change = row.get("benchmark_change")
            commentary_set(
                indicator=indicator,
                month=report_month,
                text=(row.get("commentary") or "").strip(),
                benchmark_percent_change=None if change is None else Decimal(str(change)),
            )
        if override := row.get("override"):
            rating_override_set(
                indicator=indicator,
                month=report_month,
                rating=override["rating"],
                reason=override["reason"].strip(),
            )
    counts_file = folder / "recorded-crime-borough.csv"
    if counts_file.is_file():
        report = crime_counts_import(path=counts_file, level=GeographyLevel.BOROUGH)
        counts["crime_counts"] = report.counts_written
    street_files = sorted(folder.glob("*-street.csv"))
    if street_files:
        report = street_crimes_import(paths=street_files, area=area)
        counts["street_crimes"] = report.rows_kept
    # Presented to the board: published, not drafts.
    report_commentary_publish(board=board, month=report_month)
    for meeting in Meeting.objects.filter(board=board, agenda_published_on__isnull=False):
        meeting_report_publish(meeting=meeting)
