"""A board's standing items: the items every agenda opens and closes with.

(Kept apart from boards/services.py only so the two can be worked on separately; these are
services in every other respect.)
"""

from django.db import transaction

from cspboard.core.history import attribute

from .choices import ItemRole
from .models import Board, StandingItem

# The seeds' standing items, with the times their forward plans give them.
DEFAULT_STANDING_ITEMS = [
    # (title, kind, minutes, presenter, at_end, role)
    ("Introductions and Apologies for Absence", "verbal", 2, "Chair", False, ItemRole.APOLOGIES),
    ("Declaration of Interests", "verbal", 2, "Chair", False, ItemRole.DECLARATIONS),
    ("Minutes and Action Log", "paper", 5, "Chair", False, ItemRole.MINUTES_AND_ACTION_LOG),
    ("Forward Plan", "paper", 5, "Chair", True, ItemRole.FORWARD_PLAN),
    ("Any Other Business", "verbal", 5, "Chair", True, ItemRole.AOB),
    ("Date of Next Meeting", "verbal", 1, "Chair", True, ItemRole.NEXT_MEETING),
]


def standing_items_for(board: Board) -> list[StandingItem]:
    """The board's own list, or the defaults (unsaved) if it has never set one."""
    items = list(board.standing_items.all())
    if items:
        return items
    return [
        StandingItem(
            board=board,
            position=n,
            title=title,
            kind=kind,
            minutes_allowed=minutes,
            presenter_text=presenter,
            at_end=at_end,
            role=role,
        )
        for n, (title, kind, minutes, presenter, at_end, role) in enumerate(
            DEFAULT_STANDING_ITEMS, 1
        )
    ]


@transaction.atomic
def standing_items_save(*, board: Board, rows: list[dict], by=None) -> list[StandingItem]:
    """Replace the board's standing items with `rows` (title, kind, minutes_allowed,
    presenter_text, at_end, role), in order. Blank titles are dropped."""
    board.standing_items.all().delete()
    saved = []
    for n, row in enumerate((r for r in rows if r.get("title", "").strip()), 1):
        item = StandingItem(
            board=board,
            position=n,
            title=row["title"].strip(),
            kind=row.get("kind") or "verbal",
            minutes_allowed=row.get("minutes_allowed"),
            presenter_text=(row.get("presenter_text") or "").strip(),
            at_end=bool(row.get("at_end")),
            role=row.get("role") if row.get("role") in ItemRole.values else ItemRole.ORDINARY,
        )
        attribute(item, by)
        item.save()
        saved.append(item)
    return saved
