"""An officer imports past minutes from a PDF in Chromium, with axe-core on each page: upload,
check what was found beside its source line, correct an action's owner, import, and see the
meeting on the board's record."""

import datetime

from playwright.sync_api import expect

from cspboard.actions.models import ActionItem
from cspboard.documents.tests.documents_to_read import pdf
from cspboard.meetings.models import Meeting

MINUTES = """
<h1>Community Safety Partnership Board</h1>
<p>Minutes of the meeting held on Wednesday 14 June 2023 at 10.00 am in the Council Chamber,
Town Hall, Barking</p>
<h2>Present</h2>
<p>Officer (Chair); Member (MB), Community Safety Manager</p>
<h2>Apologies</h2>
<p>Jane Smith, Metropolitan Police</p>
<p>1. Welcome and apologies</p>
<p>The Chair welcomed everyone to the meeting.</p>
<p>2. Knife crime update</p>
<p>The Board discussed the latest figures on knife crime in the borough.</p>
<p>ACTION: MB to circulate the knife crime figures to all partners.</p>
<p>3. Any other business</p>
<p>There was none.</p>
"""


def test_officer_imports_minutes_from_a_pdf(page, scenario, sign_in, assert_accessible):
    sign_in("officer", next="/boards/csp/")
    page.get_by_role(
        "link", name="Import past meetings from agendas, minutes and action logs"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import from documents")
    assert_accessible(page)

    page.get_by_label("Upload a file").set_input_files(
        {"name": "minutes-2023-06-14.pdf", "mimeType": "application/pdf", "buffer": pdf(MINUTES)}
    )
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check what was found in minutes-2023-06-14.pdf"
    )
    expect(page.get_by_role("heading", name="Minutes of 14 June 2023")).to_be_visible()
    assert_accessible(page)
    # Nothing is in the record yet.
    assert not Meeting.objects.filter(date=datetime.date(2023, 6, 14)).exists()

    # Each found thing links to the line it came from.
    source = page.get_by_role("region", name="Actions, meeting 1").get_by_role("link").first
    source_href = source.get_attribute("href")
    assert "#line-1-" in source_href

    owners = page.get_by_label("Owners of action 1")
    expect(owners).to_have_value("MB")
    owners.fill("Officer")
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.locator(".govuk-notification-banner, .csp-messages").first).to_contain_text(
        "Imported from minutes-2023-06-14.pdf: 1 meeting added"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Community Safety Partnership Board, 14 June 2023").click()
    expect(page.get_by_text("Knife crime update").first).to_be_visible()

    action = ActionItem.objects.get(text__icontains="circulate the knife crime figures")
    assert [p.name for p in action.owners.all()] == ["Officer"]

    # The file's text, as read, at the line the action came from.
    page.goto(source_href)
    expect(page.locator(source_href[source_href.index("#") :])).to_contain_text("ACTION: MB")
    assert_accessible(page)
