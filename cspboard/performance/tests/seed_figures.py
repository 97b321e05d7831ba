"""The monthly figures of the March 2018 performance report's one-page summaries (April to
March; 2017/18 to January, the report's month), as the tests use them. `test_calculations`
checks them against the report's own tables."""

import datetime
from decimal import Decimal

from cspboard.performance.calculations import Figure
from cspboard.performance.months import add_months

SERIOUS_YOUTH_VIOLENCE = {
    2016: [19, 34, 19, 25, 16, 26, 12, 19, 13, 10, 16, 15],
    2017: [25, 17, 23, 28, 30, 22, 20, 24, 17, 10],
}
GUN_CRIME = {
    2016: [5, 3, 3, 9, 6, 5, 3, 13, 3, 7, 6, 4],
    2017: [9, 2, 4, 14, 6, 2, 6, 5, 8, 1],
}
BURGLARY = {
    2016: [89, 119, 110, 87, 87, 94, 101, 97, 119, 143, 171, 137],
    2017: [133, 159, 90, 128, 113, 106, 145, 115, 144, 176],
}
VIOLENCE_WITH_INJURY = {
    2016: [166, 202, 195, 214, 190, 196, 158, 174, 163, 154, 153, 188],
    2017: [166, 206, 182, 178, 168, 183, 191, 160, 193, 142],
}
# The MARAC repeat-referral rate: each month's figure is the financial year to date.
MARAC_YEAR_TO_DATE = {
    2016: ["29.6", "26.4", "25.3", "26.3", "24.8", "24.5", "22.9", "24.4", "25.7", "26.0"]
    + ["28.1", "28.2"],
    2017: ["22.7", "17.1", "17.1", "17.1", "14.3", "15.2", "17.3", "18.1", "17.2", "17.9"],
}
JANUARY_2018 = datetime.date(2018, 1, 1)


def months(by_year: dict) -> dict[datetime.date, Decimal]:
    """{2016: [April, ...]} as {month: value}."""
    return {
        add_months(datetime.date(year, 4, 1), offset): Decimal(value)
        for year, values in by_year.items()
        for offset, value in enumerate(values)
    }


def series(by_year: dict) -> dict[datetime.date, Figure]:
    return {month: Figure(value) for month, value in months(by_year).items()}


def grid(by_year: dict) -> dict[datetime.date, tuple[Decimal, None]]:
    """For `measurements_save`."""
    return {month: (value, None) for month, value in months(by_year).items()}
