"""Following a saved search by e-mail: double opt-in, then once a day what the public may newly
find for it, never what only members may, with the one-click unsubscribe."""

import re

import pytest
from django.urls import reverse

from cspboard.following.models import Subscription
from cspboard.following.services import (
    search_alerts_send,
    search_subscription_request,
    subscription_confirm,
    subscription_unsubscribe,
)
from cspboard.meetings.services import agenda_item_add

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_saved_search_from_asking_to_unsubscribing(scenario, mailoutbox):
    first = agenda_item_add(meeting=scenario.meeting, number="8", title="Knife crime hotspots")
    assert search_subscription_request(query="q=knife&kind=item", email=" Ann@Example.org ")
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]
    assert "“knife”" in mailoutbox[0].subject
    token = re.search(r"/follow/confirm/([^/\s]+)/", mailoutbox[0].body).group(1)
    # Nothing before the confirmation; what is there when it comes is not news.
    assert search_alerts_send() == 0
    subscription = subscription_confirm(token=token)
    assert subscription.is_search and subscription.seen == [f"item:{first.pk}"]
    assert search_alerts_send() == 0 and len(mailoutbox) == 1

    agenda_item_add(meeting=scenario.meeting, number="9", title="Knife arches at the station")
    agenda_item_add(
        meeting=scenario.meeting,
        number="10",
        title="Knife intelligence",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    assert search_alerts_send() == 1
    alert = mailoutbox[-1]
    assert alert.subject == "New results for “knife”"
    assert "Knife arches at the station" in alert.body
    assert "intelligence" not in alert.body and "hotspots" not in alert.body
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(
        r"/follow/unsubscribe/([^/\s>]+)/", alert.extra_headers["List-Unsubscribe"]
    )
    assert search_alerts_send() == 0  # told once

    assert subscription_unsubscribe(token=unsubscribe.group(1)) is None
    assert not Subscription.objects.exists()


def test_asking_again_sends_no_second_confirmation_soon_after(scenario, mailoutbox):
    assert search_subscription_request(query="q=knife", email="ann@example.org")
    assert not search_subscription_request(query="q=knife", email="ann@example.org")
    assert search_subscription_request(query="q=knife+crime", email="ann@example.org")
    assert len(mailoutbox) == 2 and Subscription.objects.count() == 2


def test_a_search_with_no_words_is_refused(scenario, mailoutbox):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        search_subscription_request(query="q=%22%22&kind=item", email="ann@example.org")
    assert not mailoutbox and not Subscription.objects.exists()


def test_the_search_page_offers_it_and_its_page_asks_for_an_address(client, scenario, mailoutbox):
    page = client.get(reverse("search:search"), {"q": "knife", "kind": "item"}).content.decode()
    follow = f"{reverse('following:search_subscribe')}?q=knife&amp;kind=item"
    assert f'href="{follow}">Get an e-mail when there are new results</a>' in page
    form = client.get(reverse("following:search_subscribe"), {"q": "knife", "kind": "item"})
    assert "Get e-mails about new results" in form.content.decode()
    response = client.post(
        reverse("following:search_subscribe"), {"query": "q=knife&kind=item", "email": "nope"}
    )
    assert "Enter an email address in the correct format" in response.content.decode()
    response = client.post(
        reverse("following:search_subscribe"),
        {"query": "q=knife&kind=item", "email": "ann@example.org"},
    )
    assert response.url == reverse("following:search_subscribe_sent")
    assert Subscription.objects.get().query == "q=knife&kind=item"
    assert client.get(reverse("following:search_subscribe")).url == reverse("search:search")
