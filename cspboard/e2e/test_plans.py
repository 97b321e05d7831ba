"""Plans in Chromium, with axe-core on each page: an officer posts an update on a plan action,
with a mistake first; the public reads the published plan, without its withheld action."""

import datetime

import pytest
from playwright.sync_api import expect

from cspboard.people.tests.factories import OrganisationFactory
from cspboard.plans import services


@pytest.fixture
def plan(scenario):
    s = scenario
    council = OrganisationFactory(name="LBBD Community Safety")
    police = OrganisationFactory(name="Metropolitan Police Service")
    s.plan = services.plan_create(
        board=s.board,
        title="Violence Reduction Action Plan",
        kind="vru_plan",
        label="2023/24",
        starts_on=datetime.date(2023, 4, 1),
        ends_on=datetime.date(2024, 3, 31),
    )
    version = s.plan.versions.get()
    priority = services.priority_add(version=version, title="Support to victims of violence")
    s.action = services.plan_action_add(
        version=version,
        priority=priority,
        reference="V1",
        description="Map the support package offered to victims",
        mandated=True,
        lead_organisation=council,
        supporting_organisations=[police],
        due_on=datetime.date(2030, 3, 31),
    )
    services.plan_action_add(
        version=version,
        priority=priority,
        reference="V2",
        description="HELD tactical deployment",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    services.plan_version_publish(version=version)
    return s


def test_an_officer_updates_a_plan_action(page, plan, sign_in, assert_accessible):
    sign_in("officer", next=plan.action.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Action V1")
    assert_accessible(page)
    page.get_by_label("Status now").select_option(label="In progress")
    page.get_by_role("button", name="Post the update", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the progress update")
    assert_accessible(page)
    page.get_by_label("Progress update").fill("Pathways mapped with Victim Support")
    page.get_by_role("button", name="Post the update", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your update is posted.")
    expect(page.locator(".govuk-inset-text").first).to_contain_text(
        "Pathways mapped with Victim Support"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Change the action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the action")
    assert_accessible(page)
    page.get_by_label("Due (optional)", exact=True).fill("not a date")
    page.get_by_role("button", name="Save the action", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real date")
    assert_accessible(page)

    page.goto(plan.plan.get_absolute_url())
    table = page.locator("table", has_text="Map the support package")
    expect(table).to_contain_text("Pathways mapped with Victim Support")
    expect(table).to_contain_text("In progress")
    expect(table).to_contain_text("HELD tactical deployment")
    assert_accessible(page)


def test_the_public_reads_the_published_plan(page, plan, assert_accessible):
    page.goto("/boards/csp/")
    page.get_by_role("link", name="Violence Reduction Action Plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Violence Reduction Action Plan 2023/24"
    )
    table = page.locator("table", has_text="Map the support package")
    expect(table).to_contain_text("LBBD Community Safety")
    expect(table).to_contain_text("Metropolitan Police Service")
    expect(page.get_by_text("HELD tactical deployment")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="V1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action V1")
    expect(page.get_by_role("button", name="Post the update", exact=True)).to_have_count(0)
    assert_accessible(page)
    page.goto("/boards/csp/plans/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plans")
    assert_accessible(page)


def test_an_officer_imports_next_years_version(page, plan, sign_in, assert_accessible):
    sign_in("officer", next=f"{plan.plan.get_absolute_url()}import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a version from a spreadsheet")
    assert_accessible(page)
    page.get_by_label("Period of the version").fill("2024/25")
    bad = (
        "Ref,Priority,Action,Lead organisation,Support organisation(s),Due date,Mandated Y/N\n"
        "V1,Support to victims,Map the support package,Nobody Council,,31/03/2025,Y\n"
        "V1,Support to victims,,,,someday,maybe\n"
    )
    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "plan.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    page.get_by_role("button", name="Check the file", exact=True).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Row 2: No organisation called “Nobody Council”")
    expect(summary).to_contain_text("Row 3: The Action cell is empty")
    expect(summary).to_contain_text("Row 3: “someday” in Due date is not a date")
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    good = (
        "Ref,Priority,Action,Lead organisation,Support organisation(s),Due date,Mandated Y/N\n"
        "V1,Support to victims,Map the support package,LBBD Community Safety,"
        "Metropolitan Police Service,31/03/2025,Y\n"
    )
    page.get_by_label("Period of the version").fill("2024/25")
    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "plan.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    page.get_by_role("button", name="Check the file", exact=True).click()
    expect(page.locator("table")).to_contain_text("Metropolitan Police Service")
    assert_accessible(page)
    page.get_by_role("button", name="Import 1 action", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "1 action imported from plan.csv as the draft 2024/25"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Violence Reduction Action Plan 2024/25"
    )
    assert_accessible(page)
