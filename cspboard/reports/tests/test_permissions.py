"""Who sees and does what with report requests and subgroup updates. A thing the viewer may
not have answers 404."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cspboard.documents.tests.factories import pdf_bytes
from cspboard.reports import links, services
from cspboard.reports.models import ReportRequest

from .conftest import TODAY
from .subgroup_updates import restricted_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(coming):
    """A withheld item's report, requested and submitted; and a public item's request."""
    s = coming
    s.secret_request = services.report_request_create(
        item=s.secret_paper, author=s.author, today=TODAY
    )
    services.report_submit_form(
        request=s.secret_request,
        subject="SECRET-TITLE review",
        purpose="SECRET-PURPOSE",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
        today=TODAY,
    )
    s.secret_request.refresh_from_db()
    s.public_request = services.report_request_create(
        item=s.paper, author=s.outside_author, today=TODAY
    )
    return s


def get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_a_request_is_for_its_officers_and_author_only(client, submitted):
    s = submitted
    url = s.secret_request.get_absolute_url()
    assert get(client, s.officer, url).status_code == 200
    assert get(client, s.author_user, url).status_code == 200
    # A member of the board may read the paper, but the request is not theirs.
    assert get(client, s.member, url).status_code == 404
    assert get(client, s.outsider, url).status_code == 404
    assert get(client, s.lead_user, url).status_code == 404
    assert get(client, None, url).status_code == 302  # to sign in


def test_the_submitted_withheld_report_is_members_only(client, submitted):
    s = submitted
    document = s.secret_request.document
    url = document.get_absolute_url()
    # The agenda is not published yet: nobody but officers sees its papers.
    assert get(client, s.officer, url).status_code == 200
    assert get(client, s.member, url).status_code == 404
    s.coming.status = "agenda_published"
    s.coming.save()
    assert get(client, s.member, url).status_code == 200
    assert get(client, s.outsider, url).status_code == 404
    assert get(client, None, url).status_code == 404
    version = f"/reports/requests/{s.secret_request.pk}/versions/1/{document.filename}"
    assert get(client, s.author_user, version).status_code == 200
    assert get(client, s.member, version).status_code == 404
    assert get(client, s.outsider, version).status_code == 404


def test_an_author_sees_only_their_own_requests(client, submitted):
    s = submitted
    html = get(client, s.author_user, "/reports/").content.decode()
    assert "SECRET-TITLE" in html  # their own, withheld or not
    assert "Knife Crime Update" not in html  # someone else's
    # Another's request, its writing and upload pages: 404.
    for suffix in ("", "write/", "upload/", "change/"):
        url = f"/reports/requests/{s.public_request.pk}/{suffix}"
        assert get(client, s.author_user, url).status_code == 404, url
    assert get(client, s.author_user, "/reports/due/").status_code == 404


def test_only_officers_request_change_or_withdraw(client, submitted):
    s = submitted
    assert get(client, s.member, f"/reports/items/{s.paper.pk}/request/").status_code == 404
    url = f"/reports/requests/{s.public_request.pk}/change/"
    assert get(client, s.author_user, url).status_code == 404
    client.force_login(s.member)
    assert client.post(f"/reports/requests/{s.public_request.pk}/withdraw/").status_code == 404
    assert ReportRequest.objects.get(pk=s.public_request.pk).status == "requested"
    assert get(client, s.member, "/reports/boards/csp/settings/").status_code == 404
    assert get(client, s.officer, "/reports/boards/csp/settings/").status_code == 200


def test_the_signed_link_works_for_its_request_only(client, submitted, settings):
    s = submitted
    token = links.report_link_token(s.public_request)
    assert get(client, None, f"/reports/submit/{token}/").status_code == 200
    assert get(client, None, f"/reports/submit/{token}x/").status_code == 404
    # Someone else now writes it: the old author's link stops working.
    services.report_request_change(
        request=s.public_request, author=s.author, deadline=s.public_request.deadline, today=TODAY
    )
    assert get(client, None, f"/reports/submit/{token}/").status_code == 404
    fresh = links.report_link_token(ReportRequest.objects.get(pk=s.public_request.pk))
    settings.REPORT_LINK_DAYS = -1
    assert get(client, None, f"/reports/submit/{fresh}/").status_code == 410


def test_a_withdrawn_requests_link_is_dead(client, coming):
    request = services.report_request_create(
        item=coming.paper, author=coming.outside_author, today=TODAY
    )
    token = links.report_link_token(request)
    services.report_request_withdraw(request=request)
    response = get(client, None, f"/reports/submit/{token}/")
    assert response.status_code == 404
    assert "Knife Crime" not in response.content.decode()


# Subgroup updates -------------------------------------------------------------------------------


def page_url(s, subgroup="vawg", suffix=""):
    return f"/reports/boards/csp/meetings/{s.coming.date}/subgroups/{subgroup}/{suffix}"


def test_who_writes_a_subgroups_update(client, coming):
    s = coming
    url = page_url(s, suffix="write/")
    assert get(client, s.lead_user, url).status_code == 200
    assert get(client, s.officer, url).status_code == 200
    assert get(client, s.member, url).status_code == 404
    assert get(client, s.outsider, url).status_code == 404  # a member of the subgroup only
    assert get(client, s.lead_user, page_url(s, "hate", "write/")).status_code == 404
    assert get(client, s.lead_user, page_url(s, "other", "write/")).status_code == 404


def test_who_reads_a_subgroups_update(client, coming):
    s = coming
    restricted_update(s)
    url = page_url(s)
    # The agenda is a draft: its officers and the update's writers only.
    assert get(client, None, url).status_code == 404
    assert get(client, s.member, url).status_code == 404
    assert get(client, s.lead_user, url).status_code == 200
    s.coming.status = "agenda_published"
    s.coming.save()
    assert get(client, s.member, url).status_code == 200
    assert get(client, s.member, url + "update.pdf").status_code == 200
    for user in (None, s.outsider):
        assert get(client, user, url).status_code == 404
        assert get(client, user, url + "update.pdf").status_code == 404


def test_an_uploaded_update_is_served_as_the_items_paper(client, coming):
    s = coming
    s.coming.status = "agenda_published"
    s.coming.save()
    services.subgroup_update_upload(
        meeting=s.coming,
        subgroup=s.subgroup,
        upload=SimpleUploadedFile("vawg.pdf", pdf_bytes("VAWG-UPLOAD")),
        title="VAWG update",
        today=TODAY,
    )
    response = get(client, None, page_url(s, suffix="update.pdf"))
    assert response.status_code == 302
    assert get(client, None, response["Location"]).status_code == 200


def test_the_meeting_page_hides_a_restricted_update_from_the_public(client, coming):
    s = coming
    restricted_update(s)
    s.coming.status = "agenda_published"
    s.coming.save()
    public = get(client, None, f"/boards/csp/meetings/{s.coming.date}/").content.decode()
    assert "Subgroup update reports" in public
    assert "RESTRICTED-UPDATE" not in public
    assert "paragraph 7 of Part 1 of Schedule 12A" in public
    assert "No update report provided" in public  # the other subgroup
    member = get(client, s.member, f"/boards/csp/meetings/{s.coming.date}/").content.decode()
    assert "RESTRICTED-UPDATE" in member


def test_past_meetings_without_updates_list_no_subgroups(client, scenario):
    from cspboard.meetings.services import agenda_item_add

    agenda_item_add(meeting=scenario.meeting, title="Subgroup Updates", role="subgroup_updates")
    html = get(client, None, "/boards/csp/meetings/2018-03-28/").content.decode()
    assert "No update report provided" not in html
    assert datetime.date(2018, 3, 28) < TODAY


def test_an_author_whose_second_factor_is_pending_sees_nothing_yet(client, submitted, settings):
    from cspboard.boards.tests.factories import MembershipFactory

    s = submitted
    settings.REQUIRE_2FA = True
    url = s.secret_request.get_absolute_url()
    # An author with no membership needs no second factor.
    assert get(client, s.author_user, url).status_code == 200
    # A member of any board does, before anything withheld (their request included).
    MembershipFactory(person=s.author, board=s.other)
    response = get(client, s.author_user, url)
    assert response.status_code == 302  # sent to verify first, shown nothing
    assert response["Location"].startswith("/accounts/two-factor/?next=")


def test_the_meeting_page_offers_officers_the_reports_of_the_meeting(client, coming):
    url = f"/boards/csp/meetings/{coming.coming.date}/"
    assert "Reports requested for this meeting" in get(client, coming.officer, url).content.decode()
    coming.coming.status = "agenda_published"
    coming.coming.save()
    assert "Reports requested for this meeting" not in get(client, None, url).content.decode()
