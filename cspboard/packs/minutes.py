"""A meeting's minutes as the board circulates them, in the seed packs' layout: the heading, the
date, time and venue, who was present, also present and sent apologies, who took the minutes,
then a table of each item's number, title and minutes (with its ACTION lines, as written) and
the decisions recorded under it.

The same pages go into the agenda pack (the previous meeting's minutes) and make the minutes
PDF of a meeting. Withheld items come out as the meeting page shows them to the reader: for the
public, number, title and legal basis only. Draft minutes are marked DRAFT on every page.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from cspboard.boards.access import Access
from cspboard.meetings.choices import (
    AttendanceCapacity,
    AttendanceStatus,
    MeetingStatus,
    ReviewAction,
)
from cspboard.meetings.models import Attendance, Declaration, Meeting

from .agenda import PackItem, agenda_for_pack, pack_reader
from .pdfs import DRAFT, RESTRICTED, assemble, layout, read_pdf

ALSO_PRESENT = {
    AttendanceCapacity.OFFICER,
    AttendanceCapacity.PRESENTER,
    AttendanceCapacity.GUEST,
}


def _name(row: Attendance, meeting: Meeting) -> str:
    name = row.display_name
    if row.person_id is not None and row.person_id == meeting.chair_id:
        name += " (Chair)"
    if row.substitute_for_id is not None:
        name += f" (for {row.substitute_for.display_name})"
    post = row.person.post_title if row.person_id else ""
    if row.capacity in ALSO_PRESENT and post:
        name += f", {post}"
    return name


def attendance_context(meeting: Meeting) -> dict:
    rows = list(
        Attendance.objects.filter(meeting=meeting).select_related("person", "substitute_for")
    )
    present = [r for r in rows if r.status == AttendanceStatus.PRESENT]
    return {
        "present": [
            _name(r, meeting)
            for r in present
            if r.capacity not in ALSO_PRESENT and r.capacity != AttendanceCapacity.NOTE_TAKER
        ],
        "also_present": [_name(r, meeting) for r in present if r.capacity in ALSO_PRESENT],
        "note_takers": [
            _name(r, meeting) for r in present if r.capacity == AttendanceCapacity.NOTE_TAKER
        ],
        "apologies": [_name(r, meeting) for r in rows if r.status == AttendanceStatus.APOLOGIES],
    }


def declarations_shown(meeting: Meeting, items: list[PackItem]) -> list[Declaration]:
    """The declarations of interest, less those on items redacted for this reader (as the
    meeting page shows them)."""
    hidden = {i.pk for view in items if view.redacted for i in [view.item, *view.hidden_items]}
    rows = Declaration.objects.filter(meeting=meeting).select_related("person", "item")
    return [d for d in rows if d.item_id is None or d.item_id not in hidden]


def minutes_context(meeting: Meeting, reader: Access) -> dict:
    """What the minutes show the reader; the caller has checked they may see the minutes."""
    items = agenda_for_pack(meeting, reader)
    approved = meeting.reviews.filter(action=ReviewAction.APPROVED).order_by("at", "pk").last()
    return {
        "meeting": meeting,
        "items": items,
        "approved_on": timezone.localtime(approved.at).date() if approved else None,
        "confirmed_at": meeting.minutes_approved_at,
        "draft": meeting.status != MeetingStatus.MINUTES_PUBLISHED,
        "declarations": declarations_shown(meeting, items),
        **attendance_context(meeting),
    }


def minutes_marking(meeting: Meeting, items: list[PackItem]) -> str | None:
    """DRAFT until published; RESTRICTED when withheld items' minutes are shown in full."""
    marks = []
    if meeting.status != MeetingStatus.MINUTES_PUBLISHED:
        marks.append(DRAFT)
    if any(view.withheld and not view.redacted for view in items):
        marks.append(RESTRICTED)
    return " - ".join(marks) or None


def build_minutes_pdf(meeting: Meeting, *, members: bool) -> bytes:
    """The meeting's minutes as one PDF, for a member of the board or for the public."""
    context = minutes_context(meeting, pack_reader(meeting, members=members))
    document = layout(render_to_string("packs/minutes_document.html", context))
    pages = list(read_pdf(document.write_pdf()).pages)
    return assemble([(pages, minutes_marking(meeting, context["items"]))])
