"""Writing and reading the action log's spreadsheets (no database for reading)."""

import csv
import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from cspboard.actions import services
from cspboard.actions.exports import whole_log
from cspboard.actions.spreadsheets import (
    HEADERS,
    SheetRow,
    SpreadsheetError,
    read_spreadsheet,
    write_csv,
    write_xlsx,
)
from cspboard.boards.tests.factories import BoardFactory
from cspboard.people.tests.factories import PersonFactory

from .seed_log import SEED_LOG

D = datetime.date
SEED_COLUMNS = [
    "Action Required",
    "Lead",
    "Date of meeting",
    "Target Completion",
    "Status (RAG)",
    "Open/Closed",
    "Comments/Update",
]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def log(db):
    board = BoardFactory(slug="csp")
    toy = PersonFactory(name="Jonathon Toy")
    first = services.action_create(
        board=board,
        text="Write the protocol on HMOs",
        owners=[toy],
        raised_on=D(2017, 9, 12),
        target_date=D(2018, 2, 28),
    )
    services.action_update_post(action=first, text="Draft circulated", today=D(2018, 1, 5))
    services.action_create(
        board=board,
        text='=HYPERLINK("http://example.com") place Street Watch into a framework',
        lead_text="MET",
        raised_on=D(2017, 12, 13),
    )
    closed = services.action_create(
        board=board, text="Penny Pyke to remove", raised_on=D(2017, 12, 13)
    )
    services.action_close(action=closed, on=D(2018, 3, 1))
    return board


def test_the_export_has_the_seeds_columns(log):
    assert list(HEADERS) == ["No.", *SEED_COLUMNS]
    rows = list(
        csv.reader(io.StringIO(write_csv(whole_log(log, D(2018, 3, 28))).decode("utf-8-sig")))
    )
    assert rows[0] == list(HEADERS)
    assert rows[1] == [
        "1",
        "Write the protocol on HMOs",
        "Jonathon Toy",
        "12 September 2017",
        "28 February 2018",
        "R",
        "Open",
        "Draft circulated",
    ]
    # Target to be confirmed, as the seeds write it; a formula is written as text, quoted.
    assert rows[2][4] == "Date TBC" and rows[2][2] == "MET"
    assert rows[2][1].startswith("'=HYPERLINK")
    assert rows[3][5:7] == ["", "Closed"]


def test_the_xlsx_export(log):
    content = write_xlsx(whole_log(log, D(2018, 3, 28)))
    sheet = load_workbook(io.BytesIO(content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == list(HEADERS)
    assert values[1][:5] == [
        1,
        "Write the protocol on HMOs",
        "Jonathon Toy",
        datetime.datetime(2017, 9, 12),
        datetime.datetime(2018, 2, 28),
    ]
    assert sheet["B3"].data_type == "s"  # the "=HYPERLINK..." text is not a formula
    assert values[2][4] == "Date TBC"


def test_reading_the_seeds_log_as_it_is():
    rows = read_spreadsheet("log.txt", SEED_LOG.encode())
    assert len(rows) == 10
    first = rows[0]
    assert first.row == 2  # the header is row 1
    assert first.get("lead") == "Jonathan Toy"
    assert first.get("meeting_date") == "12 September 2017"
    assert first.get("rag") == "R" and first.get("state") == "Open"
    assert rows[4].get("target") == "Date TBC"
    assert rows[3].get("comments") == "Reviewed CDSA"


def test_reading_xlsx_with_real_and_serial_dates_and_a_title_above_the_header():
    content = xlsx(
        [
            ["CSP Action Log"],
            [],
            ["No.", *SEED_COLUMNS],
            [
                7,
                "Circulate the plan",
                "Jade Hodgson",
                datetime.datetime(2018, 3, 28),
                43281,
                "",
                "",
                "",
            ],
        ]
    )
    (row,) = read_spreadsheet("log.xlsx", content)
    assert row.row == 4
    assert row.cells["number"] == "7"
    assert row.cells["meeting_date"] == "2018-03-28"
    assert row.cells["target"] == "2018-06-30"  # Excel's day 43281


def test_a_csv_in_windows_encoding_with_semicolons():
    text = "Action Required;Lead;Date of meeting\r\nSprechen – café;Jade Hodgson;28/02/2018\r\n"
    (row,) = read_spreadsheet("log.csv", text.encode("cp1252"))
    assert row.get("text") == "Sprechen – café"
    assert row.get("meeting_date") == "28/02/2018"


def test_the_formula_guard_is_undone_on_reading():
    data = '"No.","Action Required","Date of meeting"\r\n1,"\'=SUM(A1)","1 May 2018"\r\n'
    (row,) = read_spreadsheet("log.csv", data.encode())
    assert row.get("text") == "=SUM(A1)"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("log.pdf", b"%PDF-1.4", "Choose a CSV or XLSX file"),
        ("log.xlsx", b"PK\x03\x04 not really", "not an XLSX workbook"),
        ("log.csv", b"Lead,Target\r\nJade,1 May 2018\r\n", "No header row"),
        ("log.csv", b"Action Required,Lead\r\nx,y\r\n", "no “Date of meeting” column"),
    ],
)
def test_unreadable_files(name, data, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_spreadsheet(name, data)


def test_rows_keep_to_json_and_back():
    row = SheetRow(row=3, cells={"text": "x", "lead": "JH"})
    assert SheetRow.from_json(row.as_json()) == row


def test_the_delimiter_is_the_one_that_reads_the_header():
    text = (
        "Action Required,Lead,Date of meeting\r\n"
        '"Review; transform; distribute; the CDSA",Jade Hodgson,13 December 2017\r\n'
    )
    (row,) = read_spreadsheet("log.csv", text.encode())
    assert row.get("text") == "Review; transform; distribute; the CDSA"
    assert row.get("lead") == "Jade Hodgson"
