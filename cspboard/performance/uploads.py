"""Monthly figures from an uploaded CSV or XLSX file: read, check row by row, preview.

`read_upload(name, data)` gives the file's rows as plain text (`UploadRow`s, JSON-serialisable so
the preview can keep them in the session until the person confirms). `check_upload(board=...,
rows=...)` reads the board's indicators and stored figures (two queries; it writes nothing) and
says, line by line, what importing would do: add a month, change one (old -> new), leave one as
it is, or refuse the line with its errors. Confirming hands the checked lines to
`services.measurements_import`, which writes all of them or none.

Columns, a header row first (any order, any case): indicator (its slug or its number as the
report prints it, "1a"), month (2018-01), value, denominator (for a percentage: the cases the
value is counted out of), series (blank or "local" for the borough's own figure, "benchmark" for
the London or national comparison).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from decimal import Decimal, InvalidOperation

from cspboard.core.tables import MAX_BYTES, TableLayout, squash

from .choices import DataSource, MeasureKind, Series
from .models import Indicator, Measurement
from .services.indicators import MeasurementRow

INDICATOR = "indicator"
MONTH = "month"
VALUE = "value"
DENOMINATOR = "denominator"
SERIES = "series"
COLUMNS = (INDICATOR, MONTH, VALUE, DENOMINATOR, SERIES)
REQUIRED = (INDICATOR, MONTH, VALUE)

# Headers as people write them, squashed to letters and digits.
_HEADERS = {
    "indicator": INDICATOR,
    "indicatorslug": INDICATOR,
    "indicatornumber": INDICATOR,
    "kpi": INDICATOR,
    "slug": INDICATOR,
    "month": MONTH,
    "period": MONTH,
    "value": VALUE,
    "figure": VALUE,
    "count": VALUE,
    "numerator": VALUE,
    "denominator": DENOMINATOR,
    "series": SERIES,
}
_SERIES = {
    "": "local",
    "local": "local",
    "borough": "local",
    "benchmark": "benchmark",
    "comparison": "benchmark",
}

MAX_ROWS = 5000
# Measurement.value is max_digits=14, decimal_places=4.
MAX_VALUE = Decimal("9999999999.9999")
MONTH_FORMATS = ("%Y-%m", "%Y-%m-%d", "%Y/%m", "%m/%Y", "%b %Y", "%B %Y", "%b-%y", "%b %y")

NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"


class UploadError(Exception):
    """The file cannot be read as figures: not CSV or XLSX, no header row, too big."""


@dataclasses.dataclass(frozen=True)
class UploadRow:
    """One line of the file under the header: its line number and its cells as text."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def as_json(self) -> dict:
        return {"line": self.line, "cells": dict(self.cells)}

    @classmethod
    def from_json(cls, data: dict) -> UploadRow:
        return cls(line=int(data["line"]), cells={str(k): str(v) for k, v in data["cells"].items()})


# -- reading --------------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_LAYOUT = TableLayout(
    headers=_HEADERS,
    header_fields=(INDICATOR, MONTH),
    required=REQUIRED,
    cell_text=_cell_text,
    error=UploadError,
    no_header=(
        "No header row was found: the first row must name the columns “indicator”, "
        "“month” and “value”."
    ),
    max_rows=MAX_ROWS,
    header_rows=20,
)


def read_upload(name: str, data: bytes) -> list[UploadRow]:
    """The rows under the header row (the first naming an indicator or month column) of an
    uploaded .csv or .xlsx file, line numbers counted from 1 as a spreadsheet program shows
    them. Raises `UploadError`."""
    if len(data) > MAX_BYTES:
        raise UploadError("The file must be smaller than 2 MB.")
    return [UploadRow(line=line, cells=cells) for line, cells in _LAYOUT.read(name, data)]


# -- checking -------------------------------------------------------------------------------------


def parse_month(text: str) -> datetime.date | None:
    text = " ".join(text.split())
    for pattern in MONTH_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date().replace(day=1)
        except ValueError:
            continue
    return None


def parse_number(text: str) -> Decimal | None:
    """A figure as written ("1,309", "17.5"); None when it is not a number."""
    cleaned = text.replace(",", "").replace(" ", "")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern lets only numbers through
        return None


def number_error(text: str, column: str) -> tuple[Decimal | None, str]:
    number = parse_number(text)
    if number is None:
        return None, f"“{text}” in “{column}” is not a number"
    if number < 0:
        return None, f"“{text}” in “{column}” is below zero"
    if number > MAX_VALUE or -number.as_tuple().exponent > 4:
        return None, f"“{text}” in “{column}” is too large or has more than 4 decimal places"
    return number, ""


@dataclasses.dataclass
class CheckedRow:
    """What importing one line would do."""

    upload: UploadRow
    errors: list[str] = dataclasses.field(default_factory=list)
    indicator: object | None = None
    month: datetime.date | None = None
    series: str = "local"
    value: Decimal | None = None
    denominator: Decimal | None = None
    old_value: Decimal | None = None
    old_denominator: Decimal | None = None
    outcome: str = NEW

    @property
    def line(self) -> int:
        return self.upload.line

    @property
    def is_change(self) -> bool:
        return not self.errors and self.outcome in (NEW, CHANGED)

    def measurement_row(self):
        return MeasurementRow(
            indicator_slug=self.indicator.slug,
            series=self.series,
            month=self.month,
            value=self.value,
            denominator=self.denominator,
            line=self.line,
        )


@dataclasses.dataclass
class UploadPlan:
    rows: list[CheckedRow]

    @property
    def invalid_rows(self) -> list[CheckedRow]:
        return [r for r in self.rows if r.errors]

    @property
    def changes(self) -> list[CheckedRow]:
        return [r for r in self.rows if r.is_change]

    @property
    def new_rows(self) -> list[CheckedRow]:
        return [r for r in self.changes if r.outcome == NEW]

    @property
    def changed_rows(self) -> list[CheckedRow]:
        return [r for r in self.changes if r.outcome == CHANGED]

    @property
    def unchanged_rows(self) -> list[CheckedRow]:
        return [r for r in self.rows if not r.errors and r.outcome == UNCHANGED]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.invalid_rows

    def measurement_rows(self) -> list:
        return [r.measurement_row() for r in self.changes]


def _indicator_lookup(indicators) -> dict[str, object]:
    found: dict[str, object] = {}
    for indicator in indicators:
        found.setdefault(indicator.slug.casefold(), indicator)
        if indicator.number:
            found.setdefault(indicator.number.strip().casefold(), indicator)
    return found


def _check_indicator(checked: CheckedRow, indicator) -> None:
    errors = checked.errors
    name = f"Indicator {indicator.number or indicator.slug}"
    if indicator.in_development:
        errors.append(f"{name} is in development: it takes no figures yet")
        return
    if checked.series == Series.LOCAL and indicator.data_source != DataSource.ENTERED:
        errors.append(
            f"{name}'s figures are counted from {indicator.get_data_source_display()}: "
            "upload only its benchmark"
        )
    percentage = indicator.measure == MeasureKind.PERCENTAGE
    if checked.denominator is not None and not percentage:
        errors.append(f"{name} is not a percentage: leave “denominator” blank")
    if percentage and checked.value is not None:
        # With a denominator the value is the numerator; without, the percentage as published.
        if checked.denominator is None:
            if checked.value > 100:
                errors.append(
                    f"{name} is a percentage: “value” is over 100, so give the “denominator” "
                    "it is counted out of"
                )
        elif checked.denominator == 0:
            errors.append("“denominator” must be more than 0")
        elif checked.value > checked.denominator:
            errors.append("“value” is more than “denominator”")


def check_upload(*, board, rows: list[UploadRow]) -> UploadPlan:
    """What importing `rows` into `board`'s indicators would do, line by line. Writes nothing."""
    indicators = _indicator_lookup(Indicator.objects.filter(board=board).order_by("position"))
    checked_rows: list[CheckedRow] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        checked = CheckedRow(upload=row)
        checked_rows.append(checked)
        errors = checked.errors

        written = row.get(INDICATOR)
        checked.indicator = indicators.get(written.strip().casefold())
        if not written.strip():
            errors.append("Enter the indicator: its number or short name")
        elif checked.indicator is None:
            errors.append(f"“{written}” in “indicator” is not one of the board's indicators")

        month_text = row.get(MONTH)
        checked.month = parse_month(month_text)
        if not month_text.strip():
            errors.append("Enter the month, like 2018-01")
        elif checked.month is None:
            errors.append(f"“{month_text}” in “month” is not a month: write it like 2018-01")

        series_text = row.get(SERIES)
        series = _SERIES.get(squash(series_text))
        if series is None:
            errors.append(f"“{series_text}” in “series” must be local or benchmark, or blank")
        else:
            checked.series = Series(series)

        value_text = row.get(VALUE)
        if not value_text.strip():
            errors.append("Enter the value (to remove a month's figure, use the data grid)")
        else:
            checked.value, error = number_error(value_text, VALUE)
            if error:
                errors.append(error)
        denominator_text = row.get(DENOMINATOR)
        if denominator_text.strip():
            checked.denominator, error = number_error(denominator_text, DENOMINATOR)
            if error:
                errors.append(error)

        if checked.indicator is not None:
            _check_indicator(checked, checked.indicator)
            if checked.month is not None and series is not None:
                key = (checked.indicator.pk, checked.series, checked.month)
                if key in seen:
                    errors.append(f"Line {seen[key]} has the same indicator, month and series")
                seen.setdefault(key, row.line)

    keys = {(r.indicator.pk, r.series, r.month) for r in checked_rows if not r.errors}
    if keys:
        stored = {
            (m.indicator_id, m.series, m.month): m
            for m in Measurement.objects.filter(
                indicator_id__in={k[0] for k in keys},
                month__in={k[2] for k in keys},
            ).only("indicator_id", "series", "month", "value", "denominator")
        }
        for checked in checked_rows:
            if checked.errors:
                continue
            existing = stored.get((checked.indicator.pk, checked.series, checked.month))
            if existing is None:
                continue
            checked.old_value, checked.old_denominator = existing.value, existing.denominator
            same = existing.value == checked.value and existing.denominator == checked.denominator
            checked.outcome = UNCHANGED if same else CHANGED
    return UploadPlan(rows=checked_rows)
