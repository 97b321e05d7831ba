"""The arithmetic, on the seeds' figures: financial years, year-to-date sums, rolling 12 months,
percentage changes rounded half up, pro-rated ceilings, percentages from summed parts."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest

from cspboard.performance import calculations as calc
from cspboard.performance.calculations import Figure
from cspboard.performance.months import MonthRange

from .seed_figures import (
    BURGLARY,
    GUN_CRIME,
    JANUARY_2018,
    MARAC_YEAR_TO_DATE,
    SERIOUS_YOUTH_VIOLENCE,
    VIOLENCE_WITH_INJURY,
    series,
)

D = datetime.date
REPORT = (
    Path(__file__).resolve().parents[2] / "demo/data/documents/2018-03-28-performance-report.md"
)


def seed_table(heading: str) -> dict[int, list[int | None]]:
    """The monthly table under `heading` in the report, as {2016: [...], 2017: [...]}."""
    text = REPORT.read_text(encoding="utf-8")
    table = text[text.index(heading) :].split("\n\n", 2)[1]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    return {
        year: [int(cells[column]) if cells[column].strip() else None for cells in rows]
        for year, column in ((2016, 1), (2017, 2))
    }


@pytest.mark.parametrize(
    "heading, figures",
    [
        ("**Serious Youth Violence - Monthly Data**", SERIOUS_YOUTH_VIOLENCE),
        ("**Gun Crime Data**", GUN_CRIME),
        ("**Burglary - Monthly Totals**", BURGLARY),
        ("**Violence With Injury - Monthly Totals**", VIOLENCE_WITH_INJURY),
    ],
)
def test_the_test_figures_are_the_reports_tables(heading, figures):
    table = seed_table(heading)
    assert table[2016] == figures[2016]
    # To January 2018: the report's month (later cells are blank or copies of last year's).
    assert table[2017][:10] == figures[2017]


def test_the_marac_figures_are_the_reports_table():
    text = REPORT.read_text(encoding="utf-8")
    this_year = re.search(r"\| 2017/18 \(FYTD figure\) \|(.*)\n", text).group(1)
    last_year = re.search(r"\| 2016/17 Accumulative \|(.*)\n", text).group(1)
    cells = lambda row: [c.strip().rstrip("%") for c in row.split("|") if c.strip()]  # noqa: E731
    assert cells(this_year) == MARAC_YEAR_TO_DATE[2017]
    assert cells(last_year) == MARAC_YEAR_TO_DATE[2016]


# Financial years ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "month, start, label, elapsed",
    [
        (D(2018, 1, 1), D(2017, 4, 1), "2017/18", 10),
        (D(2017, 4, 1), D(2017, 4, 1), "2017/18", 1),
        (D(2018, 3, 31), D(2017, 4, 1), "2017/18", 12),
        (D(2018, 4, 15), D(2018, 4, 1), "2018/19", 1),
        (D(1999, 12, 1), D(1999, 4, 1), "1999/00", 9),
    ],
)
def test_financial_year_of_a_month(month, start, label, elapsed):
    assert calc.financial_year_start(month) == start
    assert calc.financial_year_label(month) == label
    assert calc.months_elapsed(month) == elapsed
    year = calc.financial_year(month)
    assert (year.first, len(year)) == (start, 12)


def test_year_to_date_and_the_same_months_a_year_earlier():
    to_date = calc.financial_year_to_date(JANUARY_2018)
    assert (to_date.first, to_date.last) == (D(2017, 4, 1), D(2018, 1, 1))
    before = calc.year_earlier(to_date)
    assert (before.first, before.last) == (D(2016, 4, 1), D(2017, 1, 1))
    rolling = calc.rolling_12(JANUARY_2018)
    assert (rolling.first, rolling.last, len(rolling)) == (D(2017, 2, 1), D(2018, 1, 1), 12)


# The seeds' year-to-date figures -----------------------------------------------------------------


def year_to_date(figures, month=JANUARY_2018):
    months = calc.financial_year_to_date(month)
    data = series(figures)
    return calc.total(data, months), calc.total(data, calc.year_earlier(months))


def test_serious_youth_violence_216_against_193_up_11_9_percent():
    current, previous = year_to_date(SERIOUS_YOUTH_VIOLENCE)
    assert (current, previous) == (216, 193)
    assert calc.change(current, previous) == 23
    # 11.917...%: the report rounds it to 12%.
    assert calc.percent_change(current, previous) == Decimal("11.9")


def test_gun_crime_57_against_57_no_change():
    current, previous = year_to_date(GUN_CRIME)
    assert (current, previous) == (57, 57)
    assert calc.change(current, previous) == 0
    assert calc.percent_change(current, previous) == Decimal("0.0")


def test_burglary_is_the_sum_of_its_months_not_the_printed_1319():
    current, previous = year_to_date(BURGLARY)
    assert (current, previous) == (1309, 1046)
    assert calc.change(current, previous) == 263
    assert calc.percent_change(current, previous) == Decimal("25.1")


def test_violence_with_injury_from_its_table():
    # The report prints 1785 against 1791; its monthly table sums to these.
    current, previous = year_to_date(VIOLENCE_WITH_INJURY)
    assert (current, previous) == (1769, 1812)
    assert calc.percent_change(current, previous) == Decimal("-2.4")


def test_rolling_12_months():
    data = series(BURGLARY)
    assert calc.total(data, calc.rolling_12(D(2017, 3, 1))) == sum(BURGLARY[2016])
    expected = sum(BURGLARY[2016][10:]) + sum(BURGLARY[2017])
    assert calc.total(data, calc.rolling_12(JANUARY_2018)) == expected
    # February 2018 is not held: no rolling figure rather than eleven months' worth.
    assert calc.total(data, calc.rolling_12(D(2018, 2, 1))) is None


# Missing months ----------------------------------------------------------------------------------


def test_a_missing_month_makes_the_total_missing_never_a_smaller_one():
    data = series(SERIOUS_YOUTH_VIOLENCE)
    del data[D(2017, 9, 1)]
    assert calc.total(data, calc.financial_year_to_date(JANUARY_2018)) is None
    assert calc.total(data, MonthRange(D(2017, 10, 1), JANUARY_2018)) == 20 + 24 + 17 + 10
    assert calc.total({}, []) is None


def test_a_zero_is_a_figure():
    data = {D(2017, 4, 1): Figure(Decimal(0)), D(2017, 5, 1): Figure(Decimal(0))}
    assert calc.total(data, MonthRange(D(2017, 4, 1), D(2017, 5, 1))) == 0


# Percentages and changes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "current, previous, expected",
    [
        (1309, 1046, "25.1"),
        (1497, 1578, "-5.1"),
        (5196, 5559, "-6.5"),
        (2174, 2025, "7.4"),
        (397, 394, "0.8"),
        (379, 255, "48.6"),
        (10025, 10000, "0.3"),  # 0.25: half up, not to even
        (9975, 10000, "-0.3"),
        (57, 57, "0.0"),
    ],
)
def test_percent_change_to_one_place_rounded_half_up(current, previous, expected):
    assert calc.percent_change(Decimal(current), Decimal(previous)) == Decimal(expected)


def test_no_percent_change_from_nothing_or_from_zero():
    assert calc.percent_change(Decimal(5), Decimal(0)) is None
    assert calc.percent_change(None, Decimal(5)) is None
    assert calc.percent_change(Decimal(5), None) is None
    assert calc.change(Decimal(5), Decimal(0)) == 5


def test_a_percentage_is_from_summed_parts_not_averaged():
    months = MonthRange(D(2017, 4, 1), D(2017, 5, 1))
    data = {
        D(2017, 4, 1): Figure(Decimal(1), Decimal(2)),  # 50%
        D(2017, 5, 1): Figure(Decimal(1), Decimal(8)),  # 12.5%
    }
    assert calc.percentage_of_parts(data, months) == Decimal(20)  # not 31.25
    assert calc.figure_percentage(data[D(2017, 5, 1)]) == Decimal("12.5")
    # Without a denominator, a month's percentage is the one published, and cannot be summed.
    published = {D(2017, 4, 1): Figure(Decimal("17.9"))}
    assert calc.figure_percentage(published[D(2017, 4, 1)]) == Decimal("17.9")
    assert calc.percentage_of_parts(published, MonthRange(D(2017, 4, 1), D(2017, 4, 1))) is None
    assert calc.percentage_of_parts(data, MonthRange(D(2017, 4, 1), D(2017, 6, 1))) is None


def test_rates_per_population():
    assert calc.rate(Decimal(2174), 187029, 1000) == Decimal(2174) * 1000 / 187029
    assert calc.round_half_up(calc.rate(Decimal(140), 23569, 100000)) == Decimal("594.0")
    assert calc.rate(None, 187029, 1000) is None
    assert calc.rate(Decimal(5), None, 1000) is None


def test_a_ceiling_pro_rated_by_the_months_elapsed():
    assert calc.pro_rated(Decimal(169), JANUARY_2018) == Decimal("140.83")
    assert calc.pro_rated(Decimal(169), D(2018, 3, 1)) == Decimal(169)
    assert calc.pro_rated(Decimal(120), D(2017, 4, 1)) == Decimal(10)
    assert calc.pro_rated(None, JANUARY_2018) is None
