"""The report's words, in the seeds' style, from plain figures.

"Using 2017/18 financial year to date figures at January 2018 (1309 offences) shows a 25.1%
increase (+263 offences) when compared to the same point in the previous year (1046 offences).
In comparison total burglary across London is up 13.0%."
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal

from .choices import MeasureKind, TargetKind

ONE_PLACE = Decimal("0.1")


@dataclasses.dataclass(frozen=True)
class Wording:
    """How an indicator's figures are spoken of."""

    measure: str = MeasureKind.COUNT
    unit: str = "offences"
    rate_per: int | None = None
    population_label: str = ""


def number(value: Decimal | int | None) -> str:
    """Whole numbers as they are ("1309": the seeds print no separators), others to one place."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return str(value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP))


def singular(unit: str) -> str:
    """The unit for one: its first plural word made singular ("offence", "call to the police",
    "first time entrant", "activity")."""
    words = unit.split(" ")
    for index, word in enumerate(words):
        if word.endswith("ies") and len(word) > 3:
            words[index] = word[:-3] + "y"
            break
        if word.endswith("s") and not word.endswith("ss"):
            words[index] = word[:-1]
            break
    return " ".join(words)


def counted(value: Decimal | int, unit: str) -> str:
    """ "1 offence", "263 offences"."""
    return f"{number(value)} {singular(unit) if abs(Decimal(value)) == 1 else unit}".strip()


def percentage(value: Decimal) -> str:
    """ "17.9%", "26.0%": percentages to one place, as the report prints them."""
    return f"{Decimal(value).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)}%"


def article(figure: str) -> str:
    """ "an" before a figure said with a vowel sound (8, 11, 18, 80-89, 800...), else "a"."""
    digits = figure.split(".")[0].lstrip("-")
    if digits.startswith("8") or (len(digits) % 3 == 2 and digits[:2] in ("11", "18")):
        return "an"
    return "a"


def quantity(value: Decimal, wording: Wording) -> str:
    """A figure with its unit: "1309 offences", "17.9%", "594 per 100,000 10-17 year olds"."""
    if wording.measure == MeasureKind.PERCENTAGE:
        return percentage(value)
    if wording.measure == MeasureKind.RATE:
        people = wording.population_label or "residents"
        return f"{number(value)} per {wording.rate_per or 0:,} {people}"
    return counted(value, wording.unit)


def signed_change(value: Decimal, wording: Wording) -> str:
    """ "+263 offences", "-81 offences", "+2.1 percentage points", "-0.6 per 1,000"."""
    sign = "+" if value > 0 else "-" if value < 0 else ""
    size = abs(value)
    if wording.measure == MeasureKind.PERCENTAGE:
        points = "percentage point" if size == 1 else "percentage points"
        return f"{sign}{number(size)} {points}"
    if wording.measure == MeasureKind.RATE:
        return f"{sign}{number(size)} per {wording.rate_per or 0:,}"
    return f"{sign}{counted(size, wording.unit)}"


def change_words(percent: Decimal | None) -> str:
    """ "up 13.0%", "down 5.5%", "no change"; "" when there is no change to speak of."""
    if percent is None:
        return ""
    if percent > 0:
        return f"up {percent:.1f}%"
    if percent < 0:
        return f"down {-percent:.1f}%"
    return "no change"


def benchmark_text(percent: Decimal | None) -> str:
    """The summary table's benchmark column: "Up 13.0%", "Down 5.5%", "No change" or ""."""
    words = change_words(percent)
    return words[:1].upper() + words[1:]


def performance_text(
    *,
    ytd: Decimal | None,
    ytd_previous: Decimal | None,
    change: Decimal | None,
    percent_change: Decimal | None,
    wording: Wording,
    in_development: bool = False,
) -> str:
    """The summary table's performance cell: "1309, up 25.1% (up 263 offences)"."""
    if in_development:
        return "In development"
    if ytd is None:
        return "No figures"
    if wording.measure == MeasureKind.PERCENTAGE:
        head = percentage(ytd)
    elif wording.measure == MeasureKind.RATE:
        head = quantity(ytd, wording)
    else:
        head = number(ytd)
    if change is None:
        return head
    size = abs(change)
    direction = "up" if change > 0 else "down"
    if wording.measure == MeasureKind.PERCENTAGE:
        if not change:
            return f"{head}, no change"
        points = "point" if size == 1 else "points"
        return f"{head}, {direction} {number(size)} {points}"
    if wording.measure == MeasureKind.RATE:
        return f"{head}, {change_words(percent_change) or direction}"
    if not change:
        return f"{head}, no change ({counted(0, wording.unit)})"
    amount = f"{direction} {counted(size, wording.unit)}"
    if percent_change is None:
        return f"{head}, {amount}"
    return f"{head}, {change_words(percent_change)} ({amount})"


def target_text(
    *,
    target_kind: str,
    financial_year: str,
    month: datetime.date,
    target_value: Decimal | None = None,
    target_to_date: Decimal | None = None,
    range_low: Decimal | None = None,
    range_high: Decimal | None = None,
    wording: Wording = Wording(),
) -> str:
    """ "Year on year reduction", "No more than 169 in 2017/18 (141 pro-rated to January)",
    "Between 28% and 40%", "For monitoring"."""
    if target_kind == TargetKind.REDUCTION:
        return "Year on year reduction"
    if target_kind == TargetKind.INCREASE:
        return "Year on year increase"
    if target_kind == TargetKind.MONITORING:
        return "For monitoring"
    if target_kind == TargetKind.CEILING and target_value is not None:
        text = f"No more than {number(target_value)} in {financial_year}"
        if target_to_date is not None and month.month != 3:
            whole = target_to_date.quantize(Decimal(1), rounding=ROUND_HALF_UP)
            text += f" ({number(whole)} pro-rated to {month:%B})"
        return text
    if target_kind == TargetKind.RANGE and range_low is not None and range_high is not None:
        mark = "%" if wording.measure == MeasureKind.PERCENTAGE else ""
        return f"Between {number(range_low)}{mark} and {number(range_high)}{mark}"
    return ""


def sentence(
    *,
    financial_year: str,
    month: datetime.date,
    ytd: Decimal | None,
    ytd_previous: Decimal | None,
    change: Decimal | None,
    percent_change: Decimal | None,
    wording: Wording,
    subject: str = "",
    benchmark_label: str = "",
    benchmark_percent_change: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    target: str = "",
) -> str:
    """The one-page summary's performance overview, in the seeds' words, with `target` (see
    `target_clause`) after it and the comparison with the benchmark only when there is one."""
    at = f"{financial_year} financial year to date figures at {month:%B %Y}"
    if ytd is None:
        return f"There are no complete {at}."
    parts = ""
    if wording.measure == MeasureKind.PERCENTAGE and numerator is not None and denominator:
        parts = f", {number(numerator)} of {counted(denominator, wording.unit)}"
    current = f"({quantity(ytd, wording)}{parts})"
    if ytd_previous is None:
        text = (
            f"Using {at} {current}: there is no figure for the same point in the previous "
            "year to compare with."
        )
    else:
        previous = f"({quantity(ytd_previous, wording)})"
        if not change:
            shows = "shows no change"
        elif wording.measure == MeasureKind.PERCENTAGE or percent_change is None:
            direction = "an increase" if change > 0 else "a decrease"
            shows = f"shows {direction} ({signed_change(change, wording)})"
        else:
            direction = "increase" if change > 0 else "decrease"
            size = f"{abs(percent_change):.1f}"
            shows = f"shows {article(size)} {size}% {direction} ({signed_change(change, wording)})"
        text = (
            f"Using {at} {current} {shows} when compared to the same point in the previous "
            f"year {previous}."
        )
    if target:
        text += f" {target}"
    if benchmark_percent_change is not None:
        where = f" across {benchmark_label}" if benchmark_label else ""
        what = subject or "the figure"
        words = change_words(benchmark_percent_change)
        verb = "shows" if words == "no change" else "is"
        text += f" In comparison {what}{where} {verb} {words}."
    return text


def target_clause(
    *,
    target_kind: str,
    financial_year: str,
    month: datetime.date,
    value: Decimal | None,
    target_value: Decimal | None = None,
    target_to_date: Decimal | None = None,
    range_low: Decimal | None = None,
    range_high: Decimal | None = None,
    wording: Wording = Wording(),
) -> str:
    """Where the year to date stands against a ceiling or a range (nothing for other targets):
    "That is above the 2017/18 ceiling of 169 pro-rated to January (141)."."""
    if value is None:
        return ""
    if (
        target_kind == TargetKind.CEILING
        and target_value is not None
        and target_to_date is not None
    ):
        where = "above" if value > target_to_date else "within"
        ceiling = f"the {financial_year} ceiling of {number(target_value)}"
        if month.month != 3:
            whole = target_to_date.quantize(Decimal(1), rounding=ROUND_HALF_UP)
            ceiling += f" pro-rated to {month:%B} ({number(whole)})"
        return f"That is {where} {ceiling}."
    if target_kind == TargetKind.RANGE and range_low is not None and range_high is not None:
        where = "below" if value < range_low else "above" if value > range_high else "within"
        mark = "%" if wording.measure == MeasureKind.PERCENTAGE else ""
        return (
            f"That is {where} the range of {number(range_low)}{mark} to {number(range_high)}{mark}."
        )
    return ""
