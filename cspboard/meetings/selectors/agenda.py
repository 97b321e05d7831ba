"""Reads for the officers' agenda screens."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.access import access_for

from ..models import AgendaItem, Meeting


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """All items in order, each with `depth` set, presenters and paper counts loaded."""
    rows = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("presenters")
        .annotate(document_count=Count("documents"))
        .order_by("position")
    )
    depth: dict[int, int] = {}
    siblings: dict[int | None, list[AgendaItem]] = {}
    for row in rows:
        row.meeting = meeting
        row.depth = 0 if row.parent_id is None else depth.get(row.parent_id, 0) + 1
        depth[row.pk] = row.depth
        siblings.setdefault(row.parent_id, []).append(row)
    for family in siblings.values():  # "Up" and "Down" move an item among its siblings
        for n, row in enumerate(family):
            row.can_move_up, row.can_move_down = n > 0, n < len(family) - 1
    return rows


def item_for_meeting(meeting: Meeting, item_id: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.prefetch_related("presenters"), pk=item_id, meeting=meeting
    )
    item.meeting = meeting
    return item


def item_for_officer(user, item_id: int) -> AgendaItem:
    """An item, for someone about to change it: 404 unless they are an officer of its board."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=item_id)
    if not access_for(user).is_officer(item.meeting.board_id):
        raise Http404
    return item
