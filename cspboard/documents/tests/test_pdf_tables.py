"""A PDF's tables come back a row a line, wherever their cells wrapped."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspboard.documents.readers import read_document
from cspboard.documents.reading.pdf_tables import recover

from .documents_to_read import pdf
from .pdf_tables_to_read import (
    NUMBERED,
    OWNERS,
    borderless_pdf,
    long_log_pdf,
    numbered_pdf,
    prose_pdf,
    seed_log_pdf,
    seed_log_rows,
    table,
)


def table_lines(document):
    return [line for line in document.lines if line.cells]


def test_the_seed_action_log_comes_back_a_row_a_line():
    document = read_document(seed_log_pdf(), "log.pdf")
    header, *rows = table_lines(document)
    assert header.cells[:4] == ("Action Required", "Lead", "Date of meeting", "Target Completion")
    expected = seed_log_rows()[1:]
    assert len(rows) == len(expected) == 10
    for row, seed in zip(rows, expected, strict=True):
        # action, lead, date of meeting and target date as the seed's row has them
        assert row.cells[:4] == tuple(" ".join(cell.split()) for cell in seed[:4])
        assert row.text == "\t".join(row.cells)
    assert [row.where.line for row in rows[:3]] == [4, 8, 11]  # each row's first line
    assert all(row.where.page == 1 for row in rows)


def test_a_numbered_action_table_comes_back_a_row_a_line():
    document = read_document(numbered_pdf(), "minutes.pdf")
    rows = table_lines(document)
    assert [row.cells for row in rows] == [tuple(row) for row in NUMBERED]
    # the lines before and after the table are lines of their own
    texts = [line.text for line in document.lines]
    assert texts[:3] == [
        "Community Safety Partnership",
        "Minutes of the meeting held on 28 June 2023",
        "Actions",
    ]
    assert texts[-1] == "Date of next meeting: 27 September 2023"


def test_a_borderless_table_whose_header_is_an_ordinary_row():
    rows = table_lines(read_document(borderless_pdf(), "actions.pdf"))
    assert [row.cells for row in rows] == [tuple(row[1:]) for row in NUMBERED]


def test_a_table_over_pages_repeats_its_header_and_keeps_its_rows():
    document = read_document(long_log_pdf(40), "log.pdf")
    assert document.pages >= 2
    lines = table_lines(document)
    headers = [line for line in lines if line.cells[0] == "No."]
    assert len(headers) == document.pages  # the header, as each page repeats it
    rows = [line for line in lines if line.cells[0] != "No."]
    assert [row.cells[0] for row in rows] == [str(n) for n in range(1, 41)]
    assert all(row.cells[1].startswith(f"Officer {row.cells[0]} to review") for row in rows)
    assert all(row.cells[1].endswith("outcome to the board") for row in rows)
    # owner and date apart, also where the layout left one space between them
    assert [row.cells[2:] for row in rows] == [
        (OWNERS[n % len(OWNERS)], f"{1 + n % 28} March 2024") for n in range(1, 41)
    ]
    assert {row.where.page for row in rows} == set(range(1, document.pages + 1))


def test_prose_is_not_taken_for_a_table():
    document = read_document(prose_pdf(), "minutes.pdf")
    assert not table_lines(document)
    assert len(document.lines) > 20  # each wrapped line of the paragraphs is its own


def test_recover_on_layout_text():
    lines = [
        "Action log",
        "",
        "Ref    Action                         Owner          Due",
        "A1     Send the plan to the           Jo Bloggs      1 May",
        "       board",
        "A2     Book the room                  Sam Smith      3 May",
        "",
        "Next meeting 4 June",
    ]
    found = recover(lines)
    assert [(f.first, f.cells) for f in found if f.cells] == [
        (2, ("Ref", "Action", "Owner", "Due")),
        (3, ("A1", "Send the plan to the board", "Jo Bloggs", "1 May")),
        (5, ("A2", "Book the room", "Sam Smith", "3 May")),
    ]
    assert [f.text for f in found if not f.cells] == ["Action log", "Next meeting 4 June"]


def test_a_short_cell_wrapped_over_lines_stays_in_its_row():
    lines = [
        "Action                                 Lead           Date",
        "Write the protocol on HMOs and bring   Jo Bloggs      12",
        "it back to the December meeting.                      September",
        "                                                      2017",
        "Find the funding for more              Sam Smith      13",
        "resource.                                             December",
        "                                                      2017",
    ]
    rows = [f.cells for f in recover(lines) if f.cells][1:]
    assert rows == [
        ("Write the protocol on HMOs and bring it back to the December meeting.", "Jo Bloggs",
         "12 September 2017"),
        ("Find the funding for more resource.", "Sam Smith", "13 December 2017"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "line",
    ["Chair  Vice Chair  Secretary", "Aaa  Bbb  Ccc  Ddd", "No.  Action  Owner"],
)
def test_heading_like_lines_only_take_linear_time(line):
    # Twenty thousand lines read from each start would take minutes; the scan budget keeps it
    # to a few reads a line (its speed is measured, not asserted).
    lines = [line] * 20_000
    found = recover(lines)
    assert len(found) <= len(lines)


_WORDS = st.sampled_from(["No.", "Action", "Owner", "Due", "1", "2.", "Jo Bloggs", "the plan",
                          "12", "March 2024", "Send", "x", ""])  # fmt: skip
_LINE = st.lists(st.tuples(st.integers(min_value=0, max_value=6), _WORDS), max_size=8).map(
    lambda parts: "".join(" " * gap + word for gap, word in parts)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=40))
def test_any_layout_comes_back_as_lines_in_order(lines):
    found = recover(lines)
    firsts = [f.first for f in found]
    assert firsts == sorted(set(firsts))  # each output line starts on a line of its own
    assert all(lines[first].strip() for first in firsts)  # never a blank one
    assert all(f.text for f in found)
    for f in found:
        if f.cells and "\t" in f.text:
            assert f.text.split("\t") == list(f.cells)


def test_a_table_of_one_line_rows_then_a_heading_with_no_gap():
    rows = [
        ("Name", "Organisation", "Role"),
        ("Cllr Maureen Worby", "Council", "Chair"),
        ("Supt Jane Scotchbrook", "Metropolitan Police", "Borough Commander"),
        ("Matthew Cole", "Council", "Director of Public Health"),
    ]
    body = (
        "<h2>Present</h2>"
        + table(rows, border=False, head=False)
        + "<h2>Apologies</h2><p>Penny Pyke (Council)</p>"
    )
    document = read_document(pdf(body, css="td { padding: 2px 8px }"), "minutes.pdf")
    # the first row is not taken for the header's second line, nor the heading for a row's
    assert [line.cells for line in table_lines(document)] == rows
    assert [line.text for line in document.lines][-2:] == ["Apologies", "Penny Pyke (Council)"]


def test_a_table_goes_on_over_the_page_without_its_header():
    document = read_document(long_log_pdf(40, repeat_header=False), "log.pdf")
    assert document.pages >= 2
    header, *rows = table_lines(document)
    assert header.cells == ("No.", "Action", "Owner", "Due date")
    assert [row.cells[0] for row in rows] == [str(n) for n in range(1, 41)]
    assert all(row.cells[1].startswith(f"Officer {row.cells[0]} to review") for row in rows)
    assert rows[-1].where.page == document.pages
