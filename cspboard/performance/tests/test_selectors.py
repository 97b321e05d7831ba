"""Reads: counts by month and crime type for an area, totals by month, hotspots; each one
query, checked against Python's csv module over the same files."""

import datetime
from collections import Counter

import pytest

from cspboard.performance.months import MonthRange
from cspboard.performance.selectors import (
    crime_counts,
    crime_hotspots,
    crime_totals_by_month,
    street_crime_types,
)
from cspboard.performance.services import area_create, street_crimes_import

from .conftest import csv_counts, csv_rows
from .factories import StreetCrimeFactory

pytestmark = pytest.mark.django_db
D = datetime.date
FIRST_QUARTER = MonthRange.parse("2019-01", "2019-03")


@pytest.fixture
def imported(city):
    street_crimes_import(paths=city)
    return city


def test_counts_by_month_and_type_for_the_whole_force(imported, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = crime_counts(area=None, months=FIRST_QUARTER)
    assert Counter({(f"{r.month:%Y-%m}", r.crime_type): r.count for r in rows}) == csv_counts(
        imported
    )
    assert rows == sorted(rows, key=lambda r: (r.month, r.crime_type))


def test_counts_for_an_area_and_some_crime_types(imported, django_assert_num_queries):
    area = area_create(
        name="City of London", slug="city", kind="borough", lsoa_name_prefix="City of London"
    )
    types = ["Theft from the person", "Bicycle theft"]

    with django_assert_num_queries(1):
        rows = crime_counts(
            area=area, months=MonthRange.parse("2019-02", "2019-03"), crime_types=types
        )

    expected = csv_counts(
        imported[1:],
        keep=lambda r: r["LSOA name"].startswith("City of London ") and r["Crime type"] in types,
    )
    assert Counter({(f"{r.month:%Y-%m}", r.crime_type): r.count for r in rows}) == expected
    # The force's files also hold rows just outside the City, in Camden and Westminster.
    everything = sum(r.count for r in crime_counts(area=None, months=FIRST_QUARTER))
    in_city = sum(r.count for r in crime_counts(area=area, months=FIRST_QUARTER))
    assert in_city < everything


def test_an_area_by_lsoa_codes(imported):
    codes = ["E01000001", "E01032739"]
    area = area_create(name="Two LSOAs", slug="two", lsoas=[(c, "") for c in codes])
    rows = crime_counts(area=area, months=FIRST_QUARTER)
    expected = csv_counts(imported, keep=lambda r: r["LSOA code"] in codes)
    assert sum(expected.values()) > 0
    assert Counter({(f"{r.month:%Y-%m}", r.crime_type): r.count for r in rows}) == expected


def test_totals_by_month_fill_the_period(imported, django_assert_num_queries):
    types = ["Theft from the person", "Other theft"]
    with django_assert_num_queries(1):
        totals = crime_totals_by_month(
            area=None, months=MonthRange.parse("2018-12", "2019-03"), crime_types=types
        )
    by_month = Counter()
    for (month, crime_type), count in csv_counts(imported).items():
        if crime_type in types:
            by_month[month] += count
    assert totals == [
        (D(2018, 12, 1), 0),
        (D(2019, 1, 1), by_month["2019-01"]),
        (D(2019, 2, 1), by_month["2019-02"]),
        (D(2019, 3, 1), by_month["2019-03"]),
    ]


def expected_hotspots(paths, crime_type, key):
    current, previous = Counter(), Counter()
    for row in csv_rows(paths):
        if row["Crime type"] != crime_type or not row["LSOA code"]:
            continue
        (current if row["Month"] == "2019-03" else previous)[key(row)] += 1
    ranked = sorted(current, key=lambda k: (-current[k], -previous[k], k))
    return [(k, current[k], previous[k]) for k in ranked]


def test_hotspots_by_lsoa_against_the_month_before(imported, django_assert_num_queries):
    with django_assert_num_queries(1):
        spots = crime_hotspots(
            area=None,
            months=MonthRange.parse("2019-03"),
            crime_types=["Theft from the person"],
            limit=5,
        )
    expected = expected_hotspots(imported[1:], "Theft from the person", lambda r: r["LSOA code"])
    assert [(s.lsoa_code, s.count, s.previous) for s in spots] == expected[:5]
    top = spots[0]
    assert top.lsoa_name.startswith(("City of London", "Westminster", "Camden"))
    assert top.change == top.count - top.previous
    assert top.change_percent == pytest.approx(100 * top.change / top.previous)


def test_hotspots_by_police_uk_location(imported, django_assert_num_queries):
    with django_assert_num_queries(1):
        spots = crime_hotspots(
            area=None,
            months=MonthRange.parse("2019-03"),
            crime_types=["Shoplifting"],
            by="location",
        )

    def key(row):
        return (row["LSOA code"], row["Location"], float(row["Longitude"]), float(row["Latitude"]))

    expected = expected_hotspots(imported[1:], "Shoplifting", key)
    assert [
        ((s.lsoa_code, s.location, s.longitude, s.latitude), s.count, s.previous) for s in spots
    ] == expected[:10]
    assert all(s.location.startswith("On or near") for s in spots)


def test_hotspots_compare_periods_of_equal_length():
    for month, count in [(D(2019, 1, 1), 2), (D(2019, 2, 1), 1), (D(2019, 3, 1), 4)]:
        StreetCrimeFactory.create_batch(count, month=month)
    StreetCrimeFactory(month=D(2019, 4, 1), lsoa_code="", lsoa_name="", location="No Location")
    [spot] = crime_hotspots(area=None, months=MonthRange.parse("2019-03", "2019-04"))
    assert (spot.count, spot.previous, spot.change) == (4, 3, 1)
    assert spot.change_percent == pytest.approx(100 / 3)
    assert crime_hotspots(area=None, months=MonthRange.parse("2019-05")) == []
    assert street_crime_types() == ["Other theft"]


def test_month_ranges():
    quarter = MonthRange(D(2019, 1, 15), D(2019, 3, 2))
    assert (quarter.first, quarter.last, len(quarter)) == (D(2019, 1, 1), D(2019, 3, 1), 3)
    assert list(quarter) == [D(2019, 1, 1), D(2019, 2, 1), D(2019, 3, 1)]
    assert quarter.previous() == MonthRange.parse("2018-10", "2018-12")
    assert str(quarter) == "2019-01 to 2019-03" and str(MonthRange.parse("2019-05")) == "2019-05"
    with pytest.raises(ValueError):
        MonthRange.parse("2019-03", "2019-01")
