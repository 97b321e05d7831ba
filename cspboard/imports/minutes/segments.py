"""Splitting a document into the meetings it records.

A pack holds the agenda of its meeting, then, often, the minutes of the meeting before and an
action log, then the reports; an "agenda and minutes" page holds one meeting; a minutes file
holds one. Each `Segment` is one meeting part's lines and what it is (draft.DOCUMENT_KINDS).

A part starts where a document says so in words any clerk uses ("Notice of meeting",
"Agenda", "Agenda and minutes", a minutes heading, the list of who was present, an action
log's table) and ends where the next part starts or where a report, an appendix or a
withheld document begins. Reports and appendices are not meetings of the board, even when
they hold another body's notes (a subgroup's minutes appended to its report), so nothing in
them starts a part except an action log.
"""

from __future__ import annotations

import dataclasses
import re

from cspboard.documents.readers import Line

from . import patterns


@dataclasses.dataclass
class Segment:
    kind: str
    lines: list[Line]


# A file of more parts than this is not one board's record (a board meets some ten times a
# year); only the first are read, and the officer is told.
MAX_PARTS = 200

# How far ahead (in lines) a heading may be from what confirms it.
_LOOKAHEAD = 25

_AGENDA_AND_MINUTES = re.compile(r"^agenda\s*(?:and|&)\s*minutes\b", re.IGNORECASE)
_AGENDA = re.compile(
    r"^(?:notice of (?:the )?meeting|summons(?: to attend)?|(?:the\s+)?agenda"
    r"|a\s?g\s?e\s?n\s?d\s?a|agenda for (?:the )?meeting\b.*"
    r"|(?:public\s+)?agenda\s+(?:pack|papers))"
    r"\s*:?$",
    re.IGNORECASE,
)
# "Minutes", "Minutes of the meeting of ... held on ...", "Community Safety Partnership Board
# Minutes", "Notes of the meeting", "Draft minutes"; not "Minutes:" (a ModernGov label) and not
# an item's title ("Minutes of the last meeting", "Minutes and action log").
_MINUTES_HEADING = re.compile(
    r"^(?:(?:draft|confirmed|unconfirmed|approved)\s+)?(?:minutes|notes)\b(?!:)"
    r"(?:\s+of\s+(?:the\s+|a\s+)?(?:meeting|proceedings)\b.*)?$"
    r"|^.{3,120}\b(?:minutes|notes of (?:the )?meeting)$",
    re.IGNORECASE,
)
_NOT_A_MINUTES_HEADING = re.compile(
    r"\b(?:last|previous|prior)\s+meeting\b|\baction\b|\bmatters arising\b|\bmins\b|\bpdf\b"
    r"|^\d|^\(",
    re.IGNORECASE,
)
_ACTION_LOG_HEADING = re.compile(
    r"^(?:[\w&'’]+\s+){0,4}action(?:s)?\s+(?:log|tracker|sheet|list|register)s?"
    r"(?:\s*[-–:]\s*.{0,80})?$",
    re.IGNORECASE,
)
_ACTION_COLUMN = re.compile(r"\baction", re.IGNORECASE)
_OWNER_COLUMN = re.compile(r"\b(?:lead|owner|responsib|by whom|who\b|officer|assigned)", re.I)
_STATUS_COLUMN = re.compile(
    r"\b(?:date|status|target|due|deadline|rag|progress|update|open|closed|by when)", re.I
)
# A report's cover: "REPORT", "Subject: ...", "Title: ..." with "Security:"/"Author:" below.
_REPORT_WORD = re.compile(r"^(?:[a-z ]{0,30}\s)?(?:report|cover report|briefing note)$", re.I)
_REPORT_FIELD = re.compile(r"^(?:subject|title|report title)\s*:", re.IGNORECASE)
_REPORT_COVER_FIELD = re.compile(
    r"^(?:security|author|authors|report author|contact|classification|report of|from)\s*:",
    re.IGNORECASE,
)
_APPENDIX = re.compile(r"^(?:appendix|annex|annexe)\s+[\w]{1,4}\b(?!\s*(?:and|&))", re.IGNORECASE)
_WITHHELD = re.compile(
    r"^document is restricted$|^(?:exempt|confidential) (?:report|appendix)$", re.I
)
_PAGE_END = re.compile(
    r"^this page (?:is |has been )?(?:intentionally|deliberately) left blank", re.I
)
_FORWARD_PLAN = re.compile(
    r"^(?:[\w&'’]+\s+){0,5}(?:forward plan|work ?programme|work plan)$", re.I
)


def _text(line: Line) -> str:
    return patterns.clean(line.text)


def _is_action_log_header(line: Line) -> bool:
    cells = [c for c in line.cells if c] or [c.strip() for c in line.text.split("|") if c.strip()]
    if len(cells) < 3 or len(line.text) > 400:
        return False
    return (
        any(_ACTION_COLUMN.search(c) for c in cells)
        and any(_OWNER_COLUMN.search(c) for c in cells)
        and any(_STATUS_COLUMN.search(c) for c in cells)
        and all(len(c) < 60 for c in cells)
    )


def _next_content(lines: list[Line], index: int, count: int) -> list[tuple[int, str]]:
    out = []
    for j in range(index + 1, min(len(lines), index + 1 + _LOOKAHEAD)):
        text = _text(lines[j])
        if text:
            out.append((j, text))
            if len(out) >= count:
                break
    return out


def _is_report_start(lines: list[Line], index: int) -> bool:
    text = _text(lines[index])
    if _WITHHELD.match(text):
        return True
    if _REPORT_WORD.match(text) and len(text) < 40:
        return any(_REPORT_FIELD.match(t) for _, t in _next_content(lines, index, 3))
    if _REPORT_FIELD.match(text):
        # a cover sheet: a "Title:" line with the report's other fields just below
        return any(_REPORT_COVER_FIELD.match(t) for _, t in _next_content(lines, index, 4))
    if _FORWARD_PLAN.match(text) and not patterns.DOCUMENT_LINK.search(lines[index].text):
        # a forward plan of its own, on a new page with its table; not one pasted into minutes
        ahead = _next_content(lines, index, 2)
        before = _previous_content(lines, index, 1)
        return (
            bool(ahead)
            and bool(lines[ahead[0][0]].cells)
            and bool(before)
            and bool(_PAGE_END.match(before[0][1]) or _WITHHELD.match(before[0][1]))
        )
    return False


def _is_appendix_start(lines: list[Line], index: int) -> bool:
    """An appendix heading at the top of a page of its own (after a blank page's marker)."""
    text = _text(lines[index])
    if not _APPENDIX.match(text) or len(text) > 150:
        return False
    for j in range(index - 1, max(-1, index - 4), -1):
        before = _text(lines[j])
        if before:
            return bool(_PAGE_END.match(before))
    return index == 0


def _report_banner_above(lines: list[Line], index: int) -> int:
    """A report's cover often opens with the board's name above "REPORT"; it is the report's."""
    above = _previous_content(lines, index, 1)
    if above and index - above[0][0] <= 3:
        text = above[0][1]
        if len(text.split()) <= 6 and not any(ch.isdigit() for ch in text) and text.isupper():
            return above[0][0]
    return index


def _is_minutes_heading(text: str) -> bool:
    return (
        len(text) <= 160
        and bool(_MINUTES_HEADING.match(text))
        and not _NOT_A_MINUTES_HEADING.search(text)
    )


def _minutes_confirmed(lines: list[Line], index: int, *, need_attendance: bool) -> bool:
    """A minutes heading is followed, soon, by a date or by who was present; inside an
    agenda (where "Minutes of the meeting held on ..." may be an item's title), by who was
    present."""
    if not need_attendance and patterns.find_dates(_text(lines[index])):
        return True
    for _j, text in _next_content(lines, index, 12 if need_attendance else 8):
        if patterns.ATTENDANCE.match(text) or _APOLOGIES_GIVEN.match(text):
            return True
        if not need_attendance and patterns.find_dates(text):
            return True
    return False


# How far past an action table's header to look for the part going on.
_TABLE_SPAN = 300


def _part_resumes_after(lines: list[Line], index: int) -> int | None:
    """Where the part goes on after the table whose header is at `index` (its next item),
    or None when the table ends the part (a page's end, a report, the document's end)."""
    for j in range(index + 1, min(len(lines), index + _TABLE_SPAN)):
        line = lines[j]
        text = _text(line)
        if not text or line.cells:
            continue
        if _PAGE_END.match(text) or _is_report_start(lines, j):
            return None
        if (
            _is_item_like(text) or line.heading or patterns.STANDALONE_MINUTES.match(text)
        ) and not _is_action_log_header(line):
            return j
    return None


def _heading_above(lines: list[Line], index: int, floor: int) -> int:
    """Where the heading of the minutes whose attendance list is at `index` begins: the
    line with the meeting's date just above, and the board's name above that."""
    candidates = []
    for j in range(index - 1, max(floor - 1, index - 12), -1):
        text = _text(lines[j])
        if not text:
            continue
        if _PAGE_END.match(text) or _is_item_like(text):
            break
        candidates.append(j)
        if len(candidates) >= 5:
            break
    dated = [j for j in candidates if patterns.find_dates(_text(lines[j]))]
    if not dated:
        return index
    start = dated[0]  # the date nearest the attendance list
    for j in candidates:
        if j < start and not patterns.find_dates(_text(lines[j])) and start - j <= 3:
            start = j
    return start


_ITEM_LIKE = re.compile(r"^(?:item\s+)?\d{1,3}[.)]?\s|^\d{1,3}\.?$", re.IGNORECASE)


def _is_item_like(text: str) -> bool:
    return bool(_ITEM_LIKE.match(text))


def _starts(lines: list[Line]) -> list[tuple[int, str]]:
    """(index, kind) where each part begins; kind "report" for reports and appendices."""
    starts: list[tuple[int, str]] = []
    in_reports = False
    current = ""  # the kind of the part being read
    current_has_attendance = False
    last_item = -1  # the last line that looks like an item
    inside_until = -1

    def seen_item_since_start() -> bool:
        return last_item >= (starts[-1][0] if starts else 0)

    for index, line in enumerate(lines):
        text = _text(line)
        if not text:
            continue
        if _is_item_like(text):
            last_item = index
        if index < inside_until:
            continue  # a table inside the part being read (see below)
        if _is_action_log_header(line):
            if current in ("agenda", "minutes", "agenda_and_minutes"):
                # An action table in the middle of minutes (under "matters arising") is the
                # minutes'; one after their last item is an action log of its own.
                resumes = _part_resumes_after(lines, index)
                if resumes is not None:
                    inside_until = resumes
                    continue
            begin = index
            for j, _ in reversed(_previous_content(lines, index, 2)):
                if _ACTION_LOG_HEADING.match(_text(lines[j])):
                    begin = j
            if current != "action_log":
                starts.append((begin, "action_log"))
                current = "action_log"
            continue
        if _PAGE_END.match(text):
            if current in ("action_log",):
                starts.append((index, "report"))
                current = "report"
            continue
        if _is_report_start(lines, index) or _is_appendix_start(lines, index):
            if current != "report":
                starts.append((_report_banner_above(lines, index), "report"))
            current = "report"
            in_reports = True
            continue
        if in_reports:
            continue
        if len(text) <= 60 and _AGENDA_AND_MINUTES.match(text):
            starts.append((index, "agenda_and_minutes"))
            current, current_has_attendance = "agenda_and_minutes", False
            continue
        if len(text) <= 60 and _AGENDA.match(text):
            if current not in ("agenda",):
                starts.append((index, "agenda"))
                current, current_has_attendance = "agenda", False
            continue
        if _is_minutes_heading(text) and _minutes_confirmed(
            lines, index, need_attendance=current in ("agenda", "agenda_and_minutes")
        ):
            if current != "minutes" or seen_item_since_start():
                starts.append((index, "minutes"))
                current, current_has_attendance = "minutes", False
            continue
        if patterns.ATTENDANCE.match(text):
            if current == "agenda_and_minutes":
                continue  # a page of agenda and minutes may say who was there
            if current == "minutes" and (not current_has_attendance or not seen_item_since_start()):
                current_has_attendance = True  # "Present:", then "In attendance:"
                continue
            floor = starts[-1][0] + 1 if starts else 0
            starts.append((_heading_above(lines, index, floor), "minutes"))
            current, current_has_attendance = "minutes", True
    return starts


def _previous_content(lines: list[Line], index: int, count: int) -> list[tuple[int, str]]:
    out = []
    for j in range(index - 1, max(-1, index - 6), -1):
        text = _text(lines[j])
        if text:
            out.append((j, text))
            if len(out) >= count:
                break
    return out


def _first_kind(lines: list[Line]) -> str:
    """What a document that opens without a marker is: minutes when it says who was present
    or sent apologies, or calls itself minutes; an agenda when it says so."""
    head = [_text(line) for line in lines[:200]]
    if any(patterns.ATTENDANCE.match(t) or _APOLOGIES_GIVEN.match(t) for t in head):
        return "minutes"
    top = [t for t in head if t and not _is_item_like(t)][:10]
    if any(_CALLS_ITSELF_AGENDA.search(t) for t in top):
        return "agenda"
    if any(_CALLS_ITSELF_MINUTES.search(t) for t in top):
        return "minutes"
    return "unknown"


_CALLS_ITSELF_AGENDA = re.compile(r"^agenda\b(?!\s+item)|\bagenda$", re.IGNORECASE)
_CALLS_ITSELF_MINUTES = re.compile(
    r"^(?:(?:draft|confirmed|approved)\s+)?(?:minutes|notes)\b|\bminutes\b(?!\s*:)"
    r"|\bnotes of (?:the )?meeting\b",
    re.IGNORECASE,
)


# "Apologies: Ann Lee, Bo Chan" (names given: the meeting has happened)
_APOLOGIES_GIVEN = re.compile(
    r"^apologies(?:\s+for\s+absence)?\s*(?:received)?\s*[:\-–]\s*\S", re.I
)


def split_meetings(lines: list[Line]) -> list[Segment]:
    """The meeting parts of a document, in order, each with the lines it spans."""
    if not any(line.text.strip() for line in lines):
        return []
    starts = _starts(lines)
    first_content = next(i for i, line in enumerate(lines) if line.text.strip())
    if not starts or starts[0][0] > first_content:
        end = starts[0][0] if starts else len(lines)
        opening = [line for line in lines[first_content:end] if line.text.strip()]
        if (
            starts
            and starts[0][1] != "report"
            and len(opening) <= 8
            and not any(_is_item_like(_text(line)) for line in opening)
        ):
            # a title block above the part's marker ("<Board> / <date> / AGENDA")
            starts[0] = (first_content, starts[0][1])
        elif any(_is_item_like(_text(line)) or patterns.find_dates(line.text) for line in opening):
            starts.insert(0, (first_content, _first_kind(opening)))
    segments = []
    for position, (begin, kind) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        if kind == "report":
            continue
        part = lines[begin:end]
        while part and (not part[-1].text.strip() or _PAGE_END.match(_text(part[-1]))):
            part.pop()
        if part:
            segments.append(Segment(kind=kind, lines=part))
            if len(segments) >= MAX_PARTS:
                break
    return segments
