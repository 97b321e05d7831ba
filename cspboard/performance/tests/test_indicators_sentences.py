"""The report's words in the seeds' style: the sentence, the summary cell, the target, units in
the singular, "no change", and the benchmark only when there is one."""

import datetime
from decimal import Decimal

from cspboard.performance.choices import MeasureKind, TargetKind
from cspboard.performance.sentences import (
    Wording,
    article,
    benchmark_text,
    counted,
    performance_text,
    sentence,
    singular,
    target_clause,
    target_text,
)

JANUARY_2018 = datetime.date(2018, 1, 1)
OFFENCES = Wording(unit="offences")


def say(current, previous, wording=OFFENCES, **extra):
    from cspboard.performance.calculations import change, percent_change

    current = None if current is None else Decimal(current)
    previous = None if previous is None else Decimal(previous)
    return sentence(
        financial_year="2017/18",
        month=JANUARY_2018,
        ytd=current,
        ytd_previous=previous,
        change=change(current, previous),
        percent_change=percent_change(current, previous),
        wording=wording,
        **extra,
    )


def test_the_burglary_sentence_in_the_seeds_words_with_the_computed_figures():
    assert say(
        1309,
        1046,
        subject="total burglary",
        benchmark_label="London",
        benchmark_percent_change=Decimal("13.0"),
    ) == (
        "Using 2017/18 financial year to date figures at January 2018 (1309 offences) shows a "
        "25.1% increase (+263 offences) when compared to the same point in the previous year "
        "(1046 offences). In comparison total burglary across London is up 13.0%."
    )


def test_a_decrease_and_an_11_point_something():
    assert "shows a 5.1% decrease (-81 offences)" in say(1497, 1578)
    assert "shows an 11.9% increase (+23 victims)" in say(216, 193, Wording(unit="victims"))
    assert article("8.0") == article("18") == article("11.9") == article("80") == "an"
    assert article("1.4") == article("110") == article("1") == "a"


def test_no_change_and_the_singular():
    text = say(57, 57)
    assert "(57 offences) shows no change when compared" in text
    assert "(+1 offence)" in say(58, 57)
    assert singular("offences") == "offence"
    assert singular("calls to the police") == "call to the police"
    assert singular("first time entrants") == "first time entrant"
    assert singular("activities") == "activity"
    assert counted(Decimal(1), "victims") == "1 victim"
    assert counted(Decimal(0), "victims") == "0 victims"


def test_no_benchmark_clause_without_a_benchmark():
    assert "In comparison" not in say(1309, 1046, subject="total burglary")
    text = say(57, 57, subject="gun crime", benchmark_percent_change=Decimal("-5.5"))
    assert text.endswith("In comparison gun crime is down 5.5%.")
    flat = say(57, 57, subject="gun crime", benchmark_label="London", benchmark_percent_change=0)
    assert flat.endswith("In comparison gun crime across London shows no change.")


def test_missing_figures_are_said_to_be_missing():
    assert say(None, 1046) == (
        "There are no complete 2017/18 financial year to date figures at January 2018."
    )
    assert say(145, None).endswith(
        "(145 offences): there is no figure for the same point in the previous year to "
        "compare with."
    )
    assert "shows an increase (+5 offences)" in say(5, 0)


def test_a_percentage_speaks_of_points_and_parts():
    wording = Wording(measure=MeasureKind.PERCENTAGE, unit="referrals")
    text = say("17.9", "26.0", wording, numerator=Decimal(28), denominator=Decimal(156))
    assert text == (
        "Using 2017/18 financial year to date figures at January 2018 (17.9%, 28 of 156 "
        "referrals) shows a decrease (-8.1 percentage points) when compared to the same point "
        "in the previous year (26.0%)."
    )


def test_a_rate_per_population():
    wording = Wording(
        measure=MeasureKind.RATE,
        unit="entrants",
        rate_per=100000,
        population_label="10-17 year olds",
    )
    text = say("594", "603", wording)
    assert "(594 per 100,000 10-17 year olds) shows a 1.5% decrease (-9 per 100,000)" in text


def test_the_summary_cell():
    cell = lambda current, previous, percent, wording=OFFENCES: performance_text(  # noqa: E731
        ytd=Decimal(current) if current is not None else None,
        ytd_previous=Decimal(previous) if previous is not None else None,
        change=Decimal(current) - Decimal(previous) if None not in (current, previous) else None,
        percent_change=Decimal(percent) if percent is not None else None,
        wording=wording,
    )
    assert cell(1309, 1046, "25.1") == "1309, up 25.1% (up 263 offences)"
    assert cell(1497, 1578, "-5.1") == "1497, down 5.1% (down 81 offences)"
    assert cell(57, 57, "0.0") == "57, no change (0 offences)"
    assert cell(145, None, None) == "145"
    assert cell(None, None, None) == "No figures"
    percentage = Wording(measure=MeasureKind.PERCENTAGE)
    assert cell("17.9", "26.0", "-31.2", percentage) == "17.9%, down 8.1 points"
    assert (
        performance_text(
            ytd=None,
            ytd_previous=None,
            change=None,
            percent_change=None,
            wording=OFFENCES,
            in_development=True,
        )
        == "In development"
    )


def test_the_benchmark_cell():
    assert benchmark_text(Decimal("13.0")) == "Up 13.0%"
    assert benchmark_text(Decimal("-5.5")) == "Down 5.5%"
    assert benchmark_text(Decimal("0")) == "No change"
    assert benchmark_text(None) == ""


def test_targets_in_words():
    text = lambda kind, **kw: target_text(  # noqa: E731
        target_kind=kind, financial_year="2017/18", month=JANUARY_2018, **kw
    )
    assert text(TargetKind.REDUCTION) == "Year on year reduction"
    assert text(TargetKind.MONITORING) == "For monitoring"
    assert (
        text(TargetKind.CEILING, target_value=Decimal(169), target_to_date=Decimal("140.83"))
        == "No more than 169 in 2017/18 (141 pro-rated to January)"
    )
    assert (
        text(
            TargetKind.RANGE,
            range_low=Decimal(28),
            range_high=Decimal(40),
            wording=Wording(measure=MeasureKind.PERCENTAGE),
        )
        == "Between 28% and 40%"
    )


def test_where_the_figure_stands_against_a_ceiling_or_a_range():
    clause = lambda kind, value, **kw: target_clause(  # noqa: E731
        target_kind=kind,
        financial_year="2017/18",
        month=JANUARY_2018,
        value=Decimal(value),
        **kw,
    )
    assert (
        clause(TargetKind.CEILING, 145, target_value=Decimal(169), target_to_date=Decimal("140.83"))
        == "That is above the 2017/18 ceiling of 169 pro-rated to January (141)."
    )
    marac = {"range_low": Decimal(28), "range_high": Decimal(40)}
    marac["wording"] = Wording(measure=MeasureKind.PERCENTAGE)
    assert clause(TargetKind.RANGE, "17.9", **marac) == "That is below the range of 28% to 40%."
    assert clause(TargetKind.RANGE, "30", **marac) == "That is within the range of 28% to 40%."
    assert clause(TargetKind.REDUCTION, 5) == ""
