"""The open-data API's browsable docs (Swagger UI, served by django-ninja from its own static
files): drawn under the site's Content-Security-Policy (the `page` fixture fails on any
refusal), loading nothing from another host, and able to try an operation."""

from urllib.parse import urlsplit


def test_docs_page_works_under_the_policy_from_this_host_only(page, scenario, live_server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    assert page.goto("/api/v1/docs").status == 200
    operation = page.locator("#operations-meetings-list_meetings")
    operation.locator("button.opblock-summary-control").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    assert page.locator(".responses-table .response-col_status").first.inner_text().strip()
    assert "Barking Learning Centre" in page.locator(".responses-wrapper").inner_text()
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
