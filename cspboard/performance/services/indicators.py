"""Writes for a board's indicators: the indicators themselves, their figures (the grid and
uploads), rating overrides, commentary and populations."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from cspboard.boards.models import Board
from cspboard.core.cache import bump_board_generation
from cspboard.core.history import attribute, signed_in_user

from ..changes import data_changed
from ..choices import DataSource, MeasureKind, Rating, Series
from ..models import (
    Area,
    Commentary,
    Indicator,
    Measurement,
    Population,
    RatingOverride,
)
from ..months import first_of_month

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
