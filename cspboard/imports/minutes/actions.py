"""The actions a meeting agreed: ACTION lines, action sheets and action tables (also when a
PDF's table has been flattened to text), through `cspboard.actions.extraction`."""

from __future__ import annotations

from cspboard.documents.readers import Line

from .draft import MeetingDraft


def read_actions(lines: list[Line], meeting: MeetingDraft) -> None:
    # First increment: nothing found.
    return None
