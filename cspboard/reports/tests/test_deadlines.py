"""Working days skip weekends and the bank holidays of England and Wales."""

import datetime

import pytest

from cspboard.reports import deadlines

D = datetime.date


def test_the_seed_pack_publication_date():
    # "Wednesday, 28 March 2018 ... Date of publication: 20 March 2018"
    assert deadlines.statutory_publication_date(D(2018, 3, 28)) == D(2018, 3, 20)
    assert deadlines.working_days_before(D(2018, 3, 20), 5) == D(2018, 3, 13)


def test_across_christmas_and_new_year():
    # Meeting Wednesday 8 January 2025: 1 January, 25 and 26 December are bank holidays.
    assert deadlines.statutory_publication_date(D(2025, 1, 8)) == D(2024, 12, 30)
    assert deadlines.working_days_before(D(2024, 12, 30), 5) == D(2024, 12, 19)
    assert deadlines.next_working_day(D(2024, 12, 24)) == D(2024, 12, 27)


def test_across_easter():
    # Meeting Wednesday 3 April 2024: Good Friday 29 March, Easter Monday 1 April.
    assert deadlines.statutory_publication_date(D(2024, 4, 3)) == D(2024, 3, 22)
    assert deadlines.working_days_before(D(2024, 3, 22), 5) == D(2024, 3, 15)
    assert deadlines.next_working_day(D(2024, 3, 28)) == D(2024, 4, 2)


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2023, 5, 8), False),  # the coronation bank holiday
        (D(2022, 9, 19), False),  # the state funeral
        (D(2024, 8, 26), False),  # late summer bank holiday (England, not Scotland)
        (D(2024, 8, 5), True),  # Scotland's summer holiday is a working day here
        (D(2024, 3, 16), False),  # a Saturday
        (D(2024, 3, 18), True),
    ],
)
def test_working_days(day, working):
    assert deadlines.is_working_day(day) is working


def test_counting():
    assert deadlines.working_days_before(D(2024, 3, 18), 0) == D(2024, 3, 18)
    assert deadlines.working_days_before(D(2024, 3, 17), 0) == D(2024, 3, 15)
    assert deadlines.working_days_between(D(2024, 3, 27), D(2024, 4, 3)) == 3
    assert deadlines.working_days_after(D(2024, 3, 28), 2) == D(2024, 4, 3)


def test_a_published_agenda_counts_from_its_real_date():
    class Meeting:
        date = D(2018, 3, 28)
        agenda_published_on = D(2018, 3, 19)

    assert deadlines.publication_date(Meeting()) == D(2018, 3, 19)
    assert deadlines.report_deadline(Meeting(), 2) == D(2018, 3, 15)
