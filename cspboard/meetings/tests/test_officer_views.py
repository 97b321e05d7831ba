"""The officer's and chair's screens: who may reach each, and what each does."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.meetings import services
from cspboard.meetings.models import Meeting
from cspboard.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/boards/csp/meetings/"
M = BASE + "2018-03-28/"


def officer_pages(s):
    item = s.public_item.pk
    return [
        BASE + "new/",
        BASE + "series/",
        BASE + "standing-items/",
        M + "edit/",
        M + "cancel/",
        M + "delete/",
        M + "history/",
        M + "agenda/",
        M + f"agenda/items/{item}/",
        M + f"agenda/items/{item}/delete/",
        M + "agenda/publish/",
        M + "attendance/",
        M + "minutes/",
        M + f"minutes/{item}/",
        M + f"minutes/{item}/history/",
    ]


def officer_posts(s):
    item = s.public_item.pk
    return [
        M + "agenda/items/",
        M + "agenda/standing-items/",
        M + f"agenda/items/{item}/move/",
        M + "agenda/notify/",
        M + "attendance/guests/",
        M + "attendance/1/remove/",
    ]


@pytest.mark.parametrize("visitor", ["anonymous", "outsider", "member", "officer"])
def test_officer_pages_only_for_officers(client, scenario, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(scenario, visitor))
    for url in officer_pages(scenario):
        response = client.get(url)
        if visitor == "officer":
            assert response.status_code == 200, url
        elif visitor == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        else:
            assert response.status_code == 404, url
            assert "SECRET" not in response.content.decode(), url
    for url in officer_posts(scenario):
        response = client.post(url, {"direction": "up", "name": "x"})
        if visitor == "officer":
            assert response.status_code in (200, 302, 400), url
        elif visitor == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        else:
            assert response.status_code == 404, url


@pytest.fixture
def chair_user(scenario):
    user = UserFactory(username="chair")
    scenario.chair.user = user
    scenario.chair.save()
    MembershipFactory(person=scenario.chair, board=scenario.board, role=Role.CHAIR)
    return user


@pytest.mark.parametrize("visitor", ["anonymous", "outsider", "member", "officer", "chair"])
def test_review_page_only_for_the_chair(client, scenario, chair_user, visitor):
    Meeting.objects.filter(pk=scenario.draft.pk).update(status="minutes_with_chair")
    if visitor == "chair":
        client.force_login(chair_user)
    elif visitor != "anonymous":
        client.force_login(getattr(scenario, visitor))
    response = client.get("/boards/csp/meetings/2018-06-27/minutes/review/")
    expected = {"chair": 200, "officer": 200, "anonymous": 302}.get(visitor, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("visitor", ["anonymous", "outsider", "member"])
def test_declaration_ahead_is_for_members(client, scenario, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(scenario, visitor))
    url = "/boards/csp/meetings/2030-09-25/declare/"
    response = client.post(url, {"text": "I chair a charity funded by the council"})
    if visitor == "member":
        assert response.status_code == 302
        declaration = scenario.unpublished.declarations.get()
        assert declaration.made_in_advance and declaration.person.user == scenario.member
    else:
        assert response.status_code in (302, 404)
        assert not scenario.unpublished.declarations.exists()


def test_create_meeting_rejects_bad_input_and_keeps_it(client, scenario):
    client.force_login(scenario.officer)
    response = client.post(
        BASE + "new/",
        {"date": "31/02/2031", "start_time": "13:00", "end_time": "10:00", "venue": "Town Hall"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Enter a real date, for example 27/03/2024" in html
    assert "The end time must be after the start time" in html
    assert 'value="Town Hall"' in html
    response = client.post(BASE + "new/", {"date": "28/03/2018", "start_time": "10:00"})
    assert "already meets on that day" in response.content.decode()
    response = client.post(
        BASE + "new/", {"date": "25/06/2031", "start_time": "10:00", "end_time": "13:00"}
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(board=scenario.board, date=datetime.date(2031, 6, 25)).exists()


def test_series_page_creates_a_years_meetings(client, scenario):
    client.force_login(scenario.officer)
    response = client.post(
        BASE + "series/",
        {
            "year": "2031",
            "ordinal": "last",
            "weekday": "2",
            "months": ["3", "6", "9", "12"],
            "start_time": "10:00",
            "end_time": "13:00",
            "venue": "Town Hall",
        },
    )
    assert response.status_code == 302
    dates = set(
        Meeting.objects.filter(board=scenario.board, date__year=2031).values_list("date", flat=True)
    )
    assert dates == {
        datetime.date(2031, 3, 26),
        datetime.date(2031, 6, 25),
        datetime.date(2031, 9, 24),
        datetime.date(2031, 12, 31),
    }


def test_agenda_item_form_rejects_negative_time_and_bad_paragraph(client, scenario):
    client.force_login(scenario.officer)
    url = "/boards/csp/meetings/2030-09-25/agenda/items/"
    response = client.post(
        url,
        {
            "title": "Knife crime",
            "minutes_allowed": "-5",
            "kind": "paper",
            "security_marking": "UNRESTRICTED",
            "schedule_12a_paragraph": "9",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Time allowed cannot be negative" in html
    assert "Choose a Schedule 12A paragraph from 1 to 7" in html
    assert 'value="Knife crime"' in html


def test_full_cycle_through_the_pages(client, scenario, chair_user):
    """Create, build and publish the agenda, attend, minute, send, approve, publish."""
    client.force_login(scenario.officer)
    client.post(
        BASE + "new/",
        {"date": "25/06/2031", "start_time": "10:00", "end_time": "13:00", "venue": "Town Hall"},
    )
    url = BASE + "2031-06-25/"
    client.post(url + "agenda/standing-items/")
    client.post(
        url + "agenda/items/",
        {
            "title": "Knife crime update",
            "minutes_allowed": "20",
            "kind": "paper",
            "security_marking": "UNRESTRICTED",
        },
    )
    client.post(
        url + "agenda/items/",
        {
            "title": "Named case review",
            "minutes_allowed": "10",
            "kind": "paper",
            "security_marking": "RESTRICTED",
            "schedule_12a_paragraph": "1",
        },
    )
    meeting = Meeting.objects.get(board=scenario.board, date=datetime.date(2031, 6, 25))
    titles = list(meeting.items.order_by("position").values_list("number", "title"))
    assert ("4", "Knife crime update") in titles and ("5", "Named case review") in titles
    assert titles[-1] == ("8", "Date of Next Meeting")
    scenario.chair.email = "chair@example.org"
    scenario.chair.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks():
        assert client.post(url + "agenda/publish/").status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "agenda_published"
    public = client.__class__().get(url).content.decode()
    assert (
        "Knife crime update" in public and "Item restricted due to sensitive information" in public
    )

    Meeting.objects.filter(pk=meeting.pk).update(date=datetime.date(2018, 7, 1))  # it has happened
    url = BASE + "2018-07-01/"
    member_person = scenario.member.person
    response = client.post(url + "attendance/", {f"status_{member_person.pk}": "present"})
    assert response.status_code == 302
    assert meeting.attendance.get(person=member_person).status == "present"

    item = meeting.items.get(title="Knife crime update")
    response = client.post(
        url + f"minutes/{item.pk}/",
        {
            "minutes": "Police reported a fall in knife crime.\n\nACTION: JT to report back.",
            "version": item.version,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes.startswith("<p>Police reported")
    client.post(url + "minutes/", {"action": "send"})
    meeting.refresh_from_db()
    assert meeting.status == "minutes_with_chair"

    chair = client.__class__()
    chair.force_login(chair_user)
    response = chair.post(url + "minutes/review/", {"decision": "return", "comments": ""})
    assert "Say what needs changing" in response.content.decode()
    chair.post(url + "minutes/review/", {"decision": "approve"})
    meeting.refresh_from_db()
    assert meeting.status == "minutes_approved"
    # Only item 4 has minutes: publishing asks first, listing the others.
    response = client.post(url + "minutes/", {"action": "publish"})
    assert "Date of Next Meeting" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "minutes_approved"
    client.post(url + "minutes/", {"action": "publish", "confirmed": "yes"})
    meeting.refresh_from_db()
    assert meeting.status == "minutes_published"
    assert "Police reported a fall" in client.__class__().get(url).content.decode()


def test_concurrent_edit_of_minutes_shows_both_versions(client, scenario):
    client.force_login(scenario.officer)
    item = scenario.draft.items.get()
    url = f"/boards/csp/meetings/2018-06-27/minutes/{item.pk}/"
    opened = item.version
    client.post(url, {"minutes": "First editor's text", "version": opened})
    response = client.post(url, {"minutes": "Second editor's text", "version": opened})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved these minutes" in html
    assert "First editor&#x27;s text" in html or "First editor's text" in html
    assert "Second editor&#x27;s text" in html or "Second editor's text" in html
    item.refresh_from_db()
    assert "First editor" in item.minutes


def test_delete_meeting_with_a_record_is_refused_with_the_alternative(client, scenario):
    client.force_login(scenario.officer)
    response = client.post(M + "delete/")
    assert response.status_code == 409
    assert "Cancel the meeting instead" in response.content.decode()
    assert Meeting.objects.filter(pk=scenario.meeting.pk).exists()


def test_agenda_page_queries_do_not_grow_with_items(client, scenario):
    client.force_login(scenario.officer)
    url = M + "agenda/"

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(5):
        item = services.agenda_item_add(
            meeting=scenario.meeting, title=f"Extra {n}", presenters=[PersonFactory()]
        )
        services.agenda_item_add(meeting=scenario.meeting, title="Sub", parent=item)
    assert count() == before


def test_minutes_and_attendance_pages_queries_do_not_grow(client, scenario):
    client.force_login(scenario.officer)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = (count(M + "minutes/"), count(M + "attendance/"))
    for n in range(5):
        MembershipFactory(board=scenario.board, person=PersonFactory())
        item = services.agenda_item_add(
            meeting=scenario.meeting, title=f"Extra {n}", minutes="<p>x</p>"
        )
        services.attendance_record(meeting=scenario.meeting, name=f"Guest {n}", capacity="guest")
        services.declaration_record(
            meeting=scenario.meeting, person=PersonFactory(), text="x", item=item
        )
    assert (count(M + "minutes/"), count(M + "attendance/")) == before


def test_htmx_move_returns_the_agenda_fragment(client, scenario):
    client.force_login(scenario.officer)
    meeting = scenario.unpublished
    second = services.agenda_item_add(meeting=meeting, title="Second item")
    meeting.refresh_from_db()
    response = client.post(
        f"/boards/csp/meetings/2030-09-25/agenda/items/{second.pk}/move/",
        {"direction": "up", "agenda_version": meeting.agenda_version},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="agenda-table">')
    first = meeting.items.order_by("position").first()
    assert first.title == "Second item" and first.number == "1"


def test_a_held_meetings_agenda_order_cannot_change(client, scenario):
    client.force_login(scenario.officer)
    response = client.post(
        M + f"agenda/items/{scenario.restricted_item.pk}/move/",
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    assert "part of the record" in response.content.decode()
    assert scenario.meeting.items.order_by("position").first() == scenario.public_item


def django_capture_on_commit_callbacks():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_meeting_list_and_history_queries_do_not_grow(client, scenario):
    from cspboard.meetings.tests.factories import MeetingFactory

    client.force_login(scenario.officer)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = (count(BASE), count(M + "history/"))
    for n in range(5):
        MeetingFactory(board=scenario.board, chair=PersonFactory())
        item = services.agenda_item_add(
            meeting=scenario.meeting, title=f"Extra {n}", by=scenario.officer
        )
        services.agenda_item_update(
            item=item, expected_version=item.version, title=f"X {n}", by=scenario.officer
        )
        services.attendance_record(
            meeting=scenario.meeting, person=PersonFactory(), by=scenario.officer
        )
        services.declaration_record(
            meeting=scenario.meeting, person=PersonFactory(), text="x", by=scenario.officer
        )
    assert (count(BASE), count(M + "history/")) == before


def test_mark_everyone_not_yet_recorded_as_present(client, scenario):
    client.force_login(scenario.officer)
    member, newcomer = scenario.member.person, PersonFactory(name="Nia Newcomer")
    MembershipFactory(person=newcomer, board=scenario.board, role=Role.MEMBER)
    page = client.get(M + "attendance/").content.decode()
    assert "Mark everyone not yet recorded as present" in page
    response = client.post(
        M + "attendance/", {f"status_{member.pk}": "apologies", "mark_present": "1"}, follow=True
    )
    assert "Attendance saved: 1 more marked present." in response.content.decode()
    rows = {r.person_id: r.status for r in scenario.meeting.attendance.all()}
    assert rows[member.pk] == "apologies" and rows[newcomer.pk] == "present"
    assert rows[scenario.chair.pk] == "present"  # recorded before, not a member: left as it was

    # Saving without the button leaves "Not recorded" as it is.
    services.attendance_remove(row=scenario.meeting.attendance.get(person=newcomer))
    client.post(M + "attendance/", {f"status_{member.pk}": "apologies"})
    assert not scenario.meeting.attendance.filter(person=newcomer).exists()
