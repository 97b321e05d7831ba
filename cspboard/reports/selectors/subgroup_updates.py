"""Reads for the subgroups' update reports: the meeting's "subgroup updates" item, the
subgroups reporting to a meeting and their updates, the meeting page's panel, and an update's
page for its readers and its writers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.access import access_for, subgroups_led_by
from cspboard.boards.choices import ItemRole
from cspboard.boards.models import Board
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.permissions import (
    can_see_item,
    can_see_subgroup_update,
    can_write_subgroup_update,
)
from cspboard.meetings.selectors import meeting_get

from ..models import SubgroupUpdate

# The "subgroup updates" item --------------------------------------------------------------------


def is_subgroup_updates_item(item: AgendaItem) -> bool:
    """The item whose role is to collect the subgroups' update reports (whatever its title)."""
    return item.role == ItemRole.SUBGROUP_UPDATES


def subgroup_updates_item(meeting: Meeting) -> AgendaItem | None:
    """The item of the meeting that collects the subgroups' update reports: the first with
    that role."""
    item = (
        AgendaItem.objects.filter(meeting=meeting)
        .with_role(ItemRole.SUBGROUP_UPDATES)
        .select_related("parent")
        .first()
    )
    if item is not None:
        item.meeting = meeting
    return item


# Subgroup updates -------------------------------------------------------------------------------


@dataclass
class SubgroupRow:
    subgroup: Board
    update: SubgroupUpdate | None
    visible: bool  # the viewer may read the update
    can_write: bool


@dataclass
class SubgroupPanel:
    item: AgendaItem
    rows: list[SubgroupRow]


def subgroups_for_meeting(meeting: Meeting) -> list[tuple[Board, SubgroupUpdate | None]]:
    """The subgroups that report to this meeting and their updates, by name: the reporting
    subgroups, and any other subgroup that sent one anyway."""
    updates = {
        u.subgroup_id: u
        for u in SubgroupUpdate.objects.filter(meeting=meeting).select_related("document")
    }
    subgroups = list(
        Board.objects.filter(parent=meeting.board)
        .filter(~Q(report_settings__sends_subgroup_updates=False) | Q(pk__in=updates))
        .order_by("name")
    )
    rows = []
    for subgroup in subgroups:
        update = updates.get(subgroup.pk)
        if update is not None:
            update.meeting, update.subgroup = meeting, subgroup
        rows.append((subgroup, update))
    return rows


def shows_subgroup_updates(meeting: Meeting, has_updates: bool, today: datetime.date) -> bool:
    """Meetings before cspboard kept their updates as papers of the item: those say nothing of
    subgroups "with no update". A coming meeting, or one with updates here, lists them all."""
    return has_updates or meeting.date >= today


def subgroup_panel_for_viewer(
    user, meeting: Meeting, item: AgendaItem, withheld: bool, today: datetime.date
) -> SubgroupPanel | None:
    """The subgroups' updates for the meeting page's "subgroup updates" item, as this viewer
    may see them; None when there is nothing to show (see `shows_subgroup_updates`)."""
    access = access_for(user)
    item.meeting = meeting
    if not can_see_item(access, item):
        return None
    rows = subgroups_for_meeting(meeting)
    if not shows_subgroup_updates(meeting, any(u for _, u in rows), today):
        return None
    writable = meeting.date >= today and not meeting.is_cancelled
    led = subgroups_led_by(user, access) if writable else frozenset()
    panel = []
    for subgroup, update in rows:
        can_write = writable and can_write_subgroup_update(user, access, subgroup, meeting, led)
        visible = update is not None and (
            can_see_subgroup_update(access, update, withheld) or can_write
        )
        panel.append(SubgroupRow(subgroup, update, visible, can_write))
    return SubgroupPanel(item=item, rows=panel)


@dataclass
class SubgroupUpdatePage:
    meeting: Meeting
    subgroup: Board
    item: AgendaItem | None
    update: SubgroupUpdate | None
    withheld: bool
    can_write: bool

    @property
    def legal_basis(self) -> str:
        """Why the update is withheld: its own paragraph, or its item's."""
        if self.update is not None and self.update.legal_basis:
            return self.update.legal_basis
        return self.item.legal_basis if self.item is not None else ""


def subgroup_update_of(meeting, subgroup: Board) -> SubgroupUpdate | None:
    """The subgroup's update to the meeting, if written or uploaded, with what its page shows."""
    update = (
        SubgroupUpdate.objects.filter(meeting=meeting, subgroup=subgroup)
        .select_related("document", "submitted_by_person")
        .first()
    )
    if update is not None:
        update.meeting, update.subgroup = meeting, subgroup
    return update


def _subgroup_page(user, board_slug: str, date: datetime.date, subgroup_slug: str, today):
    meeting = meeting_get(board_slug, date)
    subgroup = get_object_or_404(Board, slug=subgroup_slug, parent=meeting.board)
    item = subgroup_updates_item(meeting)
    update = subgroup_update_of(meeting, subgroup)
    access = access_for(user)
    writable = meeting.date >= today and not meeting.is_cancelled
    can_write = writable and can_write_subgroup_update(user, access, subgroup, meeting)
    withheld = item is not None and item.is_withheld
    return SubgroupUpdatePage(meeting, subgroup, item, update, withheld, can_write), access


def subgroup_update_for_viewer(
    user, board_slug: str, date: datetime.date, subgroup_slug: str, today: datetime.date
) -> SubgroupUpdatePage:
    """A subgroup's update, for those who may read it (or write it); 404 otherwise, as for one
    that does not exist."""
    page, access = _subgroup_page(user, board_slug, date, subgroup_slug, today)
    if page.update is None:
        raise Http404
    if not (page.can_write or can_see_subgroup_update(access, page.update, page.withheld)):
        raise Http404
    return page


def subgroup_update_for_writer(
    user, board_slug: str, date: datetime.date, subgroup_slug: str, today: datetime.date
) -> SubgroupUpdatePage:
    """The page to write a subgroup's update: its lead or the parent board's officers, for a
    coming meeting; 404 for anyone else."""
    page, _ = _subgroup_page(user, board_slug, date, subgroup_slug, today)
    if not page.can_write or page.item is None:
        raise Http404
    return page


def default_update_title(subgroup: Board) -> str:
    """As the seed packs title them: "Safer Borough Subgroup Update"."""
    if "subgroup" in subgroup.name.lower().replace("-", ""):
        return f"{subgroup.name} Update"
    return f"{subgroup.name} Subgroup Update"
