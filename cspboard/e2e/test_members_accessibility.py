"""axe-core on the officer's pages for a board's members, log-ins and agreements, on the
second-factor pages and on the invitation's set-password page, with and without errors."""

import datetime
import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from cspboard.accounts.services import account_invite
from cspboard.boards.choices import Role
from cspboard.boards.services import membership_add, sharing_agreement_set
from cspboard.people.models import Person
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory

MEMBERS = "/boards/csp/members/"
D = datetime.date


@pytest.fixture
def board_records(scenario):
    board = scenario.board
    police = OrganisationFactory(name="Metropolitan Police Service", slug="met")
    anne = PersonFactory(name="Anne Bristow", slug="anne", organisation=police)
    membership_add(person=anne, board=board, role=Role.CHAIR, start=D(2015, 1, 1))
    tina = PersonFactory(name="Tina Target", slug="tina", email="tina@example.org")
    membership_add(person=tina, board=board, start=D(2020, 1, 1), by=scenario.officer)
    past = PersonFactory(name="Paula Past", slug="paula")
    membership_add(person=past, board=board, start=D(2010, 1, 1), end=D(2012, 1, 1))
    sharing_agreement_set(board=board, organisation=police, status="sent", sent_on=D(2018, 1, 5))
    return scenario


def error_summary(page):
    return page.locator(".govuk-error-summary")


def test_members_page(page, board_records, sign_in, assert_accessible):
    sign_in("officer", next=MEMBERS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Members and agreements")
    expect(page.get_by_text("Metropolitan Police Service").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Create log-in and send invitation to Tina Target").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("An invitation e-mail to")
    assert_accessible(page)


def test_history_page(page, board_records, sign_in, assert_accessible):
    sign_in("officer", next=MEMBERS + "history/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Changes to memberships and agreements"
    )
    assert_accessible(page)


def test_add_a_member_form(page, board_records, sign_in, assert_accessible):
    sign_in("officer", next=MEMBERS + "add/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a member")
    assert_accessible(page)

    page.get_by_label("New person's full name").fill("Nia Newcomer")
    page.get_by_label("Start date").fill("31/02/2024")
    page.get_by_role("button", name="Add member").click()
    expect(error_summary(page)).to_contain_text(
        "The date the membership starts must be a real date"
    )
    expect(page.get_by_label("New person's full name")).to_have_value("Nia Newcomer")
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.get_by_label("Start date").fill("01/04/2024")
    page.get_by_role("button", name="Add member").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Nia Newcomer added")


def test_end_a_membership_form(page, board_records, sign_in, assert_accessible):
    sign_in("officer", next=MEMBERS)
    page.get_by_role("link", name="End Tina Target's membership as member").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("End Tina Target's membership")
    assert_accessible(page)
    page.get_by_label("Last day of the membership").fill("31/12/2019")
    page.get_by_role("button", name="End membership").click()
    expect(error_summary(page)).to_contain_text("on or after the day the membership started")
    assert_accessible(page)


def test_hand_over_the_chair_form(page, board_records, sign_in, assert_accessible):
    sign_in("officer", next=MEMBERS)
    page.get_by_role("button", name="Hand the chair to someone else").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand the chair to someone else")
    assert_accessible(page)
    page.get_by_role("button", name="Hand over the chair").click()
    expect(error_summary(page)).to_contain_text("Choose the new chair")
    assert_accessible(page)


def test_sharing_agreement_form(page, board_records, sign_in, assert_accessible):
    sign_in("officer", next=MEMBERS)
    page.get_by_role("link", name="Change Metropolitan Police Service's agreement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("information sharing agreement")
    assert_accessible(page)
    page.get_by_label("Status").select_option("signed")
    page.get_by_label("Date signed").fill("01/01/2018")
    page.get_by_role("button", name="Save").click()
    expect(error_summary(page)).to_contain_text(
        "The date it was signed must be on or after the date it was sent"
    )
    assert_accessible(page)


def test_person_pages_for_an_officer(page, board_records, sign_in, assert_accessible):
    sign_in("officer", next="/people/anne/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anne Bristow")
    assert_accessible(page)
    page.get_by_role("link", name="Delete Anne Bristow from the record").click()
    expect(error_summary(page)).to_contain_text("End the membership instead")
    assert_accessible(page)


def test_second_factor_set_up_and_verify(page, scenario, sign_in, assert_accessible, settings):
    settings.REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    scenario.member.email = "member@example.org"
    scenario.member.save(update_fields=["email"])
    sign_in("member", next="/boards/csp/meetings/2018-03-28/")
    # A password alone: told how to get the set-up link, which goes to the member's e-mail.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up your authenticator app with the link we e-mail you"
    )
    assert_accessible(page)
    page.get_by_role("button", name="E-mail me a link").click()
    expect(page.get_by_text("A link is on its way to member@example.org")).to_be_visible()
    link = re.search(r"http\S+(/accounts/two-factor/link/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    assert_accessible(page)
    page.get_by_label("Code").fill("12")
    page.get_by_role("button", name="Continue").click()
    expect(error_summary(page)).to_contain_text(
        "Enter the 6-digit code from your authenticator app"
    )
    assert_accessible(page)

    # Skipping it: signed in, nothing withheld, and the header says how to see more.
    page.goto("/boards/csp/meetings/2018-03-28/")
    link = page.get_by_role("link", name="Verify your sign-in to see restricted papers")
    expect(link).to_be_visible()
    expect(page.get_by_text("SECRET-MINUTES")).to_have_count(0)
    assert_accessible(page)

    link.click()
    device = TOTPDevice.objects.get(user=scenario.member)
    page.get_by_label("Code").fill(f"{totp(device.bin_key, device.step, device.t0):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("SECRET-MINUTES")).to_be_visible()

    # Next time: the verify page.
    page.get_by_role("button", name="Sign out").click()
    sign_in("member")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify your sign-in")
    assert_accessible(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(error_summary(page)).to_be_visible()
    assert_accessible(page)


def test_invitation_set_password_page(page, board_records, assert_accessible):
    account_invite(person=Person.objects.get(slug="tina"))
    link = re.search(r"http\S+(/accounts/invitation/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set your password")
    assert_accessible(page)
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Enter the password again").fill("different")
    page.get_by_role("button", name="Set password").click()
    expect(error_summary(page)).to_contain_text("The passwords do not match")
    assert_accessible(page)

    page.goto("/accounts/invitation/NA/bad-token/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    assert_accessible(page)
