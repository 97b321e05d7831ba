"""The hotspots page's map (performance) with the places of concern on top (places, through
`performance.contributions`): the map's data and the tables beside it are the same figures; no
crime is shipped as a point; a withheld place is on the map only for those entitled; and with
no tile server set nothing is asked of another host."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from cspboard.performance.tests.factories import StreetCrimeFactory
from cspboard.places.tests.factories import PlaceFactory, PlaceFindingFactory
from cspboard.settings import CONTENT_SECURITY_POLICY, tile_image_source

pytestmark = pytest.mark.django_db

HOTSPOTS = "/boards/csp/performance/hotspots/"
JAN = datetime.date(2023, 1, 1)
QUERY = {"crime_type": "", "area": "", "first": "2023-01-01", "last": "2023-01-01"}


@pytest.fixture
def mapped(scenario):
    points = [(51.5391, 0.0812), (51.5395, 0.0816), (51.5401, 0.0822)]
    for lat, lon in points:
        StreetCrimeFactory(
            month=JAN, latitude=lat, longitude=lon, lsoa_code="E01000020", lsoa_name="Barking 010B"
        )
    StreetCrimeFactory(
        month=JAN, latitude=51.56, longitude=0.15, lsoa_code="E01000030", lsoa_name="Dagenham 020C"
    )
    station = PlaceFactory(
        board=scenario.board, name="Barking Station", latitude=51.5394, longitude=0.0809
    )
    PlaceFindingFactory(place=station, source="eva", found_on=datetime.date(2023, 6, 14))
    PlaceFactory(board=scenario.board, name="Not yet pinned")
    PlaceFactory(
        board=scenario.board,
        name="Gravelwick Yard",
        latitude=51.545,
        longitude=0.09,
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    scenario.points = points
    return scenario


def map_data(html: str) -> dict:
    found = re.search(r'<script id="hotspot-map-data" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def table_rows(html: str, table_id: str) -> list[list[str]]:
    table = re.search(rf'<table class="govuk-table" id="{table_id}">(.*?)</table>', html, re.S)
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", table.group(1), re.S).group(1)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_the_map_and_its_tables_carry_the_same_figures(client, mapped):
    html = client.get(HOTSPOTS, QUERY).content.decode()
    data = map_data(html)
    cells = table_rows(html, "hotspot-map-cells")
    assert [
        [c["name"], c["lsoa"], str(c["count"]), f"{c['lat']}, {c['lon']}"] for c in data["cells"]
    ] == cells
    assert [row[:3] for row in cells] == [
        ["Barking 010B", "E01000020", "3"],
        ["Dagenham 020C", "E01000030", "1"],
    ]
    (places,) = data["overlays"]
    rows = table_rows(html, "hotspot-map-places")
    assert [
        [m["name"], m["kind"], m["detail"] or "None recorded", f"{m['lat']}, {m['lon']}"]
        for m in places["markers"]
    ] == rows
    assert rows == [
        [
            "Barking Station",
            "Street or road",
            "Environmental Visual Audit, 14 June 2023",
            "51.5394, 0.0809",
        ]
    ]
    # The map waits for its script: without JavaScript the tables are the page.
    assert re.search(r'<div id="hotspot-map"[^>]*\bhidden\b', html)


def test_no_crime_is_shipped_as_a_point(client, mapped):
    html = client.get(HOTSPOTS, QUERY).content.decode()
    for lat, lon in mapped.points:
        for number in (lat, lon):
            assert not re.search(rf"(?<![\d.]){re.escape(str(number))}(?!\d)", html), number
    assert len(map_data(html)["cells"]) == 2  # four crimes, two neighbourhoods


def test_a_withheld_place_is_on_the_map_only_for_those_entitled(client, mapped):
    for user, shown in (
        (None, False),
        (mapped.outsider, False),
        (mapped.member, True),
        (mapped.officer, True),
    ):
        client.logout()
        if user:
            client.force_login(user)
        html = client.get(HOTSPOTS, QUERY).content.decode()
        names = [m["name"] for m in map_data(html)["overlays"][0]["markers"]]
        assert ("Gravelwick Yard" in names) is shown
        assert ("Gravelwick" in html) is shown


def test_without_a_tile_server_nothing_is_asked_of_another_host(client, mapped):
    response = client.get(HOTSPOTS, QUERY)
    html = response.content.decode()
    assert map_data(html)["tiles"] is None
    policy = response["Content-Security-Policy"]
    assert "http" not in policy  # every source is 'self', 'none' or data:
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for value in re.findall(rf"<{tag}\b[^>]*\b{attribute}=\"([^\"]+)\"", html):
            assert value.startswith("/"), (tag, value)
    assert "build/leaflet/leaflet.js" in html and "cspboard/hotspot-map.js" in html


def test_a_tile_server_set_in_the_environment_is_drawn_and_allowed_for_images_only(client, mapped):
    url = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    source = tile_image_source(url)
    assert source == "https://*.tiles.example.org"
    directives = {k: list(v) for k, v in CONTENT_SECURITY_POLICY["DIRECTIVES"].items()}
    directives["img-src"].append(source)
    with override_settings(
        MAP_TILES_URL=url,
        MAP_TILES_ATTRIBUTION="© Example contributors",
        CONTENT_SECURITY_POLICY={"DIRECTIVES": directives},
    ):
        response = client.get(HOTSPOTS, QUERY)
    assert map_data(response.content.decode())["tiles"] == {
        "url": url,
        "attribution": "© Example contributors",
    }
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert "https://*.tiles.example.org" in policy["img-src"]
    others = [v for k, v in policy.items() if k != "img-src"]
    assert not any("example.org" in v for v in others)


@pytest.mark.parametrize(
    "url", ["ftp://tiles.example.org/{z}/{x}/{y}.png", "/{z}/{x}/{y}.png", "https://{z}.x/{y}"]
)
def test_a_tile_url_that_is_not_a_web_address_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        tile_image_source(url)
    assert tile_image_source("") is None


def test_the_hotspots_page_with_its_map_in_few_queries(
    client, mapped, django_assert_max_num_queries
):
    for n in range(5):
        place = PlaceFactory(
            board=mapped.board, name=f"Street {n}", latitude=51.5 + n / 100, longitude=0.1
        )
        PlaceFindingFactory(place=place)
    client.force_login(mapped.member)
    with django_assert_max_num_queries(16):
        response = client.get(HOTSPOTS, QUERY)
    assert len(map_data(response.content.decode())["overlays"][0]["markers"]) == 7


def _policy_with(environment: dict) -> dict:
    """The settings module's policy, read afresh in a process with `environment` set."""
    import os
    import subprocess
    import sys

    script = (
        "import json, cspboard.settings as s; "
        "print(json.dumps({k: [str(v) for v in vs] for k, vs in "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES'].items()}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSPBOARD_MAP_TILES")}
    env.update({"CSPBOARD_ENV": "development", **environment})
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_settings_allow_the_tile_host_for_images_and_nothing_else():
    plain = _policy_with({})
    assert not any("http" in source for sources in plain.values() for source in sources)
    tiled = _policy_with(
        {"CSPBOARD_MAP_TILES_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png"}
    )
    assert tiled["img-src"] == [*plain["img-src"], "https://*.tiles.example.org"]
    assert {k: v for k, v in tiled.items() if k != "img-src"} == {
        k: v for k, v in plain.items() if k != "img-src"
    }


def test_with_nothing_to_map_the_page_says_so_and_loads_no_map(client, scenario):
    StreetCrimeFactory(month=JAN)  # no location
    html = client.get(HOTSPOTS, QUERY).content.decode()
    assert "Nothing to map: no crime in this period has a location" in html
    assert "hotspot-map-data" not in html and "leaflet.js" not in html
