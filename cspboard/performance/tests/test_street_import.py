"""Importing police.uk street files: counts and values checked against Python's csv module,
replacing not doubling, refusing corrupt files without writing, archives, areas, dry runs, and
the insert and the reading ahead the import is made of."""

import datetime
import io
import re
import shutil
import threading
import time
import zipfile
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from cspboard.core.tests.shared_data import shared_data_missing
from cspboard.performance.importers.ahead import ReadAhead
from cspboard.performance.importers.base import SQLITE_ROWS, FlatRows, Problem, insert_rows
from cspboard.performance.importers.filerows import FileRows
from cspboard.performance.importers.street import FIELDS, read_street_files
from cspboard.performance.models import CrimeImport, StreetCrime
from cspboard.performance.services import ImportRefused, area_create, street_crimes_import

from .conftest import city_file, csv_counts, csv_rows, stored_counts

pytestmark = pytest.mark.django_db
B_AND_D = "Barking and Dagenham"


def snapshot():
    """Everything an import could change."""
    return (
        stored_counts(),
        list(StreetCrime.objects.order_by("id").values_list("id", "month", "last_outcome")),
        CrimeImport.objects.count(),
    )


def test_import_stores_every_row_counted_by_month_and_type(city):
    report = street_crimes_import(paths=city)

    expected = csv_counts(city)
    assert stored_counts() == expected
    assert StreetCrime.objects.count() == sum(expected.values()) == report.rows_kept
    assert [f.rows_read for f in report.files] == [617, 688, 879]
    assert [f.months for f in report.files] == [
        [datetime.date(2019, 1, 1)],
        [datetime.date(2019, 2, 1)],
        [datetime.date(2019, 3, 1)],
    ]
    log = CrimeImport.objects.order_by("month")
    assert [(i.month, i.rows_read, i.rows_kept, i.rows_replaced) for i in log] == [
        (datetime.date(2019, 1, 1), 617, 617, 0),
        (datetime.date(2019, 2, 1), 688, 688, 0),
        (datetime.date(2019, 3, 1), 879, 879, 0),
    ]
    assert {i.reported_by for i in log} == {"City of London Police"}


def test_rows_are_kept_as_published(city):
    """Anti-social behaviour has no crime ID; "No Location" rows have no coordinates or LSOA."""
    street_crimes_import(paths=city[:1])

    rows = list(csv_rows(city[:1]))
    asb = [r for r in rows if r["Crime type"] == "Anti-social behaviour"]
    assert asb and all(r["Crime ID"] == "" for r in asb)
    stored_asb = StreetCrime.objects.filter(crime_type="Anti-social behaviour")
    assert stored_asb.count() == len(asb)
    assert set(stored_asb.values_list("crime_id", flat=True)) == {""}
    no_location = [r for r in rows if r["Longitude"] == ""]
    stored = StreetCrime.objects.filter(longitude__isnull=True)
    assert stored.count() == len(no_location)
    assert stored.filter(latitude__isnull=False).count() == 0
    first = rows[1]
    crime = StreetCrime.objects.get(
        crime_id=first["Crime ID"],
        location=first["Location"],
        crime_type=first["Crime type"],
        last_outcome=first["Last outcome category"],
    )
    assert (crime.longitude, crime.latitude) == (
        float(first["Longitude"]),
        float(first["Latitude"]),
    )
    assert (crime.lsoa_code, crime.lsoa_name) == (first["LSOA code"], first["LSOA name"])
    assert crime.month == datetime.date(2019, 1, 1)
    assert crime.reported_by == crime.falls_within == "City of London Police"


def test_importing_the_same_months_again_replaces_them(city):
    street_crimes_import(paths=city)
    before = stored_counts()
    total = StreetCrime.objects.count()

    report = street_crimes_import(paths=city)

    assert stored_counts() == before == csv_counts(city)
    assert StreetCrime.objects.count() == total
    assert report.rows_replaced == total == report.rows_kept
    # One month again replaces that month only.
    street_crimes_import(paths=city[1:2])
    assert stored_counts() == before
    assert CrimeImport.objects.filter(rows_replaced=688).count() == 2


def test_a_folder_is_searched_for_street_files_only(city):
    """The month folders hold stop-and-search files too: only *-street.csv are read."""
    folder = city[0].parent
    assert any("stop-and-search" in p.name for p in folder.iterdir())

    report = street_crimes_import(paths=[folder])

    assert [f.source for f in report.files] == [str(city[0])]
    assert stored_counts() == csv_counts(city[:1])


def test_zip_archives_are_read(city, tmp_path):
    archive = tmp_path / "police-uk-download.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in city[:2]:
            zipped.write(path, f"{path.parent.name}/{path.name}")
        zipped.writestr("2019-01/2019-01-city-of-london-outcomes.csv", "not,read\n")

    report = street_crimes_import(paths=[archive])

    assert stored_counts() == csv_counts(city[:2])
    assert [f.source for f in report.files] == [
        f"{archive}:2019-01/2019-01-city-of-london-street.csv",
        f"{archive}:2019-02/2019-02-city-of-london-street.csv",
    ]
    assert CrimeImport.objects.filter(source__startswith=f"{archive}:").count() == 2


def test_files_named_like_patterns_are_read_as_themselves(city, tmp_path):
    """DuckDB would take "x[12]-street.csv" for a pattern matching "x1-street.csv" too."""
    named = tmp_path / "x[12]-street.csv"
    shutil.copy(city[0], named)
    shutil.copy(city[1], tmp_path / "x1-street.csv")
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(city[2], "2019-03/x*-street.csv")

    report = street_crimes_import(paths=[named, archive])

    assert [(f.source, f.rows_read) for f in report.files] == [
        (str(named), 617),
        (f"{archive}:2019-03/x*-street.csv", 879),
    ]
    assert stored_counts() == csv_counts([city[0], city[2]])


def test_an_archive_without_street_files_is_refused(tmp_path):
    archive = tmp_path / "empty.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("2019-01/2019-01-city-of-london-outcomes.csv", "x\n")
    with pytest.raises(ImportRefused, match="empty.zip: the archive has no files"):
        street_crimes_import(paths=[archive])


def test_the_same_month_twice_in_one_import_is_refused(city, tmp_path):
    copy = tmp_path / "copy-street.csv"
    shutil.copy(city[0], copy)
    with pytest.raises(ImportRefused, match="2019-01 is in more than one file"):
        street_crimes_import(paths=[city[0], copy])
    assert StreetCrime.objects.count() == 0


# Corrupt copies ----------------------------------------------------------------------------------


def corrupt(source, target, change):
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    change(lines)
    target.write_text("".join(lines), encoding="utf-8")
    return target


def wrong_header(lines):
    lines[0] = lines[0].replace("Crime type", "Crime Type")


def missing_column(lines):
    # Line 5 loses its last column (Context, empty in these files).
    lines[4] = lines[4].rstrip("\r\n").rsplit(",", 1)[0] + "\n"


def bad_month(lines):
    lines[9] = lines[9].replace(",2019-03,", ",2019-13,", 1)


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (wrong_header, 1, 'the header is "Crime ID,Month,'),
        (missing_column, 5, "the row has 11 columns, not 12"),
        (bad_month, 10, 'Month "2019-13" is not a month written YYYY-MM'),
    ],
)
def test_a_corrupt_copy_is_refused_naming_file_and_line_and_nothing_changes(
    city, tmp_path, change, line, message
):
    street_crimes_import(paths=city[:2])
    before = snapshot()
    broken = corrupt(city[2], tmp_path / "2019-03-city-of-london-street.csv", change)

    # With a good file of a month already stored, which must not be replaced either.
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[city[0], broken])

    assert f"{broken}, line {line}: {message}" in str(refused.value)
    assert str(refused.value).startswith("Nothing was imported.")
    assert snapshot() == before


def test_every_problem_of_a_file_is_listed_by_line(city, tmp_path):
    def several(lines):
        missing_column(lines)
        bad_month(lines)
        lines[11] = re.sub(r",-0\.\d+,", ",west,", lines[11], count=1)
        lines[12] = lines[12].rstrip("\r\n") + ",extra\n"

    broken = corrupt(city[2], tmp_path / "broken-street.csv", several)
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[broken])
    found = [(p.line, p.message.split(" ")[0]) for p in refused.value.problems]
    assert found == [(5, "the"), (10, "Month"), (12, "Longitude"), (13, "the")]
    assert "line 13: the row has 13 columns, not 12" in str(refused.value)
    assert StreetCrime.objects.count() == 0


def test_line_numbers_count_lines_not_records(city, tmp_path):
    """A quoted value may hold a line break; a later line is still named by its own number."""

    def with_break(lines):
        lines[2] = lines[2].replace("On or near ", '"On or near\n', 1).replace(",E0", '",E0', 1)
        bad_month(lines)

    broken = corrupt(city[2], tmp_path / "break-street.csv", with_break)
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[broken])
    assert [p.line for p in refused.value.problems] == [11]


def test_overlong_values_and_empty_required_columns_are_refused(city, tmp_path):
    def overlong(lines):
        lines[3] = lines[3].replace("On or near ", "On or near " + "x" * 300, 1)
        lines[6] = lines[6].replace(",City of London Police,", ",,", 1)

    broken = corrupt(city[2], tmp_path / "long-street.csv", overlong)
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[broken])
    messages = [(p.line, p.message) for p in refused.value.problems]
    assert messages == [
        (4, "Location is longer than 200 characters"),
        (7, "Reported by is empty"),
    ]


def test_missing_and_empty_files_are_refused(tmp_path):
    with pytest.raises(ImportRefused, match="no such file or folder"):
        street_crimes_import(paths=[tmp_path / "nothing-street.csv"])
    empty = tmp_path / "empty-street.csv"
    empty.write_text("")
    with pytest.raises(ImportRefused, match="line 1: the file is empty"):
        street_crimes_import(paths=[empty])


# One month a file ------------------------------------------------------------------------------


def moved_month(month, to, *lines):
    """A change moving the given lines' rows to another month."""

    def change(rows):
        for line in lines:
            rows[line - 1] = rows[line - 1].replace(f",{month},", f",{to},", 1)

    return change


def test_a_file_with_a_row_of_another_month_is_refused_and_that_month_kept(data, tmp_path):
    """A copy of 2018-01 with one row moved to 2019-05 would replace 2019-05's 711 rows with one
    (it did, before the file's month was checked)."""
    may = city_file("2019-05")
    if not may.is_file() or not city_file("2018-01").is_file():
        shared_data_missing("missing shared files for 2018-01 and 2019-05")
    street_crimes_import(paths=[may])
    assert StreetCrime.objects.filter(month=datetime.date(2019, 5, 1)).count() == 711
    before = snapshot()
    copy = corrupt(
        city_file("2018-01"),
        tmp_path / "2018-01-city-of-london-street.csv",
        moved_month("2018-01", "2019-05", 7),
    )

    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[copy])

    assert str(refused.value) == (
        f"Nothing was imported.\n{copy}: a police.uk street file holds one month, and "
        "importing it replaces every month in it: its name says 2018-01, but 1 row is of "
        "2019-05 (line 7)"
    )
    assert snapshot() == before


def test_a_file_of_another_month_than_its_name_says_is_refused(city, tmp_path):
    """Every row of 2019-01 in a file named 2019-02: the lines are listed, the first few."""
    misnamed = tmp_path / "2019-02-city-of-london-street.csv"
    shutil.copy(city[0], misnamed)
    with pytest.raises(
        ImportRefused,
        match=r"but 617 rows are of 2019-01 \(lines 2, 3, 4, 5, 6 "
        r"and 612 more\)",
    ):
        street_crimes_import(paths=[city[1], misnamed])
    assert StreetCrime.objects.count() == 0


def test_a_file_named_for_no_month_may_hold_one_month_only(city, tmp_path):
    copy = corrupt(city[2], tmp_path / "copy-street.csv", moved_month("2019-03", "2019-05", 4, 9))
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[copy])
    assert str(refused.value).endswith(
        "most of its rows are of 2019-03, but 2 rows are of 2019-05 (lines 4 and 9)"
    )
    assert StreetCrime.objects.count() == 0

    # One month, whatever the name: imported.
    shutil.copy(city[2], copy)
    assert street_crimes_import(paths=[copy]).rows_kept == 879


def test_a_file_with_a_header_and_no_rows_is_refused_and_not_logged(city, tmp_path):
    header_only = tmp_path / "2019-04-city-of-london-street.csv"
    header_only.write_text(city[0].read_text(encoding="utf-8").splitlines()[0] + "\n")
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[city[0], header_only])
    assert f"{header_only}: the file has no crimes in it, only the header" in str(refused.value)
    assert snapshot() == (Counter(), [], 0)


def test_a_carriage_return_inside_a_line_is_named_by_line(city, tmp_path):
    """DuckDB's own error for it names no line and reads like a stack trace."""

    def stray_return(lines):
        lines[3] = lines[3].replace(",On or near ", ",On or\rnear ", 1)

    broken = corrupt(city[2], tmp_path / "cr-street.csv", stray_return)
    broken.write_bytes(broken.read_bytes())
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[city[0], broken])
    assert str(refused.value) == (
        f"Nothing was imported.\n{broken}, line 4: the line holds a carriage return outside quotes"
    )
    assert StreetCrime.objects.count() == 0


def test_duckdbs_errors_are_put_in_plain_words():
    from cspboard.performance.importers.base import duckdb_problem

    names = {"/data/a-street.csv": "a.zip:a-street.csv", "/data/b-street.csv": "b-street.csv"}
    error = (
        'Invalid Input Error: CSV Error on Line: 6\nOriginal Line: x,2018-01,"On or near\n'
        "Value with unterminated quote found.\n\nPossible fixes:\n* Disable the parser's "
        "strict mode\n\n  file = /data/b-street.csv\n  delimiter = , (Set By User)\n"
    )
    assert str(duckdb_problem(Exception(error), names)) == (
        "b-street.csv, line 6: the line cannot be read as CSV: Value with unterminated quote found."
    )
    parquet = "Invalid Input Error: No magic bytes found at end of file\n\nLINE 1: CREATE ..."
    assert str(duckdb_problem(Exception(parquet), {"/p": "p.parquet"}, kind="Parquet")) == (
        "p.parquet: the file cannot be read as Parquet: No magic bytes found at end of file"
    )


# Areas -------------------------------------------------------------------------------------------


def is_b_and_d(row):
    return row["LSOA name"].startswith(B_AND_D + " ")


def test_an_lsoa_name_prefix_keeps_that_boroughs_rows(met_sample):
    report = street_crimes_import(paths=[met_sample], lsoa_name_prefix=B_AND_D)

    expected = csv_counts([met_sample], keep=is_b_and_d)
    assert sum(expected.values()) == 2002  # as SOURCES.md counts them
    assert stored_counts() == expected
    assert (report.rows_read, report.rows_kept) == (4000, 2002)
    assert StreetCrime.objects.exclude(lsoa_name__startswith=B_AND_D + " ").count() == 0
    assert StreetCrime.objects.values("lsoa_code").distinct().count() == 110
    assert CrimeImport.objects.get().lsoa_name_prefix == B_AND_D


def test_an_area_keeps_its_lsoas_and_replaces_only_them(city):
    rows = list(csv_rows(city[:1]))
    codes = sorted({r["LSOA code"] for r in rows if r["LSOA code"]})[:3]
    area = area_create(name="Three LSOAs", slug="three", kind="place", lsoas=codes)

    street_crimes_import(paths=city[:1], area=area)
    expected = csv_counts(city[:1], keep=lambda r: r["LSOA code"] in codes)
    assert stored_counts() == expected
    assert set(StreetCrime.objects.values_list("lsoa_code", flat=True)) == set(codes)

    # The whole force's month, then the area's again: the area's rows are replaced, the rest
    # of the month stays.
    street_crimes_import(paths=city[:1])
    report = street_crimes_import(paths=city[:1], area=area)
    assert report.rows_replaced == sum(expected.values())
    assert stored_counts() == csv_counts(city[:1])
    assert CrimeImport.objects.filter(area=area).count() == 2


def test_an_area_with_a_prefix_imports_through_the_command(met_sample):
    area_create(name=B_AND_D, slug="lbbd", kind="borough", lsoa_name_prefix=B_AND_D)
    out = io.StringIO()
    call_command("import-crimes", str(met_sample), "--area", "lbbd", stdout=out)
    assert stored_counts() == csv_counts([met_sample], keep=is_b_and_d)
    assert "Imported 2,002 of 4,000 rows from 1 file, replacing 0." in out.getvalue()


# Dry runs and the command ------------------------------------------------------------------------


def test_a_dry_run_reports_and_writes_nothing(city):
    street_crimes_import(paths=city[:1])
    before = snapshot()

    report = street_crimes_import(paths=city, dry_run=True)

    assert report.dry_run
    assert [f.rows_kept for f in report.files] == [617, 688, 879]
    assert [f.rows_replaced for f in report.files] == [617, 0, 0]
    assert snapshot() == before


def test_the_command_shows_progress_for_each_file(city):
    out = io.StringIO()
    call_command("import-crimes", *map(str, city), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Checking 3 files with DuckDB..."
    assert lines[1] == "Checked 3 files: 2,184 rows, 2,184 in the area."
    assert lines[2] == f"[1/3] {city[0]}: 2019-01, 617 of 617 rows kept, 0 replaced"
    assert lines[4].startswith("[3/3] ")
    assert lines[5] == "Imported 2,184 of 2,184 rows from 3 files, replacing 0."
    assert stored_counts() == csv_counts(city)


def test_the_command_dry_run_and_refusal(city, tmp_path):
    out = io.StringIO()
    call_command("import-crimes", str(city[0]), "--dry-run", stdout=out)
    assert "Would import 617 of 617 rows from 1 file" in out.getvalue()
    assert out.getvalue().rstrip().endswith("Dry run: nothing was written.")
    assert StreetCrime.objects.count() == 0

    broken = corrupt(city[0], tmp_path / "x-street.csv", wrong_header)
    with pytest.raises(CommandError, match=r"x-street.csv, line 1: the header is"):
        call_command("import-crimes", str(broken), stdout=io.StringIO())
    with pytest.raises(CommandError, match='No area with the slug "nowhere"'):
        call_command("import-crimes", str(city[0]), "--area", "nowhere")


def test_city_file_helper_points_at_the_shared_files(city):
    assert city[0] == city_file("2019-01")


# Storing the rows --------------------------------------------------------------------------------


def as_published(row):
    """A csv-module row as the import stores it."""

    def number(text):
        return float(text) if text else None

    return (
        row["Crime ID"],
        datetime.date(int(row["Month"][:4]), int(row["Month"][5:7]), 1),
        row["Reported by"],
        row["Falls within"],
        number(row["Longitude"]),
        number(row["Latitude"]),
        row["Location"],
        row["LSOA code"],
        row["LSOA name"],
        row["Crime type"],
        row["Last outcome category"],
        row["Context"],
    )


def stored_rows():
    fields = [
        "crime_id",
        "month",
        "reported_by",
        "falls_within",
        "longitude",
        "latitude",
        "location",
        "lsoa_code",
        "lsoa_name",
        "crime_type",
        "last_outcome",
        "context",
    ]
    return StreetCrime.objects.order_by("id").values_list(*fields)


def awkward(lines):
    """Values a CSV writer must quote, and text beyond ASCII."""
    lines[1] = lines[1].replace("On or near ", '"On or near ""The Strand"", by the\n', 1)
    lines[1] = lines[1].replace(",E0", '",E0', 1)
    lines[2] = lines[2].replace("On or near ", "On or near Café Ünïcode ", 1)
    lines[3] = lines[3].rstrip("\r\n") + '"Context, with a comma"\n'
    lines[4] = lines[4].replace(",City of London Police,City", ',"Police, City",City', 1)


@pytest.mark.parametrize("numpy", [True, False], ids=["numpy", "tuples"])
@pytest.mark.parametrize("chunk", [1 << 30, 0], ids=["files-together", "file-by-file"])
def test_every_value_is_stored_as_published(city, tmp_path, monkeypatch, numpy, chunk):
    """Every row and value, whether DuckDB's columns come through NumPy or as tuples, and files
    read together or one by one."""
    monkeypatch.setattr("cspboard.performance.importers.filerows.NUMPY", numpy)
    monkeypatch.setattr("cspboard.performance.importers.filerows.CHUNK_ROWS", chunk)
    odd = corrupt(city[2], tmp_path / "2019-03-odd-street.csv", awkward)
    # A file with no row in the area between two with some: its rows have no LSOA, as the
    # "No Location" rows of the others, which the area leaves out too.
    files = [city[0], tmp_path / "2019-04-elsewhere-street.csv", odd]
    lines = city[0].read_text(encoding="utf-8").splitlines(keepends=True)
    nowhere = [
        line.replace(",2019-01,", ",2019-04,", 1) for line in lines if ",No Location,," in line
    ]
    files[1].write_text(lines[0] + "".join(nowhere), encoding="utf-8")
    codes = {row["LSOA code"] for row in csv_rows(files)} - {""}
    area = area_create(name="Every LSOA", slug="every", kind="place", lsoas=sorted(codes))

    report = street_crimes_import(paths=files, area=area)

    expected = [as_published(row) for row in csv_rows(files) if row["LSOA code"]]
    assert sum("\n" in row[6] for row in expected) == 1
    assert list(stored_rows()) == expected
    assert [f.rows_kept for f in report.files] == [
        sum(1 for row in csv_rows([file]) if row["LSOA code"]) for file in files
    ]
    assert report.files[1].rows_kept == 0 < report.files[1].rows_read


def test_rows_not_in_file_order_are_read_again_file_by_file(city, monkeypatch):
    """Files read together are split by file; rows that ever came mixed are read again."""
    read = FileRows._values

    def reversed_files(self, con, indexes):
        values, positions = read(self, con, indexes)
        return values, positions[::-1] if len(indexes) > 1 else positions

    monkeypatch.setattr(FileRows, "_values", reversed_files)
    street_crimes_import(paths=city)
    assert list(stored_rows()) == [as_published(row) for row in csv_rows(city)]


def test_a_files_rows_asked_for_again_are_read_again(city):
    with read_street_files(city[:2]) as reading:
        first = reading.rows(reading.files[0])
        again = reading.rows(reading.files[0])
        assert len(first) == 617
        assert again.values == first.values
        assert (first.bump, again.bump) == (True, False)


def test_the_import_moves_the_data_generation_but_a_dry_run_does_not(city, tmp_path):
    """The rows feed pages (any board's indicators), and bulk writes send no signals."""
    from cspboard.core.cache import DATA, generations

    def record_generation():
        return generations().get(DATA, 0)

    before = record_generation()
    street_crimes_import(paths=city[:1], dry_run=True)
    assert record_generation() == before
    broken = corrupt(city[2], tmp_path / "x-street.csv", bad_month)
    with pytest.raises(ImportRefused):
        street_crimes_import(paths=[city[0], broken])
    assert record_generation() == before

    street_crimes_import(paths=city[:1])
    assert record_generation() > before


def test_a_file_changed_during_the_import_is_refused(city, tmp_path):
    """The rows are read again: a file that changed since the check began is refused."""
    street_crimes_import(paths=city[:1])
    before = snapshot()
    second = tmp_path / "2019-02-city-of-london-street.csv"
    shutil.copy(city[1], second)

    def change_after_the_check(message):
        if message.startswith("Checked"):
            with open(second, "a", encoding="utf-8") as file:
                file.write(second.read_text(encoding="utf-8").splitlines()[-1] + "\n")

    with pytest.raises(ImportRefused, match="changed while it was being imported"):
        street_crimes_import(paths=[city[0], second], progress=change_after_the_check)
    assert snapshot() == before
    assert not reading_threads()


def reading_threads():
    return [t for t in threading.enumerate() if t.name == "cspboard-read-ahead"]


def test_no_reading_thread_outlives_an_import(city, tmp_path):
    street_crimes_import(paths=city)
    broken = corrupt(city[2], tmp_path / "y-street.csv", missing_column)
    with pytest.raises(ImportRefused):
        street_crimes_import(paths=[broken])
    assert not reading_threads()


@pytest.mark.parametrize("shape", ["tuples", "flat"])
def test_insert_rows_writes_many_rows_in_batches(shape):
    """More rows than one INSERT takes on SQLite, and not a whole number of INSERTs."""
    count = SQLITE_ROWS * 2 + 7
    rows = [
        (
            "",
            "2020-05-01",
            "Force",
            "Force",
            None,
            51.5 + i / 1e6,
            f"Place {i}",
            "E0",
            "",
            "T",
            "",
            "",
        )
        for i in range(count)
    ]
    block = rows if shape == "tuples" else FlatRows([v for row in rows for v in row], 12)
    with transaction.atomic():
        insert_rows(StreetCrime, FIELDS, block)
    stored = StreetCrime.objects.order_by("id")
    assert stored.count() == count
    assert [c.location for c in stored[:2]] == ["Place 0", "Place 1"]
    assert stored.last().latitude == 51.5 + (count - 1) / 1e6
    assert stored.last().month == datetime.date(2020, 5, 1)
    assert not stored.filter(longitude__isnull=False).exists()


# Reading ahead -----------------------------------------------------------------------------------


class Block(list):
    pass


def test_read_ahead_hands_over_blocks_in_order_within_its_budget():
    produced = []
    gate = threading.Event()

    def produce(index):
        produced.append(index)
        if index == 1:
            gate.wait(5)
        return Block([index] * 10)

    ahead = ReadAhead(4, produce, budget=15)
    try:
        assert ahead.take(0) == [0] * 10
        # Block 1 waits at the gate; the budget holds block 2 back until 1 is taken.
        time.sleep(0.05)
        assert produced == [0, 1]
        gate.set()
        assert ahead.take(1) == [1] * 10
        assert ahead.take(2) == [2] * 10
        assert ahead.take(3) == [3] * 10
        with pytest.raises(LookupError):
            ahead.take(3)
    finally:
        ahead.close()


def test_read_ahead_raises_what_producing_raised_and_stops():
    def produce(index):
        if index == 1:
            raise ImportRefused(Problem("f", "broken"))
        return Block([index])

    ahead = ReadAhead(3, produce, budget=100)
    assert ahead.take(0) == [0]
    with pytest.raises(ImportRefused, match="f: broken"):
        ahead.take(1)
    with pytest.raises(LookupError):
        ahead.take(2)
    ahead.close()


def test_closing_read_ahead_interrupts_and_waits_for_its_thread():
    started, interrupted = threading.Event(), threading.Event()

    def produce(index):
        started.set()
        interrupted.wait(5)
        return Block([index])

    ahead = ReadAhead(100, produce, budget=1, interrupt=interrupted.set)
    assert started.wait(5)
    ahead.close()
    assert interrupted.is_set()
    assert not reading_threads()


# Whole-force files: one borough's rows kept ------------------------------------------------------
# A police.uk file covers a whole force; a board imports it for its area. Every row is checked for
# what says the file is the one meant (its month, force, required columns, twelve columns); the
# coordinates and lengths, which guard what is stored, only in the rows kept.

BARNET_LINE = 2010  # the sample's first Barnet row (line 8 is its first Barking and Dagenham row)


def test_a_whole_force_file_stores_only_the_areas_rows_as_published_and_in_order(met_sample):
    area = area_create(name=B_AND_D, slug="lbbd", kind="borough", lsoa_name_prefix=B_AND_D)

    report = street_crimes_import(paths=[met_sample], area=area)

    expected = [as_published(row) for row in csv_rows([met_sample]) if is_b_and_d(row)]
    assert list(stored_rows()) == expected
    assert (report.rows_read, report.rows_kept) == (4000, 2002)
    log = CrimeImport.objects.get()
    assert (log.area, log.rows_read, log.rows_kept) == (area, 4000, 2002)
    assert log.month == datetime.date(2023, 1, 1)


def met_copy(met_sample, tmp_path, change, name="2023-01-metropolitan-street.csv"):
    return corrupt(met_sample, tmp_path / name, change)


def in_line(number, old, new):
    def change(lines):
        assert old in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new, 1)

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (in_line(BARNET_LINE, ",2023-01,", ",2023-13,"), 'Month "2023-13" is not a month'),
        (in_line(BARNET_LINE, ",Metropolitan Police Service,M", ",,M"), "Reported by is empty"),
        (in_line(BARNET_LINE, ",Other theft,", ",,"), "Crime type is empty"),
    ],
    ids=["bad-month", "no-force", "no-crime-type"],
)
def test_a_bad_row_outside_the_area_still_refuses_the_file_by_line(
    met_sample, tmp_path, change, message
):
    lines = met_sample.read_text(encoding="utf-8").splitlines()
    assert "Barnet" in lines[BARNET_LINE - 1] and ",Other theft," in lines[BARNET_LINE - 1]
    broken = met_copy(met_sample, tmp_path, change)

    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[broken], lsoa_name_prefix=B_AND_D)

    assert f"{broken}, line {BARNET_LINE}: {message}" in str(refused.value)
    assert StreetCrime.objects.count() == CrimeImport.objects.count() == 0


def test_a_row_of_another_month_outside_the_area_refuses_the_file(met_sample, tmp_path):
    """The month is checked on every row: a file holding another month anywhere may be the
    wrong file, and importing it would replace that month."""
    moved = met_copy(met_sample, tmp_path, moved_month("2023-01", "2022-12", BARNET_LINE))
    with pytest.raises(ImportRefused, match=rf"1 row is of 2022-12 \(line {BARNET_LINE}\)"):
        street_crimes_import(paths=[moved], lsoa_name_prefix=B_AND_D)
    assert StreetCrime.objects.count() == 0


def test_coordinates_and_lengths_are_checked_in_the_rows_kept_only(met_sample, tmp_path):
    """A value the database could not keep outside the area is never stored: the file is
    imported. In the area it refuses the file, naming the area's line only, even where the
    same value is outside it too."""
    long_place = "On or near " + "x" * 300

    def outside(lines):
        for number in (BARNET_LINE, BARNET_LINE + 1):
            lines[number - 1] = re.sub(r",-0\.\d+,", ",west,", lines[number - 1], count=1)
            lines[number - 1] = lines[number - 1].replace("On or near ", long_place, 1)

    fine = met_copy(met_sample, tmp_path, outside)
    report = street_crimes_import(paths=[fine], lsoa_name_prefix=B_AND_D)
    assert (report.rows_read, report.rows_kept) == (4000, 2002)
    StreetCrime.objects.all().delete()
    CrimeImport.objects.all().delete()

    def inside_too(lines):
        outside(lines)
        lines[8] = lines[8].replace("On or near ", long_place, 1)  # line 9: Barking and Dagenham
        lines[9] = re.sub(r",-?0\.\d+,", ",west,", lines[9], count=1)  # line 10

    broken = met_copy(met_sample, tmp_path, inside_too, name="2023-01-b-street.csv")
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[broken], lsoa_name_prefix=B_AND_D)
    found = [(p.line, p.message.split(" ")[0]) for p in refused.value.problems]
    assert found == [(9, "Location"), (10, "Longitude")]
    assert "... and" not in str(refused.value)
    assert StreetCrime.objects.count() == 0

    # Imported whole (no area), every row is kept, so every row is checked.
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[broken])
    lines = sorted({p.line for p in refused.value.problems})
    assert lines == [9, 10, BARNET_LINE, BARNET_LINE + 1]


def test_with_no_area_large_files_are_read_again_not_held(city, tmp_path, monkeypatch):
    """Past GATHER_BYTES with no area, every row is kept: the rows are read again from the
    files rather than held in DuckDB, and every check applies to every row in the pass."""
    monkeypatch.setattr("cspboard.performance.importers.street.GATHER_BYTES", 0)
    odd = corrupt(city[2], tmp_path / "2019-03-odd-street.csv", awkward)
    files = [city[0], city[1], odd]

    report = street_crimes_import(paths=files)

    assert list(stored_rows()) == [as_published(row) for row in csv_rows(files)]
    assert report.rows_kept == sum(1 for _ in csv_rows(files))

    def overlong(lines):
        lines[3] = lines[3].replace("On or near ", "On or near " + "x" * 300, 1)
        lines[11] = re.sub(r",-0\.\d+,", ",west,", lines[11], count=1)

    broken = corrupt(city[2], tmp_path / "2019-03-long-street.csv", overlong)
    with pytest.raises(ImportRefused) as refused:
        street_crimes_import(paths=[city[0], broken])
    found = [(p.line, p.message.split(" ")[0]) for p in refused.value.problems]
    assert found == [(4, "Location"), (12, "Longitude")]
