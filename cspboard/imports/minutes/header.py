"""A meeting's header: the board's name, date, start and end times, venue and chair."""

from __future__ import annotations

import datetime
import re

from cspboard.documents.readers import Line

from .draft import MeetingDraft

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", re.IGNORECASE)


def find_date(text: str) -> datetime.date | None:
    for day, month, year in _DATE.findall(text):
        number = _MONTHS.get(month.lower())
        if number is None:
            continue
        try:
            return datetime.date(int(year), number, int(day))
        except ValueError:
            continue
    return None


def read_header(lines: list[Line], meeting: MeetingDraft) -> None:
    # First increment: the first date in the document is the meeting's.
    for line in lines[:80]:
        found = find_date(line.text)
        if found:
            meeting.date = found
            meeting.sources["date"] = line.where
            return
