"""Red / Amber / Green: the rule each target kind is rated by, and the analyst's override.

The seeds' ratings fit the default rule (green at 5% or more better than the same point last
year, red at more than 5% worse, amber between); a board sets the two thresholds per indicator.
Indicators for monitoring are grey: more reporting of hate crime or domestic abuse can be good.
"""

from __future__ import annotations

from decimal import Decimal

from .choices import Rating, TargetKind

HUNDRED = Decimal(100)

# The executive summary's lists, by rating; amber and unrated indicators are in neither.
BUCKETS = {Rating.GREEN: "good", Rating.RED: "improvement", Rating.GREY: "monitoring"}


def computed_rating(
    *,
    target_kind: str,
    percent_change: Decimal | None = None,
    value: Decimal | None = None,
    target_to_date: Decimal | None = None,
    range_low: Decimal | None = None,
    range_high: Decimal | None = None,
    green_percent: Decimal = Decimal(5),
    red_percent: Decimal = Decimal(5),
) -> str:
    """The rating the rule gives (a `Rating` value; "" when there is nothing to rate).

    - reduction / increase: by `percent_change` (the year-to-date change, as printed): green
      at `green_percent` or more better, red at more than `red_percent` worse, amber between;
    - ceiling: `value` (year to date) against `target_to_date` (the ceiling pro-rated): red
      above it, amber within `green_percent` below it, green further below;
    - range: `value` within `range_low`..`range_high` is green, outside by no more than
      `red_percent` points amber, further red;
    - monitoring: grey.
    """
    green_percent, red_percent = Decimal(green_percent), Decimal(red_percent)
    if target_kind == TargetKind.MONITORING:
        return Rating.GREY
    if target_kind in (TargetKind.REDUCTION, TargetKind.INCREASE):
        if percent_change is None:
            return Rating.NONE
        better = -percent_change if target_kind == TargetKind.REDUCTION else percent_change
        if better >= green_percent:
            return Rating.GREEN
        if -better > red_percent:
            return Rating.RED
        return Rating.AMBER
    if target_kind == TargetKind.CEILING:
        if value is None or target_to_date is None:
            return Rating.NONE
        if value > target_to_date:
            return Rating.RED
        if value >= target_to_date * (HUNDRED - green_percent) / HUNDRED:
            return Rating.AMBER
        return Rating.GREEN
    if target_kind == TargetKind.RANGE:
        if value is None or range_low is None or range_high is None:
            return Rating.NONE
        if range_low <= value <= range_high:
            return Rating.GREEN
        outside = range_low - value if value < range_low else value - range_high
        return Rating.AMBER if outside <= red_percent else Rating.RED
    return Rating.NONE


def final_rating(computed: str, override: str | None) -> str:
    """The override's rating when the analyst has set one, else the computed rating."""
    return computed if override is None else override


def bucket(rating: str) -> str:
    """Where the executive summary lists an indicator: "good", "improvement", "monitoring" or
    "" (not listed)."""
    return BUCKETS.get(rating, "")
