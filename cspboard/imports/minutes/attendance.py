"""Who was there: present (with post and organisation), apologies, also present, substitutes,
the note taker, initials defined in brackets; and the declarations of interest."""

from __future__ import annotations

from cspboard.documents.readers import Line

from .draft import MeetingDraft


def read_attendance(lines: list[Line], meeting: MeetingDraft) -> None:
    # First increment: nothing found.
    return None
