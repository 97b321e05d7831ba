"""Reads for agenda packs and minutes PDFs. Who gets which is decided by
cspboard.meetings.permissions."""

from __future__ import annotations

import datetime

from django.http import Http404

from cspboard.boards.access import access_for
from cspboard.meetings.models import Meeting
from cspboard.meetings.permissions import can_see_agenda, can_see_minutes
from cspboard.meetings.selectors import meeting_get

from .choices import PublicationKind
from .models import Publication


def pack_for_viewer(user, board_slug: str, date: datetime.date) -> tuple[Meeting, bool]:
    """The meeting and whether this viewer gets the members' pack (they may see the board's
    withheld material) rather than the public one. 404 when the agenda is not visible to them,
    exactly as for a meeting that does not exist."""
    meeting = meeting_get(board_slug, date)
    access = access_for(user)
    if not can_see_agenda(access, meeting):
        raise Http404
    return meeting, access.can_see_withheld(meeting.board_id)


def minutes_for_viewer(user, board_slug: str, date: datetime.date) -> tuple[Meeting, bool]:
    """The meeting and whether this viewer gets the members' minutes (withheld items in full).
    404 unless they may see the minutes: published ones for everyone, drafts for those who may
    see drafts."""
    meeting = meeting_get(board_slug, date)
    access = access_for(user)
    if not (can_see_agenda(access, meeting) and can_see_minutes(access, meeting)):
        raise Http404
    return meeting, access.can_see_withheld(meeting.board_id)


# Published documents ----------------------------------------------------------------------------


def publications_for(access, meeting: Meeting) -> list[Publication]:
    """The documents the meeting published that this viewer may see listed: public ones for
    everyone who sees the agenda, members' ones for those who see the board's withheld
    material; withdrawn and replaced ones included (the page says so), oldest first."""
    if not can_see_agenda(access, meeting):
        return []
    members = access.can_see_withheld(meeting.board_id)
    rows = list(
        Publication.objects.filter(meeting=meeting)
        .for_members(members)
        .select_related("replaced_by")
        .order_by("published_at", "pk")
    )
    for row in rows:
        row.meeting = meeting
    return rows


def current_pack(rows: list[Publication], *, members: bool) -> Publication | None:
    """The pack this reader gets now, from `publications_for`'s rows."""
    kind = PublicationKind.MEMBERS_PACK if members else PublicationKind.PUBLIC_PACK
    current = [r for r in rows if r.kind == kind and not r.is_withdrawn and not _is_replaced(r)]
    return current[-1] if current else None


def _is_replaced(row: Publication) -> bool:
    try:
        return row.replaced_by is not None
    except Publication.DoesNotExist:
        return False


def current_publication(meeting: Meeting, kind: str) -> Publication | None:
    return Publication.objects.current().filter(meeting=meeting, kind=kind).last()


def has_published(meeting: Meeting, kinds) -> bool:
    """Whether the meeting ever published one of these kinds (withdrawn or not)."""
    return Publication.objects.filter(meeting=meeting, kind__in=kinds).exists()


def publication_for_viewer(user, board_slug: str, date: datetime.date, pk: int) -> Publication:
    """A published document, for a reader entitled to it: 404 for a withdrawn one, a members'
    document asked for by anyone else, or an agenda the reader may not see."""
    meeting = meeting_get(board_slug, date)
    access = access_for(user)
    if not can_see_agenda(access, meeting):
        raise Http404
    members = access.can_see_withheld(meeting.board_id)
    publication = (
        Publication.objects.filter(meeting=meeting, pk=pk, withdrawn_at__isnull=True)
        .for_members(members)
        .first()
    )
    if publication is None:
        raise Http404
    publication.meeting = meeting
    return publication


def publications_for_officer(meeting: Meeting, pk) -> Publication:
    """One of the meeting's documents, for its officer (the caller checked they are one)."""
    try:
        publication = Publication.objects.get(meeting=meeting, pk=int(pk))
    except (TypeError, ValueError, Publication.DoesNotExist):
        raise Http404 from None
    publication.meeting = meeting
    return publication


def published_document(meeting: Meeting, *, members: bool, minutes: bool) -> Publication | None:
    """The pack (or minutes) the meeting published for this reader, as it stands now."""
    if minutes:
        kind = PublicationKind.MINUTES_MEMBERS if members else PublicationKind.MINUTES_PUBLIC
    else:
        kind = PublicationKind.MEMBERS_PACK if members else PublicationKind.PUBLIC_PACK
    return current_publication(meeting, kind)
