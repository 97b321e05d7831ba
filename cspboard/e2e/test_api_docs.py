"""The open-data API's browsable docs (Swagger UI, served by django-ninja from its own static
files): drawn under the site's Content-Security-Policy (the `page` fixture fails on any
refusal), loading nothing from another host, and able to try an operation."""

from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_docs_page_works_under_the_policy_from_this_host_only(page, scenario, live_server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    assert page.goto("/api/v1/docs").status == 200
    operation = page.locator("#operations-meetings-list_meetings")
    operation.locator("button.opblock-summary-control").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    # The live answer is drawn when the fetch returns: wait for it rather than reading the
    # documented responses table, which is there from the start.
    live = page.locator(".live-responses-table")
    expect(live.locator("td.response-col_status:not(.col_header)").first).to_have_text("200")
    expect(live).to_contain_text("Barking Learning Centre")
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
