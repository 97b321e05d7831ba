"""The reports pages: status codes, what they show, their forms, and their query counts."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cspboard.boards.tests.factories import BoardFactory
from cspboard.documents.models import Document
from cspboard.meetings.choices import ItemKind, MeetingStatus
from cspboard.meetings.services import agenda_item_add, meeting_create
from cspboard.reports import links, services
from cspboard.reports.models import ReportRequest, ReportSettings, SubgroupUpdate

from .conftest import TODAY
from .factories import ReportRequestFactory

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


# Reports due ------------------------------------------------------------------------------------


def test_reports_due_shows_each_paper_and_flags_the_overdue(client, coming):
    s = coming
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ReportRequestFactory(item=s.paper, author=s.author, deadline=yesterday)
    ReportRequestFactory(item=s.secret_paper, author=s.outside_author, status="submitted")
    response = signed_in(client, s.officer).get("/reports/due/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert "Knife Crime Update" in html
    assert 'govuk-tag govuk-tag--red">Overdue' in html
    assert "1 overdue" in html
    assert 'govuk-tag govuk-tag--green">Submitted' in html
    assert "Not requested" in html  # the subgroup updates item is a paper too
    assert f"/reports/items/{s.updates_item.pk}/request/" in html
    # The subgroups: none has sent an update yet.
    assert html.count("No update report provided") == 2
    assert "Report deadlines for the Community Safety Partnership Board" in html


def test_reports_due_is_for_officers(client, coming):
    assert signed_in(client, coming.member).get("/reports/due/").status_code == 404
    client.logout()
    assert client.get("/reports/due/").status_code == 302


def _meeting_with_papers(board, day, papers):
    meeting = meeting_create(board=board, date=day, start_time=datetime.time(10))
    for n in range(papers):
        item = agenda_item_add(meeting=meeting, title=f"Paper {n}", kind=ItemKind.PAPER)
        if n % 2:
            ReportRequestFactory(item=item)
    agenda_item_add(meeting=meeting, title="Subgroup updates", role="subgroup_updates")
    return meeting


def test_reports_due_queries_do_not_grow(client, coming, django_assert_num_queries):
    s = coming
    signed_in(client, s.officer)
    client.get("/reports/due/")  # warm the session

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/reports/due/").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for n in range(3):
        _meeting_with_papers(s.board, datetime.date(2032, 1, 7) + datetime.timedelta(weeks=n), 5)
        BoardFactory(parent=s.board)
    SubgroupUpdate.objects.create(
        meeting=s.coming, subgroup=s.subgroup, title="Update", brief_update="Met."
    )
    assert count() == small
    # Session, user, memberships, boards, meetings, items, requests, subgroups, updates.
    with django_assert_num_queries(small):
        client.get("/reports/due/")


# Requesting -------------------------------------------------------------------------------------


def test_the_request_form_suggests_the_deadline_and_the_presenter(client, coming):
    s = coming
    url = f"/reports/items/{s.paper.pk}/request/"
    response = signed_in(client, s.officer).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tuesday 11 March 2031" in html
    assert "Tuesday 18 March 2031" in html  # the agenda's last day of publication
    assert 'value="11/03/2031"' in html
    assert f'<option value="{s.author.pk}" selected>' in html
    found = client.get(url + "?q=rhodes").content.decode()
    assert "1 match for" in found and "David Rhodes" in found and "Erik Stein" not in found


def test_requesting_a_report(client, coming, django_capture_on_commit_callbacks):
    s = coming
    url = f"/reports/items/{s.paper.pk}/request/"
    signed_in(client, s.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"author": s.outside_author.pk, "deadline": "10/03/2031", "note": "Please"}
        )
    request = ReportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/requests/{request.pk}/"
    assert request.deadline == datetime.date(2031, 3, 10)
    assert len(mail.outbox) == 1
    # The officer sees the link to pass on: the author has no account.
    html = client.get(response["Location"]).content.decode()
    assert "/reports/submit/" in html
    assert "Withdraw the request" in html
    # Asking again goes to the request already made.
    assert client.get(url)["Location"] == f"/reports/requests/{request.pk}/"


def test_a_bad_deadline_is_shown_on_the_form(client, coming):
    s = coming
    response = signed_in(client, s.officer).post(
        f"/reports/items/{s.paper.pk}/request/",
        {"author": s.author.pk, "deadline": "27/03/2031"},
    )
    assert response.status_code == 400
    assert "The deadline must be before the meeting on 26 March 2031" in response.content.decode()
    response = client.post(
        f"/reports/items/{s.paper.pk}/request/", {"author": s.author.pk, "deadline": "31/02/2031"}
    )
    assert response.status_code == 400
    assert "The deadline must be a real date" in response.content.decode()
    assert not ReportRequest.objects.exists()


def test_changing_and_withdrawing(client, coming):
    s = coming
    request = services.report_request_create(item=s.paper, author=s.author, today=TODAY)
    signed_in(client, s.officer)
    found = client.get(f"/reports/requests/{request.pk}/change/?q=rhodes").content.decode()
    assert "1 match for" in found and "None match" not in found
    response = client.post(
        f"/reports/requests/{request.pk}/change/",
        {"author": s.outside_author.pk, "deadline": "12/03/2031"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.author == s.outside_author
    response = client.post(f"/reports/requests/{request.pk}/withdraw/")
    assert response["Location"] == "/reports/due/"
    request.refresh_from_db()
    assert request.status == "withdrawn"


# Submitting -------------------------------------------------------------------------------------

COVER_SHEET = {
    "subject": "Knife Crime Update Report",
    "report_date": "26/03/2031",
    "author_text": "Erik Stein",
    "contact": "erik@example.org",
    "security_marking": "UNRESTRICTED",
    "schedule_12a_paragraph": "",
    "purpose": "To update the board.",
    "overview": "Knife crime fell.",
    "appendices": "",
}


def test_the_author_writes_the_report(client, coming):
    s = coming
    request = services.report_request_create(item=s.paper, author=s.author, today=TODAY)
    signed_in(client, s.author_user)
    mine = client.get("/reports/").content.decode()
    assert "Knife Crime Update" in mine and "Requested" in mine
    page = client.get(f"/reports/requests/{request.pk}/write/")
    assert page.status_code == 200
    assert 'value="Knife Crime Update"' in page.content.decode()  # the item's title to start
    assert 'value="erik@example.org"' in page.content.decode()
    response = client.post(f"/reports/requests/{request.pk}/write/", COVER_SHEET)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "submitted"
    detail = client.get(f"/reports/requests/{request.pk}/").content.decode()
    assert "knife-crime-update-report.pdf" in detail
    assert "Write a new version on the cover sheet" in detail


def test_the_cover_sheets_errors(client, coming):
    s = coming
    request = services.report_request_create(item=s.paper, author=s.author, today=TODAY)
    signed_in(client, s.author_user)
    data = {**COVER_SHEET, "purpose": "", "security_marking": "PROTECTED"}
    response = client.post(f"/reports/requests/{request.pk}/write/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say what the report is for and what the board is asked to decide" in html
    assert "Choose the Schedule 12A paragraph that allows this report to be withheld" in html
    assert html.count("govuk-error-summary__list") == 1


def test_the_author_uploads_through_the_signed_link(client, coming):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cspboard.documents.tests.factories import pdf_bytes

    s = coming
    request = services.report_request_create(item=s.paper, author=s.outside_author, today=TODAY)
    token = links.report_link_token(request)
    page = client.get(f"/reports/submit/{token}/upload/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    response = client.post(
        f"/reports/submit/{token}/upload/",
        {
            "title": "Knife crime",
            "security_marking": "UNRESTRICTED",
            "schedule_12a_paragraph": "",
            "file": SimpleUploadedFile("knife.pdf", pdf_bytes("LINK-UPLOAD")),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/reports/submit/{token}/"
    request.refresh_from_db()
    assert request.status == "submitted"
    assert request.document.author_person == s.outside_author
    assert "Your report is submitted" in client.get(response["Location"]).content.decode()


# Settings and subgroup updates ------------------------------------------------------------------


def test_the_boards_settings(client, coming):
    s = coming
    response = signed_in(client, s.officer).post(
        "/reports/boards/csp/settings/",
        {"deadline_working_days": "8", "reminder_working_days": "2", "reporting": [s.subgroup.pk]},
    )
    assert response.status_code == 302
    assert ReportSettings.objects.get(board=s.board).deadline_working_days == 8
    assert ReportSettings.objects.get(board=s.second_subgroup).sends_subgroup_updates is False
    page = client.get("/reports/due/").content.decode()
    assert page.count("No update report provided") == 1


def test_the_lead_writes_the_subgroup_update(client, coming):
    s = coming
    signed_in(client, s.lead_user)
    mine = client.get("/reports/").content.decode()
    assert "Write the update" in mine
    url = f"/reports/boards/csp/meetings/{s.coming.date}/subgroups/vawg/write/"
    form = client.get(url).content.decode()
    assert 'value="VAWG Subgroup Update"' in form
    response = client.post(
        url,
        {
            "title": "VAWG Subgroup Update",
            "report_date": "",
            "author_text": "Angie Fuller",
            "contact": "",
            "security_marking": "UNPROTECTED",
            "schedule_12a_paragraph": "",
            "brief_update": "BRIEF-UPDATE text",
            "key_challenges": "",
            "emerging_trends": "",
            "support_required": "",
            "appendices": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#subgroup-updates")
    update = SubgroupUpdate.objects.get()
    assert update.submitted_by_person == s.lead
    page = client.get(update.get_absolute_url()).content.decode()
    assert "BRIEF-UPDATE text" in page and "Change the update" in page
    pdf = client.get(update.get_absolute_url() + "update.pdf")
    assert pdf["Content-Type"] == "application/pdf"


def test_the_meeting_page_panel_queries_do_not_grow(client, coming):
    s = coming
    s.coming.status = MeetingStatus.AGENDA_PUBLISHED
    s.coming.save()
    url = f"/boards/csp/meetings/{s.coming.date}/"

    def count():
        cache.clear()  # the page drawn, not its body kept (core's test_cache pins that path)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    signed_in(client, s.member)
    client.get(url)
    small = count()
    for n in range(4):
        sub = BoardFactory(parent=s.board)
        SubgroupUpdate.objects.create(
            meeting=s.coming, subgroup=sub, title=f"Update {n}", brief_update="Met."
        )
    assert count() == small
    assert Document.objects.count() >= 0


def test_my_reports_queries_do_not_grow(client, coming):
    s = coming
    signed_in(client, s.lead_user)
    s.lead.user = s.lead_user

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/reports/").status_code == 200
        return len(ctx.captured_queries)

    ReportRequestFactory(item=s.paper, author=s.lead)
    client.get("/reports/")
    small = count()
    for n in range(3):
        meeting = _meeting_with_papers(
            s.board, datetime.date(2032, 1, 7) + datetime.timedelta(weeks=n), 2
        )
        item = agenda_item_add(meeting=meeting, title=f"Paper for the lead {n}", kind="paper")
        ReportRequestFactory(item=item, author=s.lead)
    html = client.get("/reports/").content.decode()
    assert html.count("Write the update") == 4
    assert html.count("Paper for the lead") == 3
    assert count() == small
