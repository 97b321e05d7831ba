import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cspboard.documents.models import Document
from cspboard.documents.tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def upload(client, scenario, **overrides):
    data = {
        "title": "Strategic assessment annex",
        "kind": "appendix",
        "author": "Community Safety Team",
        "date": "28/03/2018",
        "security_marking": "UNRESTRICTED",
        "schedule_12a_paragraph": "",
        "file": SimpleUploadedFile("annex.pdf", pdf_bytes("ANNEX-TEXT"), "application/pdf"),
    }
    data.update(overrides)
    client.force_login(scenario.officer)
    return client.post(f"/documents/add/{scenario.public_item.pk}/", data)


def test_officer_adds_a_paper_and_it_is_served(client, scenario):
    response = upload(client, scenario)
    assert response.status_code == 302
    document = Document.objects.get(title="Strategic assessment annex")
    assert document.content_type == "application/pdf" and document.filename == "annex.pdf"
    served = client.get(document.get_absolute_url())
    assert b"ANNEX-TEXT" in b"".join(served.streaming_content)


def test_upload_over_the_size_limit_is_refused_with_a_clear_message(client, scenario, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 5000, "application/pdf")
    response = upload(client, scenario, file=big)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The file must be smaller than 1.0\xa0KB" in html
    assert not Document.objects.filter(title="Strategic assessment annex").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "The selected file must be a PDF, DOCX, XLSX or ODT"),
        ("virus.exe", b"MZ\x90\x00", "The selected file must be a PDF, DOCX, XLSX or ODT"),
        ("fake.pdf", b"<html><script>x</script>", "is not a real PDF file"),
        ("fake.docx", b"%PDF-1.4", "is not a real DOCX file"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_upload_of_a_wrong_type_is_refused(client, scenario, name, content, message):
    response = upload(client, scenario, file=SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.filter(title="Strategic assessment annex").exists()


def test_restricted_paper_needs_a_paragraph_and_form_keeps_what_was_typed(client, scenario):
    response = upload(client, scenario, security_marking="RESTRICTED")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose the Schedule 12A paragraph" in html
    assert 'value="Strategic assessment annex"' in html  # nothing typed is lost


def test_bad_date_and_paragraph_outside_1_to_7_are_refused(client, scenario):
    response = upload(client, scenario, date="31/02/2018", schedule_12a_paragraph="8")
    html = response.content.decode()
    assert "Enter the date as 28/03/2018" in html
    assert "Choose a Schedule 12A paragraph from 1 to 7" in html


def test_docx_odt_xlsx_are_accepted(client, scenario):
    for name in ["paper.docx", "paper.odt", "figures.xlsx"]:
        response = upload(
            client, scenario, title=name, file=SimpleUploadedFile(name, b"PK\x03\x04rest-of-zip")
        )
        assert response.status_code == 302, name
    served = client.get(Document.objects.get(title="paper.docx").get_absolute_url())
    assert served["Content-Disposition"].startswith("attachment")


def test_files_are_not_reachable_outside_the_view(client, scenario, settings):
    path = scenario.restricted_doc.file.name
    for url in [f"/media/{path}", f"/static/{path}", f"/media-not-served/{path}"]:
        assert client.get(url).status_code == 404


def _selected(html, name):
    """The value of the option selected in the <select> called `name`."""
    import re

    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="([^"]*)"[^>]*selected', select).group(1)


def test_a_paper_on_a_withheld_item_or_under_one_defaults_to_restricted(client, scenario):
    client.force_login(scenario.officer)
    html = client.get(f"/documents/add/{scenario.public_item.pk}/").content.decode()
    assert _selected(html, "security_marking") == "UNRESTRICTED"
    assert _selected(html, "schedule_12a_paragraph") == ""

    html = client.get(f"/documents/add/{scenario.restricted_item.pk}/").content.decode()
    assert _selected(html, "security_marking") == "RESTRICTED"
    assert _selected(html, "schedule_12a_paragraph") == "1"
    assert "This item is withheld under paragraph 1 of Part 1 of Schedule 12A" in html

    # A sub-item of a withheld item, itself marked nothing: withheld through its parent.
    html = client.get(f"/documents/add/{scenario.restricted_sub.pk}/").content.decode()
    assert _selected(html, "security_marking") == "RESTRICTED"
    assert _selected(html, "schedule_12a_paragraph") == "1"
    assert "Item 2, which this item is under, is withheld under paragraph 1" in html
