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
    _date_action_logs(draft.meetings)
    if not draft.meetings:
        draft.warnings.append("No meeting was found in this document.")
    return draft


def _date_action_logs(meetings: list[MeetingDraft]) -> None:
    """An action log in a pack or after minutes gives no meeting date of its own (its rows
    carry the dates their actions were raised): it is the log presented at the meeting the
    document is for, its agenda's, else the meeting whose minutes it follows. Said, so the
    officer can change it."""
    agenda = next(
        (m for m in meetings if m.date and m.kind in ("agenda", "agenda_and_minutes")), None
    )
    for index, meeting in enumerate(meetings):
        if meeting.kind != "action_log" or meeting.date is not None or not meeting.actions:
            continue
        before = next((m for m in reversed(meetings[:index]) if m.date), None)
        presented = agenda or before
        if presented is None:
            continue
        meeting.date = presented.date
        meeting.warnings.append(
            f"This action log gives no meeting date of its own: it is taken as the log "
            f"presented at the meeting of {presented.date:%d %B %Y}"
            + (", the meeting this document is for" if presented is agenda else "")
            + ". Change the date if it belongs to another meeting."
        )
