"""Writes for the agenda: its items (added, changed, moved, removed, numbered), the standing
items, the Schedule 12A withholding of each, and publishing it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from cspboard.boards.choices import ItemRole
from cspboard.boards.standing import standing_items_for
from cspboard.core.cache import bump_board_generation
from cspboard.core.exceptions import EditConflict, NotAllowed, RecordInUse
from cspboard.core.history import attribute
from cspboard.core.sanitise import sanitise_html
from cspboard.people.models import Person

from .. import notifications, signals
from ..choices import (
    MINUTES_STATUSES,
    WITHHELD_MARKINGS,
    Amendment,
    ItemKind,
    MeetingStatus,
    SecurityMarking,
)
from ..models import AgendaItem, Meeting
from .withholding import withholding_sync

# Sub-items are numbered (i), (ii)... as the seeds' 2018 agendas number them.
ROMAN = [
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
]


# Agenda -----------------------------------------------------------------------------------------


def check_marking(marking: str, paragraph: int | None) -> None:
    """A Schedule 12A paragraph is 1 to 7, and a withheld marking needs one (items and papers)."""
    if paragraph is not None and not 1 <= paragraph <= 7:
        raise ValidationError(
            {"schedule_12a_paragraph": "Schedule 12A paragraph must be a number from 1 to 7."}
        )
    if marking in WITHHELD_MARKINGS and paragraph is None:
        raise ValidationError(
            {
                "schedule_12a_paragraph": f"A {marking} paper needs the Schedule 12A paragraph "
                "that allows it to be withheld."
            }
        )


def _bump_agenda(meeting: Meeting) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(agenda_version=F("agenda_version") + 1)
    meeting.refresh_from_db(fields=["agenda_version"])
    # update() sends no signals, and moves of items are made with update(): retire the pages.
    bump_board_generation(meeting.board_id)


def _check_agenda_version(meeting: Meeting, expected: int | None) -> None:
    if expected is None:
        return
    current = Meeting.objects.values_list("agenda_version", flat=True).get(pk=meeting.pk)
    if current != expected:
        raise EditConflict(
            "Someone else changed this agenda since you opened it. Here it is as it is now: "
            "make your change again.",
            current=None,
            current_version=current,
        )


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    number: str = "",
    title: str,
    parent: AgendaItem | None = None,
    description: str = "",
    presenters: list[Person] = (),  # type: ignore[assignment]
    presenter_text: str = "",
    minutes_allowed: int | None = None,
    pages: str = "",
    kind: str = ItemKind.VERBAL,
    purpose: str = "",
    is_standing: bool = False,
    role: str = ItemRole.ORDINARY,
    security_marking: str = SecurityMarking.UNRESTRICTED,
    schedule_12a_paragraph: int | None = None,
    minutes: str = "",
    plan_comment: str = "",
    before_closing_items: bool = False,
    as_published: bool = False,
    by=None,
) -> AgendaItem:
    """Add an item at the end of the agenda, or of its parent's sub-items.

    With `before_closing_items`, a new top-level item goes before the standing items that close
    every agenda (any other business, date of next meeting). An item added after the agenda was
    published is marked supplementary, unless `as_published`: it was on the agenda as published
    (a past meeting's record being loaded).
    """
    if minutes_allowed is not None and minutes_allowed < 0:
        raise ValidationError({"minutes_allowed": "Time allowed cannot be negative."})
    check_marking(security_marking, schedule_12a_paragraph)
    items = list(meeting.items.order_by("position"))
    closing_titles = (
        {s.title for s in standing_items_for(meeting.board) if s.at_end}
        if before_closing_items and parent is None
        else set()
    )
    position = _insert_position(items, parent, closing_titles)
    # Make room: positions are unique within a meeting.
    for item in reversed([i for i in items if i.position >= position]):
        AgendaItem.objects.filter(pk=item.pk).update(position=item.position + 1)
    item = AgendaItem(
        meeting=meeting,
        parent=parent,
        position=position,
        number=number or "?",
        title=title,
        description=description,
        presenter_text=presenter_text,
        minutes_allowed=minutes_allowed,
        pages=pages,
        kind=kind,
        purpose=purpose,
        is_standing=is_standing,
        role=role,
        security_marking=security_marking,
        schedule_12a_paragraph=schedule_12a_paragraph,
        minutes=sanitise_html(minutes),
        plan_comment=plan_comment,
        amendment=Amendment.SUPPLEMENTARY
        if meeting.agenda_is_published and not as_published
        else Amendment.NONE,
    )
    item.withheld_paragraph = _withheld_by(item)
    item.full_clean()
    attribute(item, by)
    item.save()
    _sync_withholding(meeting, by)
    item.refresh_from_db(fields=["withheld_paragraph"])
    if presenters:
        item.presenters.set(presenters)
    if not number:
        agenda_renumber(meeting=meeting)
        item.refresh_from_db(fields=["number"])
    _bump_agenda(meeting)
    return item


def _insert_position(items: list[AgendaItem], parent, closing_titles: set[str]) -> int:
    """Where a new item goes: after its parent's family, or before the closing standing items
    (any other business, date of next meeting) that end the agenda."""
    if not items:
        return 1
    if parent is not None:
        family = _descendant_positions(items, parent)
        return max(family) + 1
    closing = []
    for item in reversed([i for i in items if i.parent_id is None]):
        if not (item.is_standing and item.title in closing_titles):
            break
        closing.append(item)
    if closing:
        return closing[-1].position
    return items[-1].position + 1


def _descendant_positions(items: list[AgendaItem], parent: AgendaItem) -> list[int]:
    ids = {parent.pk}
    positions = [parent.position]
    for item in items:  # ordered by position, so children follow parents
        if item.parent_id in ids:
            ids.add(item.pk)
            positions.append(item.position)
    return positions


@transaction.atomic
def agenda_renumber(*, meeting: Meeting, by=None) -> None:
    """Number top-level items 1, 2, 3... and sub-items (i), (ii)... in their order."""
    items = list(meeting.items.order_by("position"))
    counters: dict[int | None, int] = {}
    for item in items:
        counters[item.parent_id] = counters.get(item.parent_id, 0) + 1
        n = counters[item.parent_id]
        number = str(n) if item.parent_id is None else f"({ROMAN[n - 1] if n <= len(ROMAN) else n})"
        if item.number != number:
            item.number = number
            attribute(item, by)
            item.save(update_fields=["number"])


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    expected_version: int | None,
    by=None,
    presenters: list[Person] | None = None,
    **fields,
) -> AgendaItem:
    """Change an item's details. Refused if someone saved it since `expected_version`."""
    current = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(
            "Someone else saved this item since you opened it. Both versions are shown below: "
            "copy what you need into the current one and save again.",
            current=current,
            current_version=current.version,
        )
    if fields.get("minutes_allowed") is not None and fields["minutes_allowed"] < 0:
        raise ValidationError({"minutes_allowed": "Time allowed cannot be negative."})
    check_marking(
        fields.get("security_marking", current.security_marking),
        fields.get("schedule_12a_paragraph", current.schedule_12a_paragraph),
    )
    if "parent" in fields:
        _check_parent(current, fields["parent"])
    was_withheld = current.withheld_paragraph is not None
    for name, value in fields.items():
        setattr(current, name, value)
    if "minutes" in fields:
        current.minutes = sanitise_html(current.minutes)
    meeting = current.meeting
    if (
        meeting.agenda_is_published
        and current.amendment != Amendment.SUPPLEMENTARY
        and (set(fields) - {"minutes"})
    ):
        current.amendment = Amendment.REVISED
    current.version += 1
    current.withheld_paragraph = _withheld_by(current)
    current.full_clean()
    attribute(current, by)
    current.save()
    _sync_withholding(meeting, by, also=[] if was_withheld else [current])
    current.refresh_from_db(fields=["withheld_paragraph"])
    if presenters is not None:
        current.presenters.set(presenters)
    _bump_agenda(meeting)
    return current


def _withheld_by(item: AgendaItem) -> int | None:
    """The paragraph withholding the item as saved now: its own, or its parent's stored one
    (`_sync_withholding` then carries it to the items below)."""
    if item.schedule_12a_paragraph is not None:
        return item.schedule_12a_paragraph
    return item.parent.withheld_paragraph if item.parent_id is not None else None


def _check_parent(item: AgendaItem, parent: AgendaItem | None) -> None:
    """A sub-item's parent is another item of the same meeting, never the item itself or one
    of its own sub-items (which would make a loop)."""
    if parent is None:
        return
    if parent.meeting_id != item.meeting_id:
        raise ValidationError({"parent": "Choose an item of this meeting."})
    below = {item.pk}
    children = list(
        AgendaItem.objects.filter(meeting_id=item.meeting_id).values_list("pk", "parent_id")
    )
    grew = True
    while grew:
        grew = False
        for pk, parent_id in children:
            if parent_id in below and pk not in below:
                below.add(pk)
                grew = True
    if parent.pk in below:
        raise ValidationError(
            {"parent": "An item cannot be a sub-item of itself or of one of its own sub-items."}
        )


def _sync_withholding(meeting: Meeting, by, also: list[AgendaItem] = ()) -> None:  # type: ignore[assignment]
    """Store every item's withholding after a change of paragraph or parent; items withheld
    after the agenda was published (those the sync changed, and `also`: the item just saved,
    if it was open before) are announced, so the public documents showing them are withdrawn."""
    newly = withholding_sync(meeting.pk)
    newly += [item.pk for item in also if item.withheld_paragraph is not None]
    if newly and meeting.agenda_is_published:
        signals.items_withheld.send(sender=Meeting, meeting=meeting, item_ids=newly, by=by)


@transaction.atomic
def agenda_item_move(
    *, item: AgendaItem, direction: str, expected_agenda_version: int | None = None, by=None
) -> None:
    """Move an item (with its sub-items) above or below its neighbour at the same level."""
    meeting = item.meeting
    if meeting.status in MINUTES_STATUSES or meeting.status == MeetingStatus.HELD:
        raise NotAllowed(
            "The meeting has been held: the order of its agenda is part of the record."
        )
    _check_agenda_version(meeting, expected_agenda_version)
    items = list(meeting.items.order_by("position"))
    siblings = [i for i in items if i.parent_id == item.parent_id]
    index = next(n for n, i in enumerate(siblings) if i.pk == item.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(siblings):
        return
    first, second = sorted([siblings[index], siblings[other_index]], key=lambda i: i.position)
    block_a = [i for i in items if i.position in _descendant_positions(items, first)]
    block_b = [i for i in items if i.position in _descendant_positions(items, second)]
    start = block_a[0].position
    new_order = block_b + block_a
    # Two passes through free positions keep the unique (meeting, position) constraint happy.
    offset = max(i.position for i in items) + 1
    for n, moving in enumerate(new_order):
        AgendaItem.objects.filter(pk=moving.pk).update(position=offset + n)
    for n, moving in enumerate(new_order):
        AgendaItem.objects.filter(pk=moving.pk).update(position=start + n)
    if meeting.agenda_is_published:
        # Renumbered after publication: members are told with the other changes.
        AgendaItem.objects.filter(pk__in=[first.pk, second.pk], amendment=Amendment.NONE).update(
            amendment=Amendment.REVISED
        )
    agenda_renumber(meeting=meeting, by=by)
    _bump_agenda(meeting)


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by=None) -> None:
    meeting = item.meeting
    if meeting.agenda_is_published:
        raise RecordInUse(
            "The agenda has been published, so its items are part of the record. Change the "
            "item instead (members are told it was revised)."
        )
    if item.documents.exists() or item.minutes:
        raise RecordInUse("This item has papers or minutes: remove those first.")
    attribute(item, by)
    item.delete()
    agenda_renumber(meeting=meeting, by=by)
    _bump_agenda(meeting)


@transaction.atomic
def agenda_build_from_standing_items(*, meeting: Meeting, by=None) -> list[AgendaItem]:
    """Start an empty agenda with the board's standing items (opening and closing ones)."""
    if meeting.items.exists():
        raise NotAllowed("This agenda already has items.")
    created = []
    standing_items = sorted(standing_items_for(meeting.board), key=lambda s: (s.at_end, s.position))
    for standing in standing_items:
        created.append(
            agenda_item_add(
                meeting=meeting,
                title=standing.title,
                kind=standing.kind,
                minutes_allowed=standing.minutes_allowed,
                presenter_text=standing.presenter_text,
                is_standing=True,
                role=standing.role,
                by=by,
            )
        )
    return created


@transaction.atomic
def agenda_publish(*, meeting: Meeting, today: datetime.date | None = None, by=None) -> Meeting:
    """Publish the agenda: it becomes public (less withheld items) and members are e-mailed."""
    if meeting.is_cancelled:
        raise NotAllowed("A cancelled meeting's agenda cannot be published.")
    if meeting.agenda_is_published:
        raise NotAllowed("The agenda is already published.")
    if not meeting.items.exists():
        raise NotAllowed("Add the agenda's items before publishing it.")
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.agenda_published_on = today or datetime.date.today()
    attribute(meeting, by)
    meeting.save(update_fields=["status", "agenda_published_on"])
    signals.agenda_published.send(sender=Meeting, meeting=meeting, by=by)
    to = notifications.recipients("agenda_published", meeting)
    notifications.agenda_published(meeting, to)
    return meeting


@transaction.atomic
def agenda_notify_changes(*, meeting: Meeting, by=None) -> int:
    """Tell members which items were added or revised since publication. Returns how many."""
    changed = list(meeting.items.exclude(amendment=Amendment.NONE))
    if changed:
        to = notifications.recipients("agenda_changed", meeting)
        notifications.agenda_changed(meeting, changed, to)
    return len(changed)
