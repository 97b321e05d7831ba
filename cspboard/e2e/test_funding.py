"""A provider sends a quarterly return through the link of its request e-mail, without an
account, in Chromium with axe-core on every page; then the board's officer finds it on the
funding page and accepts it."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from cspboard.funding import services
from cspboard.funding.models import QuarterlyReturn
from cspboard.funding.tests.factories import FundingStreamFactory
from cspboard.people.tests.factories import OrganisationFactory

from .conftest import PASSWORD


@pytest.fixture
def requested(scenario):
    stream = FundingStreamFactory(
        board=scenario.board, name="London Crime Prevention Fund", short_name="LCPF"
    )
    award = services.award_create(
        stream=stream,
        provider=OrganisationFactory(name="Box-Up"),
        service_name="Detached outreach on Ilford Lane",
        status="awarded",
        contact_name="Sam Provider",
        contact_email="sam@boxup.example",
    )
    services.award_amount_set(award=award, financial_year=2023, amount=Decimal(40000))
    services.measure_add(
        award=award, name="Young people engaged", unit="people", annual_target=Decimal(80)
    )
    services.measure_add(
        award=award, name="Referrals to support", kind="outcome", quarterly_target=Decimal(5)
    )
    services.return_request(
        award=award, financial_year=2023, quarter=1, today=datetime.date(2023, 7, 3)
    )
    # Delivered once the request committed (the outbox keeps no body once sent).
    (sent,) = [m for m in mail.outbox if m.to == ["sam@boxup.example"]]
    body = sent.body
    scenario.link = re.search(r"https?://\S+/funding/returns/\S+/", body).group(0)
    scenario.award = award
    return scenario


def test_a_provider_submits_a_return_and_the_officer_accepts_it(
    page, live_server, requested, assert_accessible
):
    s = requested
    path = s.link[s.link.index("/funding/returns/") :]
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quarter 1 2023/24 return")
    assert_accessible(page)

    page.get_by_label("Young people engaged (people)").fill("about twenty")
    page.get_by_label("Referrals to support").fill("6")
    page.get_by_label("Spend in the quarter (£)").fill("9500")
    page.get_by_label("Progress this quarter").fill("Outreach ran four evenings a week.")
    page.get_by_role("button", name="Send the return", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("as a number")
    assert_accessible(page)
    # What was typed is still there.
    expect(page.get_by_label("Progress this quarter")).to_have_value(
        "Outreach ran four evenings a week."
    )
    expect(page.get_by_label("Young people engaged (people)")).to_have_value("about twenty")

    page.get_by_label("Young people engaged (people)").fill("22")
    page.get_by_role("button", name="Send the return", exact=True).click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Return sent")
    assert_accessible(page)
    assert QuarterlyReturn.objects.get().status == "submitted"

    # The officer signs in and finds it waiting.
    page.goto("/accounts/login/?next=/boards/csp/funding/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding")
    expect(page.get_by_role("row", name=re.compile("Detached outreach"))).to_contain_text(
        "Submitted"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Quarter 1 2023/24").click()
    expect(page.get_by_text("Outreach ran four evenings a week.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Accept the return").check()
    page.get_by_role("button", name="Save the review", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("return accepted")
    assert QuarterlyReturn.objects.get().status == "accepted"
    # The award's page now rates it: 22 of 20 expected, 6 of 5, £9,500 of £10,000.
    page.goto(s.award.get_absolute_url())
    expect(page.locator("table").first).to_contain_text("22")
    assert_accessible(page)


def test_the_funding_pages_and_forms_are_accessible(
    page, live_server, requested, assert_accessible
):
    s = requested
    page.goto("/boards/csp/funded-services/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Funded services")
    expect(page.get_by_role("link", name="Detached outreach on Ilford Lane")).to_be_visible()
    assert_accessible(page)
    page.goto("/accounts/login/?next=/boards/csp/funding/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding")
    base = f"/boards/csp/funding/awards/{s.award.pk}/"
    for path, heading in [
        ("/boards/csp/funding/streams/add/", "Add a funding stream"),
        ("/boards/csp/funding/awards/add/", "Add an award"),
        (base + "change/", "Change"),
        (base + "amounts/", "Set an amount"),
        (base + "measures/add/", "Add a measure"),
        (base + "returns/request/", "Ask for a quarterly return"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_accessible(page)
    # A form sent empty shows its errors, accessibly.
    page.goto(base + "measures/add/")
    page.get_by_role("button", name="Add the measure", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what the measure counts")
    assert_accessible(page)
    # An altered link: a clear page, nothing of the return.
    page.goto(
        s.link[s.link.index("/funding/returns/") :].replace(
            "/funding/returns/e", "/funding/returns/x"
        )
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("This link is not valid")
    assert_accessible(page)
