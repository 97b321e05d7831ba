"""The open-data API's behaviour: pages and cursors, conditional GET, caching and CORS headers,
GET only, people's public fields only, Open Civic Data events valid against pupa's schema, and
a fixed number of queries for every list."""

import datetime
import json
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.actions.services import action_create
from cspboard.documents.tests.factories import make_document
from cspboard.meetings.services import agenda_item_add, decision_add, meeting_create
from cspboard.people.tests.factories import PersonFactory

from .fixtures import add_open_record
from .ocd_schema import validator


@pytest.fixture
def record(scenario):
    return add_open_record(scenario)


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return json.loads(response.content)


# Pages and cursors -------------------------------------------------------------------------------


def test_walking_the_cursor_visits_every_row_once(client, record):
    for day in range(1, 8):
        meeting_create(
            board=record.other, date=datetime.date(2019, 1, day), start_time=datetime.time(9)
        )
    everything = [m["id"] for m in get_json(client, "/api/v1/meetings?limit=200")["items"]]
    assert len(everything) == 10
    seen, url, pages = [], "/api/v1/meetings?limit=3", 0
    while url:
        page = get_json(client, url)
        assert len(page["items"]) <= 3
        seen += [m["id"] for m in page["items"]]
        url, pages = page["next"], pages + 1
    assert seen == everything and pages == 4
    dates = [m["date"] for m in get_json(client, "/api/v1/meetings?limit=200")["items"]]
    assert dates == sorted(dates)


def test_a_cursor_survives_rows_added_before_it(client, record):
    first = get_json(client, "/api/v1/meetings?limit=2")
    meeting_create(board=record.other, date=datetime.date(2000, 1, 1), start_time=datetime.time(9))
    rest = get_json(client, first["next"])
    ids = [m["id"] for m in first["items"] + rest["items"]]
    assert ids == [record.meeting.pk, record.draft.pk, record.unpublished.pk]


def test_cursors_cannot_be_made_up_or_moved_between_lists(client, record):
    assert client.get("/api/v1/meetings?cursor=abc").status_code == 404
    cursor = urlsplit(get_json(client, "/api/v1/meetings?limit=1")["next"]).query
    assert client.get(f"/api/v1/papers?{cursor}").status_code == 404


def test_dates_are_strict(client, record):
    assert client.get("/api/v1/meetings?until=0").status_code == 422
    assert client.get("/api/v1/meetings?since=2018-02-30").status_code == 422
    found = get_json(client, "/api/v1/meetings?since=2018-04-01&until=2018-12-31")["items"]
    assert [m["id"] for m in found] == [record.draft.pk]


def test_the_page_size_is_bounded(client, record):
    assert client.get("/api/v1/meetings?limit=201").status_code == 422
    assert client.get("/api/v1/meetings?limit=0").status_code == 422
    assert client.get("/api/v1/meetings?limit=200").status_code == 200


# Conditional GET, caching, CORS ------------------------------------------------------------------


def test_etag_and_last_modified_give_304_until_the_record_changes(client, record):
    url = "/api/v1/agenda-items"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304

    agenda_item_add(meeting=record.meeting, number="3", title="Late item")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Late item" in changed.content.decode()
    assert changed["ETag"] != etag
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 200


def test_validators_differ_by_reader_and_address(client, record):
    public = client.get("/api/v1/papers")["ETag"]
    assert client.get("/api/v1/papers?board=csp")["ETag"] != public
    client.force_login(record.member)
    member = client.get("/api/v1/papers", headers={"If-None-Match": public})
    assert member.status_code == 200 and member["ETag"] != public
    assert "CDSA cover report" in member.content.decode()


def test_cache_control_and_vary(client, record):
    anonymous = client.get("/api/v1/meetings")
    assert anonymous["Cache-Control"] == "public, no-cache"
    assert "Cookie" in anonymous["Vary"]
    client.force_login(record.member)
    assert client.get("/api/v1/meetings")["Cache-Control"] == "private, no-cache"


def test_cors_is_open_for_reading_without_credentials(client, record):
    response = client.get("/api/v1/meetings", headers={"Origin": "https://elsewhere.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/meetings",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in preflight
    # Only the API: the site's pages stay as they were.
    assert "Access-Control-Allow-Origin" not in client.get("/boards/")


def test_the_docs_page_loads_only_our_own_files(client, record):
    html = client.get("/api/v1/docs").content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses and all(a.startswith("/static/ninja/") for a in addresses), addresses
    assert "<script>" not in html  # no inline script: settings are a JSON block
    assert '"validatorUrl": null' in html


def test_only_get(client, record):
    client.force_login(record.officer)
    for method in (client.post, client.put, client.patch, client.delete, client.head):
        response = method("/api/v1/meetings", data={}, content_type="application/json")
        assert response.status_code == 405


# What is served ---------------------------------------------------------------------------------


def test_people_are_served_with_their_public_roles_only(client, record):
    person = record.member.person
    person.email = "private@example.org"
    person.save()
    answer = get_json(client, f"/api/v1/people/{person.slug}")
    assert set(answer) == {
        "slug",
        "name",
        "honorific",
        "post_title",
        "organisation",
        "roles",
        "url",
    }
    assert answer["roles"][0]["board"] == "csp" and answer["roles"][0]["role"] == "member"
    assert "private@example.org" not in client.get("/api/v1/people").content.decode()
    # Someone with no current role is not served at all.
    assert client.get(f"/api/v1/people/{record.chair.slug}").status_code == 404


def test_indicator_figures_as_the_public_report_shows_them(client, record):
    answer = get_json(client, f"/api/v1/indicators/{record.indicator.pk}/figures?month=2018-01")
    assert answer["month"] == "2018-01" and answer["financial_year"] == "2017/18"
    january = next(f for f in answer["this_year"] if f["month"] == "2018-01")
    assert january["value"] == 176 and january["benchmark"] == 6780
    assert answer["commentary"] == "PUBLISHED-COMMENTARY"
    assert (
        client.get(f"/api/v1/indicators/{record.indicator.pk}/figures?month=2030-01").status_code
        == 404
    )


def test_the_meeting_page_links_its_event(client, record):
    html = client.get(record.meeting.get_absolute_url()).content.decode()
    href = f"/api/v1/meetings/{record.meeting.pk}/ocd-event"
    link = '<link rel="alternate" type="application/json" title="Open Civic Data event"'
    assert f'{link} href="{href}">' in html


# Open Civic Data events --------------------------------------------------------------------------


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_events_are_valid_against_pupas_schema(client, record, visitor):
    if visitor == "member":
        client.force_login(record.member)
    check = validator()
    for meeting in (record.meeting, record.draft, record.unpublished):
        event = get_json(client, f"/api/v1/meetings/{meeting.pk}/ocd-event")
        errors = [error.message for error in check.iter_errors(event)]
        assert not errors, errors
        # FormatChecker checks "uri" only with an optional package: check the links here.
        for link in event["links"] + event["sources"] + event["documents"]:
            assert urlsplit(link["url"]).scheme == "http", link


def test_an_event_has_the_agenda_participants_and_papers(client, record):
    event = get_json(client, f"/api/v1/meetings/{record.meeting.pk}/ocd-event")
    assert event["start_date"] == "2018-03-28T10:00:00+01:00"
    assert event["status"] == "passed" and event["location"]["name"] == "Barking Learning Centre"
    assert [a["description"] for a in event["agenda"]] == [
        "Performance Report",
        "Strategic Assessment",
    ]
    assert event["agenda"][0]["related_entities"][0]["name"] == "Fiona Chair"
    assert event["agenda"][1]["notes"] == [
        "paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972"
    ]
    assert {p["name"] for p in event["participants"]} == {
        "Community Safety Partnership Board",
        "Fiona Chair",
    }
    assert [d["note"] for d in event["documents"]] == ["Performance pack"]
    assert (
        event["_id"] == get_json(client, f"/api/v1/meetings/{record.meeting.pk}/ocd-event")["_id"]
    )


def test_the_validator_refuses_what_pupa_would(client, record):
    event = get_json(client, f"/api/v1/meetings/{record.meeting.pk}/ocd-event")
    check = validator()
    for field, value in [
        ("status", "held"),
        ("start_date", "28/03/2018"),
        ("sources", []),
        ("agenda", [{"description": ""}]),
    ]:
        assert list(check.iter_errors({**event, field: value})), field


# Queries ------------------------------------------------------------------------------------------

# For the public: the record's counters (for the validators), then the page; agenda items ask
# which minutes the reader may read, people and actions prefetch roles and owners. A signed-in
# reader adds their session, user and roles.
LISTS = {
    "/api/v1/boards": 2,
    "/api/v1/people": 3,
    "/api/v1/meetings": 2,
    "/api/v1/agenda-items": 3,
    "/api/v1/decisions": 2,
    "/api/v1/papers": 2,
    "/api/v1/actions": 3,
    "/api/v1/indicators": 2,
}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_rows(s, n: int) -> None:
    for i in range(n):
        meeting = meeting_create(
            board=s.board,
            date=datetime.date(2019, 1, 1) + datetime.timedelta(days=i),
            start_time=datetime.time(10),
            status="minutes_published",
        )
        item = agenda_item_add(meeting=meeting, number="1", title=f"Item {i}", minutes="<p>m</p>")
        decision_add(item=item, text=f"Decision {i}")
        make_document(item, title=f"Paper {i}")
        action_create(board=s.board, text=f"Action {i}", item=item, owners=[PersonFactory()])


def test_an_unchanged_answer_is_kept(client, record, settings):
    url = "/api/v1/agenda-items"
    first = client.get(url)
    assert _queries(client, url) == 1  # the record's counters, for the ETag
    again = client.get(url)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    settings.API_CACHE_SECONDS = 0
    assert _queries(client, url) == LISTS[url]


@pytest.mark.parametrize("signed_in", [False, True])
def test_lists_take_a_fixed_number_of_queries(client, record, signed_in):
    if signed_in:
        client.force_login(record.member)
    before = {url: _queries(client, url) for url in LISTS}
    if not signed_in:
        assert before == LISTS
    _more_rows(record, 4)
    assert {url: _queries(client, url) for url in LISTS} == before


def test_addresses_are_the_pages_own(rf, record):
    from cspboard.api.links import Links

    s = record
    s.board.slug = "csp-board_2"
    s.board.save()
    links = Links(rf.get("/api/v1/meetings", HTTP_HOST="testserver"))
    site = "http://testserver"
    assert links.board(s.board) == site + s.board.get_absolute_url()
    assert links.person(s.chair) == site + s.chair.get_absolute_url()
    assert links.meeting(s.meeting) == site + s.meeting.get_absolute_url()
    assert links.action(s.public_action) == site + s.public_action.get_absolute_url()
    assert links.event(s.meeting) == f"{site}/api/v1/meetings/{s.meeting.pk}/ocd-event"
    s.public_doc.filename = "Annual report (final) 2018 – draft ü.pdf"
    assert links.paper(s.public_doc) == site + s.public_doc.get_absolute_url()
    assert links.item(s.public_item).endswith(f"/2018-03-28/#item-{s.public_item.pk}")
