"""From a document's lines to a `DocumentDraft`: which meetings it records, and what of each.

`parse_document(doc)` splits the document into the meetings it records (`segments`), then
reads each part's header (board, date, time, venue), attendance and declarations, items and
actions. It reads; it never writes, and it never raises on what a document says: what it
cannot settle goes into `warnings`.
"""

from __future__ import annotations

from cspboard.documents.readers import SourceDocument

from . import actions, attendance, header, items, restricted, segments
from .draft import DocumentDraft, MeetingDraft


def parse_document(doc: SourceDocument) -> DocumentDraft:
    draft = DocumentDraft(name=doc.name, sha256=doc.sha256, kind=doc.kind)
    parts = segments.split_meetings(doc.lines)
    if len(parts) >= segments.MAX_PARTS:
        draft.warnings.append(
            f"This document holds more than {segments.MAX_PARTS} meeting parts; only the first "
            f"{segments.MAX_PARTS} are read."
        )
    for segment in parts:
        meeting = MeetingDraft(kind=segment.kind)
        if segment.lines:
            meeting.first_line = segment.lines[0].where.line
            meeting.last_line = segment.lines[-1].where.line
        header.read_header(segment.lines, meeting)
        attendance.read_attendance(segment.lines, meeting)
        items.read_items(segment.lines, meeting)
        actions.read_actions(segment.lines, meeting)
        draft.meetings.append(meeting)
    # What a pack says across its parts: its reports' dates, covers and forward plan.
    header.check_pack_dates(draft.meetings, doc.lines)
    restricted.mark_from_reports(draft.meetings, doc.lines)
    if not draft.meetings:
        draft.warnings.append("No meeting was found in this document.")
    return draft
