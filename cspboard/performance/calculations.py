"""The arithmetic of the performance report, on plain values (no database).

Financial years run April to March. A series is a mapping of month (its first day) to a
`Figure`; a month absent from it has no data, which is never the same as 0. A total over months
is None when any of them is missing: a part-year compared with a whole one would mislead.
A percentage over several months is the sum of the numerators over the sum of the denominators,
never the average of the monthly percentages.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from .months import MonthRange, add_months, first_of_month

HUNDRED = Decimal(100)
ONE_PLACE = Decimal("0.1")
TWO_PLACES = Decimal("0.01")


@dataclasses.dataclass(frozen=True)
class Figure:
    """One month's figure: a count, or a numerator with its denominator. With no denominator, a
    percentage indicator's value is the percentage itself, as published."""

    value: Decimal
    denominator: Decimal | None = None


Series = Mapping[datetime.date, Figure]


# Financial years -------------------------------------------------------------------------------


def financial_year_start(month: datetime.date) -> datetime.date:
    """1 April of the financial year holding `month`."""
    return datetime.date(month.year if month.month >= 4 else month.year - 1, 4, 1)


def financial_year_label(month: datetime.date) -> str:
    """ "2017/18" for any month from April 2017 to March 2018."""
    start = financial_year_start(month).year
    return f"{start}/{(start + 1) % 100:02d}"


def financial_year(month: datetime.date) -> MonthRange:
    """April to March of the financial year holding `month`."""
    start = financial_year_start(month)
    return MonthRange(start, add_months(start, 11))


def months_elapsed(month: datetime.date) -> int:
    """How many months of its financial year have passed at the end of `month` (April: 1)."""
    return len(financial_year_to_date(month))


def financial_year_to_date(month: datetime.date) -> MonthRange:
    """April of the financial year to `month`."""
    return MonthRange(financial_year_start(month), first_of_month(month))


def year_earlier(months: MonthRange) -> MonthRange:
    """The same months a year before."""
    return MonthRange(add_months(months.first, -12), add_months(months.last, -12))


def rolling_12(month: datetime.date) -> MonthRange:
    """The twelve months to `month`."""
    return MonthRange(add_months(first_of_month(month), -11), first_of_month(month))


# Sums ------------------------------------------------------------------------------------------


def total(series: Series, months: Iterable[datetime.date]) -> Decimal | None:
    """The sum of the values over `months`; None when any month has no figure."""
    values = [series.get(month) for month in months]
    if not values or any(figure is None for figure in values):
        return None
    return sum((figure.value for figure in values), Decimal(0))


def percentage_of_parts(series: Series, months: Iterable[datetime.date]) -> Decimal | None:
    """100 x the summed numerators over the summed denominators; None when any month has no
    figure or no denominator, or the denominators sum to 0."""
    figures = [series.get(month) for month in months]
    if not figures or any(f is None or f.denominator is None for f in figures):
        return None
    denominator = sum((f.denominator for f in figures), Decimal(0))
    if not denominator:
        return None
    return HUNDRED * sum((f.value for f in figures), Decimal(0)) / denominator


def figure_percentage(figure: Figure | None) -> Decimal | None:
    """A single month's percentage: from its parts, or as published."""
    if figure is None:
        return None
    if figure.denominator is None:
        return figure.value
    if not figure.denominator:
        return None
    return HUNDRED * figure.value / figure.denominator


def rate(count: Decimal | None, population: int | None, per: int | None) -> Decimal | None:
    """`count` per `per` of the population."""
    if count is None or not population or not per:
        return None
    return count * per / population


# Changes ---------------------------------------------------------------------------------------


def round_half_up(value: Decimal | None, places: Decimal = ONE_PLACE) -> Decimal | None:
    return None if value is None else value.quantize(places, rounding=ROUND_HALF_UP)


def change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if current is None or previous is None:
        return None
    return current - previous


def percent_change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """The change as a percentage of `previous`, to one decimal place rounded half up (the
    way the report prints it); None when either is missing or `previous` is 0."""
    if current is None or previous is None or not previous:
        return None
    return round_half_up(HUNDRED * (current - previous) / previous)


def pro_rated(target: Decimal | None, month: datetime.date) -> Decimal | None:
    """A ceiling for the financial year, pro-rated to the end of `month` (169 for the year is
    140.83 by January, ten months in), to two decimal places."""
    if target is None:
        return None
    return round_half_up(Decimal(target) * months_elapsed(month) / 12, TWO_PLACES)
