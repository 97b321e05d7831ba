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


def test_rating_rule_page_with_errors(page, scenario, sign_in, assert_accessible):
    sign_in("officer", next="/boards/csp/actions/settings/")
    assert_accessible(page)
    page.get_by_label("Amber when due within this many days").fill("-3")
    page.get_by_role("button", name="Save the rule").click()
    assert page.get_by_text("Enter 0 or more days").first.is_visible()
    assert_accessible(page)
