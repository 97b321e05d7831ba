"""`cspboard actions export --board SLUG --format csv|xlsx --out FILE`: the whole log."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from cspboard.actions import services
from cspboard.actions.spreadsheets import HEADERS, NOT_FOR_PUBLICATION, WITHHELD_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(scenario):
    s = scenario
    services.action_create(board=s.board, text="PUBLIC-ACTION", item=s.public_item)
    secret = services.action_create(board=s.board, text="SECRET-ACTION", item=s.restricted_item)
    services.action_close(action=secret)
    return s


def test_csv_holds_the_whole_log(log, tmp_path):
    out = tmp_path / "log.csv"
    err = io.StringIO()
    call_command(
        "actions", "export", "--board", "csp", "--format", "csv", "--out", str(out), stderr=err
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [NOT_FOR_PUBLICATION]  # the file holds withheld actions, and says so
    assert rows[1] == [*HEADERS, WITHHELD_HEADER]
    assert [(r[0], r[1], r[6], r[8]) for r in rows[2:]] == [
        ("1", "PUBLIC-ACTION", "Open", ""),
        # withheld and closed: the command exports everything, withheld ones marked
        ("2", "SECRET-ACTION", "Closed", "Paragraph 1"),
    ]
    assert "Wrote 2 actions of Community Safety Partnership Board" in err.getvalue()


def test_xlsx(log, tmp_path):
    out = tmp_path / "log.xlsx"
    call_command("actions", "export", "--board", "csp", "--format", "xlsx", "--out", str(out))
    sheet = load_workbook(out).active
    assert sheet.title == "Action log NOT FOR PUBLICATION"
    assert sheet["A1"].value == NOT_FOR_PUBLICATION
    assert [c.value for c in sheet[2]] == [*HEADERS, WITHHELD_HEADER]
    assert sheet["I4"].value == "Paragraph 1"
    assert sheet.max_row == 4


def test_csv_to_stdout(log):
    out = io.StringIO()
    call_command("actions", "export", "--board", "csp", "--format", "csv", "--out", "-", stdout=out)
    assert out.getvalue().startswith('"NOT FOR PUBLICATION: this log includes actions withheld')
    assert "\nNo.,Action Required,Lead,Date of meeting,Target Completion" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--board", "nope", "--format", "csv", "--out", "x.csv"], 'No board with the slug "nope"'),
        (["--board", "csp", "--format", "xlsx", "--out", "-"], "Only CSV can be written to stdout"),
        (["--board", "csp", "--format", "pdf", "--out", "x.pdf"], "invalid choice"),
        (["--board", "csp", "--format", "csv", "--out", "/nonexistent/dir/x.csv"], "Cannot write"),
    ],
)
def test_errors(log, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("actions", "export", *args)
