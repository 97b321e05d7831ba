"""Reads for agenda packs and minutes PDFs. Who gets which is decided by
cspboard.core.permissions."""

from __future__ import annotations

import datetime

from django.http import Http404

from cspboard.core.permissions import access_for, can_see_agenda, can_see_minutes
from cspboard.meetings.models import Meeting
from cspboard.meetings.selectors import meeting_get


def pack_for_user(user, board_slug: str, date: datetime.date) -> tuple[Meeting, bool]:
    """The meeting and whether this viewer gets the members' pack (they may see the board's
    withheld material) rather than the public one. 404 when the agenda is not visible to them,
    exactly as for a meeting that does not exist."""
    meeting = meeting_get(board_slug, date)
    access = access_for(user)
    if not can_see_agenda(access, meeting):
        raise Http404
    return meeting, access.can_see_withheld(meeting.board_id)


def minutes_for_user(user, board_slug: str, date: datetime.date) -> tuple[Meeting, bool]:
    """The meeting and whether this viewer gets the members' minutes (withheld items in full).
    404 unless they may see the minutes: published ones for everyone, drafts for those who may
    see drafts."""
    meeting = meeting_get(board_slug, date)
    access = access_for(user)
    if not (can_see_agenda(access, meeting) and can_see_minutes(access, meeting)):
        raise Http404
    return meeting, access.can_see_withheld(meeting.board_id)
