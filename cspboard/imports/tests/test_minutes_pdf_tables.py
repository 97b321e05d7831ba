"""Actions from a PDF's action table, whose rows the PDF's layout wraps over several lines:
each row one action, with its owners, due date and status, found on the row's first line."""

from __future__ import annotations

import datetime

import pytest

from cspboard.documents.readers import read_document
from cspboard.documents.tests.documents_to_read import pdf
from cspboard.documents.tests.pdf_tables_to_read import (
    NUMBERED,
    OWNERS,
    TOP,
    borderless_pdf,
    long_log_pdf,
    numbered_pdf,
    seed_log_pdf,
    seed_log_rows,
    table,
)
from cspboard.imports.minutes.parse import parse_document

NUMBERED_DUE = [
    datetime.date(2023, 6, 30),
    datetime.date(2023, 9, 29),
    datetime.date(2023, 8, 1),
    datetime.date(2023, 7, 31),
]


def actions_of(data: bytes, name: str = "minutes.pdf"):
    draft = parse_document(read_document(data, name))
    return [action for meeting in draft.meetings for action in meeting.actions]


@pytest.mark.parametrize("align", ["middle", "top"])
def test_the_seed_action_log_as_a_bordered_pdf_table(align):
    rows = seed_log_rows()[1:]
    actions = actions_of(seed_log_pdf(css=f"td {{ vertical-align: {align} }}"), "log.pdf")
    assert [action.text for action in actions] == [row[0] for row in rows]
    assert [action.owners for action in actions] == [
        ["Jonathan Toy"],
        ["Supt. Jane Scotchbrook"],
        ["Matthew Cole"],
        ["Jonathon Toy", "Dan James", "Jade Hodgson"],
        ["Tim Barfoot", "Supt. Jane Scotchbrook"],
        ["Jonathan Toy"],
        ["Angie Fuller"],
        ["Jonathon Toy", "Tim Barfoot"],
        ["Penny Pyke"],
        ["Supt. Jane Scotchbrook"],
    ]
    assert [action.due_text for action in actions] == [row[3] for row in rows]
    assert actions[0].due == datetime.date(2018, 2, 28)
    assert actions[4].due is None  # "Date TBC"
    assert [action.where.line for action in actions[:3]] == [4, 8, 11]  # each row's first
    assert all(action.status == "open" for action in actions)  # "Open" in Open/Closed
    assert all(action.where.page == 1 for action in actions)


def test_a_numbered_action_table_in_minutes():
    actions = actions_of(numbered_pdf())
    assert [action.text for action in actions] == [row[1] for row in NUMBERED[1:]]
    assert [action.owners for action in actions] == [
        ["Jade Hodgson"],
        ["Insp. Tim Barfoot"],
        ["Chair"],
        ["Penny Pyke"],
    ]
    assert [action.due for action in actions] == NUMBERED_DUE


def test_a_numbered_action_table_drawn_in_the_middle_of_its_cells():
    # The number sits on the row's second line, below the action's first; a cell of two short
    # lines can come out of the layout as one, with their space lost ("theserious").
    actions = actions_of(numbered_pdf(css="td { vertical-align: middle }"))
    assert [action.text[:25] for action in actions] == [row[1][:25] for row in NUMBERED[1:]]
    assert [action.owners for action in actions] == [[row[2]] for row in NUMBERED[1:]]
    assert [action.due for action in actions] == NUMBERED_DUE
    assert actions[0].where.line == 5  # the row's first line (the header is 4), above its number


@pytest.mark.parametrize("align", ["top", "middle"])
def test_a_borderless_action_table(align):
    # Drawn in the middle, a row's action starts a line above its owner and date.
    actions = actions_of(borderless_pdf(css=f"td {{ vertical-align: {align} }}"))
    assert [action.text for action in actions] == [row[1] for row in NUMBERED[1:]]
    assert [action.owners[0] for action in actions] == [row[2] for row in NUMBERED[1:]]
    assert [action.due for action in actions] == NUMBERED_DUE


def test_a_numbered_log_with_a_status_column():
    # pypdf's layout leaves one space between the first row's date and status: two cells.
    statuses = ["Open", "Closed", "Complete", "In progress"]
    rows = [(*NUMBERED[0], "Status")] + [
        (*row, status) for row, status in zip(NUMBERED[1:], statuses, strict=True)
    ]
    data = pdf("<h2>Action log</h2>" + table(rows, style="width: 100%"), css=TOP)
    actions = actions_of(data, "log.pdf")
    assert [action.text for action in actions] == [row[1] for row in NUMBERED[1:]]
    assert [action.status for action in actions] == ["open", "closed", "closed", "open"]
    assert [action.due for action in actions] == NUMBERED_DUE


def test_an_action_log_over_pages_without_its_header_repeated():
    actions = actions_of(long_log_pdf(40, repeat_header=False), "log.pdf")
    assert len(actions) == 40
    assert [action.owners for action in actions] == [
        [OWNERS[n % len(OWNERS)]] for n in range(1, 41)
    ]
    assert [action.due for action in actions] == [
        datetime.date(2024, 3, 1 + n % 28) for n in range(1, 41)
    ]
    assert {action.where.page for action in actions} == {1, 2}
