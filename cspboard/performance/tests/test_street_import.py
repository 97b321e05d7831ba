"""Importing police.uk street files: counts checked against Python's csv module, replacing not
doubling, refusing corrupt files without writing, archives, areas and dry runs."""

import datetime
import io
import re
import shutil
import zipfile

import pytest
from django.core.management import CommandError, call_command

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
