"""What agendas and minutes write the same way everywhere: dates, times, item numbers, the
time allowed, page references, restricted markers. Shared by the segment, header and item
readers, so that "28th March 2018" or "Not for publication by virtue of paragraph 3" means the
same thing to each.

Every pattern here is bounded (no nested repetition, lines are cut to `MAX_LINE` before they
are matched), so an attacker's file cannot make matching run without bound.
"""

from __future__ import annotations

import datetime
import re

# Longer lines are prose or garbage; nothing structural needs more.
MAX_LINE = 2000

_MONTH_NAMES = (
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
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}

_WEEKDAY = r"(?P<weekday>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]{0,6}\.?,?\s+"
# "Wednesday, 28 March 2018", "28th March 2018", "28 th March 2018", "28 Mar. 2018"
_DAY_MONTH_YEAR = re.compile(
    r"(?:\b" + _WEEKDAY + r")?\b(?P<day>\d{1,2})\s?(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
# "March 28, 2018", "Wednesday March 28th 2018"
_MONTH_DAY_YEAR = re.compile(
    r"(?:\b" + _WEEKDAY + r")?\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?"
    r"\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
# "28/03/2018", "28.03.18", "28-03-2018" (British order)
_NUMERIC = re.compile(
    r"(?:\b"
    + _WEEKDAY
    + r")?\b(?P<day>\d{1,2})[/.\-](?P<month>\d{1,2})[/.\-](?P<year>\d{4}|\d{2})\b",
    re.IGNORECASE,
)
# "2018-03-28"
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")


_YEAR = re.compile(r"\d\d(?!\d{3})")


class FoundDate:
    """A date found in text, with the weekday it was written with (if any) and its span."""

    __slots__ = ("date", "weekday", "start", "end")

    def __init__(self, date: datetime.date, weekday: int | None, start: int, end: int):
        self.date = date
        self.weekday = weekday
        self.start = start
        self.end = end

    @property
    def weekday_disagrees(self) -> bool:
        return self.weekday is not None and self.weekday != self.date.weekday()


def _month(value: str) -> int | None:
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(value.lower())


def _year(value: str) -> int:
    number = int(value)
    return number + 2000 if number < 100 else number


def find_dates(text: str) -> list[FoundDate]:
    """Every full date (day, month and year) written in `text`, in order."""
    text = text[:MAX_LINE]
    if not _YEAR.search(text):
        return []  # every date here has a year: most lines are over at once
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC, _ISO):
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            month = _month(match["month"])
            if month is None:
                continue
            try:
                date = datetime.date(_year(match["year"]), month, int(match["day"]))
            except ValueError:
                continue
            if not 1900 <= date.year <= 2100:
                continue
            weekday = match.groupdict().get("weekday")
            weekday_number = WEEKDAYS.get(weekday.lower()) if weekday else None
            found.append(FoundDate(date, weekday_number, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda f: f.start)
    return found


def find_date(text: str) -> datetime.date | None:
    dates = find_dates(text)
    return dates[0].date if dates else None


# -- Times --------------------------------------------------------------------------------------

# "10.00 am", "10:00am", "2pm", "13.00", "10.00-1.00pm", "10:00am - 1:00pm", "10:00am-13:00pm"
_TIME = r"(?P<h{n}>\d{{1,2}})(?:[.:](?P<m{n}>\d{{2}}))?\s?(?P<ap{n}>[ap]\.?m\.?)?"
_TIME_RANGE = re.compile(
    r"(?<![\d/])" + _TIME.format(n=1) + r"(?:\s*(?:-|–|—|to|until)\s*" + _TIME.format(n=2) + r")?"
    r"(?![\d/])",
    re.IGNORECASE,
)


def _to_time(hour: str, minute: str | None, meridiem: str | None) -> datetime.time | None:
    h = int(hour)
    m = int(minute) if minute else 0
    if meridiem:
        meridiem = meridiem.lower().replace(".", "")
        if h > 12 and h < 24:  # "13:00pm": the 24-hour clock with a stray "pm"
            pass
        elif meridiem == "pm" and h < 12:
            h += 12
        elif meridiem == "am" and h == 12:
            h = 0
    if not (0 <= h < 24 and 0 <= m < 60):
        return None
    return datetime.time(h, m)


def find_times(text: str) -> tuple[datetime.time | None, datetime.time | None]:
    """The start (and end, if given) time written in `text`: "10.00 am", "10:00am - 1:00pm",
    "10.00-13.00". A bare number is not a time: it needs minutes or am/pm."""
    text = text[:MAX_LINE]
    for match in _TIME_RANGE.finditer(text):
        has_first = match["m1"] or match["ap1"]
        has_second = match["h2"] and (match["m2"] or match["ap2"])
        if not has_first and not has_second:
            continue
        if not has_first and not match["h2"]:
            continue
        meridiem1 = match["ap1"]
        meridiem2 = match["ap2"]
        start = _to_time(match["h1"], match["m1"], meridiem1)
        end = _to_time(match["h2"], match["m2"], meridiem2) if match["h2"] else None
        if start is None:
            continue
        # "10.00-1.00pm", "1.00-4.00pm": the start takes the end's half of the day when that
        # keeps it before the end.
        if start and end and not meridiem1 and meridiem2:
            if meridiem2.lower().startswith("p") and start.hour < 12:
                later = datetime.time(start.hour + 12, start.minute)
                if later < end:
                    start = later
        if end is not None and start is not None and end <= start:
            end = None
        return start, end
    return None, None


def without_times(text: str) -> str:
    """`text` with its times ("10.00am", "2-4pm") blanked out."""
    text = text[:MAX_LINE]
    for match in reversed(list(_TIME_RANGE.finditer(text))):
        if match["m1"] or match["ap1"] or match["m2"] or match["ap2"]:
            text = text[: match.start()] + " " + text[match.end() :]
    return text


# -- Items --------------------------------------------------------------------------------------

# "15 mins", "2 minutes", "(10 min)", "Time: 15 minutes"
MINUTES_ALLOWED = re.compile(r"\b(\d{1,3})\s?(?:mins?|minutes)\b\.?", re.IGNORECASE)
STANDALONE_MINUTES = re.compile(
    r"^\s*(?:time(?: allowed)?:?\s*)?\(?(\d{1,3})\s?(?:mins?|minutes)\.?\)?\s*$", re.IGNORECASE
)
# "Pages 1 - 9", "(Page 11)", "pp. 3-7"
PAGES = re.compile(
    r"\(?\b(?P<text>(?:pages?|pp?\.)\s*\d{1,4}(?:\s*(?:-|–|to)\s*\d{1,4})?)\)?", re.IGNORECASE
)
# A cell that is only a page reference: "1 - 10", "47", "Page 29"
PAGE_CELL = re.compile(r"^(?:pages?\s*)?\d{1,4}(?:\s*(?:-|–|to)\s*\d{1,4})?$", re.IGNORECASE)

# Roman numerals and letters used for sub-items: "(i)", "(iv)", "(a)", "b)"
# "a." too, as a browser numbers a list of `type="a"`.
SUB_NUMBER = re.compile(
    r"^\(?([ivx]{1,5}|[a-h])(?:\)|\.(?=\s))\s*[.:\-–]?\s*(?P<title>\S.*)$", re.IGNORECASE
)

# ModernGov's link text after a document's title: "Minutes pdf icon PDF 131 KB"
DOCUMENT_LINK = re.compile(
    r"\s*(?:(?:pdf|doc|docx|xls|xlsx|ppt|pptx)\s+icon\s+)?(?:pdf|doc|docx|xls|xlsx|ppt|pptx)"
    r"\s+[\d.]+\s*[kmg]?b\s*$",
    re.IGNORECASE,
)

# -- Restricted ---------------------------------------------------------------------------------

RESTRICTED_PREFIX = re.compile(
    r"^\s*\[?(?:restricted|exempt|confidential|private|not for publication|part (?:2|ii|b))\]?"
    r"\s*(?:item)?\s*[:\-–]\s*",
    re.IGNORECASE,
)
RESTRICTED_MARKER = re.compile(
    r"\b(?:item|report|document|appendix)\s+(?:is\s+)?restricted\b|\brestricted due to\b"
    r"|\bnot for publication\b|\bexempt information\b|\bexcluded?\s+the\s+press\s+and\s+public\b"
    r"|\bpress and public (?:were |be )?excluded\b|\bschedule 12a\b|\bitem is exempt\b",
    re.IGNORECASE,
)
# "paragraph 1 of Part 1 of Schedule 12A", "paragraph(s) 3", "paragraphs 1 and 3"
SCHEDULE_12A_PARAGRAPH = re.compile(
    r"\bparagraphs?(?:\s*\(s\))?\s+([1-7])\b[^.]{0,80}?schedule\s+12\s?a\b"
    r"|\bschedule\s+12\s?a\b[^.]{0,40}?\bparagraphs?(?:\s*\(s\))?\s+([1-7])\b",
    re.IGNORECASE,
)


# A marking on its own line under an item, or after its title: "RESTRICTED", "[Exempt]"
MARKING_ONLY = re.compile(
    r"^\W{0,3}(?:restricted|protected|exempt|confidential|not for publication|private)\W{0,3}$",
    re.IGNORECASE,
)
TITLE_MARKING = re.compile(
    r"\s*(?:[\[(]\s*|[-–:]\s+)(?:restricted|exempt|confidential|private|not for publication)"
    r"(?:\s+(?:item|report|appendix))?\s*[\])]?\s*$",
    re.IGNORECASE,
)


def restriction(text: str) -> tuple[bool, int | None]:
    """Whether `text` marks an item restricted, and the Schedule 12A paragraph if it says."""
    text = text[:MAX_LINE]
    paragraph = SCHEDULE_12A_PARAGRAPH.search(text)
    if paragraph:
        return True, int(paragraph[1] or paragraph[2])
    if RESTRICTED_PREFIX.match(text) or RESTRICTED_MARKER.search(text) or MARKING_ONLY.match(text):
        return True, None
    return False, None


# -- Attendance and markers that start parts ----------------------------------------------------

ATTENDANCE = re.compile(
    r"^\s*(?:<u>)?\**\s*(?:(?:board|committee)?\s*members?\s+present|present|attendees|attendance"
    r"|in attendance|those present|attending)\b\s*(?:</u>)?\**\s*(?::|$|\s*-|\s*–)",
    re.IGNORECASE,
)


_TAG = re.compile(r"</?[a-z][a-z0-9]{0,10}\b[^<>]{0,300}>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


def clean(text: str) -> str:
    """A line without the markup text extraction leaves: **bold**, <u>, <p>, table pipes."""
    text = text[:MAX_LINE]
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = text.replace("**", "").replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()
