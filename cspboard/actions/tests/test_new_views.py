"""The log's download, the import and the reminders pages: who may use them, and what they do."""

import csv
import datetime
import functools
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cspboard.actions import services
from cspboard.actions.models import ActionItem, ReminderSent
from cspboard.actions.spreadsheets import HEADERS, NOT_FOR_PUBLICATION, WITHHELD_HEADER
from cspboard.people.tests.factories import PersonFactory

from .test_views import VISITORS, login

pytestmark = pytest.mark.django_db
D = datetime.date
IMPORT = "/boards/csp/actions/import/"
REMINDERS = "/boards/csp/actions/reminders/"
HEADER = ",".join(HEADERS)


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("visitor", VISITORS)
def test_the_download_holds_what_the_viewer_may_see(client, log, visitor):
    services.action_close(action=log.sub_action)
    login(client, log, visitor)
    response = client.get("/boards/csp/actions/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="csp-action-log-' in response["Content-Disposition"]
    rows = csv_rows(response)
    entitled = visitor in ("member", "officer")
    if entitled:
        # Marked as holding withheld actions, each marked in its own column.
        assert rows[0] == [NOT_FOR_PUBLICATION]
        assert rows[1] == [*HEADERS, WITHHELD_HEADER]
        rows = rows[2:]
        marks = {row[1]: row[8] for row in rows}
        assert marks["SECRET-ACTION visit the named family"] == "Paragraph 1"
        assert marks["SECRET-SUB-ACTION"] == "Paragraph 1"  # withheld by its parent item
        assert marks["PUBLIC-ACTION publish the plan"] == marks["DRAFT-ACTION"] == ""
    else:
        assert rows[0] == list(HEADERS)  # no withheld column, nothing withheld
        rows = rows[1:]
    texts = {row[1] for row in rows}
    assert "PUBLIC-ACTION publish the plan" in texts
    for text in ["SECRET-ACTION visit the named family", "SECRET-SUB-ACTION", "DRAFT-ACTION"]:
        assert (text in texts) == entitled, text  # closed ones too
    content = client.get("/boards/csp/actions/export.xlsx").content
    workbook = load_workbook(io.BytesIO(content))
    first = 3 if entitled else 2
    xlsx_texts = {row[1] for row in workbook.active.iter_rows(min_row=first, values_only=True)}
    assert xlsx_texts == texts
    assert (workbook.active.title == "Action log NOT FOR PUBLICATION") == entitled
    assert client.get("/boards/csp/actions/export.pdf").status_code == 404
    assert client.get("/boards/nope/actions/export.csv").status_code == 404


def test_the_log_page_links_to_the_downloads_and_the_officers_pages(client, log):
    html = client.get("/boards/csp/actions/").content.decode()
    assert "/boards/csp/actions/export.xlsx" in html and IMPORT not in html
    client.force_login(log.officer)
    html = client.get("/boards/csp/actions/").content.decode()
    assert IMPORT in html and REMINDERS in html


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("url", [IMPORT, REMINDERS])
def test_import_and_reminders_are_for_officers(client, log, visitor, url):
    login(client, log, visitor)
    response = client.get(url)
    expected = {"anonymous": 302, "outsider": 404, "member": 404, "officer": 200}[visitor]
    assert response.status_code == expected
    upload = SimpleUploadedFile("log.csv", f"{HEADER}\n,X,,28 March 2018,,,,\n".encode())
    response = client.post(IMPORT, {"step": "upload", "file": upload})
    assert response.status_code == {"officer": 200}.get(visitor, expected)
    assert client.get("/boards/other/actions/import/").status_code in (302, 404)


def upload(client, text, name="log.csv"):
    return client.post(IMPORT, {"step": "upload", "file": SimpleUploadedFile(name, text.encode())})


def test_the_import_previews_then_imports_once(client, log):
    client.force_login(log.officer)
    before = ActionItem.objects.count()
    text = f"""{HEADER}
,Write to MOPAC,Member,28 March 2018,30 June 2018,,Open,Letter drafted
1,PUBLIC-ACTION publish the plan,Member,28 March 2018,1 June 2018,,Open,
"""
    response = upload(client, text)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Import 1 row" in html and "Already on the log as action 1" in html
    assert ActionItem.objects.count() == before  # nothing until confirmed
    token = response.context["token"]

    assert client.post(IMPORT, {"step": "confirm", "token": "forged"}).status_code == 302
    assert ActionItem.objects.count() == before
    response = client.post(IMPORT, {"step": "confirm", "token": token})
    assert response.status_code == 302
    assert response["Location"] == "/boards/csp/actions/?status=all"
    action = ActionItem.objects.get(text="Write to MOPAC")
    assert action.meeting == log.meeting and action.target_date == D(2018, 6, 30)
    assert list(action.owners.all()) == [log.member.person]
    assert action.updates.get().text == "Letter drafted"
    assert "1 action imported from log.csv" in client.get("/boards/csp/actions/").content.decode()

    # The same file again: nothing new, and confirming the old token does nothing.
    assert client.post(IMPORT, {"step": "confirm", "token": token}).status_code == 302
    response = upload(client, text)
    assert "Nothing to import: every row is already on the log." in response.content.decode()
    assert ActionItem.objects.count() == before + 1


def test_the_preview_lists_each_rows_errors_and_offers_no_import(client, log):
    client.force_login(log.officer)
    text = f"""{HEADER}
,Write to MOPAC,Nobody Known,28 March 2018,,,,
,,Member,28 March 2018,,,,
,Meet,Member,28 March 2018,in a while,,,
"""
    response = upload(client, text)
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Import actions" in html
    assert "Row 2: “Nobody Known” in “Lead” is not anyone in the register" in html
    assert "Row 3: Enter the action" in html
    assert "Row 4: “in a while” in “Target Completion” is not a date" in html
    assert 'href="#row-2"' in html and 'id="row-2"' in html
    assert 'name="token"' not in html and "Upload the corrected file" in html  # no import
    assert not client.session.get(f"actions-import:{log.board.pk}")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("log.pdf", b"%PDF-1.4", "The selected file must be a CSV or XLSX file"),
        ("log.xlsx", b"PK\x03\x04 broken", "not an XLSX workbook"),
        ("log.csv", b"Lead\nJade\n", "No header row was found"),
        ("log.csv", HEADER.encode() + b"\n", "no actions under it"),
    ],
)
def test_files_that_cannot_be_read(client, log, name, content, message):
    client.force_login(log.officer)
    response = client.post(IMPORT, {"step": "upload", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_reminders_page_lists_what_was_sent(client, log):
    ReminderSent.objects.create(
        action=log.secret_action, kind="overdue", key="2018-04-10", recipients="Member <m@x.org>"
    )
    client.force_login(log.officer)
    html = client.get(REMINDERS).content.decode()
    assert "SECRET-ACTION" in html and "Member &lt;m@x.org&gt;" in html and "Overdue" in html
    assert (
        "No reminders have been sent yet."
        in client.get("/boards/vawg/actions/reminders/").content.decode()
    )


def test_the_reminders_page_queries_do_not_grow(client, log):
    client.force_login(log.officer)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(REMINDERS).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first look creates the board's action settings
    ReminderSent.objects.create(action=log.public_action, kind="overdue", key="1", recipients="a")
    before = count()
    for n in range(6):
        action = services.action_create(
            board=log.board, text=f"More {n}", item=log.public_item, owners=[PersonFactory()]
        )
        for kind in ("overdue", "no_update"):
            ReminderSent.objects.create(action=action, kind=kind, key=str(n), recipients="x\ny")
    assert count() == before


@functools.cache
def bad_files():
    from cspboard.core.tests.bad_workbooks import bomb, broken_workbooks

    rows = [list(HEADERS), ["", "Write to MOPAC", "Member", "28 March 2018", "", "", "Open", ""]]
    files = {"bomb.xlsx": bomb(rows, megabytes=300, text="Write to MOPAC")}
    files |= broken_workbooks(rows)
    files |= {"nul.csv": f"{HEADER}\n,Write\x00,Member,,,,Open,\n".encode()}
    files |= {"encoding.csv": f"{HEADER}\n,Write,Member,,,,Open,".encode() + b"\x81\x8d\n"}
    return files


@pytest.mark.parametrize("name", list(bad_files()))
def test_a_bad_file_gets_a_message_on_the_form_never_a_500(client, log, name):
    """A zip bomb was previewed after 13 s and 2 GB; a workbook cut short or without its sheet
    gave a 500."""
    client.force_login(log.officer)
    before = ActionItem.objects.count()
    content = bad_files()[name]
    response = client.post(IMPORT, {"step": "upload", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert "govuk-error-summary" in response.content.decode()
    assert not response.context["token"]
    assert ActionItem.objects.count() == before
