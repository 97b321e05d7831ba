"""The open record's quality bar (issue 15): a word planted only in a withheld item's minutes,
a restricted paper and a restricted action is found by the board's members and officers, and by
no one else, through search (the page, its feeds, the API's), the API's lists, the board's
feeds, the sitemap and every e-mail alert."""

import json
import re

import pytest
from django.urls import reverse

from cspboard.actions.services import action_create
from cspboard.documents.tests.factories import make_document
from cspboard.following.services import (
    search_alerts_send,
    search_subscription_request,
    subscription_confirm,
    subscription_request,
)
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.services import agenda_item_add, agenda_publish, meeting_create
from cspboard.search.services import search_rebuild

WORD = "quillfeather"
VISITORS = ["anonymous", "outsider", "member", "officer"]
ENTITLED = {"member", "officer"}
CONTEXTS = ["bid was discussed", "Bid annex", "Costs of the", "Cost the", "Funding decisions"]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def planted(scenario):
    s = scenario
    withheld = agenda_item_add(
        meeting=s.meeting,
        number="9",
        title="Funding decisions",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=3,
        minutes=f"<p>The {WORD} bid was discussed.</p>",
    )
    make_document(
        s.public_item,
        title="Bid annex",
        text=f"Costs of the {WORD} service",
        marking="RESTRICTED",
        paragraph=3,
        filename="bid-annex.pdf",
    )
    action_create(board=s.board, item=withheld, meeting=s.meeting, text=f"Cost the {WORD} bid")
    search_rebuild()
    return s


def text_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("visitor", VISITORS)
def test_search_page_and_its_feeds(client, planted, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(planted, visitor))
    page = text_of(client.get(reverse("search:search"), {"q": WORD}))
    if visitor in ENTITLED:
        assert "3 results for" in page  # the minutes, the paper and the action
        assert page.count('class="csp-search-result"') == 3
        for context in ("bid was discussed", "Bid annex", "Cost the"):
            assert context in page, context
    else:
        assert "No results" in page and "result for" not in page and "results for" not in page
        for context in CONTEXTS:  # the query is echoed; nothing around the word is
            assert context not in page, (visitor, context)
    for feed in ("search:feed_atom", "search:feed_rss"):
        body = text_of(client.get(reverse(feed), {"q": WORD}))
        assert "<entry>" not in body and "<item>" not in body, (visitor, feed)
    found = json.loads(text_of(client.get("/api/v1/search", {"q": WORD})))
    assert found["total"] == (3 if visitor in ENTITLED else 0)
    routes = ["/boards/csp/feed.rss", "/boards/csp/feed.atom", "/sitemap.xml"]
    routes += [f"/api/v1/{name}" for name in ("agenda-items", "decisions", "papers", "actions")]
    # The lists that carry minutes' and actions' words show it to the entitled alone.
    shown_to_entitled = {"/api/v1/agenda-items", "/api/v1/actions"}
    for route in routes:
        assert (WORD in text_of(client.get(route))) == (
            visitor in ENTITLED and route in shown_to_entitled
        ), (visitor, route)


def test_no_alert_carries_it(planted, mailoutbox):
    s = planted
    subscription_request(board=s.board, email="ann@example.org", events=7)
    subscription_confirm(token=re.search(r"/follow/confirm/([^/\s]+)/", mailoutbox[-1].body)[1])
    search_subscription_request(query=f"q={WORD}", email="ann@example.org")
    subscription_confirm(token=re.search(r"/follow/confirm/([^/\s]+)/", mailoutbox[-1].body)[1])
    sent = len(mailoutbox)

    # A new meeting published with the word again only under a withheld item and a paper.
    meeting = meeting_create(
        board=s.board, date=s.meeting.date.replace(year=2019), start_time=s.meeting.start_time
    )
    item = agenda_item_add(
        meeting=meeting,
        number="1",
        title="Restricted",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
        description=f"{WORD} again",
    )
    make_document(item, title=f"{WORD} paper", text=WORD, filename="w.pdf")
    agenda_publish(meeting=meeting, by=s.officer)
    assert meeting.__class__.objects.get(pk=meeting.pk).status == MeetingStatus.AGENDA_PUBLISHED
    search_alerts_send()
    alerts = mailoutbox[sent:]
    assert alerts, "the board's subscriber is told the agenda is out"
    for message in alerts:
        assert WORD not in message.subject + message.body
    assert not any("New results" in m.subject for m in alerts)
