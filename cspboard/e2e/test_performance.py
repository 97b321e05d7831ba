"""The performance report in Chromium, with axe-core on each of its pages.

The analyst enters a month in the grid, the report moves on to it, a member reads it and the
PDF downloads; the analyst overrides a rating in place (htmx), and the upload and hotspot pages
pass axe too.
"""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cspboard.performance.tests.factories import StreetCrimeFactory
from cspboard.performance.tests.factories_web import analyst_of, seed_indicators

from .conftest import PASSWORD

GRID = "/boards/csp/performance/data/burglary/2017/"
UPLOAD = "/boards/csp/performance/upload/"
HOTSPOTS = "/boards/csp/performance/hotspots/"


@pytest.fixture(autouse=True)
def _worker_elsewhere(settings):
    """The stored report is refreshed by a worker in another process; here none runs, so pages
    show what the data says by computing it when the stored copy is out of date (the fallback
    every page has). Run in the request, the refresh would make each save wait for charts and a
    PDF."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def seeded(scenario):
    seed_indicators(scenario.board, scenario.subgroup)
    scenario.analyst = analyst_of(scenario.board)
    return scenario


def sign_in_as(page, username, next="/"):
    page.goto(f"/accounts/login/?next={next}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {username.title()}")).to_be_visible()


def test_the_analyst_enters_a_month_and_a_member_reads_the_report(
    page, seeded, assert_accessible, tmp_path
):
    sign_in_as(page, "analyst", next=GRID)
    expect(page.get_by_role("heading", level=1)).to_have_text("Figures for 2017/18")
    expect(page.get_by_label("January 2018: value")).to_have_value("176")
    assert_accessible(page)

    # A cell that is not a number: nothing is saved and what was typed stays.
    page.get_by_label("February 2018: value").fill("lots")
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "February 2018's value must be a number"
    )
    expect(page.get_by_label("February 2018: value")).to_have_value("lots")
    assert_accessible(page)

    page.get_by_label("February 2018: value").fill("150")
    page.get_by_label("February 2018: benchmark").fill("6700")
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Burglary: 2 figures saved for 2017/18."
    )

    # The report moves on to February, with the new month in it.
    page.get_by_role("link", name="The report for February 2018").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("to February 2018")
    expect(page.locator("#indicator-burglary")).to_contain_text(
        "Using 2017/18 financial year to date figures at February 2018 (1459 offences)"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # A member reads it, and downloads the PDF.
    sign_in_as(page, "member", next="/boards/csp/")
    page.get_by_role("link", name="Performance", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("to February 2018")
    summary = page.locator("table", has_text="VAWG Subgroup")
    expect(summary).to_contain_text("1459")
    expect(page.get_by_role("link", name="Change the rating or commentary")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report as a PDF").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "csp-performance-report-2018-02.pdf"
    assert Path(saved).read_bytes().startswith(b"%PDF-")

    # The month picker goes back to January.
    page.get_by_label("Report for another month").select_option(label="January 2018")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("to January 2018")
    assert_accessible(page)


def test_the_analyst_overrides_a_rating_in_place(page, seeded, assert_accessible):
    sign_in_as(page, "analyst", next="/boards/csp/performance/2018-01/")
    page.get_by_role("link", name="Change the rating or commentary of Burglary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2. Burglary")
    assert_accessible(page)
    url = page.url

    page.get_by_role("button", name="Save the rating").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the rating")
    assert_accessible(page)

    page.get_by_label("Amber").check()
    page.get_by_label("Reason").fill("A new burglary and robbery unit started in January")
    page.get_by_role("button", name="Save the rating").click()
    panel = page.locator("#indicator-panel")
    expect(panel).to_contain_text("The rating is saved.")
    expect(panel).to_contain_text("Reason: A new burglary and robbery unit started in January")
    assert page.url == url  # swapped in place
    assert_accessible(page)

    page.goto("/boards/csp/performance/2018-01/")
    row = page.locator("tr", has_text="1309, up 25.1%")
    expect(row).to_contain_text("Amber")
    expect(row).to_contain_text("Set by the analyst")


def test_the_upload_page(page, seeded, assert_accessible, tmp_path):
    sign_in_as(page, "analyst", next=UPLOAD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload performance figures")
    assert_accessible(page)
    bad = tmp_path / "figures.csv"
    bad.write_text("indicator,month,value\nburglary,2018-02,150\nnothing,2018-02,5\n")
    page.get_by_label("Spreadsheet").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Line 3: “nothing”")
    assert_accessible(page)

    good = tmp_path / "good.csv"
    good.write_text("indicator,month,value\nburglary,2018-02,150\n2,2018-01,180\n")
    page.get_by_label("Spreadsheet").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("1 new figure and 1 changed figure")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save 2 figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "2 figures saved from good.csv."
    )
    assert_accessible(page)


def test_the_hotspot_page(page, scenario, assert_accessible):
    page.goto(HOTSPOTS)
    expect(page.get_by_text("No police.uk street crimes have been imported yet")).to_be_visible()
    assert_accessible(page)

    for month, count in ((datetime.date(2019, 1, 1), 2), (datetime.date(2019, 2, 1), 4)):
        for _ in range(count):
            StreetCrimeFactory(month=month, crime_type="Burglary")
    page.goto(HOTSPOTS)
    page.get_by_label("Crime type").select_option("Burglary")
    page.get_by_label("From").select_option(label="February 2019")
    page.get_by_label("To").select_option(label="February 2019")
    page.get_by_role("button", name="Show hotspots").click()
    expect(page.locator("table").first).to_contain_text("Up 2 (+100.0%)")
    assert_accessible(page)


def test_the_data_index_and_the_indicator_form(page, seeded, assert_accessible):
    sign_in_as(page, "officer", next="/boards/csp/performance/data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter performance figures")
    assert_accessible(page)
    page.get_by_role("link", name="Add an indicator").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save the indicator").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the indicator's name")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Arson")
    page.get_by_role("button", name="Save the indicator").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Arson is saved.")
