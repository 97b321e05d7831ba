"""A meeting's items: numbers and sub-numbers, titles, presenters, time allowed, restricted
markers, and what the minutes record under each (text and decisions)."""

from __future__ import annotations

import re

from cspboard.documents.readers import Line

from .draft import ItemDraft, MeetingDraft

_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]?\s+([A-Z].{2,150})$")


def read_items(lines: list[Line], meeting: MeetingDraft) -> None:
    # First increment: lines opening with a number are items.
    for line in lines:
        match = _NUMBERED.match(line.text)
        if match:
            meeting.items.append(
                ItemDraft(number=match[1], title=match[2].strip(), where=line.where)
            )
