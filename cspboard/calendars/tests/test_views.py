"""The feeds over HTTP, and the page that gives a signed-in person their feed's address."""

import pytest
from django.urls import reverse

from cspboard.calendars.tokens import person_feed_path, person_feed_token

from .conftest import events_by_uid, parse

CONTENT_TYPE = "text/calendar; charset=utf-8"


SITE = {"secure": True, "HTTP_HOST": "boards.example.gov.uk"}  # the site, reached at SITE_URL


def test_board_feed(client, feeds):
    response = client.get("/boards/csp/meetings.ics", **SITE)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert "csp-meetings.ics" in response["Content-Disposition"]
    events = events_by_uid(parse(response))
    assert len(events) == 3
    cancelled = events[f"meeting-{feeds.cancelled.pk}@boards.example.gov.uk"]
    assert cancelled["status"] == "CANCELLED"
    summer = events[f"meeting-{feeds.summer.pk}@boards.example.gov.uk"]
    assert summer["url"] == "https://boards.example.gov.uk/boards/csp/meetings/2018-06-20/"


def test_board_feed_url_is_named(feeds):
    assert reverse("calendars:board_feed", kwargs={"slug": "csp"}) == "/boards/csp/meetings.ics"


def test_board_feed_for_unknown_board_is_404(client, feeds):
    assert client.get("/boards/nonesuch/meetings.ics").status_code == 404


def test_board_feed_query_count(client, feeds, django_assert_max_num_queries):
    from cspboard.meetings.tests.factories import MeetingFactory

    for _ in range(5):
        MeetingFactory(board=feeds.board)
    with django_assert_max_num_queries(2):
        response = client.get("/boards/csp/meetings.ics")
    assert len(parse(response).events) == 8


def test_person_feed(client, feeds):
    response = client.get(person_feed_path(feeds.person))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    uids = set(events_by_uid(parse(response)))
    expected = [feeds.summer, feeds.winter, feeds.cancelled, feeds.guest_meeting]
    assert uids == {f"meeting-{m.pk}@boards.example.gov.uk" for m in expected}


def test_person_feed_needs_no_sign_in_but_a_stranger_gets_their_own(client, feeds):
    response = client.get(person_feed_path(feeds.stranger))
    assert response.status_code == 200
    assert parse(response).events == []


def test_person_feed_query_count(client, feeds, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(person_feed_path(feeds.person))


@pytest.mark.parametrize(
    "token",
    ["nonsense", "1:abc", "{pk}", "{stranger}:{sig}", "{token}x"],
)
def test_tampered_person_feed_is_404(client, feeds, token):
    real = person_feed_token(feeds.person)
    token = token.format(
        pk=feeds.person.pk, stranger=feeds.stranger.pk, sig=real.split(":", 1)[1], token=real
    )
    assert client.get(f"/calendars/{token}.ics").status_code == 404


def test_my_calendar_needs_sign_in(client, feeds):
    response = client.get("/calendars/mine/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_my_calendar_shows_own_feed_address(client, feeds):
    client.force_login(feeds.user)
    response = client.get(reverse("calendars:my_calendar"), **SITE)
    assert response.status_code == 200
    content = response.content.decode()
    token = person_feed_token(feeds.person)
    assert f"https://boards.example.gov.uk/calendars/{token}.ics" in content
    assert f"webcal://boards.example.gov.uk/calendars/{token}.ics" in content
    assert person_feed_token(feeds.stranger) not in content
    assert '<h1 class="govuk-heading-xl">' in content
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_my_calendar_without_a_person_record(client, feeds):
    from cspboard.people.tests.factories import UserFactory

    client.force_login(UserFactory(username="unlinked"))
    response = client.get("/calendars/mine/")
    assert response.status_code == 200
    assert "not linked" in response.content.decode()
    assert ".ics" not in response.content.decode()


def test_links_go_to_the_site_the_feed_was_fetched_from_uids_stay(client, feeds):
    """Served at another address (the demo on its own host), the feed's links go there, not
    to SITE_URL; the UIDs, which calendar programs match events by, stay SITE_URL's."""
    other = {"HTTP_HOST": "demo.example.org"}
    events = events_by_uid(parse(client.get("/boards/csp/meetings.ics", **other)))
    summer = events[f"meeting-{feeds.summer.pk}@boards.example.gov.uk"]
    assert summer["url"] == "http://demo.example.org/boards/csp/meetings/2018-06-20/"
    assert str(summer["description"]) == summer["url"]
    for event in events.values():
        assert "boards.example.gov.uk/" not in event.to_ical().decode()

    client.force_login(feeds.user)
    page = client.get("/calendars/mine/", **other).content.decode()
    token = person_feed_token(feeds.person)
    assert f"http://demo.example.org/calendars/{token}.ics" in page
    assert f"webcal://demo.example.org/calendars/{token}.ics" in page
    events = events_by_uid(parse(client.get(person_feed_path(feeds.person), **other)))
    assert all("demo.example.org" in str(e["url"]) for e in events.values())


def test_an_unknown_host_gets_no_feed(client, feeds):
    assert client.get("/boards/csp/meetings.ics", HTTP_HOST="evil.example").status_code == 400
