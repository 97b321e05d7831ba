"""The hotspots map's density layer: crimes counted by LSOA in the database, never shipped as
points."""

import datetime

import pytest

from cspboard.performance.months import MonthRange
from cspboard.performance.selectors import crime_density
from cspboard.performance.tests.factories import StreetCrimeFactory

pytestmark = pytest.mark.django_db

JAN = datetime.date(2023, 1, 1)


def test_crimes_are_counted_by_lsoa_at_the_middle_of_their_points(django_assert_num_queries):
    for lat, lon in ((51.50, 0.10), (51.52, 0.12), (51.54, 0.14)):
        StreetCrimeFactory(month=JAN, latitude=lat, longitude=lon, crime_type="Burglary")
    StreetCrimeFactory(
        month=JAN, latitude=51.6, longitude=0.2, lsoa_code="E01000002", lsoa_name="City 001B"
    )
    StreetCrimeFactory(month=JAN, latitude=None, longitude=None)  # no location: left out
    StreetCrimeFactory(month=datetime.date(2023, 2, 1), latitude=51.5, longitude=0.1)  # later
    with django_assert_num_queries(1):
        cells = crime_density(area=None, months=MonthRange(JAN, JAN))
    assert [(c.lsoa_code, c.count) for c in cells] == [("E01000001", 3), ("E01000002", 1)]
    assert (cells[0].latitude, cells[0].longitude) == (51.52, 0.12)
    burglary = crime_density(area=None, months=MonthRange(JAN, JAN), crime_types=["Burglary"])
    assert [(c.lsoa_code, c.count) for c in burglary] == [("E01000001", 3)]
