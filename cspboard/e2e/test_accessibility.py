"""axe-core finds nothing wrong on any page a visitor, a member or an officer reaches."""

import pytest
from playwright.sync_api import expect

MEETING = "/boards/csp/meetings/2018-03-28/"
WRONG_PASSWORD = "not the password"


@pytest.mark.parametrize(
    "url",
    ["/", "/boards/", "/boards/csp/", "/boards/vawg/", MEETING, "/accounts/login/"],
)
def test_public_page(page, scenario, assert_accessible, url):
    response = page.goto(url)
    assert response.status == 200
    assert_accessible(page)


def test_person_page(page, scenario, assert_accessible):
    page.goto(scenario.chair.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiona Chair")
    assert_accessible(page)


def test_meeting_page_for_a_member(page, scenario, sign_in, assert_accessible):
    sign_in("member", next=MEETING)
    expect(page.get_by_text("SECRET-MINUTES")).to_be_visible()
    assert_accessible(page)


def test_not_found_page(page, scenario, assert_accessible):
    response = page.goto("/boards/nope/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_sign_in_with_a_wrong_password(page, scenario, sign_in, assert_accessible):
    sign_in("member", password=WRONG_PASSWORD)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a correct username and password"
    )
    assert_accessible(page)


def test_locked_out_page(page, scenario, sign_in, assert_accessible):
    heading = page.get_by_role("heading", level=1)
    for _ in range(10):
        sign_in("member", password=WRONG_PASSWORD)
        if heading.text_content() == "Your account is locked for now":
            break
    expect(heading).to_have_text("Your account is locked for now")
    assert_accessible(page)


def test_add_a_paper_form(page, scenario, sign_in, assert_accessible):
    sign_in("officer")
    page.goto(f"/documents/add/{scenario.public_item.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add a paper")
    assert_accessible(page)

    page.get_by_role("button", name="Add paper").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the paper's title")
    assert page.title().startswith("Error: ")
    assert_accessible(page)
