"""The action log in Chromium, with axe-core on each of its pages.

Minutes with ACTION lines become actions the officer confirms; the owner posts an update; the
officer closes the action. Then the import's preview of a spreadsheet with errors, the reminders
the officer can see, and the page an owner without an account reaches from a reminder.
"""

import datetime

import pytest
from playwright.sync_api import expect

from cspboard.actions.links import action_link_path
from cspboard.actions.models import ActionItem
from cspboard.actions.reminders import reminders_send
from cspboard.people.tests.factories import PersonFactory

from .conftest import PASSWORD

DRAFT = "/boards/csp/meetings/2018-06-27/"  # the scenario's meeting with draft minutes
LOG = "/boards/csp/actions/"


@pytest.fixture
def new_page(new_context):
    def make():
        context = new_context()
        context.set_default_timeout(5_000)
        return context.new_page()

    return make


def sign_in_as(page, username, next="/"):
    page.goto(f"/accounts/login/?next={next}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def expect_banner(page, text):
    expect(page.locator(".govuk-notification-banner")).to_contain_text(text)


def test_minutes_become_actions_the_owner_updates_and_the_officer_closes(
    page, new_page, scenario, assert_accessible
):
    item = scenario.draft.items.get()
    sign_in_as(page, "officer", next=f"{DRAFT}minutes/{item.pk}/")
    page.get_by_label("Minutes").fill(
        "The board discussed the plan.\n\n"
        "ACTION: Member to circulate the plan by 30 June 2018.\n\n"
        "ACTION: Officer to book the venue for the workshop."
    )
    page.get_by_role("button", name="Save the minutes").click()
    expect_banner(page, "Minutes of item 1 saved.")

    # The officer confirms what the minutes propose.
    page.goto(f"{DRAFT}actions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Actions")
    assert_accessible(page)
    circulate = page.locator("section", has_text="Member to circulate the plan")
    expect(circulate.get_by_label("Target date")).to_have_value("30/06/2018")
    circulate.get_by_role("button", name="Add to the action log").click()
    expect_banner(page, "Action 1 added to the log.")
    page.locator("section", has_text="Officer to book the venue").get_by_role(
        "button", name="Add to the action log"
    ).click()
    expect_banner(page, "Action 2 added to the log.")
    expect(page.get_by_text("Nothing is waiting.")).to_be_visible()
    assert_accessible(page)

    page.goto(LOG)
    table = page.locator("table.csp-action-table")
    expect(table).to_contain_text("Member to circulate the plan by 30 June 2018.")
    expect(table).to_contain_text("Officer to book the venue for the workshop.")
    assert_accessible(page)

    # The owner posts an update.
    member = new_page()
    sign_in_as(member, "member", next=f"{LOG}1/")
    member.get_by_label("Progress update").fill("The plan went to partners on 29 June.")
    member.get_by_role("button", name="Post the update").click()
    expect_banner(member, "Your update is posted.")
    expect(member.locator(".govuk-inset-text").first).to_contain_text("went to partners")
    expect(member.get_by_role("button", name="Close the action")).to_have_count(0)
    assert_accessible(member)

    # The officer closes it.
    page.goto(f"{LOG}1/")
    expect(page.get_by_text("The plan went to partners on 29 June.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Close the action").click()
    expect_banner(page, "Action 1 closed.")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Closed")
    action = ActionItem.objects.get(board=scenario.board, number=1)
    assert action.status == "closed"
    assert list(action.owners.all()) == [scenario.member.person]
    assert action.updates.get().source == "owner"


def test_the_import_preview_lists_each_rows_errors(page, scenario, assert_accessible):
    sign_in_as(page, "officer", next=LOG)
    page.get_by_role("link", name="Import actions from a spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import actions")
    assert_accessible(page)
    csv = (
        "Action Required,Lead,Date of meeting,Target Completion,Status,Open/ Closed\n"
        "Write to MOPAC,Nobody Known,28 March 2018,30 June 2018,R,Open\n"
        ",Member,28 March 2018,,,Open\n"
        "Book the venue,Member,28 March 2018,next week,,Open\n"
    )
    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "log.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    page.get_by_role("button", name="Check the file").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Row 2: “Nobody Known” in “Lead” is not anyone in the register")
    expect(summary).to_contain_text("Row 3: Enter the action")
    expect(summary).to_contain_text("Row 4: “next week” in “Target Completion” is not a date")
    expect(page.get_by_role("button", name="Check the file")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    # Corrected, it previews, and imports once confirmed.
    csv = "Action Required,Lead,Date of meeting\nWrite to MOPAC,Member,28 March 2018\n"
    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "log.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("table")).to_contain_text("New")
    assert_accessible(page)
    assert not ActionItem.objects.filter(text="Write to MOPAC").exists()
    page.get_by_role("button", name="Import 1 row").click()
    expect_banner(page, "1 action imported from log.csv.")
    assert ActionItem.objects.filter(text="Write to MOPAC", meeting=scenario.meeting).exists()


def test_reminders_and_the_owners_link(page, new_page, scenario, assert_accessible):
    from cspboard.actions.services import action_create

    guest = PersonFactory(name="Rita Chadha", email="rita@example.org")
    scenario.member.email = "member@example.org"
    scenario.member.save()
    action = action_create(
        board=scenario.board,
        text="Provide the contact's e-mail address",
        item=scenario.public_item,
        owners=[scenario.member.person, guest],
        target_date=datetime.date(2018, 4, 20),
    )
    sent = reminders_send(today=datetime.date(2018, 4, 22))
    assert len(sent) == 1

    sign_in_as(page, "officer", next=LOG)
    page.get_by_role("link", name="Reminders sent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders sent")
    row = page.locator("tbody tr").first
    expect(row).to_contain_text("Action 1")
    expect(row).to_contain_text("Overdue")
    expect(row).to_contain_text("Rita Chadha <rita@example.org>")
    assert_accessible(page)

    # Rita has no account: her link lets her update this action and nothing else.
    owner = new_page()
    owner.goto(action_link_path(action, guest))
    expect(owner.get_by_role("heading", level=1)).to_have_text("Update action 1")
    assert_accessible(owner)
    owner.get_by_role("button", name="Post the update").click()
    expect(owner.locator(".govuk-error-summary")).to_contain_text("Enter the update")
    assert_accessible(owner)
    owner.get_by_label("Progress update").fill("Address sent to the officer.")
    owner.get_by_role("button", name="Post the update").click()
    expect_banner(owner, "Your update is posted.")
    assert action.updates.get().by_person == guest

    owner.goto("/actions/update/not-a-real-link/")
    expect(owner.get_by_role("heading", level=1)).to_have_text("This link is not valid")
    expect(owner.locator("main")).not_to_contain_text("contact's e-mail")
    assert_accessible(owner)
