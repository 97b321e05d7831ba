"""Reads for the feeds, the sitemap and the alerts: the record as the public sees it.

Everything here reads with the public's `Access` (`PUBLIC`), through the record's one access
rule (`cspboard.meetings.permissions` and the querysets' `visible_to`): a feed, the sitemap and
an alert go to anyone, so none of them shows more than a signed-out visitor sees, whoever asks.
Withheld items are left out altogether (not even their titles), and the supplements and revised
agendas listed are the public documents the packs published, never the members' ones, and
never one withdrawn.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet

from cspboard.boards.access import PUBLIC
from cspboard.boards.models import Board
from cspboard.core.links import LinkInvalid
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.permissions import meeting_agenda_visible_q, minutes_visible_q
from cspboard.packs.choices import PublicationKind
from cspboard.packs.models import Publication
from cspboard.people.models import Person

from .choices import Event, events_in
from .links import CONFIRM
from .models import Subscription

FEED_LENGTH = 50


@dataclass
class Notice:
    """One thing a board published, as a feed entry or an alert shows it."""

    event: Event
    meeting: Meeting
    title: str
    published_at: datetime.datetime
    guid: str
    items: list[AgendaItem] = field(default_factory=list)  # open to the public, in order
    publication: Publication | None = None

    @property
    def url(self) -> str:
        return self.meeting.get_absolute_url()


def _start_of(date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        date, datetime.time(), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )


def public_meetings(board: Board | None = None) -> QuerySet[Meeting]:
    """Meetings whose agenda the public may see (of `board`, or of every board)."""
    meetings = Meeting.objects.filter(meeting_agenda_visible_q(PUBLIC)).select_related("board")
    return meetings.filter(board=board) if board is not None else meetings


def public_items(meeting_ids) -> dict[int, list[AgendaItem]]:
    """Each meeting's top-level items the public sees in full, in agenda order (withheld ones
    left out)."""
    rows = (
        AgendaItem.objects.visible_to(PUBLIC)
        .filter(meeting_id__in=meeting_ids, parent__isnull=True)
        .only("pk", "meeting_id", "number", "title", "position")
        .order_by("meeting_id", "position", "pk")
    )
    out: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in rows:
        out[item.meeting_id].append(item)
    return out


def _public_publications(meetings) -> QuerySet[Publication]:
    return Publication.objects.filter(
        meeting__in=meetings,
        withdrawn_at__isnull=True,
        kind__in=(
            PublicationKind.FRONTSHEET,
            PublicationKind.SUPPLEMENT_PUBLIC,
            PublicationKind.MINUTES_PUBLIC,
        ),
    ).for_members(False)


def board_notices(board: Board, limit: int = FEED_LENGTH) -> list[Notice]:
    """What the board published, newest first: each agenda, each supplement or revised agenda,
    each set of minutes, as the public sees them. A fixed number of queries, however many."""
    meetings = list(public_meetings(board).order_by("-date")[:limit])
    by_id = {m.pk: m for m in meetings}
    minutes_ids = set(
        public_meetings(board)
        .filter(pk__in=by_id)
        .filter(minutes_visible_q(PUBLIC, ""))
        .values_list("pk", flat=True)
    )
    notices: list[Notice] = []
    first_minutes: dict[int, datetime.datetime] = {}
    for row in _public_publications(meetings).order_by("published_at", "pk"):
        meeting = by_id[row.meeting_id]
        row.meeting = meeting
        if row.kind == PublicationKind.MINUTES_PUBLIC:
            first_minutes.setdefault(meeting.pk, row.published_at)
        elif row.kind == PublicationKind.SUPPLEMENT_PUBLIC:
            notices.append(_publication_notice(row, meeting, Event.SUPPLEMENT))
        elif row.replaces_id is not None:  # a revised frontsheet: the agenda again
            notices.append(_publication_notice(row, meeting, Event.SUPPLEMENT))
    for meeting in meetings:
        notices.append(agenda_notice(meeting))
        if meeting.pk in minutes_ids:
            notices.append(minutes_notice(meeting, first_minutes.get(meeting.pk)))
    items = public_items(by_id)
    for notice in notices:
        notice.items = items.get(notice.meeting.pk, [])
    notices.sort(key=lambda n: (n.published_at, n.meeting.date, n.event), reverse=True)
    return notices[:limit]


def _publication_notice(row: Publication, meeting: Meeting, event: Event) -> Notice:
    what = "Revised agenda" if row.kind == PublicationKind.FRONTSHEET else row.title
    return Notice(
        event=event,
        meeting=meeting,
        title=f"{what}: {meeting}",
        published_at=row.published_at,
        guid=f"publication-{row.pk}",
        publication=row,
    )


def agenda_notice(meeting: Meeting) -> Notice:
    return Notice(
        event=Event.AGENDA,
        meeting=meeting,
        title=f"Agenda published: {meeting}",
        published_at=_start_of(meeting.agenda_published_on or meeting.date),
        guid=f"meeting-{meeting.pk}-agenda",
    )


def minutes_notice(meeting: Meeting, published_at: datetime.datetime | None = None) -> Notice:
    return Notice(
        event=Event.MINUTES,
        meeting=meeting,
        title=f"Minutes published: {meeting}",
        published_at=published_at or _start_of(meeting.date),
        guid=f"meeting-{meeting.pk}-minutes",
    )


def notice_for_alert(meeting: Meeting, event: Event, publication=None) -> Notice | None:
    """The notice an alert about `meeting` carries, or None when the public may not see it
    (then no alert is sent)."""
    meeting = public_meetings().filter(pk=meeting.pk).first()
    if meeting is None:
        return None
    if event == Event.MINUTES:
        if not public_meetings().filter(pk=meeting.pk).filter(minutes_visible_q(PUBLIC, "")):
            return None
        notice = minutes_notice(meeting)
    elif event == Event.SUPPLEMENT:
        if publication is None or publication.for_members_only or publication.is_withdrawn:
            return None
        notice = _publication_notice(publication, meeting, event)
    else:
        notice = agenda_notice(meeting)
    notice.items = public_items([meeting.pk]).get(meeting.pk, [])
    return notice


# The sitemap -----------------------------------------------------------------------------------


def sitemap_boards() -> QuerySet[Board]:
    """Boards and their pages are public."""
    return Board.objects.order_by("pk")


def sitemap_meetings() -> QuerySet[Meeting]:
    """Meetings whose agenda the public may see; drafts and scheduled meetings are left out."""
    return public_meetings().order_by("pk")


def sitemap_people() -> QuerySet[Person]:
    """People who hold, or held, a place on a board: their pages are public (their roles)."""
    return Person.objects.filter(memberships__isnull=False).distinct().order_by("pk")


# Subscriptions ---------------------------------------------------------------------------------


def subscription_for_confirmation(token: str):
    """The subscription a confirmation link names and the events it carries. Raises
    `LinkExpired` or `LinkInvalid` (altered, or unsubscribed since)."""
    pk, events = CONFIRM.keys(token, "subscription", "events")
    subscription = Subscription.objects.select_related("board").filter(pk=pk).first()
    if subscription is None:
        raise LinkInvalid
    return subscription, events_in(events)


def subscription_for_unsubscribe(token: str) -> Subscription | None:
    return Subscription.objects.select_related("board").filter(unsubscribe_token=token).first()
