"""The feeds, and the page where a signed-in person finds their own feed's address."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from cspboard.boards.selectors import board_get
from cspboard.people.models import Person

from .feeds import build_calendar
from .selectors import board_feed_meetings, person_feed_meetings
from .tokens import person_feed_url, person_for_token

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _base_url(request) -> str:
    """The site as the person reached it (scheme and host, checked against ALLOWED_HOSTS)."""
    return request.build_absolute_uri("/")


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def board_feed(request, slug: str):
    """Every meeting of the board, for anyone to subscribe to."""
    board = board_get(slug)
    body = build_calendar(
        board_feed_meetings(board), name=f"{board.name} meetings", base_url=_base_url(request)
    )
    return _ics_response(body, f"{board.slug}-meetings.ics")


@never_cache
def person_feed(request, token: str):
    """One person's meetings; whoever holds the link may read it, so it lists nothing the
    public could not see, and is kept out of caches and search engines."""
    person = person_for_token(token)
    if person is None:
        raise Http404("No such calendar")
    body = build_calendar(
        person_feed_meetings(person), name=f"My meetings: {person}", base_url=_base_url(request)
    )
    response = _ics_response(body, "my-meetings.ics")
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@never_cache
def my_calendar(request):
    """The signed-in person's private feed address and how to subscribe to it."""
    person = Person.objects.filter(user=request.user).first()
    feed_url = person_feed_url(person, _base_url(request)) if person is not None else ""
    webcal_url = "webcal://" + feed_url.split("://", 1)[1] if feed_url else ""
    return render(
        request,
        "calendars/calendar_mine.html",
        {"person": person, "feed_url": feed_url, "webcal_url": webcal_url},
    )
