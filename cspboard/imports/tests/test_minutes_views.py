"""The officer's pages for importing from documents: upload, review, correct, import or discard;
nothing reaches the record before the officer confirms, and only the board's officers get in."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.actions.models import ActionItem
from cspboard.documents.readers import Where
from cspboard.imports.choices import DocumentImportStatus
from cspboard.imports.minutes import services
from cspboard.imports.minutes.draft import (
    ActionDraft,
    AttendeeDraft,
    DocumentDraft,
    ItemDraft,
    MeetingDraft,
)
from cspboard.imports.models import DocumentImport
from cspboard.meetings.models import Meeting

pytestmark = pytest.mark.django_db

LIST = "/boards/csp/imports/"
MINUTES = b"""Community Safety Partnership Board
Minutes of the meeting held on Wednesday 14 June 2023

1. Welcome and apologies
2. Knife crime update
"""


def _pending(scenario) -> DocumentImport:
    """A file read, with a draft as the parser might find it."""
    record = services.document_import_read(
        board=scenario.board, data=MINUTES, name="minutes.txt", by=scenario.officer
    )
    where = Where("minutes.txt", 2)
    draft = DocumentDraft(
        name="minutes.txt",
        sha256=record.sha256,
        kind="text",
        meetings=[
            MeetingDraft(
                kind="minutes",
                date=datetime.date(2023, 6, 14),
                sources={"date": where},
                attendance=[AttendeeDraft(name="Officer", where=where)],
                items=[
                    ItemDraft(number="1", title="Welcome and apologies", where=where),
                    ItemDraft(number="2", title="Knife crime update", where=where),
                ],
                actions=[
                    ActionDraft(
                        text="Circulate the knife crime figures", owners=["XY"], where=where
                    )
                ],
            )
        ],
    )
    return services.document_import_correct(record=record, draft=draft, by=scenario.officer)


def _form_data(client, url) -> dict:
    """What the review page would post with nothing changed (its inputs' values)."""
    from lxml import html

    page = html.fromstring(client.get(url).content)
    data = {}
    form = page.xpath("//form[.//button[@value='confirm']]")[0]
    for field in form.xpath(".//input|.//select|.//textarea"):
        name = field.get("name")
        if not name or field.get("type") == "submit" or field.tag == "button":
            continue
        if field.get("type") == "checkbox":
            if field.get("checked") is not None:
                data[name] = "on"
        elif field.tag == "select":
            chosen = field.xpath("./option[@selected]/@value")
            data[name] = chosen[0] if chosen else ""
        elif field.tag == "textarea":
            data[name] = field.text_content().lstrip("\n")
        else:
            data[name] = field.get("value", "")
    return data


@pytest.mark.parametrize("visitor", ["outsider", "member"])
def test_only_the_boards_officers_get_in(client, scenario, visitor):
    record = _pending(scenario)
    client.force_login(getattr(scenario, visitor))
    for url in (LIST, f"{LIST}{record.pk}/", f"{LIST}{record.pk}/source/"):
        assert client.get(url).status_code == 404
    assert client.post(f"{LIST}{record.pk}/", {"step": "discard"}).status_code == 404
    assert DocumentImport.objects.get().status == DocumentImportStatus.PENDING


def test_anonymous_visitors_are_sent_to_sign_in(client, scenario):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_boards_import_is_not_reached_through_this_board(client, scenario):
    record = _pending(scenario)
    record.board = scenario.other
    record.save(update_fields=["board"])
    client.force_login(scenario.officer)
    assert client.get(f"{LIST}{record.pk}/").status_code == 404


def test_upload_reads_the_file_and_writes_nothing(client, scenario):
    client.force_login(scenario.officer)
    meetings = Meeting.objects.count()
    response = client.post(LIST, {"file": SimpleUploadedFile("minutes.txt", MINUTES)})
    record = DocumentImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{record.pk}/"
    assert record.status == DocumentImportStatus.PENDING
    assert Meeting.objects.count() == meetings
    page = client.get(response["Location"]).content.decode()
    assert "Nothing has been imported yet" in page
    source = client.get(f"{LIST}{record.pk}/source/").content.decode()
    assert "Knife crime update" in source
    assert 'id="line-2"' in source


def test_an_unreadable_file_is_refused_with_a_message(client, scenario):
    client.force_login(scenario.officer)
    response = client.post(LIST, {"file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 junk")})
    assert response.status_code == 400
    assert "Nothing was written" in response.content.decode()
    assert not DocumentImport.objects.exists()


def test_correct_an_owner_then_import(client, scenario):
    record = _pending(scenario)
    client.force_login(scenario.officer)
    url = f"{LIST}{record.pk}/"
    data = _form_data(client, url)
    assert data["m0-x0-owners"] == "XY"
    data["m0-x0-owners"] = "Officer"
    response = client.post(url, {**data, "step": "confirm"})
    assert response.status_code == 302, response.content.decode()
    record.refresh_from_db()
    assert record.status == DocumentImportStatus.WRITTEN
    meeting = Meeting.objects.get(board=scenario.board, date=datetime.date(2023, 6, 14))
    assert [i.title for i in meeting.items.order_by("position")] == [
        "Welcome and apologies",
        "Knife crime update",
    ]
    action = ActionItem.objects.get(text__startswith="Circulate the knife crime figures")
    assert [p.name for p in action.owners.all()] == ["Officer"]
    page = client.get(url).content.decode()
    # The message says what was done, and only that.
    assert (
        "Imported from minutes.txt: 1 meeting added, 2 items added, 1 attendance record, 1 action."
        in page
    )
    assert meeting.get_absolute_url() in page
    # Posting again to a written import changes nothing.
    again = client.post(url, {**data, "step": "confirm"})
    assert again.status_code == 302
    assert Meeting.objects.filter(date=datetime.date(2023, 6, 14)).count() == 1


def test_save_corrections_keeps_them_and_writes_nothing(client, scenario):
    record = _pending(scenario)
    client.force_login(scenario.officer)
    url = f"{LIST}{record.pk}/"
    data = _form_data(client, url)
    data.pop("m0-i0-keep")  # leave out the first item
    response = client.post(url, {**data, "step": "save"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == DocumentImportStatus.PENDING
    assert [i["title"] for i in record.draft["meetings"][0]["items"]] == ["Knife crime update"]
    assert not Meeting.objects.filter(date=datetime.date(2023, 6, 14)).exists()


def test_an_error_is_shown_and_nothing_is_saved(client, scenario):
    record = _pending(scenario)
    client.force_login(scenario.officer)
    url = f"{LIST}{record.pk}/"
    data = _form_data(client, url)
    data["m0-date"] = "31/02/2023"
    response = client.post(url, {**data, "step": "confirm"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_m0-date"' in page
    record.refresh_from_db()
    assert record.status == DocumentImportStatus.PENDING
    assert record.draft["meetings"][0]["date"] == "2023-06-14"


def test_discard(client, scenario):
    record = _pending(scenario)
    client.force_login(scenario.officer)
    response = client.post(f"{LIST}{record.pk}/", {"step": "discard"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == DocumentImportStatus.DISCARDED
    assert not Meeting.objects.filter(date=datetime.date(2023, 6, 14)).exists()


def test_the_same_file_again_is_said_to_be_imported(client, scenario):
    record = _pending(scenario)
    services.document_import_write(record=record, by=scenario.officer)
    client.force_login(scenario.officer)
    response = client.post(LIST, {"file": SimpleUploadedFile("copy.txt", MINUTES)})
    assert response.status_code == 400
    assert "This file was imported to Community Safety Partnership Board" in (
        response.content.decode()
    )
    assert DocumentImport.objects.count() == 1


def test_the_list_and_review_pages_query_a_bounded_number_of_times(client, scenario):
    client.force_login(scenario.officer)
    for n in range(3):
        services.document_import_read(
            board=scenario.board, data=MINUTES + str(n).encode(), name=f"m{n}.txt"
        )
    client.get(LIST)  # warm the session and the access cache's first reads
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for n in range(3, 9):
        services.document_import_read(
            board=scenario.board, data=MINUTES + str(n).encode(), name=f"m{n}.txt"
        )
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(few)


def test_the_board_page_links_its_officers_to_the_import(client, scenario):
    client.force_login(scenario.officer)
    assert LIST in client.get("/boards/csp/").content.decode()
    client.force_login(scenario.member)
    assert LIST not in client.get("/boards/csp/").content.decode()
