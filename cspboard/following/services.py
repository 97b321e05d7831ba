"""Writes for following a board: asking to subscribe, confirming, unsubscribing, and the alerts
queued when the board publishes.

Double opt-in: asking writes (or finds) a pending row and queues one confirmation e-mail with a
signed, expiring link (`links.CONFIRM`); nothing else is ever sent to the address until that
link is used. Asking again for the same address and board sends another confirmation at most
once every `FOLLOWING_RESEND_MINUTES` (15 unless set), so the form cannot be used to flood an
address, and the answer on the page is the same whether or not the address already follows
the board. A change of choice for an address already following is also only made through a
confirmation link, which carries the new choice.

Alerts carry only what the public sees (`selectors.notice_for_alert`), a link to the page, and
a link to unsubscribe, in the body and as RFC 8058 one-click headers. Restricted material is
never e-mailed to anyone: members read their boards' withheld items on the site.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cspboard.boards.access import PUBLIC
from cspboard.boards.models import Board
from cspboard.core.links import LinkInvalid
from cspboard.core.mail import queue_email
from cspboard.core.models import OutgoingEmail
from cspboard.meetings.models import Meeting
from cspboard.search.models import SearchEntry
from cspboard.search.selectors import search_entries

from .choices import ALL_EVENTS, EVENT_FIELDS, Event, events_in
from .links import CONFIRM
from .models import Subscription
from .selectors import Notice, notice_for_alert, saved_search

DEFAULT_RESEND_MINUTES = 15
DEFAULT_ASKS_PER_HOUR = 20
# The outbox's labels for this app's e-mails.
CONFIRMATION = "subscription confirmation"
ALERT = "alert"


def resend_interval() -> datetime.timedelta:
    return datetime.timedelta(
        minutes=int(getattr(settings, "FOLLOWING_RESEND_MINUTES", DEFAULT_RESEND_MINUTES))
    )


def _too_many_asks(requester: str) -> bool:
    """Whether `requester` (the client's address) has asked for more confirmations this hour
    than `FOLLOWING_ASKS_PER_HOUR` (20 unless set): past that, nothing more is sent for them,
    so the form cannot be used to send confirmations to a list of addresses."""
    if not requester:
        return False
    limit = int(getattr(settings, "FOLLOWING_ASKS_PER_HOUR", DEFAULT_ASKS_PER_HOUR))
    key = "following:asks:" + hashlib.sha256(requester.encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(subscription: Subscription) -> str:
    return _site(reverse("following:unsubscribe", kwargs={"token": subscription.unsubscribe_token}))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def subscriptions_tidy(now: datetime.datetime | None = None) -> int:
    """Delete unconfirmed subscriptions whose confirmation link has expired, and their
    confirmation e-mails. Returns how many."""
    cutoff = (now or timezone.now()) - CONFIRM.max_age()
    expired = list(Subscription.objects.pending().filter(created_at__lt=cutoff))
    for subscription in expired:
        _forget(subscription)
    return len(expired)


def _forget(subscription: Subscription) -> None:
    """Delete the subscription and the outbox's copies of what was sent to its address about
    it (sent ones keep only the address and subject; any still waiting are not sent)."""
    OutgoingEmail.objects.filter(
        purpose__in=(CONFIRMATION, ALERT),
        board_id=subscription.board_id,
        to=[subscription.email],
    ).delete()
    subscription.delete()


def _asked(requester: str, now: datetime.datetime, **lookup) -> Subscription | None:
    """The subscription an ask is for (found or made, locked), or None when no confirmation
    may go now: the client asked too often, or one went to the address within the interval."""
    if _too_many_asks(requester):
        return None
    subscriptions_tidy(now)
    subscription, created = Subscription.objects.select_for_update().get_or_create(**lookup)
    sent = subscription.confirmation_sent_at
    if not created and sent is not None and now - sent < resend_interval():
        return None
    return subscription


def _one_click(unsubscribe: str) -> dict[str, str]:
    """RFC 8058: the address to unsubscribe, and that a POST to it is enough."""
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@transaction.atomic
def subscription_request(
    *,
    board: Board,
    email: str,
    events: int,
    requester: str = "",
    now: datetime.datetime | None = None,
) -> bool:
    """Someone asks for `email` to follow `board` for `events` (`Event` bits). Queues a
    confirmation e-mail unless one went to this address for this board within the resend
    interval, or `requester` (the client's address) asked too often this hour. Returns whether
    one was queued (for tests and logs: the page says the same either way)."""
    events &= ALL_EVENTS
    if not events:
        raise ValidationError({"events": "Choose what you want to be told about."})
    now = now or timezone.now()
    email = normalise_email(email)
    subscription = _asked(
        requester,
        now,
        board=board,
        email=email,
        query="",
        defaults={field: bool(events & event) for event, field in EVENT_FIELDS.items()},
    )
    if subscription is None:
        return False
    if not subscription.is_confirmed:
        for event, field in EVENT_FIELDS.items():
            setattr(subscription, field, bool(events & event))
    subscription.confirmation_sent_at = now
    subscription.save()
    link = CONFIRM.url(subscription=subscription.pk, events=events)
    context = {
        "board": board,
        "events": events_in(events),
        "link": link,
        "days": CONFIRM.max_age().days,
        "already": subscription.is_confirmed,
    }
    queue_email(
        purpose=CONFIRMATION,
        to=email,
        subject=f"Confirm you want e-mails about the {board.name}",
        body=render_to_string("following/email/confirm.txt", context),
        board_id=board.pk,
        about="Confirm a subscription",
    )
    return True


@transaction.atomic
def subscription_confirm(*, token: str, now: datetime.datetime | None = None) -> Subscription:
    """Confirm the subscription (and the choice of events) a confirmation link carries. Raises
    `LinkExpired` or `LinkInvalid` (altered, or its subscription unsubscribed since)."""
    pk, events = CONFIRM.keys(token, "subscription", "events")
    subscription = Subscription.objects.select_for_update().filter(pk=pk).first()
    if subscription is None or not (subscription.is_search or events & ALL_EVENTS):
        raise LinkInvalid
    if subscription.is_search:
        if subscription.confirmed_at is None:
            subscription.confirmed_at = now or timezone.now()
            subscription.save(update_fields=["confirmed_at"])
            _search_confirmed(subscription)
        return subscription
    for event, field in EVENT_FIELDS.items():
        setattr(subscription, field, bool(events & event))
    if subscription.confirmed_at is None:
        subscription.confirmed_at = now or timezone.now()
    subscription.save()
    return subscription


@transaction.atomic
def subscription_unsubscribe(*, token: str) -> Board | None:
    """Stop the subscription the unsubscribe token names, deleting the row and its address.
    Returns its board (None for a saved search), or None when there is none (unsubscribed
    already, or a wrong token)."""
    subscription = (
        Subscription.objects.select_related("board").filter(unsubscribe_token=token).first()
    )
    if subscription is None:
        return None
    board = subscription.board
    _forget(subscription)
    return board


def _alert(subscription: Subscription, notice: Notice) -> None:
    unsubscribe = unsubscribe_url(subscription)
    context = {
        "notice": notice,
        "board": notice.meeting.board,
        "page_url": _site(notice.url),
        "publication_url": _site(notice.publication.get_absolute_url())
        if notice.publication is not None
        else "",
        "unsubscribe_url": unsubscribe,
    }
    queue_email(
        purpose=ALERT,
        to=subscription.email,
        subject=notice.title,
        body=render_to_string("following/email/alert.txt", context),
        headers=_one_click(unsubscribe),
        board_id=notice.meeting.board_id,
        about=notice.title,
    )


def alerts_queue(*, meeting: Meeting, event: Event, publication=None) -> int:
    """Queue one alert to each confirmed subscriber of the meeting's board who chose `event`,
    in the caller's transaction (the publishing service's), so nothing goes out for a
    publication rolled back. Returns how many were queued."""
    notice = notice_for_alert(meeting, event, publication)
    if notice is None:
        return 0
    subscriptions = Subscription.objects.following(event).filter(board_id=meeting.board_id)
    count = 0
    for subscription in subscriptions.order_by("pk"):
        _alert(subscription, notice)
        count += 1
    return count


# Saved searches ----------------------------------------------------------------------------------
#
# A saved search is followed like a board (double opt-in, one-click unsubscribe), and its alerts
# go out once a day (`tasks.send_search_alerts`, in settings.SCHEDULE): what the public may now
# find for it that the last alert did not list. Always the public's view, like the feeds.

SEEN_KEPT = 2000  # the newest entries remembered as told; older ones are past any alert


def _public_keys(query: str) -> list[str] | None:
    saved = saved_search(query)
    if saved is None:
        return None
    words, filters = saved
    return list(
        search_entries(PUBLIC, words, filters, limit=SEEN_KEPT).values_list("key", flat=True)
    )


@transaction.atomic
def search_subscription_request(
    *, query: str, email: str, requester: str = "", now: datetime.datetime | None = None
) -> bool:
    """Someone asks for `email` to be told of new results for a saved search (`query`, the
    search page's query string). As `subscription_request`: one confirmation at most per
    resend interval, the same answer whatever the address."""
    if saved_search(query) is None:
        raise ValidationError({"query": "Search for some words first."})
    now = now or timezone.now()
    email = normalise_email(email)
    subscription = _asked(requester, now, board=None, email=email, query=query)
    if subscription is None:
        return False
    if subscription.is_confirmed:
        return False  # already told of new results; nothing to confirm
    subscription.confirmation_sent_at = now
    subscription.save(update_fields=["confirmation_sent_at"])
    context = {
        "words": subscription.search_words,
        "search_url": _site(subscription.search_url),
        "link": CONFIRM.url(subscription=subscription.pk, events=0),
        "days": CONFIRM.max_age().days,
    }
    queue_email(
        purpose=CONFIRMATION,
        to=email,
        subject=f"Confirm you want e-mails about new results for “{subscription.search_words}”",
        body=render_to_string("following/email/confirm_search.txt", context),
        about="Confirm a subscription",
    )
    return True


def _search_confirmed(subscription: Subscription) -> None:
    """What the public may find now is not news to the new subscriber."""
    subscription.seen = _public_keys(subscription.query) or []
    subscription.save(update_fields=["seen"])


def search_alerts_send() -> int:
    """E-mail each confirmed saved search's subscriber what the public may newly find for it.
    Returns how many e-mails were queued."""
    queued = 0
    searches = Subscription.objects.confirmed().exclude(query="").order_by("pk")
    for subscription in searches:
        keys = _public_keys(subscription.query)
        if keys is None:
            continue
        told = set(subscription.seen)
        new = [key for key in keys if key not in told]
        with transaction.atomic():
            if new:
                entries = SearchEntry.objects.select_related(
                    "board",
                    "meeting__board",
                    "item__meeting__board",
                    "document",
                    "action__board",
                    "person",
                ).in_bulk(new[:20], field_name="key")
                _search_alert(
                    subscription, [entries[k] for k in new[:20] if k in entries], len(new)
                )
                queued += 1
            subscription.seen = keys
            subscription.save(update_fields=["seen"])
    return queued


def _search_alert(subscription: Subscription, entries, total: int) -> None:
    unsubscribe = unsubscribe_url(subscription)
    words = subscription.search_words
    context = {
        "words": words,
        "entries": [(entry, _site(entry.get_absolute_url())) for entry in entries],
        "more": total - len(entries),
        "search_url": _site(subscription.search_url),
        "unsubscribe_url": unsubscribe,
    }
    queue_email(
        purpose=ALERT,
        to=subscription.email,
        subject=f"New results for “{words}”",
        body=render_to_string("following/email/alert_search.txt", context),
        headers=_one_click(unsubscribe),
        about=f"New results for “{words}”",
    )
