"""Importing the Met's recorded-crime counts (London Datastore, wide by month): Parquet and
CSV, checked against a separate DuckDB query of the file itself."""

import datetime
import io

import duckdb
import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from cspboard.performance.models import CrimeCount
from cspboard.performance.months import MonthRange
from cspboard.performance.selectors import recorded_crime_totals
from cspboard.performance.services import ImportRefused, crime_counts_import

pytestmark = pytest.mark.django_db
B_AND_D = "Barking and Dagenham"


def file_query(path, sql, **params):
    """Figures straight from the file (`FILE` in `sql`), with DuckDB and none of the importer's
    code."""
    sql = sql.replace("FILE", "read_parquet($path)")
    return duckdb.execute(sql, {"path": str(path), **params}).fetchall()


def csv_copy(parquet, target):
    duckdb.read_parquet(str(parquet)).write_csv(str(target), header=True)
    return target


def month_columns(path):
    names = [row[0] for row in file_query(path, "DESCRIBE SELECT * FROM FILE")]
    return [name for name in names if name.isdigit()]


def snapshot():
    return list(CrimeCount.objects.order_by("id").values_list("id", "area_name", "month", "count"))


def test_the_borough_parquet_is_unpivoted_one_count_a_month(borough_parquet):
    months = month_columns(borough_parquet)
    cells = " + ".join(f'count("{m}")' for m in months)
    total = " + ".join(f'coalesce(sum("{m}"), 0)' for m in months)
    sums = f"SELECT {cells}, {total}, count(*) FROM FILE"  # noqa: S608 (the file's columns)
    [(expected_rows, expected_sum, rows)] = file_query(borough_parquet, sums)

    report = crime_counts_import(path=borough_parquet)

    assert (report.level, report.areas, len(report.months)) == ("borough", 33, 24)
    assert report.months[0] == datetime.date(2024, 3, 1)
    assert report.counts_written == expected_rows == rows * 24 == CrimeCount.objects.count()
    assert CrimeCount.objects.aggregate(s=Sum("count"))["s"] == expected_sum


def test_barking_and_dagenhams_months_match_the_file(borough_parquet):
    crime_counts_import(path=borough_parquet)
    [(january, violence)] = file_query(
        borough_parquet,
        """SELECT sum("202501"), sum("202501") FILTER (
                WHERE majortext = 'VIOLENCE AGAINST THE PERSON')
            FROM FILE WHERE boroughname = $borough""",
        borough=B_AND_D,
    )
    assert january == 1579  # the file's 31 category rows for January 2025 add up to this

    year = MonthRange.parse("2025-01", "2025-03")
    totals = recorded_crime_totals(level="borough", area=B_AND_D, months=year)
    expected = file_query(
        borough_parquet,
        """SELECT sum("202501"), sum("202502"), sum("202503") FROM FILE
            WHERE boroughname = $borough""",
        borough=B_AND_D,
    )[0]
    assert totals == list(zip(year, expected, strict=True))
    assert totals[0] == (datetime.date(2025, 1, 1), january)
    assert recorded_crime_totals(
        level="borough",
        area=B_AND_D,
        months=MonthRange.parse("2025-01"),
        major_categories=["VIOLENCE AGAINST THE PERSON"],
    ) == [(datetime.date(2025, 1, 1), violence)]
    # A month with no figures stored is None, not 0.
    assert recorded_crime_totals(
        level="borough", area=B_AND_D, months=MonthRange.parse("2024-02")
    ) == [(datetime.date(2024, 2, 1), None)]


def test_importing_again_replaces_never_doubles(borough_parquet):
    crime_counts_import(path=borough_parquet)
    before = CrimeCount.objects.aggregate(s=Sum("count"))["s"], CrimeCount.objects.count()

    report = crime_counts_import(path=borough_parquet)

    assert report.counts_replaced == report.counts_written == before[1]
    assert (CrimeCount.objects.aggregate(s=Sum("count"))["s"], CrimeCount.objects.count()) == (
        before
    )


def test_a_csv_copy_imports_the_same(borough_parquet, tmp_path):
    copy = csv_copy(borough_parquet, tmp_path / "MPS Borough Level Crime.csv")

    out = io.StringIO()
    call_command("import-crime-counts", str(copy), "--level", "borough", stdout=out)

    [(expected,)] = file_query(
        borough_parquet,
        """SELECT sum("202602") FROM FILE WHERE boroughname = $borough""",
        borough=B_AND_D,
    )
    stored = CrimeCount.objects.filter(area_name=B_AND_D, month="2026-02-01")
    assert stored.aggregate(s=Sum("count"))["s"] == expected
    assert CrimeCount.objects.count() == 1032 * 24
    assert "Imported 24,768 borough counts for 33 places, 2024-03 to 2026-02" in out.getvalue()


def corrupt_csv(parquet, target, line, column, value):
    lines = csv_copy(parquet, target).read_text().splitlines(keepends=True)
    cells = lines[line - 1].rstrip("\n").split(",")
    cells[column] = value
    lines[line - 1] = ",".join(cells) + "\n"
    target.write_text("".join(lines))
    return target


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x", "the count for 202403 is 'x', not a whole number from 0"),
        ("-2", "the count for 202403 is '-2', not a whole number from 0"),
        ("2.5", "the count for 202403 is '2.5', not a whole number from 0"),
    ],
)
def test_a_bad_count_in_a_csv_is_refused_by_line(borough_parquet, tmp_path, value, message):
    crime_counts_import(path=borough_parquet)
    before = snapshot()
    broken = corrupt_csv(borough_parquet, tmp_path / "broken.csv", 7, 3, value)

    with pytest.raises(ImportRefused) as refused:
        crime_counts_import(path=broken)

    assert f"{broken}, line 7: {message}" in str(refused.value)
    assert snapshot() == before


def test_a_short_row_and_an_unknown_column_are_refused(borough_parquet, tmp_path):
    broken = csv_copy(borough_parquet, tmp_path / "short.csv")
    lines = broken.read_text().splitlines(keepends=True)
    lines[4] = lines[4].rsplit(",", 2)[0] + "\n"
    broken.write_text("".join(lines))
    with pytest.raises(ImportRefused, match=r"short.csv, line 5: the row has 25 columns, not 27"):
        crime_counts_import(path=broken)

    odd = tmp_path / "odd.csv"
    odd.write_text("majortext,minortext,boroughname,notes,202401\nA,B,Barnet,x,1\n")
    with pytest.raises(ImportRefused, match='columns "notes" are neither'):
        crime_counts_import(path=odd)
    assert CrimeCount.objects.count() == 0


def test_unreadable_files_are_refused_in_plain_words_by_line(tmp_path):
    """Before, a byte that is not UTF-8 past the header gave Python's decoding error ("position
    604"), a stray carriage return DuckDB's parser state and options, and a truncated Parquet
    file DuckDB's SQL; a file with a header and no counts was imported as nothing."""
    lines = WARDS.encode().splitlines(keepends=True)
    cases = {
        "latin.csv": (lines[:2] + [lines[2].replace(b"Merton", b"M\xe9rton")] + lines[3:], 3),
        "return.csv": (lines[:3] + [lines[3].replace(b"THEFT,", b"THEFT\r,")], 4),
    }
    for name, (content, line) in cases.items():
        path = tmp_path / name
        path.write_bytes(b"".join(content))
        with pytest.raises(ImportRefused) as refused:
            crime_counts_import(path=path)
        assert len(refused.value.problems) == 1
        problem = refused.value.problems[0]
        assert (problem.source, problem.line) == (str(path), line), str(refused.value)
        assert "Error" not in problem.message and "strict_mode" not in problem.message

    header = tmp_path / "header.csv"
    header.write_bytes(lines[0].replace(b"wardname", b"w\xe4rdname"))
    with pytest.raises(ImportRefused, match=r"header.csv, line 1: the header is not UTF-8 text$"):
        crime_counts_import(path=header)

    header.write_bytes(lines[0])
    with pytest.raises(ImportRefused, match=r"header.csv: the file has no counts in it$"):
        crime_counts_import(path=header)

    parquet = tmp_path / "cut.parquet"
    duckdb.sql("SELECT 1 AS a").write_parquet(str(parquet))
    parquet.write_bytes(parquet.read_bytes()[:-10])
    with pytest.raises(ImportRefused) as refused:
        crime_counts_import(path=parquet)
    assert str(refused.value).startswith(
        f"Nothing was imported.\n{parquet}: the file cannot be read as Parquet: "
    )
    assert "LINE 1" not in str(refused.value) and "SELECT" not in str(refused.value)
    assert CrimeCount.objects.count() == 0


WARDS = """wardname,wardcode,majortext,minortext,lookup_boroughname,202401,202402
Abbey,E05014053,THEFT,SHOPLIFTING,Barking and Dagenham,12,9
Abbey,E05013810,THEFT,SHOPLIFTING,Merton,4,
Village,E05014071,THEFT,SHOPLIFTING,Barking and Dagenham,3,5
"""


def test_wards_are_known_by_code_and_empty_cells_are_skipped(tmp_path):
    wards = tmp_path / "wards.csv"
    wards.write_text(WARDS)

    report = crime_counts_import(path=wards)

    assert (report.level, report.areas, report.counts_written) == ("ward", 3, 5)
    rows = CrimeCount.objects.filter(area_name="Abbey").order_by("area_code", "month")
    assert [(c.area_code, c.borough, c.month.month, c.count) for c in rows] == [
        ("E05013810", "Merton", 1, 4),
        ("E05014053", "Barking and Dagenham", 1, 12),
        ("E05014053", "Barking and Dagenham", 2, 9),
    ]
    assert recorded_crime_totals(
        level="ward", area="E05014053", months=MonthRange.parse("2024-01", "2024-02")
    ) == [(datetime.date(2024, 1, 1), 12), (datetime.date(2024, 2, 1), 9)]

    with pytest.raises(ImportRefused, match="this is a ward file, not a borough file"):
        crime_counts_import(path=wards, level="borough")

    twice = tmp_path / "twice.csv"
    twice.write_text(WARDS + "Abbey,E05014053,THEFT,SHOPLIFTING,Barking and Dagenham,1,1\n")
    with pytest.raises(ImportRefused) as refused:
        crime_counts_import(path=twice)
    assert [p.line for p in refused.value.problems] == [2, 5]
    assert "Abbey, THEFT / SHOPLIFTING is given more than once" in str(refused.value)


def test_a_file_named_like_a_pattern_is_read_as_itself(tmp_path):
    """DuckDB would take "wards[12].csv" for a pattern matching "wards1.csv"."""
    (tmp_path / "wards1.csv").write_text(WARDS.replace(",12,9", ",100,100"))
    named = tmp_path / "wards[12].csv"
    named.write_text(WARDS)

    report = crime_counts_import(path=named)

    assert report.counts_written == 5
    assert CrimeCount.objects.filter(area_code="E05014053").aggregate(s=Sum("count"))["s"] == 21
    broken = tmp_path / "wards{x}.csv"
    broken.write_text(WARDS.replace(",12,9", ",twelve,9"))
    with pytest.raises(ImportRefused, match=r"wards\{x\}\.csv, line 2: the count for 202401"):
        crime_counts_import(path=broken)


def test_a_dry_run_writes_nothing(borough_parquet):
    out = io.StringIO()
    call_command("import-crime-counts", str(borough_parquet), "--dry-run", stdout=out)
    assert "Would import 24,768 borough counts" in out.getvalue()
    assert "Dry run: nothing was written." in out.getvalue()
    assert CrimeCount.objects.count() == 0
    with pytest.raises(CommandError, match="this is a borough file, not a lsoa file"):
        call_command("import-crime-counts", str(borough_parquet), "--level", "lsoa")
