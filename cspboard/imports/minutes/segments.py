"""Splitting a document into the meetings it records.

A pack holds the agenda of its meeting, then the minutes of the meeting before, then an action
log and reports; an "agenda and minutes" page holds one meeting. Each `Segment` is one
meeting's lines and what they are (draft.DOCUMENT_KINDS).
"""

from __future__ import annotations

import dataclasses

from cspboard.documents.readers import Line


@dataclasses.dataclass
class Segment:
    kind: str
    lines: list[Line]


def split_meetings(lines: list[Line]) -> list[Segment]:
    # First increment: the whole document is one meeting.
    if not any(line.text.strip() for line in lines):
        return []
    return [Segment(kind="unknown", lines=lines)]
