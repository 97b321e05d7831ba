"""Uploading figures: read CSV and XLSX, check every line, preview old -> new, then write all
or nothing."""

import datetime
import functools
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cspboard.performance.models import Measurement
from cspboard.performance.tests.factories_web import analyst_of, seed_indicators
from cspboard.performance.uploads import (
    CHANGED,
    NEW,
    UNCHANGED,
    UploadError,
    UploadRow,
    check_upload,
    read_upload,
)

pytestmark = pytest.mark.django_db
UPLOAD = "/boards/csp/performance/upload/"
FEBRUARY = datetime.date(2018, 2, 1)

GOOD_CSV = (
    "indicator,month,value,denominator,series\r\n"
    "burglary,2018-02,150,,\r\n"  # new
    "2,2018-01,180,,local\r\n"  # by number: January was 176
    "Burglary,2018-02,6500,,benchmark\r\n"  # London's February
    "20,2018-02,3,21,\r\n"  # MARAC: 3 repeat referrals of 21 cases
    "10,2018-01,1,,\r\n"  # gun crime: January as it is
)


@pytest.fixture
def seeded(scenario):
    scenario.indicators = seed_indicators(scenario.board, scenario.subgroup)
    scenario.analyst = analyst_of(scenario.board)
    return scenario


def xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def stored():
    return sorted(
        Measurement.objects.values_list(
            "indicator__slug", "series", "month", "value", "denominator"
        )
    )


def upload(client, name, content):
    return client.post(UPLOAD, {"step": "upload", "file": SimpleUploadedFile(name, content)})


# Reading ---------------------------------------------------------------------------------------


def test_a_csv_is_read_with_its_line_numbers():
    rows = read_upload("figures.csv", GOOD_CSV.encode("utf-8-sig"))
    assert [r.line for r in rows] == [2, 3, 4, 5, 6]
    assert rows[3].cells == {
        "indicator": "20",
        "month": "2018-02",
        "value": "3",
        "denominator": "21",
        "series": "",
    }


def test_semicolons_any_column_order_and_blank_lines():
    data = b"Month;Value;Indicator\n\n2018-02;150;burglary\n"
    (row,) = read_upload("figures.csv", data)
    assert row.line == 3
    assert row.cells == {"month": "2018-02", "value": "150", "indicator": "burglary"}


def test_an_xlsx_is_read_with_dates_as_months():
    data = xlsx(
        [
            ["Figures for the board"],
            ["Indicator", "Month", "Value"],
            ["burglary", datetime.datetime(2018, 2, 1), 150],
            ["2", "2018-03", 160.0],
        ]
    )
    rows = read_upload("figures.xlsx", data)
    assert [(r.line, r.cells) for r in rows] == [
        (3, {"indicator": "burglary", "month": "2018-02", "value": "150"}),
        (4, {"indicator": "2", "month": "2018-03", "value": "160"}),
    ]


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("figures.pdf", b"%PDF-1.4", "Choose a CSV or XLSX file."),
        ("figures.csv", b"PK\x03\x04rest", "Choose a CSV or XLSX file."),
        ("figures.xlsx", b"not a zip", "not an XLSX workbook"),
        ("figures.csv", b"a,b,c\n1,2,3\n", "No header row was found"),
        ("figures.csv", b"indicator,month\nburglary,2018-02\n", "has no \u201cvalue\u201d column"),
    ],
)
def test_files_that_cannot_be_read(name, data, message):
    with pytest.raises(UploadError, match=message):
        read_upload(name, data)


# Checking ---------------------------------------------------------------------------------------


def test_the_plan_says_what_changes(seeded):
    plan = check_upload(board=seeded.board, rows=read_upload("f.csv", GOOD_CSV.encode()))
    assert plan.is_valid
    outcomes = [(r.line, r.outcome, r.old_value, r.value) for r in plan.rows]
    assert outcomes == [
        (2, NEW, None, Decimal(150)),
        (3, CHANGED, Decimal(176), Decimal(180)),
        (4, NEW, None, Decimal(6500)),
        (5, NEW, None, Decimal(3)),
        (6, UNCHANGED, Decimal(1), Decimal(1)),
    ]
    assert plan.rows[2].series == "benchmark"
    assert plan.rows[3].denominator == Decimal(21)
    assert len(plan.measurement_rows()) == 4


def row(line, **cells):
    return UploadRow(line=line, cells={"indicator": "burglary", "month": "2018-02"} | cells)


@pytest.mark.parametrize(
    "cells,error",
    [
        ({"indicator": "99", "value": "1"}, "“99” in “indicator” is not one of the board's"),
        ({"month": "Febuary", "value": "1"}, "“Febuary” in “month” is not a month"),
        ({"value": ""}, "Enter the value"),
        ({"value": "ten"}, "“ten” in “value” is not a number"),
        ({"value": "-3"}, "“-3” in “value” is below zero"),
        ({"value": "1.00001"}, "more than 4 decimal places"),
        ({"value": "1", "series": "national"}, "must be local or benchmark"),
        ({"value": "1", "denominator": "4"}, "is not a percentage: leave “denominator” blank"),
        (
            {"indicator": "20", "value": "30", "denominator": "20"},
            "“value” is more than “denominator”",
        ),
        ({"indicator": "20", "value": "130"}, "“value” is over 100"),
        ({"indicator": "9", "value": "1"}, "is in development"),
    ],
)
def test_a_bad_line_says_what_is_wrong(seeded, cells, error):
    plan = check_upload(board=seeded.board, rows=[row(7, **cells)])
    assert not plan.is_valid
    assert any(error in message for message in plan.rows[0].errors), plan.rows[0].errors


def test_a_line_repeated_is_an_error(seeded):
    plan = check_upload(board=seeded.board, rows=[row(2, value="1"), row(3, value="2")])
    assert plan.rows[1].errors == ["Line 2 has the same indicator, month and series"]


def test_a_counted_indicator_takes_only_a_benchmark(seeded):
    from cspboard.performance.choices import DataSource
    from cspboard.performance.services import indicator_update

    indicator_update(
        indicator=seeded.indicators["gun"],
        data_source=DataSource.CRIME_COUNTS,
        count_level="borough",
        count_area_name="Barking and Dagenham",
        by=None,
    )
    plan = check_upload(
        board=seeded.board,
        rows=[
            UploadRow(2, {"indicator": "10", "month": "2018-02", "value": "3"}),
            UploadRow(
                3, {"indicator": "10", "month": "2018-02", "value": "300", "series": "benchmark"}
            ),
        ],
    )
    assert "upload only its benchmark" in plan.rows[0].errors[0]
    assert plan.rows[1].errors == []


# The page: preview, confirm, all or nothing -----------------------------------------------------


def test_preview_then_confirm_a_csv(client, seeded):
    client.force_login(seeded.analyst)
    before = stored()
    response = upload(client, "figures.csv", GOOD_CSV.encode())
    assert response.status_code == 200
    text = response.content.decode()
    assert "3 new figures and 1 changed figure" in text
    assert "Nothing is saved until you confirm." in text
    assert stored() == before  # the preview writes nothing
    token = response.context["token"]
    assert token

    response = client.post(UPLOAD, {"step": "confirm", "token": token})
    assert response.status_code == 302
    assert response["Location"] == "/boards/csp/performance/data/"
    burglary = seeded.indicators["burglary"]
    assert Measurement.objects.get(indicator=burglary, series="local", month=FEBRUARY).value == 150
    assert (
        Measurement.objects.get(
            indicator=burglary, series="local", month=datetime.date(2018, 1, 1)
        ).value
        == 180
    )
    marac = Measurement.objects.get(indicator=seeded.indicators["marac"], month=FEBRUARY)
    assert (marac.value, marac.denominator) == (3, 21)
    assert len(stored()) == len(before) + 3
    # the rows were used up: confirming again changes nothing
    again = client.post(UPLOAD, {"step": "confirm", "token": token})
    assert again.status_code == 302 and again["Location"] == UPLOAD


def test_preview_then_confirm_an_xlsx(client, seeded):
    client.force_login(seeded.officer)
    data = xlsx(
        [
            ["Indicator", "Month", "Value", "Series"],
            ["burglary", datetime.datetime(2018, 2, 1), 150, None],
            ["burglary", datetime.datetime(2018, 2, 1), 6500, "benchmark"],
        ]
    )
    response = upload(client, "figures.xlsx", data)
    assert response.status_code == 200
    assert b"2 new figures and 0 changed figures" in response.content
    response = client.post(UPLOAD, {"step": "confirm", "token": response.context["token"]})
    assert response.status_code == 302
    assert Measurement.objects.filter(month=FEBRUARY, indicator__slug="burglary").count() == 2


def test_errors_with_line_numbers_and_nothing_written(client, seeded):
    client.force_login(seeded.analyst)
    before = stored()
    bad = GOOD_CSV + "burglary,2018-13,5,,\r\n" + "nothing,2018-02,5,,\r\n"
    response = upload(client, "figures.csv", bad.encode())
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing has been saved." in text
    assert '<a href="#line-7">Line 7: “2018-13” in “month” is not a month' in text
    assert '<a href="#line-8">Line 8: “nothing” in “indicator” is not one of' in text
    assert 'id="line-2"' in text  # the good lines are shown too
    assert "Check the file" in text  # and the form to upload the corrected file
    assert "token" not in response.context or not response.context["token"]
    assert stored() == before
    # and a confirm with no checked upload writes nothing either
    response = client.post(UPLOAD, {"step": "confirm", "token": "made-up"})
    assert response.status_code == 302
    assert stored() == before


def test_a_file_changing_nothing_offers_nothing_to_save(client, seeded):
    client.force_login(seeded.analyst)
    response = upload(client, "figures.csv", b"indicator,month,value\nburglary,2018-01,176\n")
    assert response.status_code == 200
    assert b"Nothing to save: every figure in the file is already saved." in response.content
    assert not response.context["token"]


def test_a_file_that_cannot_be_read_is_an_error_on_the_field(client, seeded):
    client.force_login(seeded.analyst)
    response = upload(client, "figures.csv", b"a,b\n1,2\n")
    assert response.status_code == 400
    assert b'<a href="#id_file">No header row was found' in response.content
    response = upload(client, "figures.doc", b"hello")
    assert b"The selected file must be a CSV or XLSX file" in response.content


def test_figures_changed_between_preview_and_confirm_are_checked_again(client, seeded):
    """The confirm checks the lines against the board as it is then: an indicator put in
    development since the preview makes the upload fail whole, with nothing written."""
    from cspboard.performance.services import indicator_update

    client.force_login(seeded.analyst)
    response = upload(client, "figures.csv", GOOD_CSV.encode())
    before = stored()
    indicator_update(indicator=seeded.indicators["marac"], in_development=True, by=None)
    response = client.post(UPLOAD, {"step": "confirm", "token": response.context["token"]})
    assert response.status_code == 400
    assert b"Line 5: Indicator 20 is in development" in response.content
    assert stored() == before


def test_others_cannot_upload(client, seeded):
    client.force_login(seeded.member)
    response = upload(client, "figures.csv", GOOD_CSV.encode())
    assert response.status_code == 404


# Files no upload takes ---------------------------------------------------------------------------

FIGURES = [
    ["indicator", "month", "value"],
    ["burglary", "2018-02", 150],
    ["burglary", "2018-03", 7],
]


@functools.cache
def bad_files():
    from cspboard.core.tests.bad_workbooks import bomb, broken_workbooks

    files = {"bomb.xlsx": bomb(FIGURES, megabytes=300, text="burglary")}
    files |= broken_workbooks(FIGURES)
    files |= {"nul.csv": b"indicator,month,value\nburglary,2018-02,\x00\n"}
    files |= {"encoding.csv": b"indicator,month,value\nburglary,2018-02,\x81\x8d\n"}
    return files


@pytest.mark.parametrize("name", list(bad_files()))
def test_a_bad_file_gets_a_message_on_the_form_never_a_500(client, seeded, name):
    """A zip bomb was previewed after 13 s and 2 GB; a workbook cut short or without its sheet
    gave a 500."""
    client.force_login(seeded.analyst)
    before = stored()
    response = upload(client, name, bad_files()[name])
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert "govuk-error-summary" in response.content.decode()
    assert not response.context["token"]
    assert stored() == before
