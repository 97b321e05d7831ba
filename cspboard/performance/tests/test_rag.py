"""The RAG rules: the seeds' ratings from their figures, the thresholds a board sets, a ceiling
pro-rated to date, a range, monitoring, and the analyst's override."""

from decimal import Decimal

import pytest

from cspboard.performance.calculations import pro_rated
from cspboard.performance.choices import Rating, TargetKind
from cspboard.performance.rag import bucket, computed_rating, final_rating

from .seed_figures import JANUARY_2018


def reduction(percent, **thresholds):
    return computed_rating(
        target_kind=TargetKind.REDUCTION,
        percent_change=None if percent is None else Decimal(percent),
        **thresholds,
    )


@pytest.mark.parametrize(
    "indicator, percent, seeds_rating",
    [
        ("violence with injury (from its table)", "-2.4", Rating.AMBER),
        ("non domestic abuse violence with injury", "-2.1", Rating.AMBER),
        ("burglary", "25.1", Rating.RED),
        ("criminal damage", "-5.1", Rating.GREEN),
        ("ASB calls", "-6.5", Rating.GREEN),
        ("knife crime", "48.6", Rating.RED),
        ("serious youth violence", "11.9", Rating.RED),
        ("gun crime", "0.0", Rating.AMBER),
    ],
)
def test_the_seeds_ratings_fit_the_default_rule(indicator, percent, seeds_rating):
    assert reduction(percent) == seeds_rating


@pytest.mark.parametrize(
    "percent, rating",
    [
        ("-5.0", Rating.GREEN),  # 5% better: green
        ("-4.9", Rating.AMBER),
        ("4.9", Rating.AMBER),
        ("5.0", Rating.AMBER),  # 5% worse is not yet more than 5% worse
        ("5.1", Rating.RED),
    ],
)
def test_the_thresholds_edges(percent, rating):
    assert reduction(percent) == rating


def test_a_board_sets_its_own_thresholds():
    assert reduction("-5.1", green_percent=Decimal(10)) == Rating.AMBER
    assert reduction("-10.0", green_percent=Decimal(10)) == Rating.GREEN
    assert reduction("2.0", red_percent=Decimal(0)) == Rating.RED
    assert reduction("0.0", red_percent=Decimal(0), green_percent=Decimal(0)) == Rating.GREEN


def test_an_increase_target_is_the_mirror():
    increase = lambda p: computed_rating(  # noqa: E731
        target_kind=TargetKind.INCREASE, percent_change=Decimal(p)
    )
    assert increase("6.0") == Rating.GREEN
    assert increase("-6.0") == Rating.RED
    assert increase("-2.0") == Rating.AMBER


def test_no_change_to_rate_is_no_rating():
    assert reduction(None) == Rating.NONE


def ceiling(value, month=JANUARY_2018, **thresholds):
    return computed_rating(
        target_kind=TargetKind.CEILING,
        value=Decimal(value),
        target_to_date=pro_rated(Decimal(169), month),
        **thresholds,
    )


def test_arson_145_by_january_is_over_169_pro_rated_so_red():
    # 169 for the year is 140.83 by January, ten months in.
    assert ceiling(145) == Rating.RED
    # The same 145 by March is well within the year's 169.
    assert ceiling(145, month=JANUARY_2018.replace(month=3)) == Rating.GREEN


def test_a_ceiling_is_amber_just_below_and_green_further_below():
    assert ceiling("140.83") == Rating.AMBER  # at the ceiling, not over it
    assert ceiling(134) == Rating.AMBER  # within 5% of 140.83 (133.79)
    assert ceiling(133) == Rating.GREEN
    assert ceiling(140, green_percent=Decimal(0)) == Rating.GREEN
    assert computed_rating(target_kind=TargetKind.CEILING, value=None) == Rating.NONE


def marac(value, **thresholds):
    return computed_rating(
        target_kind=TargetKind.RANGE,
        value=Decimal(value),
        range_low=Decimal(28),
        range_high=Decimal(40),
        **thresholds,
    )


def test_marac_17_9_percent_is_outside_28_to_40_so_red():
    assert marac("17.9") == Rating.RED


@pytest.mark.parametrize(
    "value, rating",
    [
        ("28", Rating.GREEN),
        ("40", Rating.GREEN),
        ("33.3", Rating.GREEN),
        ("23", Rating.AMBER),  # 5 points below
        ("22.9", Rating.RED),
        ("45", Rating.AMBER),
        ("45.1", Rating.RED),
    ],
)
def test_a_range(value, rating):
    assert marac(value) == rating


def test_a_range_with_no_tolerance_is_red_outside():
    assert marac("27.9", red_percent=Decimal(0)) == Rating.RED


def test_monitoring_is_grey_whatever_the_change():
    for percent in ("7.4", "-50", None):
        assert (
            computed_rating(
                target_kind=TargetKind.MONITORING,
                percent_change=None if percent is None else Decimal(percent),
            )
            == Rating.GREY
        )


def test_an_override_replaces_the_computed_rating():
    assert final_rating(Rating.AMBER, None) == Rating.AMBER
    assert final_rating(Rating.AMBER, Rating.RED) == Rating.RED
    assert final_rating(Rating.NONE, Rating.GREEN) == Rating.GREEN
    # An analyst may also withdraw a rating: "" is an override too.
    assert final_rating(Rating.RED, Rating.NONE) == Rating.NONE


def test_the_executive_summarys_lists():
    assert bucket(Rating.GREEN) == "good"
    assert bucket(Rating.RED) == "improvement"
    assert bucket(Rating.GREY) == "monitoring"
    assert bucket(Rating.AMBER) == ""
    assert bucket(Rating.NONE) == ""
