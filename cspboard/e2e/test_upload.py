"""An officer adds a paper to an item in the browser; a file of the wrong type is refused."""

from playwright.sync_api import expect

from cspboard.documents.tests.factories import pdf_bytes

MEETING = "/boards/csp/meetings/2018-03-28/"


def test_officer_adds_a_paper_and_sees_it_on_the_meeting_page(page, scenario, sign_in):
    sign_in("officer", next=MEETING)
    page.get_by_role("link", name="Add a paper to item 1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a paper to “Performance Report”")

    page.get_by_label("Title").fill("Quarterly crime figures")
    page.get_by_label("Kind").select_option(label="Appendix")
    page.get_by_label("File").set_input_files(
        {"name": "crime-figures.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Q3")}
    )
    page.get_by_role("button", name="Add paper").click()

    page.wait_for_url(f"**{MEETING}#item-{scenario.public_item.pk}")
    item = page.locator(f"#item-{scenario.public_item.pk}")
    link = item.get_by_role("link", name="Quarterly crime figures")
    expect(link).to_be_visible()
    expect(item).to_contain_text("(Appendix, PDF")

    # An unrestricted paper is there for the public too.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(MEETING)
    expect(page.get_by_role("link", name="Quarterly crime figures")).to_be_visible()


def test_a_text_file_is_refused_with_an_error_summary(page, scenario, sign_in):
    sign_in("officer")
    page.goto(f"/documents/add/{scenario.public_item.pk}/")
    page.get_by_label("Title").fill("Notes")
    page.get_by_label("File").set_input_files(
        {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"Some notes\n"}
    )
    page.get_by_role("button", name="Add paper").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    message = "The selected file must be a PDF, DOCX, XLSX or ODT."
    expect(summary.get_by_role("link", name=message)).to_have_attribute("href", "#id_file")
    expect(page.locator("#id_file-error")).to_contain_text(message)
    assert page.title().startswith("Error: ")
    assert scenario.public_item.documents.filter(title="Notes").count() == 0
