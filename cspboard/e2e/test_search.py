"""Searching the record in Chromium, with axe-core on each page: the public use the box in the
header, refine with the advanced options and follow a result to its item; a member finds the
withheld minutes the public are never shown, not even as a count."""

from playwright.sync_api import expect

from cspboard.meetings.services import agenda_item_add
from cspboard.search.services import search_rebuild


def test_the_public_and_a_member_search(page, scenario, sign_in, assert_accessible):
    item = agenda_item_add(
        meeting=scenario.meeting,
        number="5",
        title="Knife crime in the town centre",
        minutes="<p>Partners discussed knife crime near the station.</p>",
    )
    search_rebuild()

    page.goto("/boards/")
    page.get_by_role("search").get_by_label("Search the record").fill("knife crime")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the record")
    expect(page.get_by_role("heading", name="2 results for “knife crime”")).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Advanced search").click()
    page.get_by_label("Minutes", exact=True).check()
    page.get_by_role("button", name="Search with these options").click()
    expect(page.get_by_role("heading", name="1 result for “knife crime”")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("Knife")
    assert_accessible(page)
    page.get_by_role("link", name="Minutes: 5. Knife crime in the town centre").click()
    page.wait_for_url(f"**{scenario.meeting.get_absolute_url()}#item-{item.pk}")
    expect(page.locator(f"#item-{item.pk}")).to_be_visible()

    page.goto('/search/?q="secret minutes"')
    expect(page.get_by_role("heading", name="No results")).to_be_visible()
    expect(page.get_by_text("named individual")).to_have_count(0)

    sign_in("member", next='/search/?q="secret minutes"')
    expect(page.get_by_role("heading", name='1 result for “"secret minutes"”')).to_be_visible()
    expect(page.get_by_text("about a named individual")).to_be_visible()
    assert_accessible(page)
