"""Every page and every file URL, for each kind of visitor: what each must and must not see."""

import datetime
import re

import pytest
from django.test import Client

SECRETS = [
    "SECRET-MINUTES",
    "SECRET-DECISION",
    "SECRET-SUB-MINUTES",
    "SECRET-DECLARATION",
    "CDSA cover report",
    "Sub annex",
    "Hotspot annex",
]
PUBLIC_TEXT = ["Performance Report", "PUBLIC-MINUTES", "PUBLIC-DECISION", "Performance pack"]

VISITORS = ["anonymous", "outsider", "member", "officer"]
ENTITLED = {"member", "officer"}


def client_for(client, scenario, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(scenario, visitor))
    return client


def body(response) -> str:
    return (
        b"".join(response.streaming_content).decode("latin-1")
        if response.streaming
        else (response.content.decode())
    )


@pytest.mark.parametrize("visitor", VISITORS)
def test_meeting_page(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    html = body(c.get("/boards/csp/meetings/2018-03-28/"))
    for text in PUBLIC_TEXT + ["Strategic Assessment"]:
        assert text in html, text
    if visitor in ENTITLED:
        for text in SECRETS + ["Sub-paper"]:
            assert text in html, text
    else:
        for text in SECRETS + ["Sub-paper"]:  # not even a withheld item's sub-items' titles
            assert text not in html, text
        assert "Item restricted due to sensitive information" in html
        assert "paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972" in html


@pytest.mark.parametrize("visitor", VISITORS)
def test_paper_files(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    public = c.get(scenario.public_doc.get_absolute_url())
    assert public.status_code == 200 and "PUBLIC-DOC-TEXT" in body(public)
    for doc, text in [
        (scenario.restricted_doc, "SECRET-DOC-TEXT"),
        (scenario.sub_doc, "SECRET-SUB-DOC"),
        (scenario.marked_doc, "MARKED-DOC-TEXT"),
    ]:
        response = c.get(doc.get_absolute_url())
        if visitor in ENTITLED:
            assert response.status_code == 200 and text in body(response)
            assert "no-store" in response["Cache-Control"]
        else:
            assert response.status_code == 404
            assert text not in body(response) and doc.title not in body(response)


@pytest.mark.parametrize("visitor", VISITORS)
def test_draft_minutes(client, scenario, visitor):
    html = body(client_for(client, scenario, visitor).get("/boards/csp/meetings/2018-06-27/"))
    assert ("DRAFT-MINUTES" in html) == (visitor in ENTITLED)


@pytest.mark.parametrize("visitor", VISITORS)
def test_unpublished_agenda(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    html = body(c.get("/boards/csp/meetings/2030-09-25/"))
    assert ("UNPUBLISHED-ITEM" in html) == (visitor == "officer")
    response = c.get(scenario.unpublished_doc.get_absolute_url())
    assert response.status_code == (200 if visitor == "officer" else 404)


@pytest.mark.parametrize("visitor", VISITORS)
def test_public_pages_hold_no_withheld_text(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    chair_slug = scenario.chair.slug
    for url in ["/", "/boards/", "/boards/csp/", "/boards/vawg/", f"/people/{chair_slug}/"]:
        response = c.get(url)
        assert response.status_code == 200, url
        html = body(response)
        for text in SECRETS:
            assert text not in html, (url, text)


@pytest.mark.parametrize("visitor", VISITORS)
def test_upload_form_only_for_officers(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    response = c.get(f"/documents/add/{scenario.restricted_item.pk}/")
    if visitor == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif visitor == "officer":
        assert response.status_code == 200
    else:
        assert response.status_code == 404
        assert "Strategic Assessment" not in body(response)


@pytest.mark.parametrize("visitor", VISITORS)
def test_error_pages_leak_nothing(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    for url in [
        "/boards/nope/",
        "/boards/csp/meetings/2018-03-29/",
        "/boards/csp/meetings/2018-02-30/",
        f"/documents/{scenario.restricted_doc.pk}/wrong-name.pdf",
        f"/documents/{scenario.restricted_doc.pk + 999}/cdsa.pdf",
    ]:
        response = c.get(url)
        assert response.status_code == 404, url
        html = body(response)
        assert "Page not found" in html
        for text in SECRETS:
            assert text not in html, (url, text)


def test_subgroup_member_does_not_see_parent_board_papers(client, scenario):
    from cspboard.boards.tests.factories import MembershipFactory
    from cspboard.people.tests.factories import PersonFactory, UserFactory

    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user), board=scenario.subgroup)
    client.force_login(user)
    html = body(client.get("/boards/csp/meetings/2018-03-28/"))
    assert "SECRET-MINUTES" not in html
    assert client.get(scenario.restricted_doc.get_absolute_url()).status_code == 404


# Shared by the sections below -------------------------------------------------------------------

SIGN_IN = "/accounts/login/"


def pdf_text(response) -> str:
    """All the text of a PDF answer, pages joined (pypdf, as the packs tests read them)."""
    import io

    from pypdf import PdfReader

    data = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def assert_refused(response, visitor, hidden=()):
    """Someone not signed in is sent to sign in; anyone else who may not have it gets 404. In
    neither case does the answer hold any of `hidden`."""
    if visitor == "anonymous":
        assert response.status_code == 302 and SIGN_IN in response["Location"]
    else:
        assert response.status_code == 404
    html = body(response)
    for text in hidden:
        assert text not in html, text


def assert_none_of(text, hidden, where=""):
    for secret in hidden:
        assert secret not in text, (where, secret)


# Agenda packs and minutes PDFs ------------------------------------------------------------------

MINUTES_SECRETS = ["SECRET-MINUTES", "SECRET-DECISION", "SECRET-SUB-MINUTES"]


@pytest.fixture
def packs_inline(settings):
    """Packs built in the request; no converter, so nothing runs outside Python."""
    settings.PACK_BUILD_INLINE = True
    settings.PACK_CONVERTER = None


@pytest.mark.parametrize("visitor", VISITORS)
def test_minutes_pdf(client, scenario, visitor, packs_inline):
    c = client_for(client, scenario, visitor)
    response = c.get("/boards/csp/meetings/2018-03-28/minutes.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "PUBLIC-MINUTES" in text and "PUBLIC-DECISION" in text
    if visitor in ENTITLED:
        for secret in MINUTES_SECRETS:
            assert secret in text, secret
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert_none_of(text, MINUTES_SECRETS + ["SECRET-DECLARATION", "Sub-paper"])
        assert "Item restricted due to sensitive information" in text
    if visitor != "anonymous":
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("visitor", VISITORS)
def test_minutes_pdf_drafts_and_unpublished_agendas(client, scenario, visitor, packs_inline):
    c = client_for(client, scenario, visitor)
    draft = c.get("/boards/csp/meetings/2018-06-27/minutes.pdf")
    if visitor in ENTITLED:
        assert draft.status_code == 200 and "DRAFT-MINUTES" in pdf_text(draft)
    else:
        assert draft.status_code == 404 and "DRAFT-MINUTES" not in body(draft)
    # A meeting not held yet has no minutes, for anyone; its agenda is not even named.
    unpublished = c.get("/boards/csp/meetings/2030-09-25/minutes.pdf")
    assert unpublished.status_code == 404 and "UNPUBLISHED-ITEM" not in body(unpublished)


@pytest.mark.parametrize("visitor", VISITORS)
def test_progress_page_is_about_the_readers_own_pack(client, scenario, visitor, settings):
    settings.PACK_BUILD_INLINE = False  # the build waits for the worker, which does not run here
    settings.PACK_BUILD_WAIT = 0
    c = client_for(client, scenario, visitor)
    response = c.get("/boards/csp/meetings/2018-03-28/pack/")
    assert response.status_code == 200
    html = body(response)
    if visitor in ENTITLED:
        assert "members&#x27; pack" in html
    else:
        assert "members&#x27; pack" not in html and "agenda pack" in html
    assert_none_of(html, SECRETS)
    unpublished = c.get("/boards/csp/meetings/2030-09-25/pack/")
    if visitor == "officer":
        assert unpublished.status_code == 200
    else:
        assert unpublished.status_code == 404
        assert "UNPUBLISHED-ITEM" not in body(unpublished)


# Report requests and subgroup updates -----------------------------------------------------------

# "Today" for the writes against the scenario's meeting of 28 March 2018.
BEFORE_2018_MEETING = datetime.date(2018, 3, 1)
# A coming meeting, whatever today is.
COMING = datetime.date(2040, 1, 4)

REPORT_SECRETS = [
    "SECRET-REPORT-SUBJECT",  # the submitted report's title: a paper of the withheld item
    "SECRET-REPORT-PURPOSE",
    "SECRET-REQUEST-NOTE",
    "WITHHELD-UPDATE-TITLE",  # the RESTRICTED subgroup update
    "SECRET-UPDATE-BRIEF",
]


@pytest.fixture
def reporting(scenario):
    """The scenario, plus: a request for the withheld item's report, submitted on the cover
    sheet; a RESTRICTED subgroup update to the 2018 meeting; a coming meeting (agenda not yet
    published) with a withheld paper whose report is asked of the same author, a paper with no
    request yet and a "subgroup updates" item. The author has an account and no membership."""
    from cspboard.meetings.services import agenda_item_add, meeting_create
    from cspboard.people.tests.factories import PersonFactory, UserFactory
    from cspboard.reports import services

    s = scenario
    s.author_user = UserFactory(username="author")
    s.author = PersonFactory(name="Erik Stein", email="erik@example.org", user=s.author_user)

    s.request = services.report_request_create(
        item=s.restricted_item,
        author=s.author,
        deadline=datetime.date(2018, 3, 14),
        note="SECRET-REQUEST-NOTE",
        today=BEFORE_2018_MEETING,
    )
    s.submission = services.report_submit_form(
        request=s.request,
        subject="SECRET-REPORT-SUBJECT",
        purpose="SECRET-REPORT-PURPOSE",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
        today=BEFORE_2018_MEETING,
    )
    s.request.refresh_from_db()

    s.updates_item = agenda_item_add(
        meeting=s.meeting,
        number="3",
        title="Subgroup Updates",
        kind="paper",
        role="subgroup_updates",
    )
    s.update = services.subgroup_update_save(
        meeting=s.meeting,
        subgroup=s.subgroup,
        title="WITHHELD-UPDATE-TITLE",
        brief_update="SECRET-UPDATE-BRIEF",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
        today=BEFORE_2018_MEETING,
    )

    s.coming = meeting_create(
        board=s.board,
        date=COMING,
        start_time=datetime.time(10),
        end_time=datetime.time(13),
    )
    s.coming_secret = agenda_item_add(
        meeting=s.coming,
        title="WITHHELD-PLAN-ITEM Domestic Homicide Review",
        kind="paper",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
    )
    s.coming_request = services.report_request_create(item=s.coming_secret, author=s.author)
    s.coming_paper = agenda_item_add(
        meeting=s.coming, title="COMING-PAPER Knife Crime Update", kind="paper"
    )
    agenda_item_add(
        meeting=s.coming, title="Subgroup Update Reports", kind="paper", role="subgroup_updates"
    )
    return s


def test_the_author_is_an_extra_visitor_of_their_own_request(client, reporting):
    """Not one of the four visitors: the person asked for the report, with no membership."""
    s = reporting
    client.force_login(s.author_user)
    assert client.get(s.request.get_absolute_url()).status_code == 200
    mine = body(client.get("/reports/"))
    assert "WITHHELD-PLAN-ITEM" in mine  # their own request, withheld item or not
    assert client.get(f"/reports/requests/{s.request.pk}/change/").status_code == 404
    assert client.get("/reports/due/").status_code == 404
    # The author writes the report; the board's other withheld papers are not theirs.
    assert client.get(s.restricted_doc.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("visitor", VISITORS)
def test_my_reports(client, reporting, visitor):
    response = client_for(client, reporting, visitor).get("/reports/")
    if visitor == "anonymous":
        assert_refused(response, visitor)
        return
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = body(response)
    # None of the four was asked for a report: nobody else's request is listed.
    assert_none_of(html, REPORT_SECRETS + ["WITHHELD-PLAN-ITEM", "Erik Stein"], "my reports")
    assert ("Reports due for your boards" in html) == (visitor == "officer")


@pytest.mark.parametrize("visitor", VISITORS)
def test_reports_due(client, reporting, visitor):
    response = client_for(client, reporting, visitor).get("/reports/due/")
    if visitor == "officer":
        assert response.status_code == 200
        html = body(response)
        assert "WITHHELD-PLAN-ITEM" in html and "COMING-PAPER" in html and "Erik Stein" in html
        assert "no-store" in response["Cache-Control"]
    else:
        assert_refused(response, visitor, ["WITHHELD-PLAN-ITEM", "COMING-PAPER", "Erik Stein"])


@pytest.mark.parametrize("visitor", VISITORS)
def test_request_create_page(client, reporting, visitor):
    s = reporting
    c = client_for(client, s, visitor)
    new = c.get(f"/reports/items/{s.coming_paper.pk}/request/")
    # The withheld item already has its request: officers are sent to it.
    taken = c.get(f"/reports/items/{s.coming_secret.pk}/request/")
    if visitor == "officer":
        assert new.status_code == 200 and "COMING-PAPER" in body(new)
        assert taken.status_code == 302
        assert taken["Location"] == s.coming_request.get_absolute_url()
    else:
        assert_refused(new, visitor, ["COMING-PAPER"])
        assert_refused(taken, visitor, ["WITHHELD-PLAN-ITEM"])


@pytest.mark.parametrize("visitor", VISITORS)
def test_request_pages(client, reporting, visitor):
    s = reporting
    c = client_for(client, s, visitor)
    pk = s.request.pk
    pages = {
        "detail": f"/reports/requests/{pk}/",
        "change": f"/reports/requests/{pk}/change/",
        "write": f"/reports/requests/{pk}/write/",
        "upload": f"/reports/requests/{pk}/upload/",
    }
    for name, url in pages.items():
        response = c.get(url)
        if visitor == "officer":
            assert response.status_code == 200, name
            assert "no-store" in response["Cache-Control"]
        else:
            # Members read the report as the item's paper; the request is not theirs.
            assert_refused(response, visitor, REPORT_SECRETS)
    if visitor == "officer":
        html = body(c.get(pages["detail"]))
        assert "SECRET-REPORT-SUBJECT" in html and "SECRET-REQUEST-NOTE" in html
        assert "Erik Stein" in html


@pytest.mark.parametrize("visitor", VISITORS)
def test_request_withdraw_is_for_officers(client, reporting, visitor):
    from cspboard.reports.models import ReportRequest

    s = reporting
    response = client_for(client, s, visitor).post(
        f"/reports/requests/{s.coming_request.pk}/withdraw/"
    )
    status = ReportRequest.objects.get(pk=s.coming_request.pk).status
    if visitor == "officer":
        assert response.status_code == 302 and status == "withdrawn"
    else:
        assert_refused(response, visitor, ["WITHHELD-PLAN-ITEM"])
        assert status == "requested"


@pytest.mark.parametrize("visitor", VISITORS)
def test_submitted_report_files(client, reporting, visitor):
    s = reporting
    c = client_for(client, s, visitor)
    version = c.get(
        f"/reports/requests/{s.request.pk}/versions/1/{s.submission.filename}", follow=False
    )
    paper = c.get(s.request.document.get_absolute_url())
    if visitor == "officer":
        assert version.status_code == 200 and "SECRET-REPORT-PURPOSE" in pdf_text(version)
        assert "no-store" in version["Cache-Control"]
    else:
        assert_refused(version, visitor, REPORT_SECRETS)
    # The report itself is the withheld item's paper: for the board's members.
    if visitor in ENTITLED:
        assert paper.status_code == 200 and "SECRET-REPORT-PURPOSE" in pdf_text(paper)
    else:
        assert paper.status_code == 404
        assert_none_of(body(paper), REPORT_SECRETS, "paper")


@pytest.mark.parametrize("visitor", VISITORS)
def test_signed_submit_links(client, reporting, visitor):
    """The link is the author's key to their own request: whoever holds it gets the forms, and
    nothing else of the record (no submitted version, no other paper)."""
    from cspboard.reports.links import report_link_token

    s = reporting
    c = client_for(client, s, visitor)
    token = report_link_token(s.request)
    for url in (f"/reports/submit/{token}/", f"/reports/submit/{token}/upload/"):
        response = c.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "same-origin"
        assert_none_of(
            body(response),
            ["SECRET-REPORT-PURPOSE", "WITHHELD-UPDATE-TITLE", "SECRET-UPDATE-BRIEF"]
            + SECRETS
            + ["WITHHELD-PLAN-ITEM"],
            url,
        )
    for bad in (f"/reports/submit/{token}x/", "/reports/submit/nonsense/upload/"):
        response = c.get(bad)
        assert response.status_code == 404
        assert_none_of(body(response), REPORT_SECRETS + ["Strategic Assessment"], bad)


@pytest.mark.parametrize("visitor", VISITORS)
def test_report_settings_page(client, reporting, visitor):
    response = client_for(client, reporting, visitor).get("/reports/boards/csp/settings/")
    if visitor == "officer":
        assert response.status_code == 200
    else:
        assert_refused(response, visitor)


UPDATE = "/reports/boards/csp/meetings/2018-03-28/subgroups/vawg/"
COMING_UPDATE = f"/reports/boards/csp/meetings/{COMING:%Y-%m-%d}/subgroups/vawg/"


@pytest.mark.parametrize("visitor", VISITORS)
def test_restricted_subgroup_update_and_its_pdf(client, reporting, visitor):
    c = client_for(client, reporting, visitor)
    page, pdf = c.get(UPDATE), c.get(UPDATE + "update.pdf")
    if visitor in ENTITLED:
        assert page.status_code == 200
        assert "WITHHELD-UPDATE-TITLE" in body(page) and "SECRET-UPDATE-BRIEF" in body(page)
        assert page["Cache-Control"] == "private, no-store"
        assert pdf.status_code == 200 and "SECRET-UPDATE-BRIEF" in pdf_text(pdf)
        assert pdf["Cache-Control"] == "private, no-store"
    else:
        for response in (page, pdf):
            assert response.status_code == 404
            assert_none_of(body(response), ["WITHHELD-UPDATE-TITLE", "SECRET-UPDATE-BRIEF"])


@pytest.mark.parametrize("visitor", VISITORS)
def test_subgroup_update_writing_pages(client, reporting, visitor):
    c = client_for(client, reporting, visitor)
    for suffix in ("write/", "upload/"):
        coming = c.get(COMING_UPDATE + suffix)
        past = c.get(UPDATE + suffix)
        if visitor == "officer":
            assert coming.status_code == 200, suffix
            assert past.status_code == 404  # the 2018 meeting's papers are the record
        else:
            assert_refused(coming, visitor)
            assert_refused(past, visitor, ["WITHHELD-UPDATE-TITLE", "SECRET-UPDATE-BRIEF"])
    # No update was sent to the coming meeting: nothing to read, for anyone.
    assert c.get(COMING_UPDATE).status_code == 404


@pytest.mark.parametrize("visitor", VISITORS)
def test_meeting_page_and_pack_with_reports(client, reporting, visitor, packs_inline):
    """The submitted report and the RESTRICTED update, on the meeting page and in the pack."""
    c = client_for(client, reporting, visitor)
    html = body(c.get("/boards/csp/meetings/2018-03-28/"))
    pack = c.get("/boards/csp/meetings/2018-03-28/pack.pdf")
    assert pack.status_code == 200
    text = pdf_text(pack)
    shown = ["SECRET-REPORT-SUBJECT", "WITHHELD-UPDATE-TITLE"]
    if visitor in ENTITLED:
        for secret in shown:
            assert secret in html, secret
        for secret in shown + ["SECRET-REPORT-PURPOSE", "SECRET-UPDATE-BRIEF", "SECRET-DOC-TEXT"]:
            assert secret in text, secret
    else:
        assert_none_of(html, REPORT_SECRETS + SECRETS, "meeting page")
        assert_none_of(text, REPORT_SECRETS + SECRETS + ["SECRET-DOC-TEXT"], "pack")
        assert "paragraph 7 of Part 1 of Schedule 12A" in html  # the update's own basis


@pytest.mark.parametrize("visitor", VISITORS)
def test_report_error_pages_leak_nothing(client, reporting, visitor):
    s = reporting
    c = client_for(client, s, visitor)
    for url in [
        f"/reports/requests/{s.request.pk}/versions/1/wrong.pdf",
        f"/reports/requests/{s.request.pk}/versions/9/{s.submission.filename}",
        f"/reports/requests/{s.coming_request.pk + 999}/",
        "/reports/items/999999/request/",
        "/reports/boards/csp/meetings/2018-03-29/subgroups/vawg/",
        "/reports/boards/csp/meetings/2018-03-28/subgroups/other/",
    ]:
        response = c.get(url)
        if visitor == "anonymous" and "/subgroups/" not in url:
            assert response.status_code == 302, url
            continue
        assert response.status_code == 404, url
        assert_none_of(body(response), REPORT_SECRETS + SECRETS, url)


# Performance ------------------------------------------------------------------------------------

REPORT = "/boards/csp/performance/2018-01/"
OFFICER_CONTROLS = ["Change the rating or commentary", "Enter figures", "Upload figures"]


@pytest.fixture
def performance(scenario):
    from cspboard.performance.tests.factories_web import seed_indicators

    scenario.indicators = seed_indicators(scenario.board, scenario.subgroup)
    return scenario


@pytest.mark.parametrize("visitor", VISITORS)
def test_performance_report_and_pages_are_public(client, performance, visitor):
    c = client_for(client, performance, visitor)
    latest = c.get("/boards/csp/performance/")
    assert latest.status_code == 302 and latest["Location"] == REPORT
    report = c.get(REPORT)
    assert report.status_code == 200
    html = body(report)
    assert "Burglary" in html
    for control in OFFICER_CONTROLS:
        assert (control in html) == (visitor == "officer"), control
    indicator = c.get(REPORT + "burglary/")
    assert indicator.status_code == 200
    assert ('name="override-reason"' in body(indicator)) == (visitor == "officer")
    # An indicator still in development has no page, for anyone.
    assert c.get(REPORT + "young-victims/").status_code == 404
    assert c.get("/boards/csp/performance/hotspots/").status_code == 200
    if visitor != "anonymous":
        assert report["Cache-Control"] == "private, no-store"


def test_performance_page_kept_for_the_public_has_no_officer_controls(client, performance):
    """The officer's page is never the one kept for anonymous readers."""
    client.force_login(performance.officer)
    assert "Enter figures" in body(client.get(REPORT))
    assert 'name="override-reason"' in body(client.get(REPORT + "burglary/"))
    client.logout()
    assert_none_of(body(client.get(REPORT)), OFFICER_CONTROLS)
    assert 'name="override-reason"' not in body(client.get(REPORT + "burglary/"))


@pytest.mark.parametrize("visitor", VISITORS)
def test_performance_pdf_is_public(client, performance, visitor):
    response = client_for(client, performance, visitor).get(REPORT + "report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Burglary" in text
    assert_none_of(text, OFFICER_CONTROLS + SECRETS, "performance pdf")


@pytest.mark.parametrize("visitor", VISITORS)
def test_performance_data_entry_is_for_officers(client, performance, visitor):
    c = client_for(client, performance, visitor)
    for url in [
        "/boards/csp/performance/data/",
        "/boards/csp/performance/data/burglary/2017/",
        "/boards/csp/performance/upload/",
        "/boards/csp/performance/indicators/new/",
        "/boards/csp/performance/indicators/burglary/",
    ]:
        response = c.get(url)
        if visitor == "officer":
            assert response.status_code == 200, url
            assert response["Cache-Control"] == "private, no-store"
        else:
            assert_refused(response, visitor)
        # The board's indicator reached through another board's address: 404 for everyone.
        elsewhere = c.get(url.replace("/csp/", "/other/"))
        if visitor == "anonymous":
            assert_refused(elsewhere, visitor)
        else:
            assert elsewhere.status_code == 404, url


# A second factor not yet verified ---------------------------------------------------------------


@pytest.mark.parametrize("visitor", ["member", "officer"])
def test_new_urls_before_the_second_factor(client, reporting, visitor, settings, packs_inline):
    """Signed in with a password alone, a member or officer gets what the public gets (or is
    sent to verify), on every new address."""
    s = reporting
    settings.REQUIRE_2FA = True
    client.force_login(getattr(s, visitor))
    minutes = client.get("/boards/csp/meetings/2018-03-28/minutes.pdf")
    assert minutes.status_code == 200
    assert_none_of(pdf_text(minutes), MINUTES_SECRETS + ["SECRET-DECLARATION"], "minutes")
    # The progress page finds the public pack built (in the request) and sends them to it.
    progress = client.get("/boards/csp/meetings/2018-03-28/pack/")
    assert progress["Location"] == "/boards/csp/meetings/2018-03-28/pack.pdf"
    pack = pdf_text(client.get(progress["Location"]))
    assert_none_of(pack, REPORT_SECRETS + ["SECRET-DOC-TEXT", "MARKED-DOC-TEXT"], "pack")
    for url in [
        UPDATE,
        UPDATE + "update.pdf",
        s.request.document.get_absolute_url(),
        s.request.get_absolute_url(),
        f"/reports/requests/{s.request.pk}/versions/1/{s.submission.filename}",
        f"/reports/items/{s.coming_paper.pk}/request/",
        "/reports/due/",
        COMING_UPDATE + "write/",
        "/boards/csp/performance/data/",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/two-factor/"), url
        assert_none_of(body(response), REPORT_SECRETS + SECRETS + ["WITHHELD-PLAN-ITEM"], url)
    assert_none_of(body(client.get("/reports/")), REPORT_SECRETS + ["WITHHELD-PLAN-ITEM"])


FOLLOWING_ROUTES = [
    "/boards/csp/feed.rss",
    "/boards/csp/feed.atom",
    "/boards/vawg/feed.rss",
    "/sitemap.xml",
    "/boards/csp/follow/",
    "/boards/csp/follow/check-your-email/",
    "/follow/unsubscribe/no-such-token/",
]


@pytest.mark.parametrize("visitor", VISITORS)
def test_following_routes_show_everyone_the_public_record(client, scenario, visitor):
    """Feeds, the sitemap and the subscription pages are the public's view for everyone: a
    member or officer signed in gets exactly what a signed-out visitor gets, and nothing
    withheld, drafted or unpublished."""
    anonymous = Client()
    c = client_for(client, scenario, visitor)
    for url in FOLLOWING_ROUTES:
        response = c.get(url)
        assert response.status_code == 200, url
        text = body(response)
        for secret in SECRETS + ["Sub-paper", "UNPUBLISHED-ITEM", "DRAFT-MINUTES", "2030-09-25"]:
            assert secret not in text, (url, secret)
        if url.endswith((".rss", ".atom", ".xml")):
            assert undated(text) == undated(body(anonymous.get(url))), url


def undated(feed: str) -> str:
    """A feed without its build time (the time of the request, for a feed with no entries)."""
    return re.sub(r"<(lastBuildDate|updated)>[^<]*</\1>", "", feed)
