"""axe-core on the pages added since the first set: meetings list, calendars, action log."""

import pytest


@pytest.mark.parametrize(
    "url", ["/boards/csp/meetings/", "/boards/csp/actions/", "/boards/csp/actions/?status=all"]
)
def test_public_lists(page, scenario, assert_accessible, url):
    assert page.goto(url).status == 200
    assert_accessible(page)


@pytest.mark.parametrize("url", ["/boards/csp/meetings/", "/calendars/mine/", "/actions/mine/"])
def test_signed_in_pages(page, scenario, sign_in, assert_accessible, url):
    sign_in("officer", next=url)
    assert page.url.endswith(url)
    assert_accessible(page)
