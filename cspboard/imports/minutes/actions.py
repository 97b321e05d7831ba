"""The actions a meeting agreed: ACTION lines, action sheets and action tables (also when a
PDF's table has been flattened to text), through `cspboard.actions.extraction`; a table
flattened to text is first given back its cells (`flat_tables.py`).

The extraction reads the segment's text as a whole (a table's header row tells it which column
holds the action, a wrapped line is joined to its continuation) and gives each action the text
of the paragraph it came from. Each is traced back here to the `Line` it starts on, so the
officer sees file, page and line; its item is the last item of the meeting's that starts
before it (`items.read_items` runs first).

Updates to actions already on a log ("Action 2 No completion date discussed ...") are not new
actions and are not drafted: what they change is the log's business, and it has its own rows.
"""

from __future__ import annotations

import datetime
import re

from cspboard.actions.extraction import (
    KIND_LOGGED,
    KIND_UPDATE,
    ProposedAction,
    extract_actions,
)
from cspboard.documents.readers import Line

from . import flat_tables
from .draft import ActionDraft, ItemDraft, MeetingDraft
from .names import plain

_CLOSED = re.compile(r"\b(?:closed|complete(?:d)?|done|superseded|achieved)\b", re.I)
_OPEN = re.compile(
    r"\b(?:open|outstanding|ongoing|on-?going|in\s+progress|on\s+hold|carried\s+forward)\b", re.I
)
MAX_ACTIONS = 2000  # per meeting; more is not a meeting's minutes
_WINDOW = 3000  # lines searched either side of the last action's line for the next one's
_NUMBER_CELL = re.compile(r"^\s*(?:no\.?\s*)?(\d{1,4}(?:\.\d{1,3})?[a-z]?)\.?\s*$", re.I)


def read_actions(lines: list[Line], meeting: MeetingDraft) -> None:
    """Fill `meeting.actions` with the actions `lines` set out, each with where it is."""
    if not lines:
        return
    texts, flat_rows = flat_tables.unflatten(lines)
    found = extract_actions("\n".join(texts), meeting_date=meeting.date)
    keys = [_key(line.text) for line in lines]
    rows = [bool(line.cells) or index in flat_rows for index, line in enumerate(lines)]
    cursor = 0
    by_text: dict[str, int] = {}  # an action's words -> its place in meeting.actions
    for proposed in found:
        if proposed.kind == KIND_UPDATE:
            continue
        if len(meeting.actions) >= MAX_ACTIONS:
            meeting.warnings.append(
                f"Only the first {MAX_ACTIONS:,} actions were read from this meeting's part."
            )
            break
        index = _locate(proposed, keys, cursor, rows if proposed.kind == KIND_LOGGED else None)
        line = lines[index] if index is not None else None
        if index is not None:
            cursor = index
        draft = _draft(proposed, line, meeting.items, meeting.date)
        words = _key(draft.text)
        if words in by_text:
            # The minutes' ACTION line and the action log's row for it: one action, as the
            # log has it (lead, target date, status).
            if proposed.kind == KIND_LOGGED:
                meeting.actions[by_text[words]] = draft
            continue
        by_text[words] = len(meeting.actions)
        meeting.actions.append(draft)


def _key(text: str) -> str:
    """A line as the extraction's texts compare with it: plain, lower case, words only."""
    return " ".join(re.sub(r"[\W_]+", " ", plain(text).replace("…", " ").casefold()).split())


def _probes(proposed: ProposedAction) -> list[str]:
    """Openings of the action's text and of its paragraph, longest first, to find its line by.
    A line the PDF wrapped holds only the opening of a paragraph."""
    probes = []
    for source in (proposed.text, proposed.source_line):
        words = _key(source).split()
        for count in (12, 6, 3):
            if len(words) >= min(count, 3):
                probe = " ".join(words[:count])
                if probe and probe not in probes:
                    probes.append(probe)
    return probes


def _locate(
    proposed: ProposedAction, keys: list[str], cursor: int, rows: list[bool] | None = None
) -> int | None:
    """The index of the line the action starts on: searched from the last action's line on
    (the extraction keeps the document's order), then back; bounded, so that a document of
    many actions cannot make this quadratic. A log's row is looked for among table rows
    (`rows`), not in the minutes' ACTION line that says the same."""
    ahead = (cursor, min(len(keys), cursor + _WINDOW))
    behind = (max(0, cursor - _WINDOW), cursor)
    for probe in _probes(proposed):
        for start, stop in (ahead, behind):
            for index in range(start, stop):
                if probe in keys[index] and (rows is None or rows[index]):
                    return index
    return None


def _draft(
    proposed: ProposedAction,
    line: Line | None,
    items: list[ItemDraft],
    meeting_date: datetime.date | None,
) -> ActionDraft:
    number = ""
    if proposed.numbers:
        number = str(proposed.numbers[0])
    elif proposed.kind == KIND_LOGGED and line is not None and line.cells:
        # An action log's row opens with its number: "3 | Jonathan Toy to ... | JT | ...".
        first = next((c for c in line.cells if c.strip()), "")
        match = _NUMBER_CELL.match(plain(first))
        if match and len(line.cells) > 2:
            number = match.group(1)
    return ActionDraft(
        text=proposed.text,
        owners=list(proposed.owners_written),
        due=proposed.due,
        due_text=proposed.due_text,
        item_number=_item_for(line, items),
        status=_status(proposed.status_text),
        number=number,
        where=line.where if line is not None else None,
    )


def _status(written: str) -> str:
    if not written:
        return ""
    if _CLOSED.search(written):
        return "closed"
    if _OPEN.search(written):
        return "open"
    return ""


def _item_for(line: Line | None, items: list[ItemDraft]) -> str:
    """The number of the last numbered item that starts at or before the action's line."""
    if line is None:
        return ""
    best: ItemDraft | None = None
    for item in items:
        if item.where is None or not item.number or item.where.line > line.where.line:
            continue
        if best is None or best.where is None or item.where.line >= best.where.line:
            best = item
    return best.number if best is not None else ""
