"""Reads for the performance pages: what the views show besides the report itself.

The report is `report.performance_report`; the rules on who may see or change what are in
`cspboard.meetings.permissions`.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.db.models import Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.access import access_for
from cspboard.boards.models import Board
from cspboard.boards.selectors import board_get
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.models import Meeting
from cspboard.meetings.permissions import can_enter_performance, can_see_performance

from .contributions import HotspotOverlay, hotspot_overlays
from .models import Area, Commentary, Indicator, Measurement, StreetCrime
from .months import MonthRange
from .pack import meeting_has_performance_item
from .selectors import DensityCell, Hotspot, crime_density, crime_hotspots, street_crime_types

HOTSPOT_ROWS = 10


def board_for_viewer(user, slug: str):
    board = board_get(slug)
    if not can_see_performance(access_for(user), board):
        raise Http404
    return board


def board_for_data_entry(user, slug: str):
    """The board, for one of its officers or analysts: 404 for anyone else."""
    board = board_get(slug)
    if not can_enter_performance(access_for(user), board):
        raise Http404
    return board


def area_choices(board):
    """The areas the board may use: its own (and its parent board's) and those of no board."""
    boards = [board.pk] + ([board.parent_id] if board.parent_id else [])
    return Area.objects.filter(Q(board_id__in=boards) | Q(board__isnull=True)).order_by("name")


def areas_for_board(board) -> list[Area]:
    """The board's areas first, then areas belonging to no board."""
    return sorted(area_choices(board), key=lambda a: (a.board_id is None, a.name))


def subgroup_choices(board):
    return Board.objects.filter(parent=board).order_by("name")


def street_crime_months() -> list[datetime.date]:
    """The months holding any police.uk street crimes, oldest first."""
    return list(StreetCrime.objects.order_by("month").values_list("month", flat=True).distinct())


def change_words(count: int, previous: int) -> str:
    """ "Up 3 (+25.0%)", "Down 2 (-40.0%)", "No change", or "Up 4 (none before)"."""
    change = count - previous
    if change == 0:
        return "No change"
    direction = "Up" if change > 0 else "Down"
    if not previous:
        return f"{direction} {abs(change)} (none before)"
    return f"{direction} {abs(change)} ({100 * change / previous:+.1f}%)"


@dataclasses.dataclass(frozen=True)
class HotspotRow:
    place: Hotspot
    change_text: str


@dataclasses.dataclass(frozen=True)
class HotspotTables:
    months: MonthRange
    previous: MonthRange
    lsoas: list[HotspotRow]
    locations: list[HotspotRow]


def hotspot_tables(
    *, area: Area | None, months: MonthRange, crime_types: list[str] | None
) -> HotspotTables:
    """The LSOAs and the police.uk map points with most crimes in the period (one query each)."""

    def rows(by: str) -> list[HotspotRow]:
        found = crime_hotspots(
            area=area, months=months, crime_types=crime_types, by=by, limit=HOTSPOT_ROWS
        )
        return [HotspotRow(place, change_words(place.count, place.previous)) for place in found]

    return HotspotTables(
        months=months, previous=months.previous(), lsoas=rows("lsoa"), locations=rows("location")
    )


@dataclasses.dataclass(frozen=True)
class HotspotMap:
    """The hotspots map and the tables beside it, from the same figures: the crimes by LSOA
    (the density layer) and the layers other apps register (the places of concern)."""

    cells: list[DensityCell]
    overlays: list[HotspotOverlay]

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no crime with a location, and no layer with a point."""
        return not self.cells and not any(overlay.markers for overlay in self.overlays)

    @property
    def data(self) -> dict:
        """What the map's script draws (the page carries it as JSON): these figures and no
        others, and the tile server if one is set (none by default: a plain background)."""
        tiles = None
        if settings.MAP_TILES_URL:
            tiles = {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION}
        return {
            "tiles": tiles,
            "cells": [
                {
                    "lsoa": cell.lsoa_code,
                    "name": cell.lsoa_name,
                    "lat": cell.latitude,
                    "lon": cell.longitude,
                    "count": cell.count,
                }
                for cell in self.cells
            ],
            "overlays": [
                {
                    "key": overlay.key,
                    "title": overlay.title,
                    "markers": [
                        {
                            "name": marker.name,
                            "url": marker.url,
                            "lat": marker.latitude,
                            "lon": marker.longitude,
                            "kind": marker.kind,
                            "detail": marker.detail,
                        }
                        for marker in overlay.markers
                    ],
                }
                for overlay in self.overlays
            ],
        }


def hotspot_map(
    board, *, user, area: Area | None, months: MonthRange, crime_types: list[str] | None
) -> HotspotMap:
    """The period's crimes by LSOA (one query) and the layers registered over them, each for
    this viewer under its own app's access rule."""
    return HotspotMap(
        cells=crime_density(area=area, months=months, crime_types=crime_types),
        overlays=hotspot_overlays(board, access=access_for(user)),
    )


def hotspot_choices() -> tuple[list[str], list[datetime.date]]:
    return street_crime_types(), street_crime_months()


# Data entry -------------------------------------------------------------------------------------


def financial_year_months(start_year: int) -> list[datetime.date]:
    """April of `start_year` to March of the year after."""
    return list(MonthRange(datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 1)))


def financial_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year_of(month: datetime.date) -> int:
    return month.year if month.month >= 4 else month.year - 1


def indicators_for_entry(board):
    return list(
        Indicator.objects.filter(board=board).select_related("subgroup").order_by("position", "id")
    )


def indicator_for_entry(board, slug: str):
    return get_object_or_404(Indicator.objects.select_related("subgroup"), board=board, slug=slug)


def stored_figures(
    indicator, months: list[datetime.date]
) -> dict[tuple[str, datetime.date], object]:
    """{(series, month): Measurement} of the indicator in those months (one query)."""
    return {
        (m.series, m.month): m
        for m in Measurement.objects.filter(
            indicator=indicator, month__range=(months[0], months[-1])
        )
    }


def latest_entered_month(board) -> datetime.date | None:
    return Measurement.objects.filter(indicator__board=board).aggregate(m=Max("month"))["m"]


def changed_figures(stored: dict, series: str, wanted: dict) -> dict:
    """Only the months whose figure differs from what is stored (a blank where nothing is
    stored is no change), so saving the grid leaves untouched months as they were entered."""
    changes = {}
    for month, (value, denominator) in wanted.items():
        found = stored.get((series, month))
        if found is None:
            if value is not None:
                changes[month] = (value, denominator)
        elif value is None or found.value != value or found.denominator != denominator:
            changes[month] = (value, denominator)
    return changes


# The report's commentary ------------------------------------------------------------------------


def commentary_for(indicator, month: datetime.date):
    """The stored commentary row (its text and the benchmark's change as published), so the
    form starts from what is saved and saving the text keeps the published change."""
    return Commentary.objects.filter(indicator=indicator, month=month).first()


# A meeting's report ------------------------------------------------------------------------------


def meeting_for_report(board, date: datetime.date):
    """The board's meeting on that date, or 404."""
    return get_object_or_404(Meeting.objects.select_related("board"), board=board, date=date)


def has_performance_item(meeting) -> bool:
    return meeting_has_performance_item(meeting)


def meetings_to_prepare(board, today: datetime.date, limit: int = 3) -> list:
    """The board's next meetings whose agenda is not yet published (one query)."""
    return list(
        Meeting.objects.filter(
            board=board, date__gte=today, status=MeetingStatus.SCHEDULED
        ).order_by("date")[:limit]
    )
