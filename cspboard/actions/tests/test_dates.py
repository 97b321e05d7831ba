import datetime

import pytest

from cspboard.actions.dates import find_due, parse_date_cell

D = datetime.date
DEC_2017 = D(2017, 12, 13)


@pytest.mark.parametrize(
    ("text", "due", "phrase"),
    [
        (
            "to be finished by the end of February 2018.",
            D(2018, 2, 28),
            "by the end of February 2018",
        ),
        (
            "a completion date for the end of March 2018.",
            D(2018, 3, 31),
            "for the end of March 2018",
        ),
        ("complete the piece of work by June 2018.", D(2018, 6, 30), "by June 2018"),
        (
            "comments by Wednesday 18 December 2019.",
            D(2019, 12, 18),
            "by Wednesday 18 December 2019",
        ),
        ("produced by 31st December 2023.", D(2023, 12, 31), "by 31st December 2023"),
        ("return it by 5 Sept 2023", D(2023, 9, 5), "by 5 Sept 2023"),
        ("report back by March 31st, 2018", D(2018, 3, 31), "by March 31st, 2018"),
        ("send it by 01/06/2018", D(2018, 6, 1), "by 01/06/2018"),
        ("send it by 2018-06-01", D(2018, 6, 1), "by 2018-06-01"),
        ("finish by end of February 2024", D(2024, 2, 29), "by end of February 2024"),
        ("no later than 14 January 2020", D(2020, 1, 14), "no later than 14 January 2020"),
    ],
)
def test_dates_stated_in_full(text, due, phrase):
    assert find_due(text) == (due, phrase)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("circulate by 31 March", "by 31 March"),
        ("circulate by June", "by June"),
        ("present to March CSP Board", "to March CSP Board"),
        ("feedback at September's CSP", "at September's CSP"),
        ("add it to the June CSP agenda", "to the June CSP agenda"),
        ("bring it to the next meeting", "to the next meeting"),
    ],
)
def test_no_date_without_a_year_or_for_a_meeting(text, phrase):
    assert find_due(text) == (None, phrase)


def test_year_taken_from_the_meeting_date():
    assert find_due("by 31 March", reference=DEC_2017) == (D(2018, 3, 31), "by 31 March")
    assert find_due("by December", reference=DEC_2017) == (D(2017, 12, 31), "by December")
    assert find_due("by 1 December", reference=DEC_2017) == (D(2018, 12, 1), "by 1 December")


@pytest.mark.parametrize(
    "text",
    [
        "add revised assessment to EPG agenda in March 2018 for sign off",
        "the pilot has been running since March 2021",
        "by 31 February 2018",
        "nothing here",
        "walk by Marks Gate",
    ],
)
def test_no_due_date(text):
    assert find_due(text)[0] is None


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        ("28 February 2018", D(2018, 2, 28)),
        ("01 June 2018", D(2018, 6, 1)),
        ("June 2018", D(2018, 6, 30)),
        ("31/03/2018", D(2018, 3, 31)),
        ("Date TBC", None),
        ("", None),
    ],
)
def test_date_cells(cell, due):
    assert parse_date_cell(cell)[0] == due
    assert parse_date_cell(cell)[1] == cell
