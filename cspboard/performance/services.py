"""Writes for performance data: areas, the imports of police.uk street crimes and of the
Met's recorded-crime counts, and the board's indicators (their figures, ratings, commentary).

Imports are all or nothing: every file is read and checked first (a wrong file is refused with
its name and line numbers, before anything is written), then one transaction replaces what the
files cover. A dry run does the same work and rolls it back. Progress goes to `progress`, one
line a file (or every 100,000 counts).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from cspboard.boards.models import Board
from cspboard.core.cache import DATA, bump_board_generation, bump_generation
from cspboard.core.history import attribute, signed_in_user

from .choices import AreaKind, DataSource, MeasureKind, Rating, Series
from .importers.base import (
    ImportRefused,
    Problem,
    Progress,
    all_or_nothing,
    insert_rows,
    no_progress,
)
from .importers.counts import read_crime_counts
from .importers.street import read_street_files
from .models import (
    Area,
    AreaLsoa,
    Commentary,
    CrimeCount,
    CrimeImport,
    Indicator,
    Measurement,
    MeetingReport,
    Population,
    RatingOverride,
    ReportPublication,
    ReportSnapshot,
    StreetCrime,
)
from .months import first_of_month
from .selectors import area_street_filter
from .stored import data_changed

__all__ = [
    "ImportRefused",
    "MeasurementRow",
    "area_create",
    "area_lsoas_set",
    "commentary_set",
    "crime_counts_import",
    "indicator_create",
    "indicator_update",
    "measurements_import",
    "measurements_save",
    "meeting_report_publish",
    "meeting_report_set",
    "population_set",
    "rating_override_clear",
    "rating_override_set",
    "report_commentary_publish",
    "street_crimes_import",
]


# Areas ------------------------------------------------------------------------------------------


@transaction.atomic
def area_create(
    *,
    name: str,
    slug: str,
    kind: str = AreaKind.CUSTOM,
    board: Board | None = None,
    code: str = "",
    lsoa_name_prefix: str = "",
    lsoas: Iterable[tuple[str, str] | str] = (),
) -> Area:
    """An area, with its LSOAs as codes or (code, name) pairs and/or an LSOA-name prefix."""
    area = Area(
        name=name,
        slug=slug,
        kind=kind,
        board=board,
        code=code,
        lsoa_name_prefix=lsoa_name_prefix.strip(),
    )
    area.full_clean()
    area.save()
    area_lsoas_set(area=area, lsoas=lsoas)  # says the shared data changed
    return area


@transaction.atomic
def area_lsoas_set(*, area: Area, lsoas: Iterable[tuple[str, str] | str]) -> list[AreaLsoa]:
    """Make `lsoas` (codes, or (code, name) pairs) the area's whole list."""
    rows: dict[str, AreaLsoa] = {}
    for item in lsoas:
        code, name = (item, "") if isinstance(item, str) else item
        code = code.strip()
        if not code:
            raise ValidationError({"lsoas": "An LSOA code is empty."})
        rows[code] = AreaLsoa(area=area, lsoa_code=code, lsoa_name=name.strip())
    AreaLsoa.objects.filter(area=area).delete()
    bump_generation(DATA)  # bulk_create sends no signals; any board's report may use the area
    data_changed(shared=True)
    return AreaLsoa.objects.bulk_create(rows.values(), batch_size=500)


# police.uk street crimes -------------------------------------------------------------------------


@dataclasses.dataclass
class StreetFileImported:
    source: str
    months: list[datetime.date]
    forces: list[str]
    rows_read: int
    rows_kept: int
    rows_replaced: int


@dataclasses.dataclass
class StreetImportReport:
    files: list[StreetFileImported]
    dry_run: bool

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_kept(self) -> int:
        return sum(f.rows_kept for f in self.files)

    @property
    def rows_replaced(self) -> int:
        return sum(f.rows_replaced for f in self.files)


def street_crimes_import(
    *,
    paths: Sequence[str | Path],
    area: Area | None = None,
    lsoa_name_prefix: str = "",
    by=None,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> StreetImportReport:
    """Import police.uk street-level crime files (CSV files, folders of them, zip archives).

    Keeps the rows in `area` (its LSOAs, or its LSOA-name prefix), or whose LSOA name starts with
    `lsoa_name_prefix`; every row when neither is given. Each file's months are replaced for its
    force ("Reported by") within that area, so importing a month again never doubles it. Raises
    ImportRefused, naming files and lines, if any file is wrong: then nothing is written.
    """
    lsoa_name_prefix = lsoa_name_prefix.strip()
    if area is not None and lsoa_name_prefix:
        raise ValueError("Give an area or an LSOA name prefix, not both.")
    codes: list[str] = []
    if area is not None:
        codes = list(area.lsoas.values_list("lsoa_code", flat=True))
        if not codes and not area.lsoa_name_prefix:
            raise ImportRefused(Problem(area.slug, "the area has no LSOAs and no name prefix"))
    prefix = area.lsoa_name_prefix if area is not None else lsoa_name_prefix
    scope = area_street_filter(area, lsoa_name_prefix)
    started = timezone.now()
    imported: list[StreetFileImported] = []
    log: list[CrimeImport] = []
    reader = read_street_files(paths, lsoa_codes=codes, lsoa_name_prefix=prefix, progress=progress)
    with reader as reading:
        count = len(reading.files)
        progress(
            f"Checked {count} file{'s' if count != 1 else ''}: {reading.rows_read:,} rows, "
            f"{reading.rows_kept:,} in the area."
        )
        with all_or_nothing(dry_run=dry_run):
            for number, file in enumerate(reading.files, start=1):
                replaced = 0
                for month, force in file.scope:
                    existing = StreetCrime.objects.filter(scope, month=month, reported_by=force)
                    # A raw delete: the project's post_delete listener (cache invalidation in
                    # core) would otherwise make Django fetch every row to send its signal.
                    replaced += existing._raw_delete(existing.db)
                insert_rows(StreetCrime, reading.fields, reading.rows(file))
                done = StreetFileImported(
                    source=file.source.name,
                    months=file.months,
                    forces=file.forces,
                    rows_read=file.rows_read,
                    rows_kept=file.rows_kept,
                    rows_replaced=replaced,
                )
                imported.append(done)
                log.append(
                    CrimeImport(
                        source=done.source[:500],
                        month=done.months[0] if done.months else None,
                        reported_by=", ".join(done.forces)[:100],
                        area=area,
                        lsoa_name_prefix=lsoa_name_prefix,
                        rows_read=done.rows_read,
                        rows_kept=done.rows_kept,
                        rows_replaced=replaced,
                        started_at=started,
                        finished_at=timezone.now(),
                        by=by,
                    )
                )
                months = ", ".join(f"{m:%Y-%m}" for m in done.months) or "no rows"
                progress(
                    f"[{number}/{count}] {done.source}: {months}, {done.rows_kept:,} of "
                    f"{done.rows_read:,} rows kept, {done.rows_replaced:,} replaced"
                )
            CrimeImport.objects.bulk_create(log)
            data_changed(shared=True)  # once: the reports are refreshed after the commit
    return StreetImportReport(files=imported, dry_run=dry_run)


# London Datastore recorded-crime counts ----------------------------------------------------------


@dataclasses.dataclass
class CountsImportReport:
    source: str
    level: str
    areas: int
    months: list[datetime.date]
    counts_written: int
    counts_replaced: int
    dry_run: bool


def crime_counts_import(
    *,
    path: str | Path,
    level: str | None = None,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> CountsImportReport:
    """Import one of the Met's recorded-crime files as the London Datastore publishes them (one
    row per place and offence category, one column per month YYYYMM), CSV or Parquet.

    Each (place, month) in the file replaces what is stored for that place and month at that
    level: importing a file again, or a later file overlapping it, never doubles a count.
    """
    with read_crime_counts(path, level=level) as reading:
        progress(
            f"Checked {reading.source}: {reading.level} level, {reading.areas:,} places, "
            f"{len(reading.months)} months, {reading.total:,} counts."
        )
        replaced = written = 0
        with all_or_nothing(dry_run=dry_run):
            for key_field, keys in reading.area_keys():
                for start in range(0, len(keys), 500):
                    existing = CrimeCount.objects.filter(
                        level=reading.level,
                        month__in=reading.months,
                        **{f"{key_field}__in": keys[start : start + 500]},
                    )
                    if key_field == "area_name":
                        existing = existing.filter(area_code="")
                    replaced += existing._raw_delete(existing.db)
            for batch in reading.batches():
                insert_rows(CrimeCount, reading.fields, batch)
                written += len(batch)
                progress(f"  {written:,} of {reading.total:,} counts written")
            data_changed(shared=True)  # once: the reports are refreshed after the commit
    return CountsImportReport(
        source=reading.source,
        level=reading.level,
        areas=reading.areas,
        months=reading.months,
        counts_written=written,
        counts_replaced=replaced,
        dry_run=dry_run,
    )


# Indicators --------------------------------------------------------------------------------------

INDICATOR_FIELDS = {
    field.name
    for field in Indicator._meta.get_fields()
    if field.concrete and field.name not in ("id", "board")
}


def _indicator_fields(fields: dict) -> dict:
    unknown = sorted(set(fields) - INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"Indicators have no field {', '.join(unknown)}.")
    return fields


def _save_indicator(indicator: Indicator, by) -> Indicator:
    indicator.full_clean(validate_constraints=False)
    if (
        Indicator.objects.filter(board_id=indicator.board_id, slug=indicator.slug)
        .exclude(pk=indicator.pk)
        .exists()
    ):
        raise ValidationError({"slug": "The board already has an indicator with this slug."})
    attribute(indicator, by)
    indicator.save()
    data_changed(board_ids=[indicator.board_id])
    return indicator


@transaction.atomic
def indicator_create(*, board: Board, by=None, **fields) -> Indicator:
    """An indicator of `board`; its slug defaults to its name's, its position to the end."""
    fields = _indicator_fields(fields)
    if not fields.get("slug"):
        fields["slug"] = slugify(fields.get("name", ""))[:80]
    if fields.get("position") is None:
        last = Indicator.objects.filter(board=board).aggregate(n=Max("position"))["n"]
        fields["position"] = (last or 0) + 1
    return _save_indicator(Indicator(board=board, **fields), by)


@transaction.atomic
def indicator_update(*, indicator: Indicator, by=None, **fields) -> Indicator:
    for name, value in _indicator_fields(fields).items():
        setattr(indicator, name, value)
    return _save_indicator(indicator, by)


def _decimal(value) -> Decimal | None:
    """A figure as a Decimal (None for an empty cell); ValueError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a number")
    return number


def _figure_problems(indicator: Indicator, series: str, value, denominator) -> list[str]:
    """What is wrong with one figure for `indicator` (empty when nothing)."""
    problems = []
    if series not in Series.values:
        problems.append(f'"{series}" is not a series (local or benchmark)')
    elif series == Series.LOCAL and indicator.data_source != DataSource.ENTERED:
        problems.append(
            f"{indicator.name}'s figures come from {indicator.get_data_source_display()}, "
            "not from entered figures"
        )
    if value is not None and value < 0:
        problems.append("a figure cannot be negative")
    if denominator is not None:
        if indicator.measure != MeasureKind.PERCENTAGE:
            problems.append("only a percentage has a denominator")
        elif denominator <= 0:
            problems.append("the denominator must be more than 0")
    if (
        value is not None
        and abs(value) >= Decimal("1e10")
        or denominator is not None
        and abs(denominator) >= Decimal("1e10")
    ):
        problems.append("the figure is too large")
    return problems


def _write_figures(
    indicator: Indicator,
    series: str,
    values: dict[datetime.date, tuple[Decimal | None, Decimal | None]],
    by,
) -> int:
    """Write checked figures; a None value deletes that month's. Returns the rows changed."""
    now = timezone.now()
    existing = {
        m.month: m
        for m in Measurement.objects.filter(indicator=indicator, series=series, month__in=values)
    }
    created, updated, deleted = [], [], []
    for month, (value, denominator) in values.items():
        found = existing.get(month)
        if value is None:
            if found is not None:
                deleted.append(found.pk)
            continue
        if found is None:
            created.append(
                Measurement(
                    indicator=indicator,
                    series=series,
                    month=month,
                    value=value,
                    denominator=denominator,
                    entered_by=signed_in_user(by),
                    entered_at=now,
                )
            )
        elif found.value != value or found.denominator != denominator:
            found.value, found.denominator, found.entered_at = value, denominator, now
            found.entered_by = signed_in_user(by)
            updated.append(found)
    if deleted:
        Measurement.objects.filter(pk__in=deleted)._raw_delete(Measurement.objects.db)
    Measurement.objects.bulk_create(created)
    Measurement.objects.bulk_update(
        updated, ["value", "denominator", "entered_at", "entered_by"], batch_size=500
    )
    changed = len(created) + len(updated) + len(deleted)
    if changed:
        # Bulk writes send no signals: the indicator's board's pages show the figures.
        bump_board_generation(indicator.board_id)
        data_changed(board_ids=[indicator.board_id])
    return changed


@transaction.atomic
def measurements_save(
    *,
    indicator: Indicator,
    series: str = Series.LOCAL,
    values: dict[datetime.date, tuple[Decimal | None, Decimal | None]],
    by=None,
) -> int:
    """Save the data grid: {month: (value, denominator)}; a None value deletes that month's
    figure. All or nothing: raises ValidationError naming each bad month. Returns how many
    months changed."""
    checked: dict[datetime.date, tuple[Decimal | None, Decimal | None]] = {}
    problems: list[str] = []
    for month, (value, denominator) in values.items():
        label = f"{month:%Y-%m}" if isinstance(month, datetime.date) else str(month)
        if not isinstance(month, datetime.date):
            problems.append(f"{label}: not a month")
            continue
        try:
            value, denominator = _decimal(value), _decimal(denominator)
        except ValueError as error:
            problems.append(f"{label}: {error}")
            continue
        if value is None:
            denominator = None
        problems += [
            f"{label}: {p}" for p in _figure_problems(indicator, series, value, denominator)
        ]
        checked[first_of_month(month)] = (value, denominator)
    if problems:
        raise ValidationError(sorted(set(problems)))
    return _write_figures(indicator, series, checked, by)


@dataclasses.dataclass(frozen=True)
class MeasurementRow:
    """One figure of an upload: which indicator (by slug), which series, which month, and the
    value (with its denominator for a percentage). `line` is where it is in the file."""

    indicator_slug: str
    series: str
    month: datetime.date | str | None
    value: Decimal | str | None
    denominator: Decimal | str | None = None
    line: int = 0


def _row_month(month) -> datetime.date:
    if isinstance(month, datetime.datetime):
        month = month.date()
    if isinstance(month, datetime.date):
        return first_of_month(month)
    text = str(month or "").strip()
    for pattern in ("%Y-%m", "%Y-%m-%d", "%Y%m", "%b %Y", "%B %Y"):
        try:
            return first_of_month(datetime.datetime.strptime(text, pattern).date())
        except ValueError:
            continue
    raise ValueError(f'"{text}" is not a month (YYYY-MM)' if text else "the month is missing")


@transaction.atomic
def measurements_import(*, board: Board, rows: list[MeasurementRow], by=None) -> int:
    """Import uploaded figures for the board's indicators, all or nothing: every row is checked
    first and a ValidationError lists "line N: ..." for each bad one, with nothing written.
    A row with no value is no figure (an empty cell): it is skipped, never read as 0, and never
    deletes a figure. Returns how many figures changed."""
    indicators = {i.slug: i for i in Indicator.objects.filter(board=board)}
    problems: list[str] = []
    grouped: dict[tuple[str, str], dict[datetime.date, tuple[Decimal, Decimal | None]]] = {}
    seen: dict[tuple[str, str, datetime.date], int] = {}
    for row in rows:
        where = f"line {row.line}"
        indicator = indicators.get((row.indicator_slug or "").strip())
        row_problems = []
        if indicator is None:
            row_problems.append(f'no indicator "{row.indicator_slug}" on {board.name}')
        try:
            month = _row_month(row.month)
        except ValueError as error:
            row_problems.append(str(error))
            month = None
        try:
            value, denominator = _decimal(row.value), _decimal(row.denominator)
        except ValueError as error:
            row_problems.append(str(error))
            value = denominator = None
        series = (row.series or Series.LOCAL).strip().lower()
        if indicator is not None:
            row_problems += _figure_problems(indicator, series, value, denominator)
        if not row_problems and value is not None:
            key = (indicator.slug, series, month)
            if key in seen:
                row_problems.append(f"repeats line {seen[key]} ({month:%Y-%m})")
            else:
                seen[key] = row.line
                grouped.setdefault((indicator.slug, series), {})[month] = (value, denominator)
        problems += [f"{where}: {problem}" for problem in row_problems]
    if problems:
        raise ValidationError(problems)
    return sum(
        _write_figures(indicators[slug], series, values, by)
        for (slug, series), values in grouped.items()
    )


@transaction.atomic
def rating_override_set(
    *, indicator: Indicator, month: datetime.date, rating: str, reason: str, by=None
) -> RatingOverride:
    """The analyst's rating of the indicator for the month, in place of the computed one. The
    reason is required: the report prints it."""
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Say why the rating is overridden: the report shows the reason."
    if rating not in Rating.values:
        errors["rating"] = "Choose a rating."
    if errors:
        raise ValidationError(errors)
    override = RatingOverride.objects.filter(indicator=indicator, month=first_of_month(month))
    override = override.first() or RatingOverride(indicator=indicator, month=first_of_month(month))
    override.rating, override.reason, override.at = rating, reason, timezone.now()
    override.by = signed_in_user(by)
    attribute(override, by)
    override.save()
    data_changed(board_ids=[indicator.board_id])
    return override


@transaction.atomic
def rating_override_clear(*, indicator: Indicator, month: datetime.date, by=None) -> None:
    """Back to the computed rating."""
    for override in RatingOverride.objects.filter(indicator=indicator, month=first_of_month(month)):
        attribute(override, by)
        override.delete()
        data_changed(board_ids=[indicator.board_id])


@transaction.atomic
def commentary_set(
    *,
    indicator: Indicator,
    month: datetime.date,
    text: str,
    by=None,
    benchmark_percent_change: Decimal | None = None,
) -> Commentary | None:
    """The analyst's commentary for the month (empty text and no benchmark change remove it).
    `benchmark_percent_change` is the benchmark's change as published, shown when the
    benchmark's own figures are not held."""
    text = (text or "").strip()
    month = first_of_month(month)
    existing = Commentary.objects.filter(indicator=indicator, month=month).first()
    if not text and benchmark_percent_change is None:
        if existing is not None:
            existing.delete()
            data_changed(board_ids=[indicator.board_id])
        return None
    commentary = existing or Commentary(indicator=indicator, month=month)
    commentary.text = text
    commentary.benchmark_percent_change = benchmark_percent_change
    commentary.at = timezone.now()
    commentary.by = signed_in_user(by)
    commentary.full_clean(validate_constraints=False)
    commentary.save()
    data_changed(board_ids=[indicator.board_id])
    return commentary


@transaction.atomic
def population_set(
    *, area: Area, year: int, population: int, label: str = "", source: str = "", by=None
) -> Population:
    """An area's population in a year (the rows rates divide by); replaces that year's."""
    if population is None or int(population) <= 0:
        raise ValidationError({"population": "A population must be more than 0."})
    row, _ = Population.objects.update_or_create(
        area=area,
        label=label.strip(),
        year=year,
        defaults={"population": int(population), "source": source.strip()},
    )
    data_changed(shared=True)
    return row


# The report a meeting saw ------------------------------------------------------------------------


def _month_commentary(board: Board, month: datetime.date) -> dict[str, dict]:
    from .report import published_content

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
    from .report import latest_publication

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
    from cspboard.meetings.choices import AGENDA_PUBLIC_STATUSES

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
    from .pack import meeting_has_performance_item, meeting_report_month
    from .report import performance_report, snapshot_content

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
