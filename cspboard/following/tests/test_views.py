"""The pages: subscribing, confirming and unsubscribing (RFC 8058's one-click POST), the board's
feeds, the sitemap and the board page's links to them."""

import re

import defusedxml.ElementTree as ET
import pytest
from django.test import Client

from cspboard.documents.tests.factories import make_document
from cspboard.following.models import Subscription
from cspboard.meetings.services import agenda_item_add, meeting_create
from cspboard.packs import publications

from .conftest import SECRETS

pytestmark = pytest.mark.django_db(transaction=True)

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def confirm_path(message) -> str:
    return re.search(r"http://[^/]+(/follow/confirm/[^/\s]+/)", message.body).group(1)


def ask(client, email="ann@example.org", events=("1", "2", "4"), slug="csp"):
    return client.post(f"/boards/{slug}/follow/", {"email": email, "events": list(events)})


# Subscribing ------------------------------------------------------------------------------------


def test_the_form_asks_and_says_check_your_email(client, scenario, mailoutbox):
    page = client.get("/boards/csp/follow/")
    assert page.status_code == 200
    assert "Get e-mails about this board" in page.content.decode()
    response = ask(client)
    assert response.status_code == 302
    assert response["Location"] == "/boards/csp/follow/check-your-email/"
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()
    assert len(mailoutbox) == 1


def test_the_form_says_the_same_for_an_address_already_following(client, scenario, mailoutbox):
    ask(client)
    client.post(confirm_path(mailoutbox[0]))
    assert Subscription.objects.confirmed().count() == 1
    first = ask(client, "new@example.org")
    again = ask(client)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    # Within the interval, asking again for the same address sends nothing.
    before = len(mailoutbox)
    for _ in range(3):
        ask(client, "new@example.org")
    assert len(mailoutbox) == before


def test_the_form_refuses_a_bad_address_or_no_choice(client, scenario, mailoutbox):
    html = ask(client, email="not an address").content.decode()
    assert "There is a problem" in html and "Enter an email address in the correct format" in html
    html = ask(client, events=()).content.decode()
    assert "Choose what you want to be told about" in html
    assert not mailoutbox and not Subscription.objects.exists()


def test_an_unknown_board_is_404(client, db):
    assert client.get("/boards/nope/follow/").status_code == 404
    assert client.get("/boards/nope/feed.rss").status_code == 404


def test_following_the_confirmation_link_confirms_only_with_the_button(
    client, scenario, mailoutbox
):
    ask(client)
    path = confirm_path(mailoutbox[0])
    page = client.get(path)  # a mail scanner following the link
    assert page.status_code == 200 and "Confirm your subscription" in page.content.decode()
    assert not Subscription.objects.confirmed().exists()
    done = client.post(path)
    assert "Subscription confirmed" in done.content.decode()
    assert Subscription.objects.confirmed().count() == 1


def test_a_bad_confirmation_link_is_404(client, db):
    response = client.get("/follow/confirm/nonsense/")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert client.post("/follow/confirm/nonsense/").status_code == 404


def test_unsubscribe_get_asks_and_post_without_csrf_unsubscribes(client, scenario, mailoutbox):
    ask(client)
    client.post(confirm_path(mailoutbox[0]))
    token = Subscription.objects.get().unsubscribe_token
    page = client.get(f"/follow/unsubscribe/{token}/")
    assert page.status_code == 200 and "ann@example.org" in page.content.decode()
    assert Subscription.objects.exists()  # a GET unsubscribes nobody
    # RFC 8058: the mail program POSTs the one-click body, with no CSRF token or cookie.
    one_click = Client(enforce_csrf_checks=True).post(
        f"/follow/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert not Subscription.objects.exists()
    # Again, or with a token that names nothing: the same calm answer.
    again = client.post(f"/follow/unsubscribe/{token}/")
    assert again.status_code == 200 and "You have unsubscribed" in again.content.decode()
    assert "not subscribed" in client.get(f"/follow/unsubscribe/{token}/").content.decode()


# Feeds ------------------------------------------------------------------------------------------


def test_the_rss_feed_lists_what_the_board_published(client, published):
    response = client.get("/boards/csp/feed.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    # The June meeting's agenda is public; its minutes are still drafts.
    assert titles == [
        "Agenda published: Community Safety Partnership Board, 25 September 2030",
        "Agenda published: Community Safety Partnership Board, 27 June 2018",
        "Minutes published: Community Safety Partnership Board, 28 March 2018",
        "Agenda published: Community Safety Partnership Board, 28 March 2018",
    ]
    first = channel.findall("item")[0]
    assert first.findtext("link") == "http://testserver/boards/csp/meetings/2030-09-25/"
    assert "UNPUBLISHED-ITEM" in first.findtext("description")


def test_supplements_and_revised_agendas_appear_in_the_atom_feed(client, published):
    s = published
    make_document(s.unpublished_item, title="Late paper", text="LATE", filename="late.pdf")
    publications.supplement_publish(meeting=s.unpublished, reason="A late paper", by=s.officer)
    publications.agenda_revise(meeting=s.unpublished, reason="Times changed", by=s.officer)
    response = client.get("/boards/csp/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert "Supplementary agenda: Community Safety Partnership Board, 25 September 2030" in titles
    assert "Revised agenda: Community Safety Partnership Board, 25 September 2030" in titles
    assert "members" not in response.content.decode().lower()


@pytest.mark.parametrize("visitor", ["anonymous", "outsider", "member", "officer"])
def test_feeds_and_sitemap_hold_nothing_withheld_for_anyone(client, planted, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(planted, visitor))
    for url in ["/boards/csp/feed.rss", "/boards/csp/feed.atom", "/sitemap.xml"]:
        html = client.get(url).content.decode()
        for text in SECRETS + ["Strategic Assessment", "2030-09-25", "DRAFT-MINUTES"]:
            assert text not in html, (url, text)
    assert "Performance Report" in client.get("/boards/csp/feed.rss").content.decode()


def test_feed_queries_do_not_grow_with_meetings(client, published, django_assert_max_num_queries):
    s = published
    client.get("/boards/csp/feed.rss")
    for day in range(1, 6):
        meeting = meeting_create(
            board=s.board,
            date=s.meeting.date.replace(day=day),
            start_time=s.meeting.start_time,
            status="minutes_published",
            agenda_published_on=s.meeting.date.replace(day=day),
        )
        agenda_item_add(meeting=meeting, title=f"Item {day}")
    with django_assert_max_num_queries(5):
        response = client.get("/boards/csp/feed.rss")
    assert response.content.decode().count("<item>") == 14  # 4, and 5 agendas and minutes


# The sitemap and the board page ----------------------------------------------------------------


def test_the_sitemap_lists_public_pages_only(client, scenario):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {loc.text.replace("http://testserver", "") for loc in root.iter(f"{SITEMAP}loc")}
    assert {"/boards/csp/", "/boards/vawg/", "/boards/other/"} <= urls
    assert "/boards/csp/meetings/2018-03-28/" in urls
    assert "/boards/csp/meetings/2018-06-27/" in urls  # its agenda is public, not its minutes
    assert "/boards/csp/meetings/2030-09-25/" not in urls  # its agenda is not published
    assert "/people/officer/" in urls or any(u.startswith("/people/") for u in urls)
    assert not any("/manage" in u or "/emails/" in u or "/admin/" in u for u in urls)


def test_the_sitemap_query_count(client, scenario, django_assert_max_num_queries):
    for day in range(1, 6):
        meeting_create(
            board=scenario.subgroup,
            date=scenario.meeting.date.replace(day=day),
            start_time=scenario.meeting.start_time,
            status="agenda_published",
        )
    # Two for each of its three sections (how many, then the rows), whatever their length.
    with django_assert_max_num_queries(6):
        response = client.get("/sitemap.xml")
    assert response.content.decode().count("/boards/vawg/meetings/") == 5


def test_the_board_page_advertises_its_feeds(client, scenario):
    html = client.get("/boards/csp/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="Community Safety Partnership Board: agendas and minutes (RSS)" '
        'href="/boards/csp/feed.rss">'
    ) in html
    assert 'type="application/atom+xml"' in html and 'href="/boards/csp/feed.atom"' in html
    assert 'href="/boards/csp/follow/"' in html


def test_the_meeting_pages_advertise_the_boards_feeds(client, scenario):
    for url in ["/boards/csp/meetings/", "/boards/csp/meetings/2018-03-28/"]:
        html = client.get(url).content.decode()
        assert 'type="application/rss+xml"' in html and 'href="/boards/csp/feed.rss"' in html, url
        assert 'href="/boards/csp/feed.atom"' in html, url
