"""Report requests and submissions: deadlines, statuses, the item's plan status, all or
nothing; subgroup updates."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from cspboard.core.exceptions import NotAllowed
from cspboard.documents.models import Document, documents_storage
from cspboard.documents.tests.factories import make_document, pdf_bytes
from cspboard.meetings.choices import PlanStatus
from cspboard.meetings.models import AgendaItem
from cspboard.reports import services
from cspboard.reports.choices import RequestStatus
from cspboard.reports.models import ReportNotice, ReportRequest, ReportSubmission, SubgroupUpdate
from cspboard.reports.services import report_settings_save

from .conftest import DEADLINE, MEETING_DAY, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_for(django_capture_on_commit_callbacks):
    def make(item, author, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.report_request_create(item=item, author=author, today=TODAY, **kwargs)

    return make


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def submit(request, **overrides):
    fields = {
        "subject": "Knife Crime Update Report",
        "purpose": "PURPOSE-TEXT: to update the board on knife crime.",
        "overview": "OVERVIEW-TEXT\n\n- first point\n- second point",
        "appendices": "Knife crime and stop and search update",
        "report_date": MEETING_DAY,
        "author_text": "David Rhodes, Superintendent",
        "contact": "david@example.org",
        "today": TODAY,
    }
    fields.update(overrides)
    return services.report_submit_form(request=request, **fields)


# Requesting -------------------------------------------------------------------------------------


def test_a_request_takes_the_boards_deadline_and_moves_the_plan(coming, request_for):
    s = coming
    request = request_for(s.paper, s.author, note="Cover stop and search too", by=s.officer)
    assert request.deadline == DEADLINE
    assert request.status == RequestStatus.REQUESTED
    assert request.requested_by == s.officer
    assert AgendaItem.objects.get(pk=s.paper.pk).plan_status == PlanStatus.REPORT_REQUESTED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["erik@example.org"]
    assert "Tuesday 11 March 2031" in message.body
    assert "Knife Crime Update" in message.body
    assert "Cover stop and search too" in message.body
    # An author with an account signs in to the request's page.
    assert f"/reports/requests/{request.pk}/" in message.body


def test_the_boards_own_number_of_working_days(coming, request_for):
    report_settings_save(board=coming.board, deadline_working_days=10, reminder_working_days=2)
    request = request_for(coming.paper, coming.author)
    assert request.deadline == datetime.date(2031, 3, 4)


def test_an_author_without_an_account_gets_a_signed_link(coming, request_for):
    request = request_for(coming.paper, coming.outside_author)
    assert "/reports/submit/" in mail.outbox[0].body
    assert f"/reports/requests/{request.pk}/" not in mail.outbox[0].body


def test_a_withheld_items_request_mail_names_no_restricted_detail(coming, request_for):
    request_for(coming.secret_paper, coming.author, note="SECRET-NOTE about the victim")
    body = mail.outbox[0].body + mail.outbox[0].subject
    assert "SECRET-TITLE" not in body
    assert "SECRET-NOTE" not in body
    assert "restricted item" in body


def test_an_author_without_an_address_is_recorded_as_not_told(coming, request_for):
    coming.outside_author.email = ""
    coming.outside_author.save()
    request_for(coming.paper, coming.outside_author)
    assert mail.outbox == []
    assert not ReportNotice.objects.exists()


def test_one_open_request_per_item(coming, request_for):
    request_for(coming.paper, coming.author)
    with pytest.raises(NotAllowed):
        request_for(coming.paper, coming.outside_author)


@pytest.mark.parametrize(
    "deadline, field",
    [(MEETING_DAY, "deadline"), (TODAY - datetime.timedelta(days=1), "deadline")],
)
def test_the_deadline_is_between_today_and_the_meeting(coming, request_for, deadline, field):
    with pytest.raises(ValidationError) as error:
        request_for(coming.paper, coming.author, deadline=deadline)
    assert field in error.value.error_dict
    assert not ReportRequest.objects.exists()


def test_no_request_for_a_meeting_that_has_passed(scenario, request_for):
    with pytest.raises(NotAllowed):
        request_for(scenario.public_item, scenario.chair)


def test_a_request_is_all_or_nothing(coming, monkeypatch):
    def broken(request):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr(services.notifications, "request_sent", broken)
    with pytest.raises(RuntimeError):
        services.report_request_create(item=coming.paper, author=coming.author, today=TODAY)
    assert not ReportRequest.objects.exists()
    assert AgendaItem.objects.get(pk=coming.paper.pk).plan_status == PlanStatus.PLANNED


def test_changing_the_deadline_tells_the_author_once(
    coming, request_for, django_capture_on_commit_callbacks
):
    request = request_for(coming.paper, coming.author)
    new = datetime.date(2031, 3, 14)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.report_request_change(
                request=request, author=coming.author, deadline=new, today=TODAY
            )
    assert len(mail.outbox) == 2
    assert "Friday 14 March 2031" in mail.outbox[1].body


def test_withdrawing_puts_the_plan_back(coming, request_for):
    request = request_for(coming.paper, coming.author)
    services.report_request_withdraw(request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert AgendaItem.objects.get(pk=coming.paper.pk).plan_status == PlanStatus.PLANNED
    # ...and the item can be asked for again.
    assert request_for(coming.paper, coming.outside_author).status == RequestStatus.REQUESTED


# Submitting -------------------------------------------------------------------------------------


def test_the_cover_sheet_becomes_the_items_paper(coming, request_for):
    s = coming
    request = request_for(s.paper, s.author)
    submission = submit(request, by=s.author_user, by_person=s.author)
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED
    assert request.submitted_at is not None
    assert AgendaItem.objects.get(pk=s.paper.pk).plan_status == PlanStatus.REPORT_RECEIVED
    document = request.document
    assert document.item_id == s.paper.pk
    assert document.title == "Knife Crime Update Report"
    assert document.author_person == s.author
    assert document.filename == "knife-crime-update-report.pdf"
    assert submission.version == 1 and submission.submitted_by_person == s.author
    text = pdf_text(document.file.open("rb").read())
    for expected in (
        "COMMUNITY SAFETY PARTNERSHIP BOARD",
        "REPORT",
        "Subject:",
        "Knife Crime Update Report",
        "Wednesday 26 March 2031",
        "David Rhodes, Superintendent",
        "[UNRESTRICTED]",
        "Purpose of Presenting the Report and Decisions Required",
        "PURPOSE-TEXT",
        "Overview and Recommendations",
        "OVERVIEW-TEXT",
        "List of Appendices",
        "Appendix 1: Knife crime and stop and search update",
    ):
        assert expected in text, expected


def test_resubmitting_replaces_the_paper_and_keeps_the_history(coming, request_for):
    s = coming
    request = request_for(s.paper, s.author)
    submit(request, purpose="FIRST-VERSION")
    appendix = make_document(s.paper, title="Appendix 1", filename="appendix.pdf")
    second = submit(request, purpose="SECOND-VERSION")
    documents = list(Document.objects.filter(item=s.paper).order_by("position"))
    # The new version takes the first one's place, before the appendix added after it.
    assert [d.pk for d in documents] == [second.document_id, appendix.pk]
    assert "SECOND-VERSION" in pdf_text(documents[0].file.open("rb").read())
    versions = list(ReportSubmission.objects.filter(request=request).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    # The first version's file is still in the store, and its paper's deletion in the history.
    with documents_storage().open(versions[0].stored_name, "rb") as handle:
        assert "FIRST-VERSION" in pdf_text(handle.read())
    assert Document.history.filter(history_type="-").count() == 1


def test_an_upload_goes_through_the_upload_checks(coming, request_for):
    request = request_for(coming.paper, coming.author)
    fake = SimpleUploadedFile("report.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.report_submit_upload(request=request, upload=fake, title="Report", today=TODAY)
    request.refresh_from_db()
    assert request.status == RequestStatus.REQUESTED
    assert not Document.objects.filter(item=coming.paper).exists()
    assert AgendaItem.objects.get(pk=coming.paper.pk).plan_status == PlanStatus.REPORT_REQUESTED
    good = SimpleUploadedFile("report.pdf", pdf_bytes("UPLOADED-TEXT"))
    services.report_submit_upload(request=request, upload=good, title="Report", today=TODAY)
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


def test_a_withheld_marking_needs_its_paragraph_and_nothing_is_saved(coming, request_for):
    request = request_for(coming.paper, coming.author)
    with pytest.raises(ValidationError) as error:
        submit(request, security_marking="RESTRICTED", schedule_12a_paragraph=None)
    assert "schedule_12a_paragraph" in error.value.error_dict
    assert not Document.objects.filter(item=coming.paper).exists()
    assert not ReportSubmission.objects.exists()
    submit(request, security_marking="RESTRICTED", schedule_12a_paragraph=1)
    request.refresh_from_db()
    assert request.document.is_marked_withheld


def test_a_submission_is_all_or_nothing(coming, request_for, monkeypatch):
    request = request_for(coming.paper, coming.author)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_set_plan_status", lambda *a: broken())
    with pytest.raises(RuntimeError):
        submit(request)
    request.refresh_from_db()
    assert request.status == RequestStatus.REQUESTED
    assert not Document.objects.filter(item=coming.paper).exists()
    assert not ReportSubmission.objects.exists()


def test_no_submission_once_withdrawn_or_after_the_meeting(coming, request_for):
    request = request_for(coming.paper, coming.author)
    with pytest.raises(NotAllowed):
        submit(request, today=MEETING_DAY + datetime.timedelta(days=1))
    services.report_request_withdraw(request=request)
    with pytest.raises(NotAllowed):
        submit(request)
    with pytest.raises(NotAllowed):
        services.report_request_withdraw(request=request)


def test_a_submitted_request_is_not_withdrawn(coming, request_for):
    request = request_for(coming.paper, coming.author)
    submit(request)
    with pytest.raises(NotAllowed):
        services.report_request_withdraw(request=request)


# Subgroup updates -------------------------------------------------------------------------------


def update_fields(**overrides):
    fields = {
        "title": "VAWG Subgroup Update",
        "brief_update": "BRIEF-UPDATE: the subgroup met twice.",
        "key_challenges": "Data sharing.",
        "emerging_trends": "None.",
        "support_required": "Note the report.",
        "today": TODAY,
    }
    fields.update(overrides)
    return fields


def test_a_subgroup_update_is_saved_and_rewritten_with_history(coming):
    s = coming
    update = services.subgroup_update_save(
        meeting=s.coming, subgroup=s.subgroup, by=s.lead_user, by_person=s.lead, **update_fields()
    )
    assert update.submitted_by_person == s.lead
    services.subgroup_update_save(
        meeting=s.coming, subgroup=s.subgroup, **update_fields(brief_update="SECOND")
    )
    assert SubgroupUpdate.objects.get().brief_update == "SECOND"
    assert SubgroupUpdate.history.count() == 2


def test_an_uploaded_update_is_a_paper_of_the_item_and_a_form_replaces_it(coming):
    s = coming
    upload = SimpleUploadedFile("vawg.pdf", pdf_bytes("VAWG-UPLOAD"))
    update = services.subgroup_update_upload(
        meeting=s.coming, subgroup=s.subgroup, upload=upload, title="VAWG update", today=TODAY
    )
    assert update.document.item_id == s.updates_item.pk
    services.subgroup_update_save(meeting=s.coming, subgroup=s.subgroup, **update_fields())
    assert not Document.objects.filter(item=s.updates_item).exists()
    assert SubgroupUpdate.objects.get().document is None


def test_a_subgroup_update_needs_a_subgroup_a_collecting_item_and_a_brief_update(coming):
    s = coming
    with pytest.raises(ValidationError):
        services.subgroup_update_save(meeting=s.coming, subgroup=s.other, **update_fields())
    with pytest.raises(ValidationError) as error:
        services.subgroup_update_save(
            meeting=s.coming, subgroup=s.subgroup, **update_fields(brief_update=" ")
        )
    assert "brief_update" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.subgroup_update_save(
            meeting=s.coming, subgroup=s.subgroup, **update_fields(security_marking="PROTECTED")
        )
    AgendaItem.objects.filter(pk=s.updates_item.pk).update(role="aob")
    with pytest.raises(NotAllowed):
        services.subgroup_update_save(meeting=s.coming, subgroup=s.subgroup, **update_fields())
    assert not SubgroupUpdate.objects.exists()
