"""The stored "withheld by" of each agenda item (`AgendaItem.withheld_paragraph`), kept true by
every service that changes an item's paragraph or parent (the rule: meetings.withholding)."""

from __future__ import annotations

from cspboard.core.cache import bump_board_generation

from ..models import AgendaItem, Meeting
from ..withholding import effective_paragraphs


def withholding_sync(meeting_id: int) -> list[int]:
    """Store each item's withholding for a meeting; return the items that have just become
    withheld (so that public documents showing them can be withdrawn)."""
    rows = list(
        AgendaItem.objects.filter(meeting_id=meeting_id).values_list(
            "pk", "parent_id", "schedule_12a_paragraph", "withheld_paragraph"
        )
    )
    wanted = effective_paragraphs([(pk, parent, own) for pk, parent, own, _ in rows])
    newly_withheld = []
    changed = False
    for pk, _, _, stored in rows:
        if wanted[pk] != stored:
            AgendaItem.objects.filter(pk=pk).update(withheld_paragraph=wanted[pk])
            changed = True
            if stored is None:
                newly_withheld.append(pk)
    if changed:
        # update() sends no signals: retire the pages that show the meeting.
        bump_board_generation(Meeting.objects.values_list("board_id", flat=True).get(pk=meeting_id))
    return newly_withheld
