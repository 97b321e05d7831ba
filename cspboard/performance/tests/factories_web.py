"""Indicators with the seeds' figures, for the page, upload and PDF tests (made through the
services, as the demo and the pages make them)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
import pytest

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.people.tests.factories import PersonFactory, UserFactory
from cspboard.performance.choices import MeasureKind, TargetKind
from cspboard.performance.models import Indicator
from cspboard.performance.services import indicator_create, measurements_save

REPORT_MONTH = datetime.date(2018, 1, 1)
BURGLARY_1617 = [89, 119, 110, 87, 87, 94, 101, 97, 119, 143, 171, 137]
BURGLARY_1718 = [133, 159, 90, 128, 113, 106, 145, 115, 144, 176]
# London's burglaries: made-up figures, 13% up on the year before to January.
LONDON_1617 = [6000] * 12
LONDON_1718 = [6780] * 10
GUN_1617 = [5, 3, 3, 9, 6, 5, 3, 13, 3, 7, 6, 4]
GUN_1718 = [9, 2, 4, 14, 6, 2, 6, 5, 8, 1]
# MARAC: (repeat referrals, cases discussed) by month.
MARAC_1718 = [
    (5, 22),
    (2, 19),
    (3, 17),
    (3, 20),
    (1, 21),
    (3, 18),
    (5, 20),
    (4, 19),
    (2, 21),
    (4, 20),
]
SEXUAL_1617 = [40, 38, 41, 39, 37, 42, 40, 39, 38, 40, 41, 39]
SEXUAL_1718 = [41, 39, 40, 40, 38, 41, 40, 40, 38, 40]


def fy_months(start_year: int) -> list[datetime.date]:
    return [
        datetime.date(start_year + (month < 4), month, 1)
        for month in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
    ]


def fill(indicator, start_year: int, values, series: str = "local") -> None:
    """Figures for a financial year from April; a pair is (numerator, denominator)."""
    months = fy_months(start_year)
    figures = {}
    for month, value in zip(months, values, strict=False):
        if isinstance(value, tuple):
            figures[month] = (Decimal(value[0]), Decimal(value[1]))
        else:
            figures[month] = (None if value is None else Decimal(value), None)
    measurements_save(indicator=indicator, series=series, values=figures)


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A bare indicator (counted, year-on-year reduction); the helpers below fill in figures."""

    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indicator {n}")
    slug = factory.Sequence(lambda n: f"indicator-{n}")
    number = factory.Sequence(lambda n: str(n + 1))
    position = factory.Sequence(lambda n: n + 1)
    unit = "offences"


def burglary(board, *, subgroup=None, position=2) -> Indicator:
    indicator = indicator_create(
        board=board,
        subgroup=subgroup,
        number="2",
        name="Burglary",
        short_name="total burglary",
        slug="burglary",
        position=position,
        unit="offences",
        source="MetStats2 (From Police systems)",
        definition="This indicator includes residential burglary and burglary of a business "
        "property",
        lead_officer="Jonathan Toy, Operational Director Enforcement Services",
        benchmark_label="London",
    )
    fill(indicator, 2016, BURGLARY_1617)
    fill(indicator, 2017, BURGLARY_1718)
    fill(indicator, 2016, LONDON_1617, series="benchmark")
    fill(indicator, 2017, LONDON_1718, series="benchmark")
    return indicator


def gun_crime(board, *, subgroup=None, position=10) -> Indicator:
    indicator = indicator_create(
        board=board,
        subgroup=subgroup,
        number="10",
        name="Gun crime",
        short_name="gun crime",
        slug="gun-crime",
        position=position,
        unit="offences",
    )
    fill(indicator, 2016, GUN_1617)
    fill(indicator, 2017, GUN_1718)
    return indicator


def marac(board, *, subgroup=None, position=20) -> Indicator:
    indicator = indicator_create(
        board=board,
        subgroup=subgroup,
        number="20",
        name="MARAC: Number of repeat referrals",
        slug="marac-repeat-referrals",
        position=position,
        unit="cases",
        measure=MeasureKind.PERCENTAGE,
        target_kind=TargetKind.RANGE,
        range_low=Decimal(28),
        range_high=Decimal(40),
    )
    fill(indicator, 2017, MARAC_1718)
    return indicator


def sexual_offences(board, *, subgroup=None, position=21) -> Indicator:
    indicator = indicator_create(
        board=board,
        subgroup=subgroup,
        number="21",
        name="Sexual offences",
        slug="sexual-offences",
        position=position,
        unit="offences",
        target_kind=TargetKind.MONITORING,
    )
    fill(indicator, 2016, SEXUAL_1617)
    fill(indicator, 2017, SEXUAL_1718)
    return indicator


def in_development(board, *, subgroup=None, position=9) -> Indicator:
    return indicator_create(
        board=board,
        subgroup=subgroup,
        number="9",
        name="Reduce the number of young victims of crime",
        slug="young-victims",
        position=position,
        in_development=True,
    )


def seed_indicators(board, subgroup=None) -> dict[str, Indicator]:
    """Five indicators of the seeds' report: red, amber, a range, monitoring, in development."""
    return {
        "burglary": burglary(board, subgroup=subgroup),
        "gun": gun_crime(board, subgroup=subgroup),
        "marac": marac(board, subgroup=subgroup),
        "sexual": sexual_offences(board, subgroup=subgroup),
        "developing": in_development(board, subgroup=subgroup),
    }


def analyst_of(board, username: str = "analyst"):
    user = UserFactory(username=username)
    MembershipFactory(
        person=PersonFactory(user=user, name=username.title()), board=board, role=Role.ANALYST
    )
    return user


@pytest.fixture
def seeded(scenario):
    """The scenario with the seeds' indicators (`indicators`) and the board's analyst
    (`analyst`). Import the fixture into a test module to use it there."""
    scenario.indicators = seed_indicators(scenario.board, scenario.subgroup)
    scenario.analyst = analyst_of(scenario.board)
    return scenario
