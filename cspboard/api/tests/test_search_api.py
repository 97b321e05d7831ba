"""The API's search: the search page's results for the same reader, paged by an opaque cursor,
bad options answered 422, a cursor it never gave 404."""

import json

import pytest

from cspboard.meetings.services import agenda_item_add

URL = "/api/v1/search"


def get(client, params, status=200):
    response = client.get(URL, params)
    assert response.status_code == status, response.content[:300]
    return json.loads(response.content)


def test_results_are_paged_by_cursor_and_counted(client, scenario):
    items = [
        agenda_item_add(meeting=scenario.meeting, number=str(10 + n), title=f"Hotspot patrols {n}")
        for n in range(7)
    ]
    first = get(client, {"q": "hotspot", "limit": 3, "kind": "item"})
    assert first["total"] == 7 and len(first["items"]) == 3
    seen = [r["title"] for r in first["items"]]
    page = first
    while page["next"]:
        page = json.loads(client.get(page["next"]).content)
        seen += [r["title"] for r in page["items"]]
    assert sorted(seen) == sorted(f"{i.number}. {i.title}" for i in items)
    result = first["items"][0]
    assert result["kind"] == "item" and result["board"] == "csp"
    assert "<mark>Hotspot</mark>" in result["highlight"]
    assert result["url"].startswith("http://testserver/boards/csp/meetings/2018-03-28/#item-")


def test_withheld_words_give_the_public_nothing_and_members_their_results(client, scenario):
    assert get(client, {"q": '"secret minutes"'}) == {"total": 0, "items": [], "next": None}
    client.force_login(scenario.member)
    found = get(client, {"q": '"secret minutes"'})
    assert found["total"] == 1 and "named individual" in found["items"][0]["highlight"]


@pytest.mark.parametrize(
    "params, status",
    [
        ({}, 422),
        ({"q": "x", "kind": "secret"}, 422),
        ({"q": "x", "since": "1/2/2020"}, 422),
        ({"q": "x", "limit": 51}, 422),
        ({"q": "x", "cursor": "not-a-cursor"}, 404),
        ({"q": "x", "board": "no-such-board"}, 404),
    ],
)
def test_bad_options(client, scenario, params, status):
    get(client, params, status=status)
