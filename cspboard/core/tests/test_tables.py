"""The shared spreadsheet reader refuses, with a message for the person who uploaded it, every
file it cannot read safely: zip bombs, workbooks cut short or missing parts, files that only
look like workbooks, overlong cells, text that is not text. It never crashes on one."""

import time
import tracemalloc

import pytest

from cspboard.core import tables
from cspboard.core.tables import TableLayout

from .bad_workbooks import bomb, broken_workbooks, workbook


class Refused(Exception):
    pass


LAYOUT = TableLayout(
    headers={"name": "name", "value": "value"},
    header_fields=("name",),
    required=("name",),
    cell_text=lambda value: "" if value is None else str(value),
    error=Refused,
    no_header="No header row.",
    max_rows=100,
    header_rows=5,
)
ROWS = [["name", "value"], ["first", 1], ["second", "SECRET"]]


def test_a_good_workbook_and_csv_are_read():
    expected = [(2, {"name": "first", "value": "1"}), (3, {"name": "second", "value": "SECRET"})]
    assert LAYOUT.read("a.xlsx", workbook(ROWS)) == expected
    assert LAYOUT.read("a.csv", b"name,value\nfirst,1\nsecond,SECRET\n") == expected


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    """300 MB of text in a 311 KB file: before, 13 s and 2 GB of memory, then a preview."""
    data = bomb(ROWS, megabytes=300, text="SECRET")
    assert len(data) < 400_000
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(Refused, match=r"^The workbook unpacks to 300 MB, more than the 50 MB"):
            LAYOUT.read("bomb.xlsx", data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1
    assert peak < 20 * 1024 * 1024


def test_a_part_packed_far_tighter_than_a_spreadsheet_is_refused():
    data = bomb(ROWS, megabytes=3, text="SECRET")
    with pytest.raises(Refused, match=r"sheet1.xml” unpacks to [\d,]+ times its packed size"):
        LAYOUT.read("tight.xlsx", data)


def test_too_many_parts_are_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_MEMBERS", 5)
    with pytest.raises(Refused, match=r"^The workbook has 9 parts"):
        LAYOUT.read("parts.xlsx", workbook(ROWS))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cut-sheet.xlsx", "part of it is not well-formed XML"),
        ("no-sheet.xlsx", "The workbook has no sheets."),
        ("cut-archive.xlsx", "it is not a zip archive, or the archive is damaged"),
        ("not-a-workbook.xlsx", "it has no part “[Content_Types].xml”"),
        ("text.xlsx", "it is not a zip archive"),
        ("bad-values.xlsx", "The file is not an XLSX workbook that can be read: "),
    ],
)
def test_a_broken_workbook_is_refused_never_a_crash(name, message):
    with pytest.raises(Refused) as refused:
        LAYOUT.read(name, broken_workbooks(ROWS)[name])
    assert message in str(refused.value)


def test_a_sheet_claiming_every_row_and_column_reads_only_what_is_taken():
    """A cell at XFD1048576 makes openpyxl pad every row to 16,384 cells and fill a million rows
    unless it is told how much to read."""
    data = workbook([*ROWS, *[[] for _ in range(200)], ["last"]])
    with pytest.raises(Refused, match="more than 100 rows"):
        LAYOUT.read("tall.xlsx", data)
    wide = [["name", *[""] * 300, "far"], ["first", *[""] * 300, "x"]]
    table = LAYOUT._xlsx_table(workbook(wide))
    assert [len(row) for row in table] == [tables.MAX_COLUMNS, tables.MAX_COLUMNS]


def table_file(name, rows):
    if name.endswith(".xlsx"):
        return workbook(rows)
    return "\n".join(",".join(map(str, row)) for row in rows).encode()


@pytest.mark.parametrize("name", ["long.csv", "long.xlsx"])
def test_an_overlong_cell_is_refused_by_row(name):
    with pytest.raises(Refused, match=r"^Row 4 has a cell longer than 10,000 characters"):
        LAYOUT.read(name, table_file(name, [*ROWS, ["third", "x" * 10_001]]))
    assert len(LAYOUT.read(name, table_file(name, [*ROWS, ["third", "x" * 10_000]]))) == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name,value\nfirst,\x00\x00\n", "The file is not a CSV file."),
        (b"name,value\nfirst,\x81\x8d\n", "The file is not text that can be read."),
        (b'name,value\nfirst,"x' + b"y" * 200_000 + b"\n", "The CSV file cannot be read"),
    ],
)
def test_a_csv_that_is_not_text_is_refused(data, message):
    with pytest.raises(Refused, match=message):
        LAYOUT.read("odd.csv", data)
