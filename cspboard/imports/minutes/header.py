"""A meeting's header: the board's name, date, start and end times, venue and chair.

The header is the top of a meeting part, before its first item: "Community Safety Partnership
/ Wednesday, 28 March 2018 - 10:00 am - 1:00 pm / Conference Centre, ...", or labelled fields
("Date:", "Time:", "Venue:", "Location:", "Chair:"), or one line ("<Board> Wednesday 28th June
2023, 10.00-13.00, Barking Learning Centre"). Each field found records where it came from;
what cannot be settled (two dates, a weekday that is not the date's) becomes a warning.
"""

from __future__ import annotations

import collections
import datetime
import re

from cspboard.documents.readers import Line

from . import patterns
from .draft import MeetingDraft
from .patterns import find_date  # noqa: F401  (kept for callers of the first increment)

# How many non-empty lines the header may span before the first item.
_HEADER_LINES = 30

_LABEL = re.compile(
    # a label starts a word, or is glued to the end of the previous one ("MembershipDate:")
    r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))"
    r"(?P<label>(?i:date\s+and\s+time|date\s*/\s*time|meeting\s+date|date\s+of\s+(?:the\s+)?meeting"
    r"|date|time\s+of\s+(?:the\s+)?meeting|time|venue|location|place"
    r"|where|held\s+at|start(?:\s+time)?|commencing(?:\s+at)?"
    r"|chair(?:man|person|ed\s+by)?))\s*:\s*",
)
_NOT_MEETING_DATE = re.compile(
    r"\b(?:publication|published|publish|issued?|despatch|dispatch|printed|circulated|"
    r"next meeting|deadline)\b",
    re.IGNORECASE,
)
_BOARD_WORDS = re.compile(
    r"\b(?:partnership|board|committee|sub-?committee|panel|forum|group|council|cabinet"
    r"|commission|executive|network|assembly|trust)\b",
    re.IGNORECASE,
)
_BOARD_TRAILER = re.compile(
    r"[\s,\-–:]*\b(?:minutes|membership|agenda|notes of (?:the )?meeting|notice of meeting"
    r"|meeting)\s*$",
    re.IGNORECASE,
)
_BOARD_LEADER = re.compile(
    r"^(?:(?:draft\s+|confirmed\s+)?(?:minutes|notes)\s+of\s+(?:the\s+|a\s+)?(?:meeting\s+of\s+"
    r"(?:the\s+)?)?|meeting\s+of\s+(?:the\s+)?)",
    re.IGNORECASE,
)
_NAME_PART = r"(?:[A-Z][\w'’\-]*\.?|[A-Z]{2,}|d'[A-Z]\w+|de|van|von|da)"
_CHAIR_AFTER_NAME = re.compile(
    r"(?P<name>(?:" + _NAME_PART + r"\s+){0,3}" + _NAME_PART + r")\s*,?\s*"
    r"\((?i:in\s+the\s+)?(?i:chair(?:man|person|woman)?)\)",
)
# "Councillor Mullane, Community Safety Partnership (CSP) chair, opened the meeting";
# "The Chair, Cllr Ann Lee, welcomed ..."
_CHAIR_APPOSITION = re.compile(
    r"^(?P<name>(?:(?:Cllr|Councillor|Dr|Supt|Superintendent|Chief Superintendent)\.?\s+)?"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2}),\s+(?:[^,.;]{0,60}\s)?"
    r"(?i:chair|chairman|chairperson|chairwoman)\b,?\s+(?i:opened|welcomed|thanked|introduced)"
    r"|^(?i:the\s+chair(?:man|person)?),\s+(?P<name2>[A-Z][^,]{2,60}),"
)
_CHAIRED_BY = re.compile(r"\bchaired\s+by\s+(?:the\s+)?(?P<who>[^.;\n]{3,120})", re.IGNORECASE)
_ROLE_WORDS = frozenset(
    "the deputy vice interim bcu commander chief superintendent director head of board chair "
    "executive lead borough".split()
)
_HONORIFICS = ("Cllr", "Councillor", "Dr", "Supt", "Superintendent", "DCI", "DI", "Insp")


def _clean(line: Line) -> str:
    return patterns.clean(line.text)


def _header_lines(lines: list[Line]) -> list[Line]:
    """The lines above the part's first item (at most `_HEADER_LINES` with text)."""
    out: list[Line] = []
    for line in lines:
        text = _clean(line)
        if not text:
            continue
        if out and _starts_items(text):
            break
        out.append(line)
        if len(out) >= _HEADER_LINES:
            break
    return out


_FIRST_ITEM = re.compile(
    r"^(?:item\s+|agenda\s+item\s+|minute\s+)?1(?:\.0?)?[.):]?(?:\s+\S|$)|^\(?[1i]\)\s"
    r"|^(?:items?|note\s+no\.?\s+item|no\.?\s+item)$|^item\s+(?:minutes|title|subject)",
    re.IGNORECASE,
)


def _starts_items(text: str) -> bool:
    return bool(_FIRST_ITEM.match(text)) or bool(patterns.STANDALONE_MINUTES.match(text))


def _labelled(text: str) -> list[tuple[str, str]]:
    """("date", "Wednesday 11 December 2019") for each "Label: value" in a line, several
    labels on one line included ("Date: ... Time: ... Venue: ...")."""
    matches = list(_LABEL.finditer(text))
    out = []
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        label = re.sub(r"\s+", " ", match["label"].lower())
        out.append((label, text[match.end() : end].strip(" ,;|")))
    return out


def _fields(header: list[Line]) -> list[tuple[str, str, Line]]:
    """Each labelled field of the header, (label, value, the value's line); a label alone on
    its line ("Venue:") takes the next line as its value."""
    out = []
    for position, line in enumerate(header):
        for label, value in _labelled(_clean(line)):
            if not value and position + 1 < len(header):
                following = header[position + 1]
                if not _labelled(_clean(following)):
                    out.append((label, _clean(following), following))
                    continue
            if value:
                out.append((label, value, line))
    return out


_COUNCIL_ONLY = re.compile(r"^(?:[\w'’&,.-]+\s+){0,6}council$", re.IGNORECASE)


def _board_name(header: list[Line]) -> tuple[str, Line] | None:
    """The board's name as printed; a council's name only when nothing names a board."""
    found = [c for c in _board_names(header)]
    better = [c for c in found if not _COUNCIL_ONLY.match(c[0])]
    return (better or found or [None])[0]


def _board_names(header: list[Line]):
    for line in header[:12]:
        text = _clean(line)
        labels = list(_LABEL.finditer(text))
        dates = patterns.find_dates(text)
        cut = len(text)
        if labels:
            cut = min(cut, labels[0].start())
        if dates:
            # "<Board> Wednesday 28th June 2023, ...": the name is what comes before the date
            cut = min(cut, dates[0].start)
        candidate = text[:cut].strip(" ,;:-–|")
        candidate = _BOARD_LEADER.sub("", candidate)
        candidate = re.split(r"\s+held\s+(?:on|at)\b", candidate, flags=re.IGNORECASE)[0]
        candidate = _BOARD_TRAILER.sub("", candidate).strip(" ,;:-–|")
        if (
            candidate
            and _BOARD_WORDS.search(candidate)
            and len(candidate.split()) <= 12
            and not patterns.ATTENDANCE.match(candidate)
            and not re.match(r"^(?:contact|members?|apologies)\b", candidate, re.IGNORECASE)
        ):
            yield candidate, line


def _meeting_date(header: list[Line], meeting: MeetingDraft) -> Line | None:
    """The meeting's date: a "Date:" field first, else the first date in the header that is
    not a publication date. Warns when the header gives two."""
    labelled: list[tuple[patterns.FoundDate, Line]] = []
    plain: list[tuple[patterns.FoundDate, Line]] = []
    for label, value, line in _fields(header):
        if label.startswith(("date", "meeting date")):
            for found in patterns.find_dates(value):
                labelled.append((found, line))
    for line in header:
        text = _clean(line)
        if _NOT_MEETING_DATE.search(text):
            continue
        for found in patterns.find_dates(text):
            plain.append((found, line))
    chosen = labelled or plain
    if not chosen:
        return None
    found, line = chosen[0]
    meeting.date = found.date
    meeting.sources["date"] = line.where
    if found.weekday_disagrees:
        meeting.warnings.append(
            f"The heading gives {found.date:%-d %B %Y} as a "
            f"{_weekday_name(found.weekday)}, but it is a {found.date:%A} ({line.where})."
        )
    others = sorted({f.date for f, _ in labelled + plain if f.date != found.date})
    if others:
        listed = ", ".join(f"{d:%-d %B %Y}" for d in others)
        meeting.warnings.append(
            f"The heading dates the meeting {found.date:%-d %B %Y} ({line.where}), but it also "
            f"gives {listed}."
        )
    return line


def _weekday_name(number: int | None) -> str:
    return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[
        number or 0
    ]


def _without_dates(text: str) -> str:
    for found in reversed(patterns.find_dates(text)):
        text = text[: found.start] + " " + text[found.end :]
    return text


def _times(header: list[Line], date_line: Line | None, meeting: MeetingDraft) -> None:
    candidates: list[tuple[str, Line]] = []
    for label, value, line in _fields(header):
        if "time" in label or label.startswith(("start", "commencing")):
            candidates.append((value, line))
    if date_line is not None:
        candidates.append((_date_field_text(date_line), date_line))
    for value, line in candidates:
        start, end = patterns.find_times(_without_dates(value))
        if start:
            meeting.start, meeting.sources["start"] = start, line.where
            if end:
                meeting.end, meeting.sources["end"] = end, line.where
            return


def _date_field_text(line: Line) -> str:
    text = _clean(line)
    for label, value in _labelled(text):
        if label.startswith(("date", "meeting date")):
            return value
    return text


_VENUE_AFTER_TIME = re.compile(
    r"\d(?:\s?[ap]\.?m\.?)?\s*[,;|]\s*(?P<venue>[A-Z][^,;|]{2,}(?:,[^,;|]{2,}){0,4})$", re.I
)
# "... held on Thursday 14 November 2019 at 10.00am in Room 2, Town Hall"
_VENUE_IN_HEADING = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?P<venue>[A-Z][^;:]{2,150})$")
_NOT_VENUE = re.compile(
    r"^(?:contact|members?|present|apologies|tel|e-?mail|agenda|minutes|notice|chair|date|"
    r"time|to:|dear|please|item|no\.?\b)|@|\bhttps?:",
    re.IGNORECASE,
)
_ONLINE = re.compile(r"\b(?:microsoft teams|ms teams|zoom|virtual|online|remote|webex)\b", re.I)


def _venue(header: list[Line], date_line: Line | None, meeting: MeetingDraft) -> None:
    for label, value, line in _fields(header):
        if label in ("venue", "location", "place", "where", "held at"):
            meeting.venue, meeting.sources["venue"] = _tidy_venue(value), line.where
            return
    if date_line is None:
        return
    text = _without_dates(_clean(date_line))
    match = _VENUE_AFTER_TIME.search(text) or _VENUE_IN_HEADING.search(patterns.without_times(text))
    if match:
        meeting.venue, meeting.sources["venue"] = _tidy_venue(match["venue"]), date_line.where
        return
    # the line under the date: "Conference Centre, Barking Learning Centre, Town Square"
    index = header.index(date_line)
    if index + 1 < len(header):
        following = header[index + 1]
        text = _clean(following)
        if (
            text
            and len(text.split()) <= 14
            and not _NOT_VENUE.search(text)
            and not patterns.find_dates(text)
            and not patterns.ATTENDANCE.match(text)
            and (":" not in text)
            and (_ONLINE.search(text) or not _BOARD_WORDS.search(text) or "," in text)
        ):
            meeting.venue, meeting.sources["venue"] = _tidy_venue(text), following.where


def _tidy_venue(text: str) -> str:
    return text.strip(" ,;:-–|*")[:300]


def _chair(lines: list[Line], header: list[Line], meeting: MeetingDraft) -> None:
    for label, value, line in _fields(header):
        if label.startswith("chair"):
            name = re.split(r"[,;(]", value)[0].strip()
            if name:
                meeting.chair, meeting.sources["chair"] = name, line.where
                return
    for line in lines[:400]:
        text = _clean(line)
        match = _CHAIR_AFTER_NAME.search(text)
        if match:
            name = _name_only(match["name"])
            if name:
                meeting.chair, meeting.sources["chair"] = name, line.where
                return
    for line in lines[:60]:
        match = _CHAIR_APPOSITION.match(_clean(line))
        if match:
            name = _name_only(match["name"] or match["name2"])
            if name:
                meeting.chair, meeting.sources["chair"] = name, line.where
                return
    for line in lines[:400]:
        match = _CHAIRED_BY.search(_clean(line))
        if match:
            name = _name_only(match["who"], from_end=True)
            if name:
                meeting.chair, meeting.sources["chair"] = name, line.where
                return


def _name_only(text: str, *, from_end: bool = False) -> str:
    """The person's name in a phrase: "the Deputy BCU Commander Mark Long" -> "Mark Long"."""
    text = re.split(r"\b(?:who|and|as|,|\.|;)\b", text)[0] if from_end else text
    tokens = [t.strip(",;:") for t in text.split()]
    if from_end:
        # the run of capitalised words at the end, without the roles in front of it
        run: list[str] = []
        for token in reversed(tokens):
            if not token or not token[0].isupper() or token.isupper() and len(token) > 1:
                if run:
                    break
                continue
            if token.lower() in _ROLE_WORDS and token not in _HONORIFICS:
                break
            run.insert(0, token)
            if len(run) >= 4:
                break
        tokens = run
    else:
        while tokens and tokens[0].lower() in _ROLE_WORDS:
            tokens.pop(0)
    return " ".join(tokens)


def read_header(lines: list[Line], meeting: MeetingDraft) -> None:
    if meeting.kind == "action_log":
        # an action log's rows are full of dates; only a heading above the table dates it
        lines = [line for line in lines if not line.cells]
    header = _header_lines(lines)
    board = _board_name(header)
    if board:
        meeting.board_name, meeting.sources["board_name"] = board[0], board[1].where
    date_line = _meeting_date(header, meeting)
    _times(header, date_line, meeting)
    _venue(header, date_line, meeting)
    _chair(lines, header, meeting)
    if meeting.date is None and meeting.kind != "action_log":
        meeting.warnings.append("No date was found at the top of this meeting's part.")


# -- A pack's dates ------------------------------------------------------------------------------

_REPORT_DATE = re.compile(r"^\s*(?:date(?: of meeting)?|meeting date)\s*:\s*(?P<value>.+)$", re.I)


def check_pack_dates(meetings: list[MeetingDraft], lines: list[Line]) -> None:
    """Settle what a pack says about its own date, or say why it cannot.

    A pack's agenda is for a meeting after the one whose minutes it holds; its reports are
    dated for the meeting they go to. When the agenda's heading is older than the minutes it
    carries (a heading copied from an earlier pack), the reports' date is the meeting's, and
    the officer is told. When the reports merely disagree with the heading, the officer is
    told and the heading stands.
    """
    agendas = [m for m in meetings if m.kind == "agenda" and m.date]
    if not agendas:
        return
    inside = set()
    for meeting in meetings:
        inside.update(range(meeting.first_line, meeting.last_line + 1))
    report_dates: collections.Counter[datetime.date] = collections.Counter()
    first_where = {}
    for line in lines:
        if line.where.line in inside:
            continue
        match = _REPORT_DATE.match(patterns.clean(line.text))
        if not match:
            continue
        found = patterns.find_date(match["value"])
        if found:
            report_dates[found] += 1
            first_where.setdefault(found, line.where)
    reports_date = report_dates.most_common(1)[0][0] if report_dates else None
    minutes_dates = [m.date for m in meetings if m.kind == "minutes" and m.date]
    for agenda in agendas:
        heading = agenda.date
        assert heading is not None
        later_minutes = [d for d in minutes_dates if d >= heading]
        if later_minutes:
            held = max(later_minutes)
            message = (
                f"The heading dates this agenda {heading:%-d %B %Y}, but the pack holds the "
                f"minutes of {held:%-d %B %Y}, a later meeting"
            )
            if reports_date and reports_date > held:
                agenda.date = reports_date
                agenda.sources["date"] = first_where[reports_date]
                agenda.warnings.append(
                    f"{message}; its reports are dated {reports_date:%-d %B %Y}, so that is "
                    "taken as the meeting's date. Check it."
                )
            else:
                agenda.warnings.append(f"{message}. Check the date.")
        elif reports_date and reports_date != heading:
            agenda.warnings.append(
                f"The heading dates this agenda {heading:%-d %B %Y}, but the pack's reports are "
                f"dated {reports_date:%-d %B %Y}. Check the date."
            )
