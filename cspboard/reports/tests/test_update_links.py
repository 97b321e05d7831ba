"""A subgroup lead's signed link to one meeting's update: it opens that update's form and upload
(written as the lead, with or without an account), and nothing once it is altered, expired, its
person no longer leads the subgroup or the agenda is published."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.documents.models import Document
from cspboard.documents.tests.factories import pdf_bytes
from cspboard.meetings.services import agenda_publish
from cspboard.people.tests.factories import PersonFactory
from cspboard.reports import links
from cspboard.reports.models import SubgroupUpdate

pytestmark = pytest.mark.django_db

FORM = {
    "title": "VAWG Subgroup Update",
    "report_date": "",
    "author_text": "Bea Deputy",
    "contact": "",
    "security_marking": "UNPROTECTED",
    "schedule_12a_paragraph": "",
    "brief_update": "LINK-BRIEF text",
    "key_challenges": "",
    "emerging_trends": "",
    "support_required": "",
    "appendices": "",
}


@pytest.fixture
def deputy(coming):
    """The subgroup's deputy chair, who has no account, and her link."""
    s = coming
    s.deputy = PersonFactory(name="Bea Deputy", email="bea@example.org")
    s.deputy_membership = MembershipFactory(
        person=s.deputy, board=s.subgroup, role=Role.DEPUTY_CHAIR
    )
    s.token = links.update_link_token(s.coming, s.subgroup, s.deputy.pk)
    return s


def upload_data():
    return {
        "title": "VAWG update",
        "security_marking": "UNRESTRICTED",
        "schedule_12a_paragraph": "",
        "file": SimpleUploadedFile("vawg.pdf", pdf_bytes("LINK-UPLOAD")),
    }


def test_a_lead_without_an_account_writes_the_update_through_the_link(client, deputy):
    s = deputy
    url = f"/reports/update/{s.token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "same-origin"
    html = page.content.decode()
    assert "VAWG Subgroup: update report" in html
    assert 'name="robots" content="noindex, nofollow"' in html
    assert f'href="/reports/update/{s.token}/upload/"' in html
    assert "SECRET-TITLE" not in html  # nothing else of the agenda
    assert "Back to the meeting" not in html  # the meeting's page is not theirs to see
    response = client.post(url, FORM)
    assert response.status_code == 302
    assert response["Location"] == url
    update = SubgroupUpdate.objects.get()
    assert update.submitted_by_person == s.deputy
    assert update.submitted_by is None
    assert update.brief_update == "LINK-BRIEF text"
    again = client.get(url).content.decode()
    assert "The VAWG Subgroup update is saved." in again
    assert "LINK-BRIEF text" in again  # the lead can change it


def test_a_lead_uploads_the_update_through_the_link(client, deputy):
    s = deputy
    url = f"/reports/update/{s.token}/upload/"
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    response = client.post(url, upload_data())
    assert response.status_code == 302
    assert response["Location"] == f"/reports/update/{s.token}/"
    update = SubgroupUpdate.objects.select_related("document").get()
    assert update.submitted_by_person == s.deputy
    assert update.document.author_person == s.deputy
    assert update.document.item == s.updates_item


def test_a_lead_with_an_account_may_use_the_link_too(client, coming):
    s = coming
    token = links.update_link_token(s.coming, s.subgroup, s.lead.pk)
    assert client.post(f"/reports/update/{token}/", FORM).status_code == 302
    assert SubgroupUpdate.objects.get().submitted_by_person == s.lead


def assert_refused(client, token, status=404):
    documents = Document.objects.count()
    for url in (f"/reports/update/{token}/", f"/reports/update/{token}/upload/"):
        page = client.get(url)
        assert page.status_code == status, url
        assert page["Cache-Control"] == "private, no-store"
        html = page.content.decode()
        for secret in ("VAWG", "Community Safety Partnership Board", "Subgroup Update"):
            assert secret not in html, (url, secret)
    assert client.post(f"/reports/update/{token}/", FORM).status_code == status
    assert client.post(f"/reports/update/{token}/upload/", upload_data()).status_code == status
    assert not SubgroupUpdate.objects.exists()
    assert Document.objects.count() == documents


def test_an_altered_link_is_refused(client, deputy):
    assert_refused(client, deputy.token + "x")
    assert_refused(client, "nonsense")
    # A genuine token of another kind of link is no key to an update.
    assert_refused(client, links.LINK.token(m=deputy.coming.pk, s=deputy.subgroup.pk, p=1))


def test_an_expired_link_is_refused(client, deputy, settings):
    settings.REPORT_LINK_DAYS = -1
    assert_refused(client, deputy.token, status=410)
    page = client.get(f"/reports/update/{deputy.token}/")
    assert "This link has expired" in page.content.decode()


def test_the_link_dies_when_its_person_stops_leading(client, deputy):
    s = deputy
    s.deputy_membership.end = timezone.localdate() - datetime.timedelta(days=1)
    s.deputy_membership.save()
    assert_refused(client, s.token)
    # A member of the subgroup was never given one that works.
    member = MembershipFactory(board=s.subgroup, role=Role.MEMBER).person
    assert_refused(client, links.update_link_token(s.coming, s.subgroup, member.pk))
    # Nor does a lead's link work for another subgroup.
    assert_refused(client, links.update_link_token(s.coming, s.second_subgroup, s.deputy.pk))


def test_the_link_dies_when_the_agenda_is_published(client, deputy):
    agenda_publish(meeting=deputy.coming, today=datetime.date(2031, 3, 10))
    assert_refused(client, deputy.token)
