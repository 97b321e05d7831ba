"""The report: the seeds' figures from their monthly tables, targets and ratings, missing months
(None, never 0), percentages from summed parts, benchmarks, computed sources, the summary's
grouping, and a fixed number of queries however many indicators."""

import datetime
import json
from decimal import Decimal

import pytest

from cspboard.boards.tests.factories import BoardFactory
from cspboard.performance.choices import (
    DataSource,
    GeographyLevel,
    MeasureKind,
    Rating,
    Series,
    TargetKind,
)
from cspboard.performance.models import CrimeCount
from cspboard.performance.report import months_with_data, performance_report, report_as_dict
from cspboard.performance.services import (
    area_create,
    commentary_set,
    measurements_save,
    population_set,
    rating_override_set,
)

from .factories import StreetCrimeFactory
from .indicator_factories import make_indicator
from .seed_figures import (
    BURGLARY,
    GUN_CRIME,
    JANUARY_2018,
    MARAC_YEAR_TO_DATE,
    SERIOUS_YOUTH_VIOLENCE,
    grid,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def report_of(board, month=JANUARY_2018):
    # As officers and analysts see it, with the commentary and overrides not yet published.
    report = performance_report(board=board, month=month, drafts=True)
    return {s.indicator.slug: s for s in report.indicators}


@pytest.fixture
def board():
    return BoardFactory(slug="csp", name="Community Safety Partnership Board")


def seeded(board, slug, figures, **fields):
    indicator = make_indicator(board, slug=slug, **fields)
    measurements_save(indicator=indicator, values=grid(figures))
    return indicator


# The seeds' figures ----------------------------------------------------------------------------


def test_serious_youth_violence_216_against_193_up_11_9_percent_red(board):
    seeded(board, "syv", SERIOUS_YOUTH_VIOLENCE, unit="victims", short_name="SYV victims")
    syv = report_of(board)["syv"]
    assert (syv.ytd, syv.ytd_previous, syv.change) == (216, 193, 23)
    assert syv.percent_change == Decimal("11.9")
    assert syv.financial_year == "2017/18"
    assert (syv.computed_rating, syv.rating, syv.bucket) == (Rating.RED, Rating.RED, "improvement")
    assert syv.performance_text == "216, up 11.9% (up 23 victims)"
    assert syv.sentence == (
        "Using 2017/18 financial year to date figures at January 2018 (216 victims) shows an "
        "11.9% increase (+23 victims) when compared to the same point in the previous year "
        "(193 victims)."
    )
    assert (syv.latest, syv.previous_month) == (10, 17)


def test_gun_crime_57_against_57_no_change_amber(board):
    seeded(board, "gun", GUN_CRIME)
    gun = report_of(board)["gun"]
    assert (gun.ytd, gun.ytd_previous, gun.change, gun.percent_change) == (57, 57, 0, 0)
    assert gun.rating == Rating.AMBER
    assert gun.bucket == ""
    assert gun.performance_text == "57, no change (0 offences)"
    assert "shows no change when compared" in gun.sentence


def test_burglary_1309_against_1046_up_25_1_percent_red(board):
    burglary = seeded(
        board, "burglary", BURGLARY, short_name="total burglary", benchmark_label="London"
    )
    commentary_set(
        indicator=burglary,
        month=JANUARY_2018,
        text="A Burglary and Robbery unit from 8 January.",
        benchmark_percent_change=Decimal("13.0"),
    )
    summary = report_of(board)["burglary"]
    assert (summary.ytd, summary.ytd_previous, summary.change) == (1309, 1046, 263)
    assert summary.percent_change == Decimal("25.1")
    assert summary.rating == Rating.RED
    assert summary.performance_text == "1309, up 25.1% (up 263 offences)"
    assert summary.benchmark_percent_change == Decimal("13.0")
    assert summary.benchmark_text == "Up 13.0%"
    assert summary.sentence.endswith("In comparison total burglary across London is up 13.0%.")
    assert summary.commentary == "A Burglary and Robbery unit from 8 January."
    assert summary.target_text == "Year on year reduction"
    # Rolling 12 months: February 2017 to January 2018, against the twelve months before.
    assert summary.rolling_12 == sum(BURGLARY[2016][10:]) + sum(BURGLARY[2017])
    assert summary.rolling_12_previous is None  # February 2016 onwards is not held


def test_marac_repeat_referrals_outside_28_to_40_percent_red(board):
    marac = make_indicator(
        board,
        slug="marac",
        unit="referrals",
        measure=MeasureKind.PERCENTAGE,
        year_to_date_figures=True,
        target_kind=TargetKind.RANGE,
        range_low=Decimal(28),
        range_high=Decimal(40),
    )
    measurements_save(indicator=marac, values=grid(MARAC_YEAR_TO_DATE))
    summary = report_of(board)["marac"]
    assert (summary.ytd, summary.ytd_previous) == (Decimal("17.9"), Decimal("26.0"))
    assert summary.change == Decimal("-8.1")
    assert summary.rating == Rating.RED
    assert summary.target_text == "Between 28% and 40%"
    assert summary.performance_text == "17.9%, down 8.1 points"
    assert summary.sentence.endswith("That is below the range of 28% to 40%.")
    # The figures as published, month by month (each the year to date).
    assert [f.value for f in summary.this_year][:3] == [
        Decimal("22.7"),
        Decimal("17.1"),
        Decimal("17.1"),
    ]
    assert summary.rolling_12 is None
    # At March 2017 the year's 28.2% was within the range.
    assert report_of(board, D(2017, 3, 1))["marac"].rating == Rating.GREEN


def test_arson_145_by_january_over_169_pro_rated_is_red(board):
    arson = make_indicator(
        board,
        slug="arson",
        unit="incidents",
        year_to_date_figures=True,
        target_kind=TargetKind.CEILING,
        target_value=Decimal(169),
    )
    measurements_save(indicator=arson, values={JANUARY_2018: (Decimal(145), None)})
    summary = report_of(board)["arson"]
    assert summary.ytd == 145 and summary.ytd_previous is None
    assert summary.target_to_date == Decimal("140.83")
    assert summary.target_text == "No more than 169 in 2017/18 (141 pro-rated to January)"
    assert summary.rating == Rating.RED
    assert "That is above the 2017/18 ceiling of 169 pro-rated to January (141)." in (
        summary.sentence
    )


# Missing months and parts ----------------------------------------------------------------------


def test_months_with_no_data_are_none_never_zero(board):
    seeded(board, "burglary", BURGLARY)
    summary = report_of(board)["burglary"]
    assert len(summary.this_year) == len(summary.last_year) == 12
    assert [f.month for f in summary.this_year][:2] == [D(2017, 4, 1), D(2017, 5, 1)]
    assert [f.value for f in summary.this_year][-3:] == [176, None, None]
    assert summary.last_year[-1].value == 137
    assert all(f.benchmark is None for f in summary.this_year)


def test_a_gap_leaves_the_year_to_date_missing_not_short(board):
    gap = {2016: BURGLARY[2016], 2017: [*BURGLARY[2017][:5], None, *BURGLARY[2017][6:]]}
    indicator = make_indicator(board, slug="burglary")
    measurements_save(
        indicator=indicator,
        values={m: v for m, v in grid({2016: gap[2016], 2017: BURGLARY[2017]}).items()}
        | {D(2017, 9, 1): (None, None)},
    )
    summary = report_of(board)["burglary"]
    assert summary.this_year[5].value is None
    assert summary.ytd is None and summary.ytd_previous == 1046
    assert summary.percent_change is None
    assert summary.rating == Rating.NONE
    assert summary.performance_text == "No figures"
    assert summary.sentence == (
        "There are no complete 2017/18 financial year to date figures at January 2018."
    )


def test_a_zero_month_counts_as_zero(board):
    indicator = make_indicator(board, slug="gun")
    values = {m: (Decimal(0), None) for m in grid(GUN_CRIME)}
    measurements_save(indicator=indicator, values=values)
    summary = report_of(board)["gun"]
    assert (summary.ytd, summary.ytd_previous, summary.percent_change) == (0, 0, None)
    assert summary.this_year[0].value == 0


def test_a_percentage_is_computed_from_summed_parts(board):
    rate = make_indicator(
        board,
        slug="repeat",
        measure=MeasureKind.PERCENTAGE,
        unit="cases",
        target_kind=TargetKind.RANGE,
        range_low=Decimal(28),
        range_high=Decimal(40),
    )
    values = {D(2017, 4, 1): (Decimal(1), Decimal(2))}  # 50%
    values |= {D(2017, m, 1): (Decimal(1), Decimal(8)) for m in range(5, 13)}  # 12.5% each
    values |= {D(2018, 1, 1): (Decimal(1), Decimal(8))}
    measurements_save(indicator=rate, values=values)
    summary = report_of(board)["repeat"]
    # 10 of 74 is 13.5%; the average of the monthly percentages would be 16.25%.
    assert summary.ytd == Decimal("13.5")
    assert summary.this_year[0].value == 50
    assert summary.this_year[1].value == Decimal("12.5")
    assert "(13.5%, 10 of 74 cases)" in summary.sentence


# Benchmarks and computed sources -----------------------------------------------------------------


def test_an_entered_benchmark_series_beside_the_boroughs(board):
    burglary = seeded(board, "burglary", BURGLARY, benchmark_label="London", short_name="burglary")
    london = {m: (v * 50, None) for m, (v, _) in grid(BURGLARY).items()}
    london[JANUARY_2018] = (Decimal(176 * 50 + 1000), None)
    measurements_save(indicator=burglary, series=Series.BENCHMARK, values=london)
    # A published figure in the commentary gives way to the benchmark's own figures.
    commentary_set(
        indicator=burglary, month=JANUARY_2018, text="", benchmark_percent_change=Decimal("99")
    )
    summary = report_of(board)["burglary"]
    expected = Decimal(100) * (1309 * 50 + 1000 - 1046 * 50) / (1046 * 50)
    assert summary.benchmark_percent_change == expected.quantize(Decimal("0.1"))
    assert summary.this_year[9].benchmark == 176 * 50 + 1000
    assert summary.benchmark_text == f"Up {summary.benchmark_percent_change}%"


def test_street_crimes_of_some_types_in_an_area(board):
    area = area_create(
        name="Barking and Dagenham", slug="bd", lsoa_name_prefix="Barking and Dagenham"
    )
    make_indicator(
        board,
        slug="acquisitive",
        data_source=DataSource.STREET_CRIMES,
        area=area,
        crime_types=["Burglary", "Robbery"],
    )
    in_area = {"lsoa_name": "Barking and Dagenham 001A", "lsoa_code": "E01000027"}
    for month, crime_type, count in [
        (D(2023, 1, 1), "Burglary", 3),
        (D(2023, 1, 1), "Robbery", 2),
        (D(2023, 1, 1), "Drugs", 4),
        (D(2022, 12, 1), "Drugs", 1),  # the area is held this month: 0 burglaries and robberies
    ]:
        StreetCrimeFactory.create_batch(count, month=month, crime_type=crime_type, **in_area)
    StreetCrimeFactory(month=D(2022, 11, 1), crime_type="Burglary", lsoa_name="Barnet 001A")
    summary = report_of(board, D(2023, 1, 1))["acquisitive"]
    assert summary.latest == 5
    assert summary.previous_month == 0
    # November 2022 holds no rows in the area: missing, not 0.
    assert summary.this_year[7].value is None  # November
    assert summary.ytd is None


def test_recorded_crime_counts_with_london_beside(board):
    make_indicator(
        board,
        slug="recorded-burglary",
        data_source=DataSource.CRIME_COUNTS,
        count_level=GeographyLevel.BOROUGH,
        count_area_name="Barking and Dagenham",
        count_major_categories=["BURGLARY"],
        benchmark_count_area_name="London (MPS)",
        benchmark_label="London (MPS)",
    )
    rows = []
    for month in grid(BURGLARY):
        for place, scale in (("Barking and Dagenham", 1), ("London (MPS)", 40)):
            for minor, count in (("DOMESTIC BURGLARY", 6), ("BURGLARY BUSINESS AND COMMUNITY", 4)):
                rows.append(
                    CrimeCount(
                        level=GeographyLevel.BOROUGH,
                        area_name=place,
                        major_category="BURGLARY",
                        minor_category=minor,
                        month=month,
                        count=count * scale * (2 if month >= D(2017, 4, 1) else 1),
                    )
                )
            rows.append(
                CrimeCount(
                    level=GeographyLevel.BOROUGH,
                    area_name=place,
                    major_category="ROBBERY",
                    minor_category="ROBBERY OF PERSONAL PROPERTY",
                    month=month,
                    count=1000,
                )
            )
    CrimeCount.objects.bulk_create(rows)
    summary = report_of(board)["recorded-burglary"]
    assert (summary.ytd, summary.ytd_previous) == (200, 100)
    assert summary.percent_change == 100
    assert summary.benchmark_percent_change == 100
    assert summary.this_year[0].benchmark == 800
    assert summary.this_year[10].value is None  # February 2018: no counts stored


def test_a_rate_per_population(board):
    area = area_create(name="Barking and Dagenham", slug="bd")
    population_set(area=area, year=2011, population=187029)
    population_set(area=area, year=2016, population=200000)
    population_set(area=area, year=2017, population=209200)
    make_indicator(
        board,
        slug="rate",
        measure=MeasureKind.RATE,
        rate_per=1000,
        population_area=area,
        unit="offences",
    )
    measurements_save(indicator=board.indicators.get(), values=grid(BURGLARY))
    summary = report_of(board)["rate"]
    assert summary.ytd == Decimal("6.3")  # 1309 per 1,000 of 209,200
    assert summary.ytd_previous == Decimal("5.2")  # 1046 per 1,000 of 200,000 (5.23)
    # The change is the unrounded rates': 6.257 against 5.23.
    assert summary.performance_text == "6.3 per 1,000 residents, up 19.6%"
    # 2015/16 takes the latest population before it: the 2011 Census.
    earlier = report_of(board, D(2016, 3, 1))["rate"]
    assert earlier.ytd is None


# The summary -------------------------------------------------------------------------------------


def test_sections_by_subgroup_and_the_executive_summary(board):
    safer = BoardFactory(name="Safer Borough", parent=board)
    vawg = BoardFactory(name="Violence Against Women and Girls", parent=board)
    seeded(board, "burglary", BURGLARY, subgroup=safer)
    damage = make_indicator(board, slug="damage", subgroup=safer, year_to_date_figures=True)
    measurements_save(
        indicator=damage, values={D(2017, 1, 1): (1578, None), JANUARY_2018: (1497, None)}
    )
    abuse = make_indicator(
        board,
        slug="abuse",
        subgroup=vawg,
        year_to_date_figures=True,
        target_kind=TargetKind.MONITORING,
    )
    measurements_save(
        indicator=abuse, values={D(2017, 1, 1): (2025, None), JANUARY_2018: (2174, None)}
    )
    make_indicator(board, slug="attrition", subgroup=vawg, in_development=True)
    seeded(board, "gun", GUN_CRIME, subgroup=safer)
    report = performance_report(board=board, month=JANUARY_2018, drafts=True)
    assert [(s.title, [i.indicator.slug for i in s.indicators]) for s in report.sections] == [
        ("Safer Borough", ["burglary", "damage", "gun"]),
        ("Violence Against Women and Girls", ["abuse", "attrition"]),
    ]
    assert [s.indicator.slug for s in report.good] == ["damage"]
    assert [s.indicator.slug for s in report.improvement] == ["burglary"]
    assert [s.indicator.slug for s in report.monitoring] == ["abuse"]
    attrition = report.sections[1].indicators[1]
    assert (attrition.performance_text, attrition.rating, attrition.sentence) == (
        "In development",
        Rating.NONE,
        "",
    )
    assert all(f.value is None for f in attrition.this_year)


def test_an_override_with_its_reason(board):
    fte = make_indicator(board, slug="fte", year_to_date_figures=True)
    measurements_save(indicator=fte, values={D(2017, 1, 1): (142, None), JANUARY_2018: (140, None)})
    rating_override_set(
        indicator=fte,
        month=JANUARY_2018,
        rating=Rating.RED,
        reason="594 per 100,000 10-17 year olds against 403 across London.",
    )
    summary = report_of(board)["fte"]
    assert (summary.computed_rating, summary.rating) == (Rating.AMBER, Rating.RED)
    assert summary.override_reason.startswith("594 per 100,000")
    assert summary.bucket == "improvement"
    # Only for its month.
    assert report_of(board, D(2018, 2, 1))["fte"].override_reason == ""


def test_monitoring_with_nothing_this_month_is_not_listed(board):
    make_indicator(board, slug="hate", target_kind=TargetKind.MONITORING)
    assert report_of(board)["hate"].rating == Rating.NONE
    commentary_set(
        indicator=board.indicators.get(), month=JANUARY_2018, text="Up, see the strands."
    )
    assert report_of(board)["hate"].rating == Rating.GREY


# Queries -----------------------------------------------------------------------------------------


def board_of_every_kind(board, copies):
    area = area_create(name="Area", slug=f"area-{board.pk}", lsoa_name_prefix=f"Place {board.pk}")
    population_set(area=area, year=2017, population=200000)
    for n in range(copies):
        seeded(board, f"entered-{n}", BURGLARY)
        make_indicator(
            board,
            slug=f"street-{n}",
            data_source=DataSource.STREET_CRIMES,
            area=area,
            crime_types=["Burglary"],
        )
        make_indicator(
            board,
            slug=f"counts-{n}",
            data_source=DataSource.CRIME_COUNTS,
            count_level=GeographyLevel.BOROUGH,
            count_area_name=f"Borough {n}",
            benchmark_count_area_name="London (MPS)",
        )
        make_indicator(
            board,
            slug=f"rate-{n}",
            measure=MeasureKind.RATE,
            rate_per=1000,
            population_area=area,
        )
        commentary_set(indicator=board.indicators.last(), month=JANUARY_2018, text="Note")
        rating_override_set(
            indicator=board.indicators.last(), month=JANUARY_2018, rating="red", reason="Why"
        )
    StreetCrimeFactory(
        month=JANUARY_2018, crime_type="Burglary", lsoa_name=f"Place {board.pk} 001A"
    )


def test_the_report_takes_a_fixed_number_of_queries(board, django_assert_num_queries):
    # Indicators, figures, the published commentary, populations, street crimes, crime counts;
    # with drafts, the overrides and commentary as they are now besides.
    board_of_every_kind(board, 1)
    with django_assert_num_queries(6):
        report = performance_report(board=board, month=JANUARY_2018)
    with django_assert_num_queries(8):
        report = performance_report(board=board, month=JANUARY_2018, drafts=True)
    assert len(report.indicators) == 4
    bigger = BoardFactory()
    board_of_every_kind(bigger, 5)
    with django_assert_num_queries(6):
        performance_report(board=bigger, month=JANUARY_2018)
    with django_assert_num_queries(8):
        report = performance_report(board=bigger, month=JANUARY_2018, drafts=True)
    assert len(report.indicators) == 20
    assert report.indicators[1].latest == 1  # the street crime


def test_only_entered_figures_take_three_queries(board, django_assert_num_queries):
    seeded(board, "burglary", BURGLARY)
    with django_assert_num_queries(3):
        performance_report(board=board, month=JANUARY_2018)


def test_months_with_data(board):
    seeded(board, "burglary", BURGLARY)
    months = months_with_data(board)
    assert months[0] == D(2016, 4, 1) and months[-1] == JANUARY_2018
    assert len(months) == 22


def test_the_report_as_json(board):
    seeded(board, "burglary", BURGLARY, number="2", name="Burglary")
    data = json.loads(
        json.dumps(report_as_dict(performance_report(board=board, month=JANUARY_2018)))
    )
    assert (data["month"], data["financial_year"]) == ("2018-01", "2017/18")
    burglary = data["sections"][0]["indicators"][0]
    assert burglary["ytd"] == 1309
    assert burglary["ytd_previous"] == 1046
    assert burglary["change"] == 263
    assert burglary["percent_change"] == 25.1
    assert burglary["target"]["text"] == "Year on year reduction"
    assert burglary["rating"] == "red"
    assert burglary["sentence"].startswith("Using 2017/18 financial year to date figures")
    assert burglary["this_year"][10] == {"month": "2018-02", "value": None, "benchmark": None}
    assert data["executive_summary"]["improvement"] == [
        {"slug": "burglary", "name": "Burglary", "text": "1309, up 25.1% (up 263 offences)"}
    ]
