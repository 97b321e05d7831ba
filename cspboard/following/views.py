"""The pages for following a board: subscribing, confirming, unsubscribing; the feeds and the
sitemap are Django's own views over `feeds.py` and `sitemaps.py` (`urls.py`).

None of these pages depends on who is signed in, and none says whether an address already
follows a board: the subscribe form answers "check your e-mail" whatever the address.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cspboard.accounts.lockout import client_address
from cspboard.boards.selectors import board_get
from cspboard.core.links import LinkExpired, LinkInvalid

from .forms import SubscribeForm
from .links import CONFIRM
from .selectors import subscription_for_confirmation, subscription_for_unsubscribe
from .services import subscription_confirm, subscription_request, subscription_unsubscribe


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request, slug: str):
    board = board_get(slug)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscription_request(
            board=board,
            email=form.cleaned_data["email"],
            events=form.events_mask(),
            requester=client_address(request) or "",
        )
        return redirect("following:subscribe_sent", slug=board.slug)
    return render(
        request,
        "following/subscribe.html",
        {"board": board, "form": form, "confirm_days": CONFIRM.max_age().days},
    )


def subscribe_sent(request, slug: str):
    return render(request, "following/subscribe_sent.html", {"board": board_get(slug)})


def _invalid(request, expired: bool):
    return render(request, "following/link_invalid.html", {"expired": expired}, status=404)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    """GET shows what the link confirms, with a button: a mail scanner following the link
    confirms nothing. POST confirms."""
    try:
        if request.method == "POST":
            subscription = subscription_confirm(token=token)
            return render(request, "following/confirmed.html", {"subscription": subscription})
        subscription, events = subscription_for_confirmation(token)
    except LinkExpired:
        return _invalid(request, expired=True)
    except LinkInvalid:
        return _invalid(request, expired=False)
    return render(
        request, "following/confirm.html", {"subscription": subscription, "events": events}
    )


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" with no CSRF token
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET asks (a scanner following the link unsubscribes nobody); POST unsubscribes, from
    the page's button or a mail program's one-click request. The answer is the same for a
    token that names nothing (already unsubscribed)."""
    if request.method == "POST":
        board = subscription_unsubscribe(token=token)
        return render(request, "following/unsubscribed.html", {"board": board})
    subscription = subscription_for_unsubscribe(token)
    return render(request, "following/unsubscribe.html", {"subscription": subscription})
