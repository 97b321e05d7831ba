"""Red, amber and green on a funded service's delivery and spend: pure functions, no queries.

Delivery: for each measure with a target, the figures of the year's accepted returns to date
against the target pro rata to the quarters reported (an annual target of 100 expects 50 after
two quarters; a quarterly target of 20 expects 40). The service's delivery rating is its worst
measure's: one measure far behind is what the board needs to hear about.

Spend: the spend of the year's accepted returns to date against the year's amount, pro rata in
the same way. Spending too little (money that may have to go back to the funder) and too much
are both off plan.

The thresholds are stated once, here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

GREEN, AMBER, RED = "green", "amber", "red"
LABELS = {GREEN: "Green", AMBER: "Amber", RED: "Red"}
ORDER = {GREEN: 0, AMBER: 1, RED: 2}

# Delivery: at least this share of the pro-rata target is green, at least AMBER amber.
DELIVERY_GREEN = Decimal("0.90")
DELIVERY_AMBER = Decimal("0.75")
# Spend: within this share either side of the pro-rata amount is green, within AMBER amber.
SPEND_GREEN_BAND = Decimal("0.10")
SPEND_AMBER_BAND = Decimal("0.25")


@dataclass(frozen=True)
class Rating:
    rag: str | None  # None: nothing to rate yet
    actual: Decimal | None = None
    expected: Decimal | None = None

    @property
    def label(self) -> str:
        return LABELS.get(self.rag, "Not rated") if self.rag else "Not rated"


def expected_to_date(
    *, annual: Decimal | None, quarterly: Decimal | None, quarters: int
) -> Decimal | None:
    """The target for the first `quarters` quarters: the quarterly target times the quarters,
    else the annual target pro rata. None without a target."""
    if quarters <= 0:
        return None
    if quarterly is not None:
        return quarterly * quarters
    if annual is not None:
        return annual * quarters / 4
    return None


def delivery_rating(actual: Decimal, expected: Decimal | None) -> Rating:
    if expected is None:
        return Rating(None, actual, expected)
    if expected <= 0:
        return Rating(GREEN, actual, expected)
    share = actual / expected
    if share >= DELIVERY_GREEN:
        rag = GREEN
    elif share >= DELIVERY_AMBER:
        rag = AMBER
    else:
        rag = RED
    return Rating(rag, actual, expected)


def spend_rating(spent: Decimal | None, amount: Decimal | None, quarters: int) -> Rating:
    """Spend to date against the year's amount pro rata to `quarters` reported."""
    if spent is None or amount is None or quarters <= 0:
        return Rating(None, spent, None)
    expected = amount * quarters / 4
    if expected <= 0:
        return Rating(GREEN if spent == 0 else RED, spent, expected)
    off = abs(spent - expected) / expected
    if off <= SPEND_GREEN_BAND:
        rag = GREEN
    elif off <= SPEND_AMBER_BAND:
        rag = AMBER
    else:
        rag = RED
    return Rating(rag, spent, expected)


def worst(ratings: Iterable[Rating]) -> Rating:
    """The worst of the rated ones; not rated when none is."""
    rated = [r for r in ratings if r.rag]
    if not rated:
        return Rating(None)
    return max(rated, key=lambda r: ORDER[r.rag])
