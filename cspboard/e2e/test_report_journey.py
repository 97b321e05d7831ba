"""A report from request to pack, in Chromium, with axe-core on every page of it.

The officer plans a paper on a coming meeting's agenda and asks an author for it; the author,
signed in, writes it on the board's cover sheet; the officer publishes the agenda; a member
downloads the members' pack and the public the public one, each holding the report. Then a
subgroup's lead sends the subgroup's update report, which the meeting page lists beside
"No update report provided" for the subgroup that sent nothing.
"""

import datetime
import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.meetings.models import AgendaItem
from cspboard.meetings.services import agenda_build_from_standing_items, meeting_create
from cspboard.people.tests.factories import PersonFactory, UserFactory
from cspboard.reports.models import ReportRequest, SubgroupUpdate

from .conftest import PASSWORD

DAY = datetime.date(2031, 3, 26)
MEETING = f"/boards/csp/meetings/{DAY.isoformat()}/"


@pytest.fixture
def coming(scenario, settings):
    """A coming meeting of the scenario's board, its agenda started from the standing items;
    an author with an account; a subgroup lead. The pack takes this app's papers only."""
    settings.CSPBOARD_PACK_PROVIDERS = ("cspboard.reports.pack.item_papers",)
    settings.PACK_BUILD_INLINE = True  # built in the request, as the packs' own tests do
    scenario.coming = meeting_create(
        board=scenario.board, date=DAY, start_time=datetime.time(10), end_time=datetime.time(13)
    )
    agenda_build_from_standing_items(meeting=scenario.coming)
    author_user = UserFactory(username="erik", first_name="Erik", last_name="Stein")
    scenario.author = PersonFactory(
        name="Erik Stein", user=author_user, email="erik@example.org", post_title="Head of Service"
    )
    lead_user = UserFactory(username="angie", first_name="Angie", last_name="Fuller")
    scenario.lead = PersonFactory(name="Angie Fuller", user=lead_user)
    MembershipFactory(person=scenario.lead, board=scenario.subgroup, role=Role.CHAIR)
    BoardFactory(slug="hate", name="Hate Crime Subgroup", parent=scenario.board)
    return scenario


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
    expect(page.get_by_text("Signed in as")).to_be_visible()


def banner(page, text):
    expect(page.locator(".govuk-notification-banner")).to_contain_text(text)


def pack_text(page) -> str:
    """The pack's text, once built (a slow build answers with its progress page first)."""
    for _ in range(60):
        response = page.request.get(f"{MEETING}pack.pdf")
        assert response.status == 200
        if response.headers["content-type"] == "application/pdf":
            break
        page.wait_for_timeout(500)
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    return "\n".join(p.extract_text() for p in reader.pages)


def test_a_report_from_request_to_the_published_packs(page, new_page, coming, assert_accessible):
    # The officer plans a paper on the coming meeting's agenda.
    sign_in_as(page, "officer", next=f"{MEETING}agenda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    form = page.locator("form", has=page.get_by_role("button", name="Add the item"))
    form.get_by_label("Title").fill("Knife crime update")
    form.get_by_label("Time allowed, in minutes").fill("20")
    form.get_by_role("radio", name="Paper").check()
    form.get_by_role("button", name="Add the item").click()
    banner(page, "Knife crime update")
    assert_accessible(page)
    item = AgendaItem.objects.get(meeting=coming.coming, title="Knife crime update")

    # Reports due: the new paper is not requested yet.
    page.get_by_role("link", name="My reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My reports")
    assert_accessible(page)
    page.get_by_role("link", name="Reports due for your boards' meetings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports due")
    row = page.locator(f"#item-{item.pk}")
    expect(row).to_contain_text("Not requested")
    assert_accessible(page)

    # Request it: the board's deadline is worked out, skipping weekends and bank holidays.
    row.get_by_role("link", name=re.compile(r"^Request the report\s*for item")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Request the report")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Tuesday 11 March 2031")
    expect(page.get_by_label("Deadline")).to_have_value("11/03/2031")
    assert_accessible(page)
    page.get_by_label("Find a person by name, post or organisation").fill("Stein")
    page.get_by_role("button", name="Search", exact=True).click()  # not the header's
    expect(page.get_by_text("1 match for")).to_be_visible()
    page.get_by_label("Who writes the report").select_option(str(coming.author.pk))
    page.get_by_label("What the board needs from the report").fill("Include stop and search.")
    page.get_by_role("button", name="Request the report").click()
    banner(page, "Report requested from Erik Stein.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Report for item {item.number}")
    assert_accessible(page)
    request = ReportRequest.objects.get(item=item)
    assert [m.to for m in mail.outbox] == [["erik@example.org"]]
    assert request.get_absolute_url() in mail.outbox[0].body
    item.refresh_from_db()
    assert item.plan_status == "report_requested"

    # The author, signed in, writes the report on the cover sheet.
    author = new_page()
    sign_in_as(author, "erik", next="/reports/")
    expect(author.get_by_role("heading", level=1)).to_have_text("My reports")
    assert_accessible(author)
    author.get_by_role("link", name=re.compile("Knife crime update")).click()
    expect(author.locator(".govuk-summary-list")).to_contain_text("Include stop and search.")
    assert_accessible(author)
    author.get_by_role("link", name="Write the report on the cover sheet").click()
    expect(author.get_by_role("heading", level=1)).to_have_text("Write the report")
    expect(author.get_by_label("Subject")).to_have_value("Knife crime update")
    assert_accessible(author)
    author.get_by_role("button", name="Submit the report").click()  # the purpose is missing
    expect(author.locator(".govuk-error-summary")).to_contain_text(
        "Say what the report is for and what the board is asked to decide"
    )
    assert_accessible(author)
    author.get_by_label("Subject").fill("Knife Crime Update Report")
    author.get_by_label("1. Purpose of the report and decisions required").fill(
        "JOURNEY-PURPOSE: to update the board on knife crime and stop and search."
    )
    author.get_by_label("2. Overview and recommendations").fill(
        "JOURNEY-OVERVIEW\n\n- Offences fell by a tenth.\n- Note the report."
    )
    author.get_by_label("3. List of appendices").fill("Stop and search figures")
    author.get_by_role("button", name="Submit the report").click()
    banner(author, "Your report is submitted. Thank you.")
    expect(author.locator(".govuk-summary-list")).to_contain_text("Submitted")
    assert_accessible(author)
    item.refresh_from_db()
    assert item.plan_status == "report_received"

    # The officer sees it arrived, and publishes the agenda.
    page.goto("/reports/due/")
    expect(page.locator(f"#item-{item.pk}")).to_contain_text("Submitted")
    page.goto(MEETING)
    expect(page.get_by_role("link", name="Knife Crime Update Report")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Run this meeting").click()
    page.get_by_role("link", name="Publish the agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the agenda")
    page.get_by_role("button", name="Publish and e-mail members").click()
    banner(page, "published")

    # A member downloads the members' pack; the public the public one. Both hold the report.
    member = new_page()
    sign_in_as(member, "member", next=MEETING)
    expect(member.get_by_role("link", name="Download the agenda pack (PDF)")).to_be_visible()
    assert_accessible(member)
    members_pack = pack_text(member)
    public = new_page()
    public.goto(MEETING)
    expect(public.get_by_role("link", name="Knife Crime Update Report")).to_be_visible()
    assert_accessible(public)
    public_pack = pack_text(public)
    for pack in (members_pack, public_pack):
        assert "Knife Crime Update Report" in pack
        assert "JOURNEY-PURPOSE" in pack
        assert "JOURNEY-OVERVIEW" in pack
        assert "Appendix 1: Stop and search figures" in pack
    # Each got their own pack.
    assert "members-pack" in member.request.get(f"{MEETING}pack.pdf").headers["content-disposition"]
    assert "agenda-pack" in public.request.get(f"{MEETING}pack.pdf").headers["content-disposition"]


def test_a_subgroup_lead_sends_the_update(page, new_page, coming, assert_accessible):
    from cspboard.meetings.services import agenda_item_add

    agenda_item_add(
        meeting=coming.coming,
        title="Subgroup Update Reports",
        role="subgroup_updates",
        kind="paper",
        before_closing_items=True,
    )
    # The lead's signed link, as the reminders carry it, opens the form with no sign-in.
    from cspboard.reports.links import UPDATE_LINK, update_link_token

    token = update_link_token(coming.coming, coming.subgroup, coming.lead.pk)
    by_link = new_page()
    by_link.goto(UPDATE_LINK.path(m=coming.coming.pk, s=coming.subgroup.pk, p=coming.lead.pk))
    expect(by_link.get_by_role("heading", level=1)).to_have_text("VAWG Subgroup: update report")
    assert_accessible(by_link)
    by_link.goto(f"/reports/update/{token}/upload/")
    assert_accessible(by_link)

    sign_in_as(page, "angie", next="/reports/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Write the update")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("VAWG Subgroup: update report")
    assert_accessible(page)
    page.get_by_label("Security marking").select_option("RESTRICTED")
    page.get_by_role("button", name="Send the update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Give a brief update on the subgroup's work since the last meeting"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the Schedule 12A paragraph that allows this update to be withheld"
    )
    assert_accessible(page)
    page.get_by_label("Security marking").select_option("UNPROTECTED")
    page.get_by_label("1. Brief update").fill("The subgroup met twice since the last board.")
    page.get_by_label("2. Key challenges").fill("- Data sharing\n- Attendance")
    page.get_by_role("button", name="Send the update").click()
    banner(page, "The VAWG Subgroup update is saved.")
    assert SubgroupUpdate.objects.get().brief_update.startswith("The subgroup met twice")

    # The lead reads the update they sent (the agenda is still a draft).
    page.goto(SubgroupUpdate.objects.get().get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("VAWG Subgroup Update")
    expect(page.locator("main")).to_contain_text("Data sharing")
    assert_accessible(page)

    # Once the agenda is out, the public sees the update and the subgroup that sent none.
    coming.coming.status = "agenda_published"
    coming.coming.save()
    public = new_page()
    public.goto(MEETING)
    panel = public.locator("#subgroup-updates ~ dl")
    expect(panel).to_contain_text("VAWG Subgroup Update")
    expect(panel).to_contain_text("Hate Crime Subgroup")
    expect(panel).to_contain_text("No update report provided")
    assert_accessible(public)


def test_the_other_report_pages(page, new_page, coming, assert_accessible):
    from cspboard.reports.links import report_link_path
    from cspboard.reports.services import report_request_create

    outside = PersonFactory(name="David Rhodes")  # no account, no address
    paper = AgendaItem.objects.filter(meeting=coming.coming, kind="paper").first()
    request = report_request_create(item=paper, author=outside)

    # The officer: the link to pass on, the board's settings, and an upload with an error.
    sign_in_as(page, "officer", next=request.get_absolute_url())
    expect(page.get_by_label("Link for David Rhodes")).to_have_value(re.compile("/reports/submit/"))
    assert_accessible(page)
    page.get_by_role("link", name="Upload it as a file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload the report")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a PDF, DOCX, XLSX")
    assert_accessible(page)
    page.goto("/reports/boards/csp/settings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report deadlines")
    page.get_by_label("Reports are due this many working days").fill("31")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter 30 working days or fewer")
    assert_accessible(page)

    # The author without an account, through the signed link; and a link that is not valid.
    author = new_page()
    author.goto(report_link_path(request))
    expect(author.get_by_role("heading", level=1)).to_have_text("Write the report")
    assert_accessible(author)
    author.goto(report_link_path(request) + "upload/")
    expect(author.get_by_role("heading", level=1)).to_have_text("Upload the report")
    assert_accessible(author)
    assert author.goto("/reports/submit/not-a-real-link/").status == 404
    expect(author.get_by_role("heading", level=1)).to_have_text("This link is not valid")
    assert_accessible(author)
