"""The board's officers are told when a report or a subgroup's first update arrives, with no
withheld item's title."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.documents.tests.factories import pdf_bytes
from cspboard.meetings.services import agenda_item_update
from cspboard.people.tests.factories import PersonFactory
from cspboard.reports import services

from .conftest import TODAY

pytestmark = pytest.mark.django_db
SUBJECT = "Community Safety Partnership Board, 26 March 2031"


@pytest.fixture
def officers(coming):
    """The board's officer (address on her account) and contact officer; a member and another
    board's officer with addresses too."""
    s = coming
    s.officer.email = "officer@example.org"
    s.officer.save()
    contact = PersonFactory(name="Carol Contact", email="carol@example.org")
    MembershipFactory(person=contact, board=s.board, role=Role.CONTACT_OFFICER)
    member = PersonFactory(name="Mo Member", email="mo@example.org")
    MembershipFactory(person=member, board=s.board, role=Role.MEMBER)
    other = PersonFactory(name="Olly Other", email="olly@example.org")
    MembershipFactory(person=other, board=s.other, role=Role.OFFICER)
    return s


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run its on-commit e-mails; the outbox holds only theirs."""

    def run(service, **kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            result = service(today=TODAY, **kwargs)
        return result

    return run


def upload(name="report.pdf"):
    return SimpleUploadedFile(name, pdf_bytes("REPORT-TEXT"), content_type="application/pdf")


def test_officers_are_told_of_a_report_each_version(officers, run):
    s = officers
    request = run(services.report_request_create, item=s.paper, author=s.outside_author)
    run(services.report_submit_upload, request=request, upload=upload(), title="Knife report")
    assert sorted(m.to[0] for m in mail.outbox) == ["carol@example.org", "officer@example.org"]
    message = mail.outbox[0]
    assert message.subject == f"Report received: {SUBJECT}"
    assert f"item {s.paper.number}, “Knife Crime Update”, from David Rhodes." in message.body
    assert f"/reports/requests/{request.pk}/" in message.body
    assert "version" not in message.body
    run(
        services.report_submit_form,
        request=request,
        subject="Knife report",
        purpose="To update.",
        render_pdf=lambda **kwargs: pdf_bytes("COVER"),
    )
    assert len(mail.outbox) == 2
    assert "This is version 2" in mail.outbox[0].body


def test_a_withheld_items_report_is_named_by_its_number(officers, run):
    s = officers
    request = run(services.report_request_create, item=s.secret_paper, author=s.outside_author)
    run(
        services.report_submit_upload,
        request=request,
        upload=upload(),
        title="SECRET-SUBJECT",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
    )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "SECRET" not in message.subject + message.body
        assert f"item {s.secret_paper.number}, a restricted item" in message.body


def test_officers_are_told_of_a_subgroups_first_update_only(officers, run):
    s = officers
    fields = {"meeting": s.coming, "subgroup": s.subgroup, "title": "VAWG Subgroup Update"}
    run(services.subgroup_update_save, brief_update="We met.", **fields)
    assert sorted(m.to[0] for m in mail.outbox) == ["carol@example.org", "officer@example.org"]
    message = mail.outbox[0]
    assert message.subject == f"Subgroup update received: {SUBJECT}"
    assert "The VAWG Subgroup has sent its update report" in message.body
    assert f"item {s.updates_item.number}, “Subgroup Update Reports”." in message.body
    assert "/reports/boards/csp/meetings/2031-03-26/subgroups/vawg/" in message.body
    run(services.subgroup_update_save, brief_update="We met again.", **fields)
    run(services.subgroup_update_upload, upload=upload(), **fields)
    assert mail.outbox == []


def test_a_withheld_updates_item_is_named_by_its_number(officers, run):
    s = officers
    agenda_item_update(
        item=s.updates_item,
        expected_version=None,
        title="SECRET-TITLE Subgroup Updates",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
    )
    run(
        services.subgroup_update_upload,
        meeting=s.coming,
        subgroup=s.subgroup,
        upload=upload(),
        title="SECRET-UPDATE",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
    )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "SECRET" not in message.subject + message.body
        assert f"item {s.updates_item.number}, a restricted item" in message.body


def test_no_officer_with_an_address_no_email(coming, run):
    request = run(services.report_request_create, item=coming.paper, author=coming.outside_author)
    run(services.report_submit_upload, request=request, upload=upload(), title="Report")
    assert mail.outbox == []
