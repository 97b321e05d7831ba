"""The demo's performance report: the seeds' headline figures at January 2018, and the London
Datastore's recorded-crime counts for any month from April 2011 to February 2026."""

import datetime
from decimal import Decimal

import pytest

from cspboard.boards.models import Board
from cspboard.demo.loader import load_demo
from cspboard.demo.tests.helpers import quick_pdf
from cspboard.performance.choices import Rating
from cspboard.performance.models import CrimeCount, StreetCrime
from cspboard.performance.report import months_with_data, performance_report

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def demo():
    load_demo(today=D(2026, 3, 1), render_pdf=quick_pdf)


def report(month):
    board = Board.objects.get(slug="csp")
    found = performance_report(board=board, month=month)
    return found, {s.indicator.slug: s for s in found.indicators}


def test_january_2018_reproduces_the_seeds_headline_figures(demo):
    whole, by_slug = report(D(2018, 1, 1))
    expected = {
        "serious-youth-violence": (216, 193, 23, "11.9", Rating.RED),
        "gun-crime": (57, 57, 0, "0.0", Rating.AMBER),
        "burglary": (1309, 1046, 263, "25.1", Rating.RED),
        "criminal-damage": (1497, 1578, -81, "-5.1", Rating.GREEN),
        "asb-calls": (5196, 5559, -363, "-6.5", Rating.GREEN),
        "knife-crime": (379, 255, 124, "48.6", Rating.RED),
        "domestic-abuse": (2174, 2025, 149, "7.4", Rating.GREY),
        "sexual-offences": (397, 394, 3, "0.8", Rating.GREY),
        "non-domestic-abuse-violence-with-injury": (1118, 1142, -24, "-2.1", Rating.AMBER),
    }
    for slug, (ytd, previous, change, percent, rating) in expected.items():
        summary = by_slug[slug]
        assert (summary.ytd, summary.ytd_previous, summary.change) == (ytd, previous, change), slug
        assert summary.percent_change == Decimal(percent), slug
        assert summary.rating == rating, slug
    assert by_slug["burglary"].benchmark_text == "Up 13.0%"
    assert by_slug["burglary"].sentence.endswith(
        "In comparison total burglary across London is up 13.0%."
    )
    marac = by_slug["marac-repeat-referrals"]
    assert (marac.ytd, marac.rating) == (Decimal("17.9"), Rating.RED)
    arson = by_slug["arson"]
    assert (arson.ytd, arson.rating) == (145, Rating.RED)
    assert arson.target_text == "No more than 169 in 2017/18 (141 pro-rated to January)"
    reoffending = by_slug["proven-reoffending"]
    assert (reoffending.ytd, reoffending.rating) == (Decimal("31.1"), Rating.GREEN)
    assert reoffending.override_reason
    assert by_slug["first-time-entrants"].rating == Rating.RED
    assert by_slug["young-victims"].performance_text == "In development"
    # The seeds' executive summary, with the red arson and first-time entrants added.
    assert {s.indicator.slug for s in whole.good} == {
        "criminal-damage",
        "asb-calls",
        "proven-reoffending",
    }
    assert {s.indicator.slug for s in whole.improvement} >= {
        "burglary",
        "serious-youth-violence",
        "knife-crime",
        "marac-repeat-referrals",
    }
    assert {s.indicator.slug for s in whole.monitoring} == {
        "hate-crime",
        "domestic-abuse",
        "sexual-offences",
        "recorded-sexual-offences",
    }
    titles = [section.title for section in whole.sections]
    assert titles[:2] == [
        "Safer Borough Board",
        "Contextual Safeguarding & Exploitation and YOS Board",
    ]


def test_a_recent_month_has_figures_from_the_datastore_counts(demo):
    _, by_slug = report(D(2025, 6, 1))
    burglary = by_slug["recorded-burglary"]
    expected = CrimeCount.objects.filter(
        area_name="Barking and Dagenham",
        major_category="BURGLARY",
        month__range=(D(2025, 4, 1), D(2025, 6, 1)),
    )
    assert burglary.ytd == sum(expected.values_list("count", flat=True)) > 0
    assert burglary.ytd_previous is not None
    assert burglary.benchmark_percent_change is not None
    assert burglary.rating in (Rating.GREEN, Rating.AMBER, Rating.RED)
    assert by_slug["recorded-crime-rate"].ytd is not None
    # The seeds' hand-entered figures stop in January 2018.
    assert by_slug["burglary"].ytd is None

    # From the first month with a year before it to the last month published.
    for month in (D(2011, 4, 1), D(2026, 2, 1)):
        summary = report(month)[1]["recorded-violence-with-injury"]
        assert summary.ytd is not None and summary.percent_change is not None, month
    # The borough's police.uk street crimes (January 2023).
    assert StreetCrime.objects.count() == 2002
    _, by_slug = report(D(2023, 1, 1))
    assert by_slug["street-asb"].latest == 306
    assert by_slug["street-violence"].latest == 561
    months = months_with_data(Board.objects.get(slug="csp"))
    assert months[0] == D(2010, 4, 1) and months[-1] == D(2026, 2, 1)
