"""The indicator services: validation, the data grid's save, all-or-nothing uploads with line
numbers, overrides that need a reason, commentary, populations."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cspboard.boards.tests.factories import BoardFactory
from cspboard.core.cache import board_scope, generations
from cspboard.people.tests.factories import UserFactory
from cspboard.performance.choices import (
    DataSource,
    GeographyLevel,
    MeasureKind,
    Rating,
    Series,
    TargetKind,
)
from cspboard.performance.models import Commentary, Indicator, Measurement, RatingOverride
from cspboard.performance.services import (
    MeasurementRow,
    area_create,
    commentary_set,
    indicator_create,
    indicator_update,
    measurements_import,
    measurements_save,
    population_set,
    rating_override_clear,
    rating_override_set,
)

from .indicator_factories import make_indicator

pytestmark = pytest.mark.django_db
D = datetime.date


def figures(indicator, series=Series.LOCAL):
    return {
        m.month: (m.value, m.denominator)
        for m in Measurement.objects.filter(indicator=indicator, series=series)
    }


# Indicators --------------------------------------------------------------------------------------


def test_an_indicator_with_the_seeds_one_page_fields():
    board = BoardFactory(slug="csp")
    subgroup = BoardFactory(slug="cyp", parent=board)
    analyst = UserFactory()
    indicator = indicator_create(
        board=board,
        by=analyst,
        subgroup=subgroup,
        number="8",
        name="Serious Youth Violence",
        unit="victims",
        source="MetStats2 (From Police systems)",
        definition="Any offence of most serious violence or weapon enabled crime, victim 1-19.",
        how_it_works="A count of victims of Most Serious Violence aged 1-19",
        what_good_looks_like="A decrease on the same period of the previous year.",
        why_important="One of the high volume crime priorities.",
        issues_to_consider="",
        lead_officer="Jonathan Toy, Operational Director Enforcement Services",
    )
    assert indicator.slug == "serious-youth-violence"
    assert indicator.position == 1
    assert (indicator.measure, indicator.target_kind) == (MeasureKind.COUNT, TargetKind.REDUCTION)
    assert (indicator.green_percent, indicator.red_percent) == (5, 5)
    assert indicator.history.first().history_user == analyst
    second = indicator_create(board=board, name="Gun Crime")
    assert second.position == 2


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"measure": MeasureKind.RATE}, "rate_per"),
        ({"measure": MeasureKind.RATE, "rate_per": 1000}, "population_area"),
        ({"data_source": DataSource.STREET_CRIMES}, "area"),
        ({"data_source": DataSource.CRIME_COUNTS}, "count_level"),
        (
            {"data_source": DataSource.CRIME_COUNTS, "count_level": GeographyLevel.BOROUGH},
            "count_area_name",
        ),
        ({"target_kind": TargetKind.CEILING}, "target_value"),
        ({"target_kind": TargetKind.RANGE, "range_low": Decimal(28)}, "range_low"),
        (
            {
                "target_kind": TargetKind.RANGE,
                "range_low": Decimal(40),
                "range_high": Decimal(28),
            },
            "range_high",
        ),
        ({"green_percent": Decimal(-1)}, "green_percent"),
        ({"crime_types": "Burglary"}, "crime_types"),
        ({"measure": "average"}, "measure"),
    ],
)
def test_an_indicator_needs_what_its_choices_read(fields, field):
    with pytest.raises(ValidationError) as refused:
        make_indicator(**fields)
    assert field in refused.value.message_dict
    assert not Indicator.objects.exists()


def test_a_subgroup_must_be_the_boards_own():
    board = BoardFactory()
    other = BoardFactory(parent=BoardFactory())
    with pytest.raises(ValidationError) as refused:
        make_indicator(board, subgroup=other)
    assert "subgroup" in refused.value.message_dict


def test_slugs_are_unique_per_board():
    board = BoardFactory()
    make_indicator(board, name="Burglary", slug="burglary")
    make_indicator(BoardFactory(), name="Burglary", slug="burglary")
    with pytest.raises(ValidationError) as refused:
        make_indicator(board, name="Burglary again", slug="burglary")
    assert "slug" in refused.value.message_dict


def test_update_checks_the_same_rules():
    indicator = make_indicator(name="Arson")
    indicator_update(indicator=indicator, target_kind=TargetKind.CEILING, target_value=Decimal(169))
    indicator.refresh_from_db()
    assert (indicator.target_kind, indicator.target_value) == (TargetKind.CEILING, 169)
    with pytest.raises(ValidationError):
        indicator_update(indicator=indicator, target_value=None)
    with pytest.raises(TypeError):
        indicator_update(indicator=indicator, colour="red")


def test_street_crime_and_recorded_crime_indicators():
    area = area_create(
        name="Barking and Dagenham", slug="bd", lsoa_name_prefix="Barking and Dagenham"
    )
    street = make_indicator(
        data_source=DataSource.STREET_CRIMES, area=area, crime_types=["Burglary", "Robbery"]
    )
    counts = make_indicator(
        data_source=DataSource.CRIME_COUNTS,
        count_level=GeographyLevel.BOROUGH,
        count_area_name="Barking and Dagenham",
        count_major_categories=["BURGLARY"],
    )
    assert street.crime_types == ["Burglary", "Robbery"]
    assert counts.count_major_categories == ["BURGLARY"]


# The data grid ---------------------------------------------------------------------------------


def test_the_grid_saves_updates_and_deletes():
    indicator = make_indicator()
    analyst = UserFactory()
    changed = measurements_save(
        indicator=indicator,
        values={D(2017, 4, 1): (Decimal(133), None), D(2017, 5, 15): ("159", None)},
        by=analyst,
    )
    assert changed == 2
    assert figures(indicator) == {D(2017, 4, 1): (133, None), D(2017, 5, 1): (159, None)}
    assert Measurement.objects.filter(entered_by=analyst).count() == 2
    # The same figures again change nothing; a None removes a month's figure.
    assert measurements_save(indicator=indicator, values={D(2017, 4, 1): (133, None)}) == 0
    assert (
        measurements_save(
            indicator=indicator,
            values={D(2017, 4, 1): (Decimal(134), None), D(2017, 5, 1): (None, None)},
        )
        == 2
    )
    assert figures(indicator) == {D(2017, 4, 1): (134, None)}


def test_a_zero_is_kept_as_a_figure():
    indicator = make_indicator()
    measurements_save(indicator=indicator, values={D(2017, 4, 1): (0, None)})
    assert figures(indicator) == {D(2017, 4, 1): (0, None)}


def test_the_grid_is_all_or_nothing_and_names_each_bad_month():
    indicator = make_indicator()
    with pytest.raises(ValidationError) as refused:
        measurements_save(
            indicator=indicator,
            values={
                D(2017, 4, 1): (Decimal(133), None),
                D(2017, 5, 1): ("lots", None),
                D(2017, 6, 1): (Decimal(-1), None),
                D(2017, 7, 1): (Decimal(5), Decimal(10)),
            },
        )
    assert refused.value.messages == [
        "2017-05: 'lots' is not a number",
        "2017-06: a figure cannot be negative",
        "2017-07: only a percentage has a denominator",
    ]
    assert not Measurement.objects.exists()


def test_a_percentage_keeps_its_parts():
    marac = make_indicator(measure=MeasureKind.PERCENTAGE, unit="referrals")
    measurements_save(indicator=marac, values={D(2017, 4, 1): (Decimal(5), Decimal(22))})
    assert figures(marac) == {D(2017, 4, 1): (5, 22)}
    with pytest.raises(ValidationError, match="more than 0"):
        measurements_save(indicator=marac, values={D(2017, 5, 1): (Decimal(5), Decimal(0))})


def test_computed_indicators_take_no_entered_figures_but_a_benchmark():
    counts = make_indicator(
        data_source=DataSource.CRIME_COUNTS,
        count_level=GeographyLevel.BOROUGH,
        count_area_name="Barking and Dagenham",
    )
    with pytest.raises(ValidationError, match="not from entered figures"):
        measurements_save(indicator=counts, values={D(2017, 4, 1): (Decimal(1), None)})
    measurements_save(
        indicator=counts, series=Series.BENCHMARK, values={D(2017, 4, 1): (Decimal(5000), None)}
    )
    assert figures(counts, Series.BENCHMARK) == {D(2017, 4, 1): (5000, None)}


def test_saving_figures_moves_the_boards_generation_only():
    indicator = make_indicator()
    other = make_indicator()

    def record_generation():
        values = generations()
        return values.get(board_scope(indicator.board_id), 0), values.get("global", 0)

    assert other.board_id != indicator.board_id
    untouched = generations().get(board_scope(other.board_id), 0)
    before = record_generation()
    measurements_save(indicator=indicator, values={D(2017, 4, 1): (Decimal(1), None)})
    after = record_generation()
    assert after[0] > before[0] and after[1] == before[1]
    assert generations().get(board_scope(other.board_id), 0) == untouched
    measurements_save(indicator=indicator, values={D(2017, 4, 1): (Decimal(1), None)})
    assert record_generation() == after


# Uploads -----------------------------------------------------------------------------------------


def test_an_upload_writes_every_row():
    board = BoardFactory()
    burglary = make_indicator(board, slug="burglary")
    marac = make_indicator(board, slug="marac", measure=MeasureKind.PERCENTAGE)
    rows = [
        MeasurementRow("burglary", "local", D(2017, 4, 1), Decimal(133), None, 2),
        MeasurementRow("burglary", "local", "2017-05", "159", None, 3),
        MeasurementRow("burglary", "benchmark", "2017-05", "5,210", None, 4),
        MeasurementRow("marac", "local", "2017-04", "5", "22", 5),
        MeasurementRow("marac", "local", "2017-05", None, None, 6),  # an empty cell
    ]
    assert measurements_import(board=board, rows=rows) == 4
    assert figures(burglary) == {D(2017, 4, 1): (133, None), D(2017, 5, 1): (159, None)}
    assert figures(burglary, Series.BENCHMARK) == {D(2017, 5, 1): (5210, None)}
    assert figures(marac) == {D(2017, 4, 1): (5, 22)}


def test_an_upload_with_any_bad_row_writes_nothing_and_says_where():
    board = BoardFactory(name="Community Safety Partnership Board")
    burglary = make_indicator(board, slug="burglary")
    make_indicator(BoardFactory(), slug="elsewhere")
    measurements_save(indicator=burglary, values={D(2017, 4, 1): (Decimal(1), None)})
    rows = [
        MeasurementRow("burglary", "local", "2017-04", "133", None, 2),
        MeasurementRow("elsewhere", "local", "2017-04", "1", None, 3),
        MeasurementRow("burglary", "local", "April", "1", None, 4),
        MeasurementRow("burglary", "local", "2017-05", "many", None, 5),
        MeasurementRow("burglary", "local", "2017-04", "140", None, 6),
        MeasurementRow("burglary", "national", "2017-06", "1", None, 7),
        MeasurementRow("burglary", "local", "", "1", None, 8),
    ]
    with pytest.raises(ValidationError) as refused:
        measurements_import(board=board, rows=rows)
    assert refused.value.messages == [
        'line 3: no indicator "elsewhere" on Community Safety Partnership Board',
        'line 4: "April" is not a month (YYYY-MM)',
        "line 5: 'many' is not a number",
        "line 6: repeats line 2 (2017-04)",
        'line 7: "national" is not a series (local or benchmark)',
        "line 8: the month is missing",
    ]
    assert figures(burglary) == {D(2017, 4, 1): (1, None)}


# Overrides and commentary ------------------------------------------------------------------------


def test_an_override_needs_a_reason():
    indicator = make_indicator()
    with pytest.raises(ValidationError) as refused:
        rating_override_set(
            indicator=indicator, month=D(2018, 1, 1), rating=Rating.RED, reason="  "
        )
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        rating_override_set(
            indicator=indicator, month=D(2018, 1, 1), rating="purple", reason="Because"
        )
    assert "rating" in refused.value.message_dict
    assert not RatingOverride.objects.exists()


def test_an_override_is_set_replaced_and_cleared():
    indicator = make_indicator()
    analyst = UserFactory()
    rating_override_set(
        indicator=indicator,
        month=D(2018, 1, 20),
        rating=Rating.RED,
        reason="The rate is well above London's.",
        by=analyst,
    )
    rating_override_set(
        indicator=indicator, month=D(2018, 1, 1), rating=Rating.AMBER, reason="Improving."
    )
    override = RatingOverride.objects.get()
    assert (override.month, override.rating, override.reason) == (
        D(2018, 1, 1),
        Rating.AMBER,
        "Improving.",
    )
    assert override.history.count() == 2
    rating_override_clear(indicator=indicator, month=D(2018, 1, 1))
    assert not RatingOverride.objects.exists()


def test_commentary_with_the_benchmarks_published_change():
    indicator = make_indicator()
    commentary_set(
        indicator=indicator,
        month=D(2018, 1, 1),
        text=" The police are launching a Burglary and Robbery initiative. ",
        benchmark_percent_change=Decimal("13.0"),
    )
    commentary = Commentary.objects.get()
    assert commentary.text == "The police are launching a Burglary and Robbery initiative."
    assert commentary.benchmark_percent_change == Decimal("13.0")
    commentary_set(indicator=indicator, month=D(2018, 1, 1), text="")
    assert not Commentary.objects.exists()


def test_populations_by_year():
    area = area_create(name="Barking and Dagenham", slug="bd")
    population_set(area=area, year=2011, population=187029, source="2011 Census")
    population_set(area=area, year=2011, population=187030)
    assert area.populations.get().population == 187030
    with pytest.raises(ValidationError):
        population_set(area=area, year=2012, population=0)
