"""Publish an agenda, add a late paper, publish a supplement, and read both as a member and as
the public, at a phone's width and a desktop's, with axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from cspboard.documents.tests.factories import make_document, pdf_bytes

MEETING = "/boards/csp/meetings/2030-09-25/"
WIDTHS = [(375, 812), (1280, 800)]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width,height", WIDTHS)
def test_publish_add_a_late_paper_publish_a_supplement(
    page, scenario, sign_in, assert_accessible, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    make_document(scenario.unpublished_item, title="Case file", text="CASE", filename="case.pdf")
    sign_in("officer", next=f"{MEETING}agenda/publish/")
    # Publishing lays out and stores both packs before it answers: give it time.
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name=re.compile("^Publish")).click(no_wait_after=True)
    page.goto(f"{MEETING}documents/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Published documents")
    expect(page.get_by_role("table")).to_contain_text("Public reports pack")
    expect(page.get_by_role("table")).to_contain_text("Members' reports pack")
    assert_accessible(page)
    assert fits(page)

    # A late paper, added the way an officer adds any paper.
    page.goto(MEETING)
    page.get_by_role("link", name="Add a paper to item 1", exact=True).click()
    page.get_by_label("Title").fill("Late briefing")
    page.get_by_label("File").set_input_files(
        {"name": "late.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("LATE")}
    )
    page.get_by_role("button", name="Add paper").click()

    page.goto(f"{MEETING}documents/")
    expect(page.get_by_text("These items were added or changed")).to_be_visible()
    page.get_by_role("button", name="Publish a supplementary agenda").click()
    expect(page.get_by_role("alert")).to_contain_text("Say what changed")
    assert_accessible(page)
    page.get_by_label("What changed").fill("A late briefing on item 1")
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="Publish a supplementary agenda").click(no_wait_after=True)
    expect(page.get_by_role("table")).to_contain_text("Supplementary agenda")
    expect(page.get_by_text("Nothing has changed since")).to_be_visible()

    # A member reads the meeting: both packs and the supplement are listed.
    page.get_by_role("button", name="Sign out").click()
    sign_in("member", next=MEETING)
    documents = page.locator("#documents + ul")
    expect(documents).to_contain_text("Members' reports pack")
    expect(documents).to_contain_text("Supplementary agenda (members)")
    expect(documents).to_contain_text("A late briefing on item 1")
    assert_accessible(page)
    assert fits(page)

    # The public sees the public documents only.
    page.get_by_role("button", name="Sign out").click()
    page.goto(MEETING)
    documents = page.locator("#documents + ul")
    expect(documents).to_contain_text("Public reports pack")
    expect(documents).to_contain_text("Supplementary agenda")
    expect(documents).not_to_contain_text("members")
    assert_accessible(page)
    assert fits(page)
    href = page.get_by_role("link", name="Supplementary agenda (PDF").get_attribute("href")
    answer = page.request.get(href)
    assert answer.status == 200 and answer.body().startswith(b"%PDF-")
