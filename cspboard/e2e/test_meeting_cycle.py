"""The officer's whole cycle in Chromium, page by page, with axe-core on every page of it.

Create a meeting, build and publish its agenda, record attendance and minutes, send them to the
chair, who approves them, and publish them; the public sees each step. Then the agenda builder
without JavaScript, two officers saving the same minutes or agenda item, and the audit history.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.services import agenda_item_add
from cspboard.people.tests.factories import PersonFactory, UserFactory

from .conftest import PASSWORD

MEETINGS = "/boards/csp/meetings/"
# A past date with no meeting in the scenario: a meeting in the future cannot be held.
DAY = datetime.date(2019, 6, 25)
MEETING = f"{MEETINGS}{DAY.isoformat()}/"
DRAFT = "/boards/csp/meetings/2018-06-27/"  # the scenario's meeting with draft minutes
UNPUBLISHED = "/boards/csp/meetings/2030-09-25/"  # the scenario's meeting with a draft agenda


# Helpers ----------------------------------------------------------------------------------------


@pytest.fixture
def chair_user(scenario):
    """The scenario's chair, given a log-in and the board's chair now (as in
    meetings/tests/test_officer_views.py), committed for the live server to see."""
    user = UserFactory(username="chair")
    scenario.chair.user = user
    scenario.chair.save()
    MembershipFactory(person=scenario.chair, board=scenario.board, role=Role.CHAIR)
    return user


@pytest.fixture
def second_officer(scenario):
    """Another officer of the board, to edit at the same time as the scenario's."""
    user = UserFactory(username="clerk")
    person = PersonFactory(user=user, name="Clerk")
    MembershipFactory(person=person, board=scenario.board, role=Role.OFFICER)
    return user


@pytest.fixture
def new_page(new_context):
    """A page in a browser context of its own: another person, or the same one without
    JavaScript. Closed with the test."""

    def make(**context_args):
        context = new_context(**context_args)
        context.set_default_timeout(5_000)
        return context.new_page()

    return make


@pytest.fixture
def assert_accessible_without_javascript(new_page, assert_accessible):
    """axe-core waits on timers, which never fire in a page without JavaScript: check a copy
    of that page's DOM, scripts taken out, in a page of the same origin that runs them."""
    checker = new_page()
    checker.goto("/")

    def check(page):
        html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.DOTALL)
        checker.set_content(html)
        try:
            assert_accessible(checker)
        except AssertionError as failure:
            raise AssertionError(f"{page.url} without JavaScript:\n{failure}") from None

    return check


def sign_in_as(page, username, next="/"):
    page.goto(f"/accounts/login/?next={next}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def expect_errors(page, *messages):
    """The design system's error summary, naming each problem, and "Error: " in the title."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    for message in messages:
        expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()


def expect_banner(page, text):
    expect(page.locator(".govuk-notification-banner")).to_contain_text(text)


def expect_agenda(page, *rows):
    """The agenda builder's table lists exactly these items, (number, title), in this order
    (waiting for a new page or an htmx swap to arrive)."""
    table = page.locator("#agenda-table tbody tr")
    expect(table.locator("td:nth-child(1)")).to_have_text([number for number, _ in rows])
    expect(table.locator("td:nth-child(2)")).to_contain_text([title for _, title in rows])


def add_item(page, title, *, minutes="", kind="Paper", parent=None, marking=None, para=None):
    """Fill the agenda page's "Add an item" form and submit it."""
    form = page.locator("form", has=page.get_by_role("button", name="Add the item"))
    form.get_by_label("Title").fill(title)
    if parent:
        form.get_by_label("Sub-item of").select_option(label=parent)
    form.get_by_label("Time allowed, in minutes").fill(minutes)
    form.get_by_role("radio", name=kind).check()
    if marking:
        form.get_by_label("Security marking").select_option(label=marking)
    if para:
        form.get_by_label("Withhold from the public").select_option(label=para)
    form.get_by_role("button", name="Add the item").click()


def move(direction, number):
    """The accessible name of an item's "Up" or "Down" button. Chromium puts a space before its
    visually hidden part."""
    return re.compile(rf"^{direction}\s*: move item {re.escape(number)} {direction.lower()}$")


def open_tab(page, name):
    page.get_by_role("navigation", name="Run this meeting").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


# 1. The whole cycle -----------------------------------------------------------------------------


def test_the_whole_cycle_from_the_diary_to_published_minutes(
    page, new_page, scenario, chair_user, assert_accessible
):
    public = new_page()  # a visitor, who never signs in

    # The board's meetings, as an officer sees them.
    sign_in_as(page, "officer", next=MEETINGS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    assert_accessible(page)

    # Create a meeting: an impossible date and an end before the start are refused, input kept.
    page.get_by_role("link", name="Create a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a meeting")
    assert_accessible(page)
    page.get_by_label("Date").fill("31/02/2031")
    page.get_by_label("Start time").fill("13:00")
    page.get_by_label("End time").fill("10:00")
    page.get_by_label("Venue").fill("Town Hall, Barking")
    page.get_by_role("button", name="Save").click()
    expect_errors(
        page,
        "Enter a real date, for example 27/03/2024",
        "The end time must be after the start time",
    )
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.get_by_label("Date")).to_have_value("31/02/2031")
    expect(page.get_by_label("Venue")).to_have_value("Town Hall, Barking")
    expect(page.get_by_label("End time")).to_have_value("10:00")
    assert_accessible(page)
    assert not Meeting.objects.filter(board=scenario.board, venue="Town Hall, Barking").exists()

    page.get_by_label("Date").fill(DAY.strftime("%d/%m/%Y"))
    page.get_by_label("End time").fill("15:30")
    page.get_by_label("Chair for this meeting").select_option(label="Fiona Chair")
    page.get_by_role("button", name="Save").click()

    # The agenda builder: start from the standing items.
    page.wait_for_url(f"**{MEETING}agenda/")
    expect_banner(page, "Meeting created for 25 June 2019.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    assert_accessible(page)
    page.get_by_role("button", name="Start from the standing items").click()
    expect_agenda(
        page,
        ("1", "Introductions and Apologies for Absence"),
        ("2", "Declaration of Interests"),
        ("3", "Minutes and Action Log"),
        ("4", "Forward Plan"),
        ("5", "Any Other Business"),
        ("6", "Date of Next Meeting"),
    )
    assert_accessible(page)

    # An item with negative time and a Schedule 12A paragraph outside 1-7 is refused. The page
    # offers only 1 to 7, so the form is tampered with as a crafted request would be.
    page.locator("#id_schedule_12a_paragraph").evaluate(
        "select => select.add(new Option('9: not in the Act', '9'))"
    )
    add_item(page, "Knife crime update", minutes="-5", para="9: not in the Act")
    expect_errors(
        page,
        "Time allowed cannot be negative",
        "Choose a Schedule 12A paragraph from 1 to 7",
    )
    expect(page.get_by_label("Title")).to_have_value("Knife crime update")
    expect(page.get_by_label("Time allowed, in minutes")).to_have_value("-5")
    assert_accessible(page)
    expect(page.locator("#agenda-table tbody tr")).to_have_count(6)

    add_item(page, "Knife crime update", minutes="20")
    expect_banner(page, "Item 4 added: Knife crime update.")
    add_item(
        page,
        "Named case review",
        minutes="10",
        marking="Restricted",
        para="1: information relating to any individual",
    )
    expect_banner(page, "Item 5 added: Named case review.")
    add_item(
        page, "Youth violence workshop", minutes="5", kind="Verbal", parent="4. Knife crime update"
    )
    expect_banner(page, "Item (i) added: Youth violence workshop.")
    expect_agenda(
        page,
        ("1", "Introductions and Apologies for Absence"),
        ("2", "Declaration of Interests"),
        ("3", "Minutes and Action Log"),
        ("4", "Knife crime update"),
        ("(i)", "Youth violence workshop"),
        ("5", "Named case review"),
        ("6", "Forward Plan"),
        ("7", "Any Other Business"),
        ("8", "Date of Next Meeting"),
    )
    expect(page.locator("#agenda-table")).to_contain_text("Restricted, para 1")
    assert_accessible(page)

    # Change an item.
    page.get_by_role("link", name="Change item 4", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change an item")
    expect(page.get_by_label("Title")).to_have_value("Knife crime update")
    assert_accessible(page)
    page.get_by_label("Title").fill("Knife crime and youth violence")
    page.get_by_label("Presenter (optional)", exact=True).fill("Community Safety Manager")
    page.get_by_label("Time allowed, in minutes").fill("25")
    page.get_by_role("button", name="Save the item").click()
    page.wait_for_url(f"**{MEETING}agenda/")
    expect_banner(page, "Item 4 saved.")
    row = page.locator("#agenda-table tbody tr", has_text="Knife crime and youth violence")
    expect(row).to_contain_text("Community Safety Manager")
    expect(row.locator("td").nth(2)).to_have_text("25")

    # Reorder with htmx: the table is swapped in place, with no new page and the same URL. An
    # item takes its sub-items with it, and everything is renumbered.
    url = page.url
    page.evaluate("window.sameDocument = true")
    page.get_by_role("button", name=move("Down", "4")).click()
    expect_agenda(
        page,
        ("1", "Introductions and Apologies for Absence"),
        ("2", "Declaration of Interests"),
        ("3", "Minutes and Action Log"),
        ("4", "Named case review"),
        ("5", "Knife crime and youth violence"),
        ("(i)", "Youth violence workshop"),
        ("6", "Forward Plan"),
        ("7", "Any Other Business"),
        ("8", "Date of Next Meeting"),
    )
    assert page.url == url
    assert page.evaluate("window.sameDocument === true"), "the move loaded a new page"
    assert_accessible(page)

    # And back again, from the keyboard.
    page.get_by_role("button", name=move("Up", "5")).focus()
    page.keyboard.press("Enter")
    expect_agenda(
        page,
        ("1", "Introductions and Apologies for Absence"),
        ("2", "Declaration of Interests"),
        ("3", "Minutes and Action Log"),
        ("4", "Knife crime and youth violence"),
        ("(i)", "Youth violence workshop"),
        ("5", "Named case review"),
        ("6", "Forward Plan"),
        ("7", "Any Other Business"),
        ("8", "Date of Next Meeting"),
    )
    assert page.evaluate("window.sameDocument === true"), "the move loaded a new page"
    # The table was replaced under the keyboard user: focus stays on the button they pressed.
    expect(page.get_by_role("button", name=move("Up", "4"))).to_be_focused()

    # Publish the agenda.
    page.get_by_role("link", name="Publish the agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the agenda")
    assert_accessible(page)
    page.get_by_role("button", name="Publish and e-mail members").click()
    page.wait_for_url(f"**{MEETING}")
    expect_banner(page, "The agenda is published")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tuesday 25 June 2019")
    assert_accessible(page)

    # The public sees the agenda, with the restricted item withheld.
    public.goto(MEETING)
    expect(
        public.get_by_role("heading", level=3, name="4. Knife crime and youth violence")
    ).to_be_visible()
    restricted = public.locator("section.csp-item", has_text="Named case review")
    expect(restricted).to_contain_text("Item restricted due to sensitive information")
    expect(restricted).to_contain_text("paragraph 1 of Part 1 of Schedule 12A")
    status = public.locator(".govuk-summary-list__row", has_text="Status")
    expect(status).to_contain_text("Agenda published")
    assert_accessible(public)

    # Attendance: the chair was there, the member sent apologies, and a guest presented.
    page.get_by_role("link", name="Run this meeting").click()
    open_tab(page, "Attendance")
    assert_accessible(page)
    page.get_by_role("group", name="Fiona Chair").get_by_label("Present").check()
    page.get_by_role("group", name="Member").get_by_label("Apologies", exact=True).check()
    page.get_by_role("button", name="Save attendance").click()
    expect_banner(page, "Attendance saved.")
    expect(page.get_by_role("group", name="Fiona Chair").get_by_label("Present")).to_be_checked()
    expect(page.locator(".govuk-tag")).to_have_text("Held")
    page.get_by_label("Name").fill("Dr Jo Bloggs")
    page.get_by_label("As").select_option(label="Presenter")
    page.get_by_role("button", name="Add", exact=True).click()
    expect_banner(page, "Dr Jo Bloggs added.")
    expect(page.get_by_text("Dr Jo Bloggs – presenter (present)")).to_be_visible()
    assert_accessible(page)

    # Minutes of an item, and a decision under it.
    open_tab(page, "Minutes")
    assert_accessible(page)
    page.get_by_role("link", name="Write the minutes of item 4").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minutes of an item")
    assert_accessible(page)
    page.get_by_label("Minutes").fill(
        "Police reported a fall in knife crime.\n\nACTION: JT to report back in September."
    )
    page.get_by_role("button", name="Save the minutes").click()
    expect_banner(page, "Minutes of item 4 saved.")
    section = page.locator("section", has_text="Knife crime and youth violence")
    expect(section).to_contain_text("Police reported a fall in knife crime.")
    page.get_by_role("link", name="Write the minutes of item 4").click()
    page.get_by_label("Decision").fill("The board agreed the knife crime action plan.")
    page.get_by_role("button", name="Add the decision").click()
    expect(
        page.get_by_role("listitem").filter(has_text="agreed the knife crime action plan")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to all the minutes").click()

    # A declaration of interest.
    page.get_by_label("Who").select_option(label="Member")
    page.get_by_label("Item (optional)", exact=True).select_option(
        label="4. Knife crime and youth violence"
    )
    page.get_by_label("Interest").fill("Trustee of a youth charity funded by the council")
    page.get_by_role("button", name="Record the declaration").click()
    expect_banner(page, "Declaration recorded.")
    expect(page.get_by_text("Member (item 4): Trustee of a youth charity")).to_be_visible()
    assert_accessible(page)

    # Send the minutes to the chair.
    page.get_by_role("button", name="Send the minutes to the chair for approval").click()
    # No one on the scenario's board has an e-mail address: the banner says so.
    expect_banner(page, "The minutes are with the chair for approval. No one will be e-mailed")
    expect(
        page.locator(".govuk-inset-text", has_text="The minutes are with the chair for approval.")
    ).to_be_visible()
    assert_accessible(page)

    # The chair, signed in on their own browser, returns them without comment (refused), then
    # approves them.
    chair = new_page()
    sign_in_as(chair, "chair", next=MEETING)
    expect(chair.get_by_text("These minutes are a draft")).to_be_visible()
    assert_accessible(chair)
    chair.get_by_role("link", name="Approve the minutes").click()
    expect(chair.get_by_role("heading", level=1)).to_have_text("Approve the minutes")
    expect(chair.get_by_text("Police reported a fall in knife crime.")).to_be_visible()
    assert_accessible(chair)
    chair.get_by_label("Return them with comments").check()
    chair.get_by_role("button", name="Send your answer").click()
    expect_errors(chair, "Say what needs changing")
    assert_accessible(chair)
    chair.get_by_label("Approve the minutes").check()
    chair.get_by_role("button", name="Send your answer").click()
    chair.wait_for_url(f"**{MEETING}")
    expect_banner(chair, "You approved the minutes.")
    assert_accessible(chair)

    # The officer publishes them.
    page.reload()
    expect(page.get_by_text("The chair approved these minutes.")).to_be_visible()
    page.get_by_role("button", name="Publish the minutes").click()
    # Only item 4 has minutes: the officer is asked first, with the others listed.
    expect(page.get_by_role("heading", level=2, name=re.compile("have no minutes"))).to_be_visible()
    expect(page.locator("#items-without-minutes")).to_contain_text("Date of Next Meeting")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the minutes with these items unminuted").click()
    expect_banner(page, "The minutes are published.")
    approval = page.locator("ul", has=page.get_by_text("Minutes sent to the chair"))
    expect(approval).to_contain_text("Approved by the chair (Fiona Chair, the chair)")
    expect(approval).to_contain_text("Minutes published by Officer")
    assert_accessible(page)

    # The public reads the minutes, and still not the restricted item.
    public.reload()
    expect(public.get_by_text("Police reported a fall in knife crime.")).to_be_visible()
    expect(public.get_by_text("The board agreed the knife crime action plan.")).to_be_visible()
    expect(public.get_by_text("Dr Jo Bloggs")).to_be_visible()
    restricted = public.locator("section.csp-item", has_text="Named case review")
    expect(restricted).to_contain_text("Item restricted due to sensitive information")
    assert_accessible(public)
    meeting = Meeting.objects.get(board=scenario.board, date=DAY)
    assert meeting.status == "minutes_published"
    assert meeting.end_time == datetime.time(15, 30)


# 2. The agenda builder without JavaScript -------------------------------------------------------


def test_the_agenda_builder_works_without_javascript(
    new_page, scenario, assert_accessible_without_javascript
):
    assert_accessible = assert_accessible_without_javascript
    page = new_page(java_script_enabled=False)
    sign_in_as(page, "officer", next=f"{UNPUBLISHED}agenda/")
    add_item(page, "Serious violence duty", minutes="15")
    expect_banner(page, "Item 2 added: Serious violence duty.")
    add_item(page, "Needs assessment", minutes="5", parent="2. Serious violence duty")
    add_item(page, "Draft strategy", minutes="5", parent="2. Serious violence duty")
    add_item(page, "Hate crime", minutes="10")
    expect_agenda(
        page,
        ("1", "UNPUBLISHED-ITEM"),
        ("2", "Serious violence duty"),
        ("(i)", "Needs assessment"),
        ("(ii)", "Draft strategy"),
        ("3", "Hate crime"),
    )
    assert_accessible(page)

    # "Up" is a plain form: the page is posted and comes back at the item moved.
    hate_crime = AgendaItem.objects.get(meeting=scenario.unpublished, title="Hate crime")
    page.get_by_role("button", name=move("Up", "3")).click()
    page.wait_for_url(re.compile(rf"{UNPUBLISHED}agenda/#agenda-item-{hate_crime.pk}$"))
    expect_agenda(
        page,
        ("1", "UNPUBLISHED-ITEM"),
        ("2", "Hate crime"),
        ("3", "Serious violence duty"),
        ("(i)", "Needs assessment"),
        ("(ii)", "Draft strategy"),
    )
    # Sub-items move among themselves.
    needs = AgendaItem.objects.get(meeting=scenario.unpublished, title="Needs assessment")
    page.get_by_role("button", name=move("Down", "(i)")).click()
    page.wait_for_url(re.compile(rf"{UNPUBLISHED}agenda/#agenda-item-{needs.pk}$"))
    expect_agenda(
        page,
        ("1", "UNPUBLISHED-ITEM"),
        ("2", "Hate crime"),
        ("3", "Serious violence duty"),
        ("(i)", "Draft strategy"),
        ("(ii)", "Needs assessment"),
    )
    assert_accessible(page)

    # Change a sub-item; remove an item; the rest are renumbered.
    page.get_by_role("link", name="Change item (ii)", exact=True).click()
    expect(page.get_by_label("Sub-item of")).to_have_value(
        str(AgendaItem.objects.get(meeting=scenario.unpublished, title="Serious violence duty").pk)
    )
    assert_accessible(page)
    page.get_by_label("Title").fill("Strategic needs assessment")
    page.get_by_role("button", name="Save the item").click()
    expect_banner(page, "Item (ii) saved.")
    page.get_by_role("link", name="Remove item 2", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove an item")
    assert_accessible(page)
    page.get_by_role("button", name="Remove the item").click()
    expect_banner(page, "Item removed: Hate crime.")
    expect_agenda(
        page,
        ("1", "UNPUBLISHED-ITEM"),
        ("2", "Serious violence duty"),
        ("(i)", "Draft strategy"),
        ("(ii)", "Strategic needs assessment"),
    )
    assert_accessible(page)


# 3. Two officers at once ------------------------------------------------------------------------


def test_two_officers_saving_the_same_minutes_lose_nothing(
    page, new_page, scenario, second_officer, assert_accessible
):
    item = scenario.draft.items.get()
    url = f"{DRAFT}minutes/{item.pk}/"
    other = new_page()
    sign_in_as(page, "officer", next=url)
    sign_in_as(other, "clerk", next=url)
    expect(page.get_by_label("Minutes")).to_have_value("<p>DRAFT-MINUTES</p>")
    expect(other.get_by_label("Minutes")).to_have_value("<p>DRAFT-MINUTES</p>")

    page.get_by_label("Minutes").fill("The officer's account of the discussion.")
    page.get_by_role("button", name="Save the minutes").click()
    expect_banner(page, "Minutes of item 1 saved.")

    other.get_by_label("Minutes").fill("The clerk's account of the discussion.")
    other.get_by_role("button", name="Save the minutes").click()
    expect_errors(other, "Someone else saved these minutes")
    expect(other.locator(".csp-minutes")).to_contain_text("The officer's account")
    expect(other.get_by_label("Minutes")).to_have_value("The clerk's account of the discussion.")
    assert_accessible(other)
    item.refresh_from_db()
    assert item.minutes == "<p>The officer's account of the discussion.</p>"

    # The clerk merges the two and saves: now it is accepted.
    other.get_by_label("Minutes").fill(
        "The officer's account of the discussion.\n\nThe clerk's addition."
    )
    other.get_by_role("button", name="Save the minutes").click()
    expect_banner(other, "Minutes of item 1 saved.")
    item.refresh_from_db()
    assert "The clerk's addition." in item.minutes and "The officer's account" in item.minutes


def test_two_officers_saving_the_same_agenda_item_lose_nothing(
    page, new_page, scenario, second_officer, assert_accessible
):
    url = f"{UNPUBLISHED}agenda/items/{scenario.unpublished_item.pk}/"
    other = new_page()
    sign_in_as(page, "officer", next=url)
    sign_in_as(other, "clerk", next=url)

    page.get_by_label("Title").fill("Officer's title")
    page.get_by_role("button", name="Save the item").click()
    expect_banner(page, "Item 1 saved.")

    other.get_by_label("Title").fill("Clerk's title")
    other.get_by_label("Time allowed, in minutes").fill("15")
    other.get_by_role("button", name="Save the item").click()
    expect_errors(other, "Someone else saved this item")
    expect(other.locator(".govuk-summary-list")).to_contain_text("Officer's title")
    expect(other.get_by_label("Title")).to_have_value("Clerk's title")
    assert_accessible(other)
    scenario.unpublished_item.refresh_from_db()
    assert scenario.unpublished_item.title == "Officer's title"

    # Having seen both, the clerk saves their version deliberately: it is accepted.
    other.get_by_role("button", name="Save the item").click()
    expect_banner(other, "Item 1 saved.")
    scenario.unpublished_item.refresh_from_db()
    assert scenario.unpublished_item.title == "Clerk's title"
    assert scenario.unpublished_item.minutes_allowed == 15


def test_two_officers_reordering_the_same_agenda_lose_nothing(
    page, new_page, scenario, second_officer, assert_accessible
):
    agenda_item_add(meeting=scenario.unpublished, title="Second item")
    url = f"{UNPUBLISHED}agenda/"
    other = new_page()
    sign_in_as(page, "officer", next=url)
    sign_in_as(other, "clerk", next=url)

    other.get_by_role("button", name=move("Down", "1")).click()
    expect_agenda(other, ("1", "Second item"), ("2", "UNPUBLISHED-ITEM"))

    # The officer's page still shows the old order: their move is refused, not applied to an
    # agenda they have not seen, and the table shows it as it is now.
    page.get_by_role("button", name=move("Down", "1")).click()
    expect(page.locator("#agenda-table .govuk-error-summary")).to_contain_text(
        "Someone else changed this agenda"
    )
    expect_agenda(page, ("1", "Second item"), ("2", "UNPUBLISHED-ITEM"))
    assert_accessible(page)

    page.get_by_role("button", name=move("Down", "1")).click()
    expect_agenda(page, ("1", "UNPUBLISHED-ITEM"), ("2", "Second item"))
    expect(page.locator("#agenda-table .govuk-error-summary")).to_have_count(0)


# 4. The audit history ---------------------------------------------------------------------------


def test_history_shows_who_changed_what_and_an_earlier_version_can_be_restored(
    page, scenario, assert_accessible
):
    item = scenario.draft.items.get()
    sign_in_as(page, "officer", next=f"{DRAFT}minutes/{item.pk}/")
    for text in ("First wording of the minutes.", "Second wording of the minutes."):
        page.get_by_label("Minutes").fill(text)
        page.get_by_role("button", name="Save the minutes").click()
        expect_banner(page, "Minutes of item 1 saved.")
        page.get_by_role("link", name="Write the minutes of item 1").click()

    open_tab(page, "History")
    rows = page.get_by_role("table").get_by_role("row")
    by_officer = rows.filter(has_text="officer").filter(has_text="Draft item")
    expect(by_officer).to_have_count(2)  # the two saves; the restore comes below
    expect(by_officer.first).to_contain_text("Agenda item")
    expect(by_officer.first).to_contain_text("Changed")
    expect(rows.filter(has_text="the system").first).to_be_visible()  # the scenario's set-up
    assert_accessible(page)

    page.goto(f"{DRAFT}minutes/{item.pk}/")
    page.get_by_role("link", name="Earlier versions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Earlier versions")
    assert_accessible(page)
    first = page.locator("section.csp-item", has_text="First wording of the minutes.")
    first.get_by_role("button", name=re.compile("^Restore this version")).click()
    expect_banner(page, "The earlier version of the minutes is restored.")
    expect(page.get_by_label("Minutes")).to_have_value("<p>First wording of the minutes.</p>")
    assert_accessible(page)
    item.refresh_from_db()
    assert item.minutes == "<p>First wording of the minutes.</p>"


# Forms with a prefix, and a refused guest ---------------------------------------------------------


def test_the_error_pages_of_forms_with_a_prefix(page, scenario, assert_accessible):
    item = scenario.draft.items.get()
    failures = []

    def check():
        try:
            assert_accessible(page)
        except AssertionError as failure:
            failures.append(str(failure).splitlines()[0])

    sign_in_as(page, "officer", next=f"{DRAFT}minutes/{item.pk}/")
    page.get_by_role("button", name="Add the decision").click()
    expect_errors(page, "Enter the decision")
    check()
    page.goto(f"{DRAFT}minutes/")
    page.get_by_role("button", name="Record the declaration").click()
    expect_errors(page, "Choose who made the declaration", "Describe the interest")
    check()
    page.goto(f"{DRAFT}attendance/")
    page.get_by_role("button", name="Add", exact=True).click()
    expect_errors(page, "Enter the guest's name")
    check()
    assert not failures, "\n".join(failures)


def test_a_refused_guest_leaves_the_attendance_as_recorded(page, scenario):
    sign_in_as(page, "officer", next=f"{DRAFT}attendance/")
    page.get_by_role("group", name="Member").get_by_label("Present").check()
    page.get_by_role("button", name="Save attendance").click()
    expect_banner(page, "Attendance saved.")
    page.get_by_label("Name").fill("Dr Jo Bloggs")
    page.get_by_role("button", name="Add", exact=True).click()
    expect_banner(page, "Dr Jo Bloggs added.")

    page.get_by_role("button", name="Add", exact=True).click()  # no name this time
    expect_errors(page, "Enter the guest's name")
    expect(page.get_by_text("Dr Jo Bloggs – guest (present)")).to_be_visible(timeout=500)
    member = page.get_by_role("group", name="Member")
    expect(member.get_by_label("Present")).to_be_checked(timeout=500)
