"""Reads of performance data, aggregated in the database (one query each).

An area's street crimes are those whose LSOA code is one of the area's, or whose LSOA name
starts with the area's prefix and a space (`area_street_filter`); no area means every row stored.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable

from django.db.models import Avg, Count, Max, Q, QuerySet, Sum

from .choices import GeographyLevel
from .models import Area, AreaLsoa, CrimeCount, Indicator, StreetCrime
from .months import MonthRange


def area_get(slug: str) -> Area | None:
    return Area.objects.select_related("board").filter(slug=slug).first()


def area_street_filter(area: Area | None, lsoa_name_prefix: str = "") -> Q:
    """The street crimes in `area` (or whose LSOA name starts with `lsoa_name_prefix`), as the
    import keeps them; an empty Q (every row) for neither."""
    prefix = area.lsoa_name_prefix if area is not None else lsoa_name_prefix.strip()
    where = Q()
    if area is not None:
        where = Q(lsoa_code__in=AreaLsoa.objects.filter(area=area).values("lsoa_code"))
    if prefix:
        by_name = Q(lsoa_name__startswith=prefix + " ")
        where = (where | by_name) if area is not None else by_name
    return where


def street_crimes_in(area: Area | None) -> QuerySet[StreetCrime]:
    return StreetCrime.objects.filter(area_street_filter(area))


def _in_period(area, months: MonthRange, crime_types: Iterable[str] | None):
    crimes = street_crimes_in(area).filter(month__range=(months.first, months.last))
    if crime_types is not None:
        crimes = crimes.filter(crime_type__in=list(crime_types))
    return crimes


@dataclasses.dataclass(frozen=True)
class MonthTypeCount:
    month: datetime.date
    crime_type: str
    count: int


def crime_counts(
    *, area: Area | None, months: MonthRange, crime_types: Iterable[str] | None = None
) -> list[MonthTypeCount]:
    """Street crimes by month and crime type (only the pairs with any), in one query."""
    rows = (
        _in_period(area, months, crime_types)
        .values("month", "crime_type")
        .annotate(count=Count("id"))
        .order_by("month", "crime_type")
    )
    return [MonthTypeCount(**row) for row in rows]


def crime_totals_by_month(
    *, area: Area | None, months: MonthRange, crime_types: Iterable[str] | None = None
) -> list[tuple[datetime.date, int]]:
    """Street crimes (of `crime_types`, or all) in each month of the period, 0 where none: an
    indicator such as "crime types X and Y in area Z"."""
    rows = (
        _in_period(area, months, crime_types)
        .values("month")
        .annotate(count=Count("id"))
        .values_list("month", "count")
    )
    found = dict(rows)
    return [(month, found.get(month, 0)) for month in months]


@dataclasses.dataclass(frozen=True)
class Hotspot:
    """A place's crimes in the period and in the period of equal length before it.

    For `by="lsoa"` the place is the LSOA; for `by="location"` it is a police.uk map point (its
    anonymised "On or near ..." location and coordinates) within its LSOA."""

    lsoa_code: str
    lsoa_name: str
    location: str
    longitude: float | None
    latitude: float | None
    count: int
    previous: int

    @property
    def change(self) -> int:
        return self.count - self.previous

    @property
    def change_percent(self) -> float | None:
        return None if not self.previous else 100.0 * self.change / self.previous


HOTSPOT_KEYS = {
    "lsoa": ["lsoa_code"],
    "location": ["lsoa_code", "location", "longitude", "latitude"],
}


def crime_hotspots(
    *,
    area: Area | None,
    months: MonthRange,
    crime_types: Iterable[str] | None = None,
    by: str = "lsoa",
    limit: int = 10,
) -> list[Hotspot]:
    """The places with most crimes in the period, with their count in the period before it,
    in one query. Rows with no location (no LSOA) are left out."""
    keys = HOTSPOT_KEYS[by]
    before = months.previous()
    current = Q(month__gte=months.first)
    rows = (
        _in_period(area, MonthRange(before.first, months.last), crime_types)
        .exclude(lsoa_code="")
        .values(*keys)
        .annotate(
            count=Count("id", filter=current),
            previous=Count("id", filter=~current),
            name=Max("lsoa_name"),
        )
        .filter(count__gt=0)
        .order_by("-count", "-previous", *keys)[:limit]
    )
    return [
        Hotspot(
            lsoa_code=row["lsoa_code"],
            lsoa_name=row["name"],
            location=row.get("location", ""),
            longitude=row.get("longitude"),
            latitude=row.get("latitude"),
            count=row["count"],
            previous=row["previous"],
        )
        for row in rows
    ]


@dataclasses.dataclass(frozen=True)
class DensityCell:
    """The crimes of one LSOA in the period, placed at the middle of their police.uk points: one
    circle of the hotspots map's density layer, one row of the table beside it."""

    lsoa_code: str
    lsoa_name: str
    latitude: float
    longitude: float
    count: int


def crime_density(
    *, area: Area | None, months: MonthRange, crime_types: Iterable[str] | None = None
) -> list[DensityCell]:
    """Street crimes with a location in the period, counted by LSOA and placed at the mean of
    their points, most first, in one query: the map is drawn from these, never from the crimes'
    own points."""
    rows = (
        _in_period(area, months, crime_types)
        .exclude(lsoa_code="")
        .exclude(latitude__isnull=True)
        .exclude(longitude__isnull=True)
        .values("lsoa_code")
        .annotate(
            count=Count("id"),
            name=Max("lsoa_name"),
            mean_latitude=Avg("latitude"),
            mean_longitude=Avg("longitude"),
        )
        .order_by("-count", "lsoa_code")
    )
    return [
        DensityCell(
            lsoa_code=row["lsoa_code"],
            lsoa_name=row["name"],
            latitude=round(row["mean_latitude"], 5),
            longitude=round(row["mean_longitude"], 5),
            count=row["count"],
        )
        for row in rows
    ]


def street_crime_types() -> list[str]:
    """The crime types stored, for choosing an indicator's."""
    return list(
        StreetCrime.objects.order_by("crime_type").values_list("crime_type", flat=True).distinct()
    )


def count_place_filter(level: str, place: str) -> Q:
    """The recorded-crime counts of one place: a borough by its name (the Met's borough rows
    have no code), a ward or LSOA by its code."""
    if level == GeographyLevel.BOROUGH:
        return Q(level=level, area_code="", area_name=place)
    return Q(level=level, area_code=place)


def recorded_crime_totals(
    *,
    level: str,
    area: str,
    months: MonthRange,
    major_categories: Iterable[str] = (),
    minor_categories: Iterable[str] = (),
) -> list[tuple[datetime.date, int | None]]:
    """The Met's recorded crimes for a place (a borough's name, a ward's or LSOA's code) in each
    month of the period, of the categories given (all when none); None for a month with no
    figures stored."""
    counts = CrimeCount.objects.filter(
        count_place_filter(level, area), month__range=(months.first, months.last)
    )
    if major_categories := list(major_categories):
        counts = counts.filter(major_category__in=major_categories)
    if minor_categories := list(minor_categories):
        counts = counts.filter(minor_category__in=minor_categories)
    found = dict(
        counts.order_by().values("month").annotate(total=Sum("count")).values_list("month", "total")
    )
    return [(month, found.get(month)) for month in months]


# Indicators --------------------------------------------------------------------------------------


def board_indicators(board) -> QuerySet:
    """The board's indicators in report order, with what the report reads of them."""
    return (
        Indicator.objects.filter(board=board)
        .select_related("board", "subgroup", "area", "population_area")
        .order_by("position", "id")
    )


def indicator_get(board, slug: str):
    return board_indicators(board).filter(slug=slug).first()


def street_crime_month_types(
    areas: Iterable[Area], months: MonthRange
) -> dict[int, dict[datetime.date, dict[str, int]]]:
    """For each area, its street crimes by month and crime type, in one query whatever the
    number of areas. A month with no row in an area is absent (no data), not 0."""
    areas = list({area.pk: area for area in areas}.values())
    if not areas:
        return {}
    where = Q()
    counts = {}
    for area in areas:
        where |= area_street_filter(area)
        counts[f"in_{area.pk}"] = Count("id", filter=area_street_filter(area))
    rows = (
        StreetCrime.objects.filter(where, month__range=(months.first, months.last))
        .values("month", "crime_type")
        .annotate(**counts)
        .order_by()
    )
    found: dict[int, dict[datetime.date, dict[str, int]]] = {area.pk: {} for area in areas}
    for row in rows:
        for area in areas:
            if count := row[f"in_{area.pk}"]:
                found[area.pk].setdefault(row["month"], {})[row["crime_type"]] = count
    return found


def crime_count_month_categories(
    places: Iterable[tuple[str, str]], months: MonthRange
) -> dict[tuple[str, str], dict[datetime.date, list[tuple[str, str, int]]]]:
    """For each (level, place) (a borough's name, a ward's or LSOA's code), its recorded-crime
    counts by month as (major category, minor category, count), in one query. A month with no
    counts stored for the place is absent (no data), not 0."""
    places = sorted(set(places))
    if not places:
        return {}
    where = Q()
    for level, place in places:
        where |= count_place_filter(level, place)
    keys = ["level", "area_code", "area_name", "major_category", "minor_category", "month"]
    rows = (
        CrimeCount.objects.filter(where, month__range=(months.first, months.last))
        .values(*keys)
        .annotate(total=Sum("count"))
        .values_list(*keys, "total")
        .order_by()
    )
    found: dict[tuple[str, str], dict[datetime.date, list[tuple[str, str, int]]]] = {
        place: {} for place in places
    }
    for level, code, name, major, minor, month, count in rows:
        key = (level, name if level == GeographyLevel.BOROUGH else code)
        if key in found:
            found[key].setdefault(month, []).append((major, minor, count))
    return found
