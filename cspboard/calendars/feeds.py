"""Building iCalendar (RFC 5545) feeds from meetings.

Each meeting is one VEVENT whose UID never changes (`meeting-<pk>@<host of SITE_URL>`), so a
subscribed calendar updates the event in place when the meeting moves, and drops it when the
meeting is cancelled (STATUS:CANCELLED). Its links go to the site the feed was fetched from
(`base_url`: the request's scheme and host, which Django checks against ALLOWED_HOSTS), or to
SITE_URL outside a request, never to a host fixed in advance. Times carry the council's time
zone, with a VTIMEZONE generated from zoneinfo over the years the events span, so 10:00 on a
summer date is 09:00 UTC, in 2018 or in 2040. Events say only what the public meeting page
says: the board, when, where and the link to the page; never agenda items.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from cspboard.meetings.models import Meeting

PRODID = "-//cspboard//Partnership board meetings//EN"


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{site_host()}"


def meeting_url(meeting: Meeting, base_url: str | None = None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/") + meeting.get_absolute_url()


def meeting_location(meeting: Meeting) -> str:
    """As the meeting page prints it: "Online (venue)", "Online", the venue, or nothing."""
    if meeting.online:
        return f"Online ({meeting.venue})" if meeting.venue else "Online"
    return meeting.venue


def meeting_ends_at(meeting: Meeting) -> datetime.datetime:
    """The printed end, or the board's usual length when the notice gave none."""
    if meeting.ends_at is not None:
        return meeting.ends_at
    return meeting.starts_at + datetime.timedelta(minutes=meeting.board.default_meeting_minutes)


def meeting_event(
    meeting: Meeting, stamp: datetime.datetime, base_url: str | None = None
) -> icalendar.Event:
    """One meeting as a VEVENT (the meeting must come with its board selected)."""
    url = meeting_url(meeting, base_url)
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting_ends_at(meeting))
    event.add("summary", meeting.board.name)
    location = meeting_location(meeting)
    if location:
        event.add("location", location)
    event.add("url", url)
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
        event.add("description", f"This meeting has been cancelled.\n\n{url}")
    else:
        event.add("status", "CONFIRMED")
        event.add("description", url)
    return event


def build_calendar(meetings: Iterable[Meeting], name: str, base_url: str | None = None) -> bytes:
    """The meetings as an iCalendar file, named `name` in calendar programs, linking to pages
    under `base_url` (SITE_URL when not given)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    dates = []
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, stamp, base_url))
        dates.append(meeting.date)
    if dates:
        # The time zone's rules only over the years the feed covers, not 1970 to 2038.
        calendar.add_missing_timezones(
            first_date=min(dates) - datetime.timedelta(days=366),
            last_date=max(dates) + datetime.timedelta(days=366),
        )
    return calendar.to_ical()
