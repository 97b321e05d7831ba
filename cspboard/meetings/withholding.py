"""Schedule 12A withholding: the fields every withholdable thing carries, and the stored
"withheld by" of each agenda item.

An item is withheld when it, or any item above it at any depth, has a Schedule 12A paragraph.
That answer is stored on each item (`AgendaItem.withheld_paragraph`) and kept true by
`services.withholding.withholding_sync`, which every service that changes an item's paragraph
or parent calls, so
that the one rule in cspboard.meetings.permissions is a plain column test at any depth: a paper,
action, decision or update attached to a sub-sub-item is filtered by one lookup, never by a
walk that stops at the parent.
"""

from __future__ import annotations

from django.db import models

from .choices import WITHHELD_MARKINGS, Schedule12AParagraph, SecurityMarking

SCHEDULE_12A_TEXT = "paragraph {n} of Part 1 of Schedule 12A to the Local Government Act 1972"


def legal_basis_text(paragraph: int | None) -> str:
    return SCHEDULE_12A_TEXT.format(n=paragraph) if paragraph else ""


class Withholdable(models.Model):
    """The Schedule 12A fields of anything that may be withheld on its own account: an agenda
    item, a paper, a report, a subgroup update. (Each model keeps its database constraints,
    named for it: a withheld marking needs a paragraph; a paragraph is 1 to 7.)"""

    security_marking = models.CharField(
        max_length=20, choices=SecurityMarking, default=SecurityMarking.UNRESTRICTED
    )
    schedule_12a_paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=Schedule12AParagraph
    )

    class Meta:
        abstract = True

    @property
    def is_marked_withheld(self) -> bool:
        """Withheld on its own account: a PROTECTED or RESTRICTED marking, or a paragraph."""
        return self.security_marking in WITHHELD_MARKINGS or self.schedule_12a_paragraph is not None


def effective_paragraphs(rows: list[tuple[int, int | None, int | None]]) -> dict[int, int | None]:
    """For (pk, parent_id, own paragraph) rows of one meeting: each item's own paragraph, or
    else that of the nearest item above it. A parent missing from the rows counts as open; a
    loop (which the services refuse) cannot recurse for ever."""
    own = {pk: paragraph for pk, _, paragraph in rows}
    parent = {pk: parent_id for pk, parent_id, _ in rows}
    found: dict[int, int | None] = {}

    def resolve(pk: int, seen: frozenset[int]) -> int | None:
        if pk not in found:
            above = parent.get(pk)
            if own.get(pk) is not None:
                found[pk] = own[pk]
            elif above is None or above not in own or above in seen:
                found[pk] = None
            else:
                found[pk] = resolve(above, seen | {pk})
        return found[pk]

    for pk in own:
        resolve(pk, frozenset())
    return found
