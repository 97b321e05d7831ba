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

from cspboard.boards.models import Board
from cspboard.core.links import LinkInvalid
from cspboard.core.mail import queue_email
from cspboard.core.models import OutgoingEmail
from cspboard.meetings.models import Meeting

from .choices import ALL_EVENTS, EVENT_FIELDS, Event, events_in
from .links import CONFIRM
from .models import Subscription
from .selectors import Notice, notice_for_alert

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
    if _too_many_asks(requester):
        return False
    email = normalise_email(email)
    now = now or timezone.now()
    subscriptions_tidy(now)
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        board=board,
        email=email,
        query="",
        defaults={field: bool(events & event) for event, field in EVENT_FIELDS.items()},
    )
    sent = subscription.confirmation_sent_at
    if not created and sent is not None and now - sent < resend_interval():
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
    if subscription is None or not events & ALL_EVENTS:
        raise LinkInvalid
    for event, field in EVENT_FIELDS.items():
        setattr(subscription, field, bool(events & event))
    if subscription.confirmed_at is None:
        subscription.confirmed_at = now or timezone.now()
    subscription.save()
    return subscription


@transaction.atomic
def subscription_unsubscribe(*, token: str) -> Board | None:
    """Stop the subscription the unsubscribe token names, deleting the row and its address.
    Returns its board, or None when there is none (unsubscribed already, or a wrong token)."""
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
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
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
