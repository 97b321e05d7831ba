import pytest
from django.urls import reverse

from cspboard.meetings.services import agenda_item_add

URL = reverse("search:search")


def test_every_page_has_the_search_box(client, scenario):
    page = client.get(reverse("boards:board_list")).content.decode()
    assert f'action="{URL}"' in page and 'role="search"' in page


def test_the_page_finds_highlights_and_links(client, scenario):
    item = agenda_item_add(meeting=scenario.meeting, number="7", title="Knife crime")
    response = client.get(URL, {"q": "knife"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 result for “knife”" in page
    assert "<mark>Knife</mark> crime" in page
    assert f"#item-{item.pk}" in page
    assert response["Cache-Control"] == "no-cache"


def test_a_withheld_word_gives_the_public_nothing_not_even_a_count(client, scenario):
    from cspboard.search.services import search_rebuild

    search_rebuild()
    page = client.get(URL, {"q": '"secret minutes"'}).content.decode()
    assert "No results" in page and "named individual" not in page and "result for" not in page
    client.force_login(scenario.member)
    page = client.get(URL, {"q": '"secret minutes"'}).content.decode()
    assert "MINUTES</mark> about a named individual" in page  # engines mark phrases apart


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "x", "date_from": "31/02/2023"}, "Enter a valid date."),
        ({"q": "x", "date_from": "2/3/2024", "date_to": "1/3/2024"}, "on or after the start"),
        ({"q": "x", "board": "no-such-board"}, "Select a valid choice"),
        ({"q": "x", "kind": "secret"}, "Select a valid choice"),
    ],
)
def test_bad_options_are_reported_beside_their_field(client, scenario, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()


def test_no_words_asks_for_some(client, scenario):
    assert "Type some words" in client.get(URL, {"q": ' "" '}).content.decode()
    assert "Search the record" in client.get(URL).content.decode()


def test_queries_do_not_grow_with_the_results(client, scenario, django_assert_max_num_queries):
    for n in range(25):
        agenda_item_add(meeting=scenario.meeting, number=str(10 + n), title=f"Hotspot {n}")
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"q": "hotspot"})
    assert response.content.decode().count('class="csp-search-result"') == 20
    assert "Page 1 of 2" in response.content.decode()
    page_two = client.get(URL, {"q": "hotspot", "page": 2}).content.decode()
    assert page_two.count('class="csp-search-result"') == 5


def test_a_saved_search_has_feeds_advertised_on_its_page(client, scenario):
    from cspboard.search.services import search_rebuild

    agenda_item_add(meeting=scenario.meeting, number="7", title="Knife crime & <b>knives</b>")
    search_rebuild()
    page = client.get(URL, {"q": "knife", "kind": "item", "page": 2}).content.decode()
    atom = f"{reverse('search:feed_atom')}?q=knife&amp;kind=item"
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Search: knife (Atom)" '
        f'href="{atom}">' in page
    )
    feed = client.get(reverse("search:feed_atom"), {"q": "knife", "kind": "item"})
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "<title>Agenda item: 7. Knife crime &amp; &lt;b&gt;knives&lt;/b&gt;</title>" in body
    assert "<b>" not in body
    rss = client.get(reverse("search:feed_rss"), {"q": "knife"})
    assert (
        rss["Content-Type"].startswith("application/rss+xml")
        and "Knife crime" in rss.content.decode()
    )


def test_a_search_feed_is_the_publics_view_whoever_asks(client, scenario):
    from cspboard.search.services import search_rebuild

    search_rebuild()
    client.force_login(scenario.member)
    assert (
        client.get(URL, {"q": '"secret minutes"'})
        .content.decode()
        .count('class="csp-search-result"')
        == 1
    )
    feed = client.get(reverse("search:feed_atom"), {"q": '"secret minutes"'}).content.decode()
    assert "<entry>" not in feed and "named individual" not in feed.lower()
    assert client.get(reverse("search:feed_atom"), {"q": ""}).status_code == 404
    assert (
        client.get(reverse("search:feed_rss"), {"q": "x", "date_from": "nonsense"}).status_code
        == 404
    )
