"""Places of concern in Chromium, with axe-core on each page.

The public sees the hotspots map (drawn from the server's counts by neighbourhood, the places
of concern on top) with its tables, and nothing is fetched from another host; without
JavaScript the tables are the page. An officer adds a place and records what was found there.
"""

import datetime

import pytest
from playwright.sync_api import expect

from cspboard.performance.tests.factories import StreetCrimeFactory
from cspboard.places import services

HOTSPOTS = "/boards/csp/performance/hotspots/"
JAN = datetime.date(2023, 1, 1)


@pytest.fixture
def mapped(scenario):
    for lat, lon in ((51.5391, 0.0812), (51.5395, 0.0816), (51.5401, 0.0822)):
        StreetCrimeFactory(
            month=JAN, latitude=lat, longitude=lon, lsoa_code="E01000020", lsoa_name="Barking 015C"
        )
    StreetCrimeFactory(
        month=JAN,
        latitude=51.5416,
        longitude=0.1459,
        lsoa_code="E01000030",
        lsoa_name="Dagenham 013A",
    )
    station = services.place_create(
        board=scenario.board,
        name="Barking Station and Station Parade",
        kind="station",
        latitude="51.538751",
        longitude="0.080638",
    )
    services.finding_add(
        place=station,
        source="eva",
        found_on=datetime.date(2021, 12, 8),
        text="Environmental Visual Audit by the MPS",
        reported_by="Metropolitan Police Service",
    )
    services.place_create(
        board=scenario.board,
        name="Restricted yard",
        latitude="51.545",
        longitude="0.09",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    return scenario


def test_the_public_sees_the_map_with_its_table(
    page, mapped, live_server, assert_accessible, browser
):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(HOTSPOTS)
    expect(page.get_by_role("heading", name="All crime types, January 2023")).to_be_visible()
    the_map = page.locator("#hotspot-map")
    expect(the_map).to_have_attribute("data-drawn", "true")
    expect(the_map).to_be_visible()
    # The map drew what its tables list: two neighbourhoods' circles and one place.
    expect(the_map).to_have_attribute("data-cells", "2")
    expect(the_map).to_have_attribute("data-markers", "1")
    expect(the_map.locator("path.csp-map-cell")).to_have_count(2)
    expect(the_map.locator("path.csp-map-marker")).to_have_count(1)
    cells = page.locator("#hotspot-map-cells tbody tr")
    expect(cells).to_have_count(2)
    expect(cells.nth(0)).to_contain_text("Barking 015C")
    expect(cells.nth(0).locator("td").nth(1)).to_have_text("3")
    expect(cells.nth(1)).to_contain_text("Dagenham 013A")
    expect(cells.nth(1).locator("td").nth(1)).to_have_text("1")
    places = page.locator("#hotspot-map-places tbody tr")
    expect(places).to_have_count(1)
    expect(places.first).to_contain_text("Barking Station and Station Parade")
    expect(places.first).to_contain_text("Environmental Visual Audit, 8 December 2021")
    expect(page.get_by_text("Restricted yard")).to_have_count(0)
    # The places layer can be switched off and on, and its marker opens a link to the place.
    expect(the_map.get_by_label("Places of concern")).to_be_checked()
    the_map.locator("path.csp-map-marker").click()
    expect(the_map.get_by_role("link", name="Barking Station and Station Parade")).to_be_visible()
    assert_accessible(page)
    # No tile server is set: nothing was asked of any host but this one.
    assert requested and all(url.startswith(live_server.url) for url in requested), requested

    # Without JavaScript the map stays hidden and the tables are the page.
    quiet = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        plain = quiet.new_page()
        plain.goto(HOTSPOTS)
        expect(plain.locator("#hotspot-map-cells tbody tr")).to_have_count(2)
        expect(plain.locator("#hotspot-map")).to_be_hidden()
    finally:
        quiet.close()


def test_an_officer_adds_a_place_and_records_a_finding(page, scenario, sign_in, assert_accessible):
    sign_in("officer", next="/boards/csp/places/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Places of concern")
    assert_accessible(page)
    page.get_by_role("link", name="Add a place").click()
    page.get_by_label("Name", exact=True).fill("Wakering Road, Barking")
    page.get_by_label("What sort of place").select_option("street")
    page.get_by_label("Latitude").fill("95")
    page.get_by_label("Longitude").fill("0.079934")
    page.get_by_role("button", name="Add the place", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The latitude must be between -90 and 90."
    )
    expect(page.get_by_label("Name", exact=True)).to_have_value("Wakering Road, Barking")
    assert_accessible(page)
    page.get_by_label("Latitude").fill("51.540697")
    page.get_by_role("button", name="Add the place", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wakering Road, Barking")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Wakering Road, Barking is added to the board's places."
    )
    assert_accessible(page)

    page.get_by_role("link", name="Record a finding").click()
    page.get_by_label("How it was found").select_option("eva")
    page.get_by_label("Date found").fill("08/12/2021")
    page.get_by_label("Organisation that reported it").select_option(index=0)
    page.get_by_label("What was found").fill(
        "Poor lighting and overgrown planting by the underpass."
    )
    page.get_by_role("button", name="Record the finding", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the organisation that reported it, or say who did"
    )
    assert_accessible(page)
    page.get_by_label("Or who reported it").fill("Metropolitan Police Service")
    page.get_by_role("button", name="Record the finding", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The finding at Wakering Road, Barking is recorded."
    )
    card = page.locator(".govuk-summary-card").first
    expect(card).to_contain_text("Environmental Visual Audit, 8 December 2021")
    expect(card).to_contain_text("Poor lighting and overgrown planting by the underpass.")
    assert_accessible(page)
    page.get_by_role("link", name="Places of concern").first.click()
    expect(page.locator("table")).to_contain_text("Wakering Road, Barking")
    expect(page.locator("table")).to_contain_text("Environmental Visual Audit")
