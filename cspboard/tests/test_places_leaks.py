"""The places' leak test: a word planted in a withheld place (its name, description and a
finding), in a withheld finding about an open place, and in an action on the log raised under a
withheld item and linked to a place, is shown to the board's members and officers, and to no
one else, on every page places adds or changes: the board's places, each place's page, the
officers' forms, the hotspots page's map data and its tables, and the board page's section."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from cspboard.actions.services import action_create
from cspboard.meetings.services import agenda_item_add
from cspboard.performance.tests.factories import StreetCrimeFactory
from cspboard.places import services

WORD = "brackenmoss"
VISITORS = ["anonymous", "outsider", "member", "officer"]
ENTITLED = {"member", "officer"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def planted(scenario):
    s = scenario
    StreetCrimeFactory(month=datetime.date(2023, 1, 1), latitude=51.54, longitude=0.08)
    s.open_place = services.place_create(
        board=s.board,
        name="Barking Station",
        slug="barking-station",
        latitude=51.5394,
        longitude=0.0809,
    )
    services.finding_add(
        place=s.open_place,
        source="eva",
        found_on=datetime.date(2023, 6, 14),
        text="Poor lighting by the taxi rank",
        reported_by="Community safety team",
    )
    services.finding_add(
        place=s.open_place,
        source="partner_intelligence",
        found_on=datetime.date(2023, 7, 1),
        text=f"Intelligence of {WORD} dealing by the station",
        reported_by="Police",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    s.withheld_place = services.place_create(
        board=s.board,
        name=f"{WORD.title()} Yard",
        slug="the-yard",
        description=f"The {WORD} premises",
        latitude=51.545,
        longitude=0.09,
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    services.finding_add(
        place=s.withheld_place,
        source="partner_intelligence",
        found_on=datetime.date(2023, 7, 2),
        text="Closure order considered",
        reported_by="Police",
    )
    withheld_item = agenda_item_add(
        meeting=s.meeting,
        number="9",
        title="Partnership tasking",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    action = action_create(
        board=s.board, item=withheld_item, meeting=s.meeting, text=f"Disrupt the {WORD} group"
    )
    services.place_action_link(place=s.open_place, action=action)
    public_action = action_create(board=s.board, meeting=s.meeting, text="Repair the lamps")
    services.place_action_link(place=s.open_place, action=public_action)
    return s


def pages(s) -> dict[str, str]:
    return {
        "list": reverse("places:place_list", args=["csp"]),
        "open place": s.open_place.get_absolute_url(),
        "withheld place": reverse("places:place_detail", args=["csp", "the-yard"]),
        "hotspots": "/boards/csp/performance/hotspots/",
        "board": s.board.get_absolute_url(),
        "add place": reverse("places:place_add", args=["csp"]),
        "add finding": reverse("places:finding_add", args=["csp", "barking-station"]),
        "edit withheld place": reverse("places:place_edit", args=["csp", "the-yard"]),
        "edit withheld finding": reverse(
            "places:finding_edit",
            args=[
                "csp",
                "barking-station",
                s.open_place.findings.get(source="partner_intelligence").pk,
            ],
        ),
    }


SHOWS_WORD = {
    "list",
    "open place",
    "withheld place",
    "hotspots",
    "edit withheld place",
    "edit withheld finding",
}
OFFICERS_ONLY = {"add place", "add finding", "edit withheld place", "edit withheld finding"}


@pytest.mark.parametrize("visitor", VISITORS)
def test_the_word_is_shown_only_to_those_entitled(client, planted, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(planted, visitor))
    for name, url in pages(planted).items():
        response = client.get(url)
        if name in OFFICERS_ONLY and visitor != "officer":
            assert response.status_code in (302, 404), (visitor, name)  # sign in, or nothing here
            assert WORD not in response.content.decode().lower()
            continue
        if name == "withheld place" and visitor not in ENTITLED:
            assert response.status_code == 404, visitor
            continue
        assert response.status_code == 200, (visitor, name)
        page = response.content.decode().lower()
        entitled = visitor in ENTITLED and name in SHOWS_WORD
        assert (WORD in page) is entitled, (visitor, name)
        if name == "open place":
            assert "repair the lamps" in page  # the public action is there for everyone
            assert ("disrupt the" in page) is (visitor in ENTITLED)


@pytest.mark.parametrize("visitor", VISITORS)
def test_the_map_data_holds_the_withheld_place_only_for_those_entitled(client, planted, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(planted, visitor))
    html = client.get("/boards/csp/performance/hotspots/").content.decode()
    found = re.search(r'<script id="hotspot-map-data" type="application/json">(.*?)</script>', html)
    data = json.loads(found.group(1))
    names = [m["name"] for overlay in data["overlays"] for m in overlay["markers"]]
    expected = ["Barking Station"] + ([f"{WORD.title()} Yard"] if visitor in ENTITLED else [])
    assert sorted(names) == sorted(expected)
    table = re.search(r'id="hotspot-map-places">(.*?)</table>', html, re.S).group(1)
    assert (WORD in table.lower()) is (visitor in ENTITLED)
