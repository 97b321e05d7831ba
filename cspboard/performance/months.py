"""Runs of whole months, the periods performance figures are counted over."""

from __future__ import annotations

import dataclasses
import datetime


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclasses.dataclass(frozen=True)
class MonthRange:
    """The months from `first` to `last`, both included (any day in a month stands for it)."""

    first: datetime.date
    last: datetime.date

    def __post_init__(self) -> None:
        object.__setattr__(self, "first", first_of_month(self.first))
        object.__setattr__(self, "last", first_of_month(self.last))
        if self.last < self.first:
            raise ValueError(f"{self.last:%Y-%m} is before {self.first:%Y-%m}")

    @classmethod
    def parse(cls, first: str, last: str | None = None) -> MonthRange:
        """From "YYYY-MM" (one month) or two of them."""
        start = datetime.datetime.strptime(first, "%Y-%m").date()
        end = datetime.datetime.strptime(last, "%Y-%m").date() if last else start
        return cls(start, end)

    def __len__(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    def __iter__(self):
        return (add_months(self.first, i) for i in range(len(self)))

    def __str__(self) -> str:
        if self.first == self.last:
            return f"{self.first:%Y-%m}"
        return f"{self.first:%Y-%m} to {self.last:%Y-%m}"

    def previous(self) -> MonthRange:
        """The period of the same length just before this one."""
        return MonthRange(add_months(self.first, -len(self)), add_months(self.first, -1))
