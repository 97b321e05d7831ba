"""Due dates as minutes write them: "by the end of February 2018", "by June 2018", "by 31 March".

Only a real, unambiguous date becomes a `datetime.date`. A month on its own means the last day
of that month. A date without a year ("by 31 March") is resolved only when the meeting's date is
known (the first such day on or after the meeting); otherwise it is kept as text alone, as is a
meeting named instead of a date ("to March CSP Board", "at September's CSP").
"""

import calendar
import datetime
import re

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_BY = r"(?P<lead>\b(?:by|before|until|no\s+later\s+than|on\s+or\s+before|deadline(?:\s+of)?:?)\s+)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "end_of_month",
        re.compile(
            r"(?P<lead>\b(?:by|before|for|until|no\s+later\s+than)\s+)?(?:the\s+)?end\s+of\s+"
            + _MONTH
            + r"(?:\s+"
            + _YEAR
            + r")?\b",
            re.I,
        ),
    ),
    (
        "day_month",
        re.compile(
            _BY
            + _WEEKDAY
            + r"?"
            + _DAY
            + r"\s+(?:of\s+)?"
            + _MONTH
            + r"(?:,?\s+"
            + _YEAR
            + r")?\b",
            re.I,
        ),
    ),
    (
        "month_day",
        re.compile(
            _BY + _WEEKDAY + r"?" + _MONTH + r"\s+" + _DAY + r"\b(?:,?\s+" + _YEAR + r")?", re.I
        ),
    ),
    (
        "numeric",
        re.compile(
            _BY + r"(?P<day>\d{1,2})[/.](?P<mon>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b",
            re.I,
        ),
    ),
    ("iso", re.compile(_BY + r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b", re.I)),
    ("month", re.compile(_BY + _MONTH + r"(?:\s+" + _YEAR + r")?\b(?!\s*\d)", re.I)),
]

# A meeting named as the deadline: "to March CSP Board", "at September's CSP", "for the next
# meeting", "to the June CSP agenda". Kept as text; never turned into a date.
_MEETING = re.compile(
    r"\b(?:to|at|for|by|before|until)\s+(?:the\s+)?(?:next|"
    + _MONTH
    + r"(?:'s|’s)?)\s+(?:CSP\s+|board\s+|partnership\s+)?(?:board|meeting|CSP|agenda)"
    r"(?:\s+(?:board|meeting|agenda))?\b",
    re.I,
)

# A bare date in a table cell ("28 February 2018", "01 June 2018", "June 2018", "31/03/2018").
_CELL_DAY_MONTH = re.compile(
    r"^\s*" + _WEEKDAY + r"?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\s*$",
    re.I,
)
_CELL_MONTH = re.compile(r"^\s*(?:end\s+of\s+)?" + _MONTH + r"(?:\s+" + _YEAR + r")?\s*$", re.I)
_CELL_NUMERIC = re.compile(r"^\s*(?P<day>\d{1,2})[/.](?P<mon>\d{1,2})[/.](?P<year>\d{4}|\d{2})\s*$")
_CELL_ISO = re.compile(r"^\s*(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\s*$")


def month_number(word: str) -> int | None:
    return _MONTHS.get(word.strip(". ").lower()[:3])


def last_day_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _build(
    *,
    day: int | None,
    month: int,
    year: int | None,
    reference: datetime.date | None,
) -> datetime.date | None:
    """A date from its parts; a missing day is the month's last; a missing year needs the
    reference date (the meeting), and is the first such date on or after it."""
    try:
        if year is not None:
            return datetime.date(year, month, day) if day else last_day_of_month(year, month)
        if reference is None:
            return None
        for candidate_year in (reference.year, reference.year + 1):
            candidate = (
                datetime.date(candidate_year, month, day)
                if day
                else last_day_of_month(candidate_year, month)
            )
            if candidate >= reference:
                return candidate
    except ValueError:  # 31 February, month 13
        return None
    return None


def _from_match(kind: str, match: re.Match[str], reference) -> datetime.date | None:
    groups = match.groupdict()
    if kind in ("numeric", "iso"):
        month = int(groups["mon"])
    else:
        month = month_number(groups["month"])
    if not month:
        return None
    day = int(groups["day"]) if groups.get("day") else None
    return _build(day=day, month=month, year=_year(groups.get("year")), reference=reference)


def find_due(
    text: str, *, reference: datetime.date | None = None
) -> tuple[datetime.date | None, str]:
    """The deadline an action's text states: (date or None, the phrase as written, or "").

    The first phrase that gives a date wins; failing that, the first phrase found (a date
    without a year and no meeting date to place it, or a meeting named as the deadline)."""
    found: list[tuple[int, datetime.date | None, str]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found.append((match.start(), _from_match(kind, match, reference), match.group(0)))
    for match in _MEETING.finditer(text):
        found.append((match.start(), None, match.group(0)))
    if not found:
        return None, ""
    dated = sorted((f for f in found if f[1] is not None), key=lambda f: f[0])
    if dated:
        return dated[0][1], dated[0][2].strip()
    first = min(found, key=lambda f: (f[0], -len(f[2])))
    return None, first[2].strip()


def parse_date_cell(
    text: str, *, reference: datetime.date | None = None
) -> tuple[datetime.date | None, str]:
    """A date written alone, as in an action log's "Target Completion" column: "28 February
    2018", "June 2018", "31/03/2018". Anything else ("Date TBC") gives no date; the text is
    returned as written either way."""
    written = " ".join(text.split())
    if not written:
        return None, ""
    for kind, pattern in (
        ("day_month", _CELL_DAY_MONTH),
        ("month", _CELL_MONTH),
        ("numeric", _CELL_NUMERIC),
        ("iso", _CELL_ISO),
    ):
        match = pattern.match(written)
        if match:
            return _from_match(kind, match, reference), written
    due, _phrase = find_due(written, reference=reference)
    return due, written
