"""A meeting as an Open Civic Data event: the shape pupa (the civic-tech scrapers' framework)
validates against its event schema, so tools built on OCD can read the board's meetings.

Built from the meeting page's own selector (`meetings.selectors.meeting_page`), so an event
shows exactly what the page shows its reader: a withheld item's number, title and legal basis
only, unless the reader is entitled; only the papers they may have; attendance, which is
public. Pure apart from that one selector call."""

from __future__ import annotations

import uuid

from django.utils import timezone

from cspboard.meetings.choices import AttendanceCapacity
from cspboard.meetings.selectors import meeting_page

# A fixed namespace, so a meeting's event keeps its id between requests and servers.
_NAMESPACE = uuid.UUID("5b0f6d3e-6f43-4b9e-9d5c-2f1a8f3c7e21")


def _status(meeting, today) -> str:
    """By date, not the hour, so the event changes only when the record or the day does (the
    API's validators are keyed by both: `middleware.py`)."""
    if meeting.is_cancelled:
        return "cancelled"
    if meeting.date < today:
        return "passed"
    return "confirmed"


def _timestamp(value) -> str:
    return value.replace(microsecond=0).isoformat() if value else ""


def _capacity_note(attendance) -> str:
    if attendance.capacity == AttendanceCapacity.MEMBER:
        return attendance.role or "member"
    return attendance.get_capacity_display().lower()


def ocd_event(request, meeting) -> dict:
    """The event as pupa's `Event.as_dict()` gives one: the schema's properties and `_id`."""
    page = meeting_page(request.user, meeting)
    absolute = request.build_absolute_uri
    page_url = absolute(meeting.get_absolute_url())

    participants = [
        {
            "name": meeting.board.name,
            "entity_type": "organization",
            "type": "organization",
            "note": "host",
        },
    ]
    for attendance in page.present:
        participants.append(
            {
                "name": attendance.display_name,
                "entity_type": "person",
                "type": "person",
                "note": _capacity_note(attendance) or "participant",
            }
        )

    agenda, documents = [], []

    def walk(views, depth: int) -> None:
        for view in views:
            item = view.item
            notes = []
            if view.withheld:
                notes.append(view.legal_basis or "Withheld from the public")
            related = []
            if not view.redacted:
                related = [
                    {"name": p.display_name, "entity_type": "person", "note": "presenter"}
                    for p in item.presenters.all()
                ]
            agenda.append(
                {
                    "description": item.title,
                    "classification": [item.kind] if not view.redacted else [],
                    "order": str(len(agenda)),
                    "subjects": [],
                    "media": [],
                    "notes": notes,
                    "related_entities": related,
                    "extras": {"number": item.number, "depth": depth, "id": item.pk},
                }
            )
            for paper in view.documents:
                documents.append(
                    {
                        "note": paper.title,
                        "url": absolute(paper.get_absolute_url()),
                        "media_type": paper.content_type or "application/octet-stream",
                        "date": paper.date.isoformat() if paper.date else "",
                        "links": [
                            {
                                "url": absolute(paper.get_absolute_url()),
                                "media_type": paper.content_type or "application/octet-stream",
                                "text": "",
                            }
                        ],
                    }
                )
            walk(view.children, depth + 1)

    walk(page.items, 0)

    location = None
    if meeting.venue or meeting.online:
        location = {
            "name": meeting.venue or "Online",
            "note": "Also online" if meeting.online and meeting.venue else "",
            "url": None,
            "coordinates": None,
        }
    return {
        "_id": f"ocd-event/{uuid.uuid5(_NAMESPACE, f'cspboard:meeting:{meeting.pk}')}",
        "name": str(meeting),
        "all_day": False,
        "start_date": _timestamp(meeting.starts_at),
        "end_date": _timestamp(meeting.ends_at),
        "status": _status(meeting, timezone.localdate()),
        "classification": "committee-meeting",
        "description": "",
        "location": location,
        "media": [],
        "documents": documents,
        "links": [{"note": "The meeting's page", "url": page_url}],
        "participants": participants,
        "agenda": agenda,
        "sources": [{"url": page_url, "note": "cspboard"}],
        "extras": {"board": meeting.board.slug, "id": meeting.pk},
    }
