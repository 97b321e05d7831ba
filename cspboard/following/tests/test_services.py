"""Subscribing, confirming, unsubscribing and the alerts (e-mail through the outbox, delivered
by the worker: the tests' task backend runs it as the transaction commits)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cspboard.core.links import LinkExpired, LinkInvalid
from cspboard.core.models import OutgoingEmail
from cspboard.documents.tests.factories import make_document
from cspboard.following.choices import ALL_EVENTS, Event
from cspboard.following.models import Subscription
from cspboard.following.services import (
    alerts_queue,
    subscription_confirm,
    subscription_request,
    subscription_unsubscribe,
    subscriptions_tidy,
)
from cspboard.meetings.models import Meeting
from cspboard.meetings.services import agenda_publish, minutes_publish
from cspboard.packs import publications
from cspboard.packs.models import Publication

from .conftest import SECRETS

pytestmark = pytest.mark.django_db(transaction=True)


def confirm_token(message) -> str:
    return re.search(r"/follow/confirm/([^/\s]+)/", message.body).group(1)


def subscribe(board, email="ann@example.org", events=ALL_EVENTS, outbox=None) -> Subscription:
    """Ask and confirm, as the address's owner would."""
    before = len(outbox)
    subscription_request(board=board, email=email, events=events)
    assert len(outbox) == before + 1
    return subscription_confirm(token=confirm_token(outbox[-1]))


def test_asking_sends_one_confirmation_and_nothing_else(scenario, mailoutbox):
    assert subscription_request(board=scenario.board, email=" Ann@Example.org ", events=1)
    subscription = Subscription.objects.get()
    assert subscription.email == "ann@example.org" and not subscription.is_confirmed
    assert subscription.agenda and not subscription.minutes and not subscription.supplements
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]
    assert "/follow/confirm/" in mailoutbox[0].body
    assert "List-Unsubscribe" not in mailoutbox[0].extra_headers


def test_no_choice_is_refused(scenario, mailoutbox):
    with pytest.raises(ValidationError):
        subscription_request(board=scenario.board, email="ann@example.org", events=0)
    assert not mailoutbox and not Subscription.objects.exists()


def test_asking_again_soon_sends_nothing_more(scenario, mailoutbox):
    board = scenario.board
    assert subscription_request(board=board, email="ann@example.org", events=1)
    for _ in range(5):
        assert not subscription_request(board=board, email="ANN@example.org", events=7)
    assert len(mailoutbox) == 1 and Subscription.objects.count() == 1
    later = timezone.now() + datetime.timedelta(minutes=16)
    assert subscription_request(board=board, email="ann@example.org", events=7, now=later)
    assert len(mailoutbox) == 2
    assert Subscription.objects.get().minutes  # the new choice, still pending


def test_confirming_starts_the_subscription_with_the_choice_in_the_link(scenario, mailoutbox):
    subscription_request(board=scenario.board, email="ann@example.org", events=Event.MINUTES)
    subscription = subscription_confirm(token=confirm_token(mailoutbox[0]))
    assert subscription.is_confirmed
    assert subscription.events == Event.MINUTES
    # Confirming twice changes nothing.
    again = subscription_confirm(token=confirm_token(mailoutbox[0]))
    assert again.confirmed_at == subscription.confirmed_at


def test_an_address_already_following_changes_its_choice_only_by_confirming(scenario, mailoutbox):
    subscribe(scenario.board, events=Event.AGENDA, outbox=mailoutbox)
    later = timezone.now() + datetime.timedelta(hours=1)
    assert subscription_request(
        board=scenario.board, email="ann@example.org", events=Event.MINUTES, now=later
    )
    assert Subscription.objects.get().events == Event.AGENDA  # not until confirmed
    assert "change" in mailoutbox[-1].body
    subscription_confirm(token=confirm_token(mailoutbox[-1]))
    assert Subscription.objects.get().events == Event.MINUTES


def test_altered_and_expired_links_confirm_nothing(scenario, mailoutbox, settings):
    subscription_request(board=scenario.board, email="ann@example.org", events=1)
    token = confirm_token(mailoutbox[0])
    with pytest.raises(LinkInvalid):
        subscription_confirm(token=token[:-2] + "xx")
    settings.FOLLOWING_CONFIRM_DAYS = -1
    with pytest.raises(LinkExpired):
        subscription_confirm(token=token)
    assert not Subscription.objects.confirmed().exists()


def test_unconfirmed_rows_go_once_their_link_has_expired(scenario, mailoutbox):
    subscription_request(board=scenario.board, email="ann@example.org", events=1)
    assert subscriptions_tidy(timezone.now() + datetime.timedelta(days=6)) == 0
    assert subscriptions_tidy(timezone.now() + datetime.timedelta(days=8)) == 1
    assert not Subscription.objects.exists()
    assert not OutgoingEmail.objects.filter(to=["ann@example.org"]).exists()


def test_unsubscribing_deletes_the_address(scenario, mailoutbox):
    subscription = subscribe(scenario.board, outbox=mailoutbox)
    subscribe(scenario.board, "bob@example.org", outbox=mailoutbox)
    alerts_queue(meeting=scenario.meeting, event=Event.MINUTES)
    assert OutgoingEmail.objects.filter(to=["ann@example.org"]).count() == 2
    assert subscription_unsubscribe(token=subscription.unsubscribe_token) == scenario.board
    assert not Subscription.objects.filter(email="ann@example.org").exists()
    assert not OutgoingEmail.objects.filter(to=["ann@example.org"]).exists()
    assert OutgoingEmail.objects.filter(to=["bob@example.org"]).count() == 2
    assert subscription_unsubscribe(token=subscription.unsubscribe_token) is None
    # Its confirmation link no longer brings it back.
    with pytest.raises(LinkInvalid):
        subscription_confirm(token=confirm_token(mailoutbox[0]))


def test_alerts_go_only_to_confirmed_subscribers_who_chose_the_event(scenario, mailoutbox):
    subscribe(scenario.board, "agenda@example.org", Event.AGENDA, mailoutbox)
    subscribe(scenario.board, "minutes@example.org", Event.MINUTES, mailoutbox)
    subscribe(scenario.other, "other@example.org", ALL_EVENTS, mailoutbox)
    subscription_request(board=scenario.board, email="pending@example.org", events=ALL_EVENTS)
    mailoutbox.clear()

    agenda_publish(meeting=scenario.unpublished, today=datetime.date(2030, 9, 17))

    assert [m.to for m in mailoutbox] == [["agenda@example.org"]]
    alert = mailoutbox[0]
    assert (
        alert.subject == "Agenda published: Community Safety Partnership Board, 25 September 2030"
    )
    assert "/boards/csp/meetings/2030-09-25/" in alert.body
    assert "UNPUBLISHED-ITEM" in alert.body  # published now: the public's agenda


def test_every_alert_carries_the_rfc_8058_headers_and_a_link(scenario, mailoutbox):
    subscription = subscribe(scenario.board, outbox=mailoutbox)
    mailoutbox.clear()
    assert alerts_queue(meeting=scenario.meeting, event=Event.MINUTES) == 1
    alert = mailoutbox[0]
    url = f"http://127.0.0.1:8000/follow/unsubscribe/{subscription.unsubscribe_token}/"
    assert alert.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in alert.body


def test_no_alert_for_what_the_public_may_not_see(scenario, mailoutbox):
    subscribe(scenario.board, outbox=mailoutbox)
    mailoutbox.clear()
    assert alerts_queue(meeting=scenario.unpublished, event=Event.AGENDA) == 0
    assert alerts_queue(meeting=scenario.draft, event=Event.MINUTES) == 0
    assert not mailoutbox


def test_alerts_carry_no_withheld_text(planted, mailoutbox):
    s = planted
    subscribe(s.board, outbox=mailoutbox)
    mailoutbox.clear()
    alerts_queue(meeting=s.meeting, event=Event.AGENDA)
    alerts_queue(meeting=s.meeting, event=Event.MINUTES)
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        for text in SECRETS + ["Strategic Assessment"]:
            assert text not in message.body and text not in message.subject, text
        assert "Performance Report" in message.body


def test_supplements_and_revised_agendas_are_alerted(published, mailoutbox):

    s = published
    subscribe(s.board, "supplements@example.org", Event.SUPPLEMENT, mailoutbox)
    subscribe(s.board, "agenda@example.org", Event.AGENDA, mailoutbox)
    mailoutbox.clear()
    make_document(s.unpublished_item, title="Late paper", text="LATE", filename="late.pdf")
    publications.supplement_publish(meeting=s.unpublished, reason="A late paper", by=s.officer)
    assert [m.to for m in mailoutbox] == [["supplements@example.org"]]
    assert "Supplementary agenda" in mailoutbox[0].subject
    supplements = {p.kind: p for p in Publication.objects.filter(kind__startswith="supplement")}
    assert supplements["supplement_public"].get_absolute_url() in mailoutbox[0].body
    assert supplements["supplement_members"].get_absolute_url() not in mailoutbox[0].body
    publications.agenda_revise(meeting=s.unpublished, reason="Times changed", by=s.officer)
    assert len(mailoutbox) == 2 and "Revised agenda" in mailoutbox[1].subject
    for message in mailoutbox:
        assert "UNPUBLISHED-ITEM" in message.body  # the item open to the public, once published
        for text in [t for t in SECRETS if t != "UNPUBLISHED-ITEM"] + ["Case review"]:
            assert text not in message.body, text


def test_a_rolled_back_publication_sends_nothing(scenario, mailoutbox):
    subscribe(scenario.board, outbox=mailoutbox)
    mailoutbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        agenda_publish(meeting=scenario.unpublished, today=datetime.date(2030, 9, 17))
        raise RuntimeError
    assert not mailoutbox


def test_publishing_the_minutes_alerts_those_who_chose_minutes(scenario, mailoutbox):
    subscribe(scenario.board, "minutes@example.org", Event.MINUTES, mailoutbox)
    subscribe(scenario.board, "agenda@example.org", Event.AGENDA, mailoutbox)
    mailoutbox.clear()
    Meeting.objects.filter(pk=scenario.draft.pk).update(status="minutes_approved")
    scenario.draft.refresh_from_db()
    minutes_publish(meeting=scenario.draft, by=scenario.officer)
    assert [m.to for m in mailoutbox] == [["minutes@example.org"]]
    assert mailoutbox[0].subject == (
        "Minutes published: Community Safety Partnership Board, 27 June 2018"
    )
    assert "DRAFT-MINUTES" not in mailoutbox[0].body  # a link, not the minutes' text


def test_one_client_cannot_send_confirmations_to_a_list_of_addresses(
    scenario, mailoutbox, settings
):
    settings.FOLLOWING_ASKS_PER_HOUR = 3
    sent = [
        subscription_request(
            board=scenario.board, email=f"victim{n}@example.org", events=1, requester="192.0.2.1"
        )
        for n in range(5)
    ]
    assert sent == [True, True, True, False, False]
    assert subscription_request(
        board=scenario.board, email="someone@example.org", events=1, requester="192.0.2.2"
    )
    assert len(mailoutbox) == 4
