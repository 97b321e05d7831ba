"""What a document was found to say, before anything is written.

A `DocumentDraft` is one file's reading: the meetings it records (a pack holds the agenda of
one meeting and, often, the minutes of the one before), each a `MeetingDraft` of items,
attendance, declarations and actions. Every found thing carries `where` (file, page, line) so
the officer can check it against the source. Drafts are plain data: they go to JSON for the
review page and `--format json`, and come back unchanged (`from_json(to_json(d)) == d`).

Names are kept as written ("JT", "Cllr Worby"); matching them to people happens when the
draft is written, and the review page shows the match.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from cspboard.documents.readers import Where

# What a document is, as far as the parser can tell.
DOCUMENT_KINDS = ("agenda", "minutes", "agenda_and_minutes", "pack", "action_log", "unknown")


@dataclasses.dataclass
class AttendeeDraft:
    name: str  # as written, without initials: "Jonathon Toy", "Cllr Worby"
    status: str = "present"  # meetings.choices.AttendanceStatus: present|apologies|absent
    capacity: str = (
        "member"  # AttendanceCapacity: member|substitute|note_taker|officer|presenter|guest
    )
    role: str = ""  # the post as printed: "Director of Community Safety"
    organisation: str = ""  # as printed: "LBBD", "Metropolitan Police"
    initials: str = ""  # defined here: "Jonathon Toy (JT)" -> "JT"
    substitute_for: str = ""  # name as written, when capacity is substitute
    where: Where | None = None


@dataclasses.dataclass
class DeclarationDraft:
    name: str  # who declared, as written
    text: str  # the interest, as written
    item_number: str = ""
    where: Where | None = None


@dataclasses.dataclass
class ActionDraft:
    text: str
    owners: list[str] = dataclasses.field(default_factory=list)  # as written: ["JT", "Refuge"]
    due: datetime.date | None = None
    due_text: str = ""  # as written, when it is not a date ("next meeting")
    item_number: str = ""  # the item it was agreed under, when known
    status: str = ""  # "open"/"closed" when the document says (action logs, "CLOSED")
    number: str = ""  # its number on an action log, when it has one
    where: Where | None = None


@dataclasses.dataclass
class ItemDraft:
    number: str  # as printed: "4", "4.1", "4a"; "" when the document numbers nothing
    title: str
    parent_number: str = ""  # "4" for "4.1"
    presenters: list[str] = dataclasses.field(default_factory=list)  # as written
    minutes_allowed: int | None = None  # "15 mins"
    pages: str = ""  # "Pages 1 - 9"
    restricted: bool = False
    restriction_paragraph: int | None = None  # Schedule 12A Part 1 paragraph, when given
    minutes: str = ""  # what the minutes record under the item, as plain text paragraphs
    decisions: list[str] = dataclasses.field(default_factory=list)  # "AGREED ...", "RESOLVED ..."
    where: Where | None = None


@dataclasses.dataclass
class MeetingDraft:
    kind: str = "unknown"  # DOCUMENT_KINDS: what this part of the document records
    board_name: str = ""  # as printed: "Community Safety Partnership"
    date: datetime.date | None = None
    start: datetime.time | None = None
    end: datetime.time | None = None
    venue: str = ""
    chair: str = ""  # as written
    attendance: list[AttendeeDraft] = dataclasses.field(default_factory=list)
    declarations: list[DeclarationDraft] = dataclasses.field(default_factory=list)
    no_declarations: bool = False  # the minutes record that none were made
    items: list[ItemDraft] = dataclasses.field(default_factory=list)
    actions: list[ActionDraft] = dataclasses.field(default_factory=list)
    # Where each header field came from: {"date": Where(...), "venue": ...}.
    sources: dict[str, Where] = dataclasses.field(default_factory=dict)
    # What the parser noticed and could not settle ("the heading says 29 March 2023, the
    # reports are dated 27 September 2023"), shown to the officer.
    warnings: list[str] = dataclasses.field(default_factory=list)
    # The lines this part of the document spans (1-based, inclusive), for the review page.
    first_line: int = 0
    last_line: int = 0


@dataclasses.dataclass
class DocumentDraft:
    name: str
    sha256: str
    kind: str  # reader kind: text|html|docx|pdf
    meetings: list[MeetingDraft] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)


# -- JSON -------------------------------------------------------------------------------------

_NESTED = {
    "attendance": AttendeeDraft,
    "declarations": DeclarationDraft,
    "items": ItemDraft,
    "actions": ActionDraft,
    "meetings": MeetingDraft,
}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def to_json(draft: DocumentDraft) -> dict:
    """The draft as JSON-ready data (dates and times as ISO strings)."""
    return _encode(draft)


def _where(data: dict | None) -> Where | None:
    return Where(**data) if data else None


def _decode(cls, data: dict):
    kwargs = {}
    for field in dataclasses.fields(cls):
        if field.name not in data:
            continue
        value = data[field.name]
        if field.name in _NESTED:
            value = [_decode(_NESTED[field.name], v) for v in value]
        elif field.name == "where":
            value = _where(value)
        elif field.name == "sources":
            value = {k: _where(v) for k, v in value.items()}
        elif field.name in ("date", "due") and value:
            value = datetime.date.fromisoformat(value)
        elif field.name in ("start", "end") and value:
            value = datetime.time.fromisoformat(value)
        kwargs[field.name] = value
    return cls(**kwargs)


def from_json(data: dict) -> DocumentDraft:
    return _decode(DocumentDraft, data)
