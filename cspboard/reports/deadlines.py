"""Working days and the dates a meeting's papers are due.

Working days skip weekends and the bank holidays of England and Wales (the two share them),
from the `holidays` package, which knows the one-off ones too (the 2022 state funeral, the 2023
coronation).

The agenda is open to inspection at least five clear working days before the meeting (Local
Government Act 1972, s.100B(3) and s.100K: "clear days" leave out the day of publication and
the day of the meeting, weekends and bank holidays). For a Wednesday meeting that is the Tuesday
of the week before: the seed pack of Wednesday 28 March 2018 gives "Date of publication: 20 March
2018". A report is due a number of working days before that (the board's setting, 5 unless
changed).
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

# Clear working days between the agenda's publication and the meeting (s.100B).
CLEAR_DAYS = 5


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: datetime.date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The `count`th working day before `day` (`count` 0: `day` itself, or the working day
    before it when `day` is not one)."""
    current = day
    if count == 0:
        while not is_working_day(current):
            current -= datetime.timedelta(days=1)
        return current
    while count > 0:
        current -= datetime.timedelta(days=1)
        if is_working_day(current):
            count -= 1
    return current


def working_days_after(day: datetime.date, count: int) -> datetime.date:
    """The `count`th working day after `day`."""
    current = day
    while count > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            count -= 1
    return current


def next_working_day(day: datetime.date) -> datetime.date:
    return working_days_after(day, 1)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not later)."""
    count, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def statutory_publication_date(meeting_date: datetime.date) -> datetime.date:
    """The last day the agenda can be published: five clear working days before the meeting."""
    return working_days_before(meeting_date, CLEAR_DAYS + 1)


def publication_date(meeting) -> datetime.date:
    """When the meeting's agenda was, or must at the latest be, published."""
    return meeting.agenda_published_on or statutory_publication_date(meeting.date)


def report_deadline(meeting, working_days: int) -> datetime.date:
    """A report for this meeting is due `working_days` working days before the agenda is
    published (the board's setting)."""
    return working_days_before(publication_date(meeting), working_days)
