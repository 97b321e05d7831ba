"""Writes for meetings: the officer's and chair's cycle from the diary to published minutes.

Every function is atomic, takes keyword arguments, and is what views, commands and imports call.
`by` is the user making the change; it is recorded in the audit history.
"""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from cspboard.boards.choices import MINUTES_ROLES, ItemRole
from cspboard.boards.models import Board
from cspboard.boards.standing import standing_items_for
from cspboard.core.cache import bump_board_generation
from cspboard.core.exceptions import EditConflict, NotAllowed, RecordInUse
from cspboard.core.history import attribute
from cspboard.core.sanitise import sanitise_html
from cspboard.people.models import Person

from . import notifications, signals
from .choices import (
    MINUTES_STATUSES,
    WITHHELD_MARKINGS,
    Amendment,
    AttendanceCapacity,
    AttendanceStatus,
    DecisionKind,
    ItemKind,
    MeetingStatus,
    ReviewAction,
    SecurityMarking,
)
from .models import AgendaItem, Attendance, Decision, Declaration, Meeting, MinutesReview
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


# Meetings ---------------------------------------------------------------------------------------


def _check_times(start_time, end_time) -> None:
    if end_time is not None and start_time is not None and end_time <= start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})


@transaction.atomic
def meeting_create(
    *,
    board: Board,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time | None = None,
    venue: str = "",
    online: bool = False,
    chair: Person | None = None,
    status: str = MeetingStatus.SCHEDULED,
    agenda_published_on: datetime.date | None = None,
    no_declarations: bool = False,
    notes: str = "",
    by=None,
) -> Meeting:
    _check_times(start_time, end_time)
    meeting = Meeting(
        board=board,
        date=date,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        online=online,
        chair=chair,
        status=status,
        agenda_published_on=agenda_published_on,
        no_declarations=no_declarations,
        notes=notes,
    )
    meeting.full_clean()
    attribute(meeting, by)
    meeting.save()
    return meeting


def series_dates(
    *, year: int, months: list[int], weekday: int, ordinal: str
) -> list[datetime.date]:
    """Dates such as "the last Wednesday of March, June, September and December".

    `weekday` is 0 for Monday; `ordinal` is first, second, third, fourth or last.
    """
    index = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}[ordinal]
    dates = []
    for month in sorted(months):
        days = [
            day
            for day in calendar.Calendar().itermonthdates(year, month)
            if day.month == month and day.weekday() == weekday
        ]
        dates.append(days[index])
    return dates


@transaction.atomic
def meetings_create_series(
    *,
    board: Board,
    dates: list[datetime.date],
    start_time: datetime.time,
    end_time: datetime.time | None = None,
    venue: str = "",
    online: bool = False,
    by=None,
) -> tuple[list[Meeting], list[datetime.date]]:
    """Create a meeting on each date; dates the board already meets on are skipped and returned."""
    _check_times(start_time, end_time)
    existing = set(
        Meeting.objects.filter(board=board, date__in=dates).values_list("date", flat=True)
    )
    created = [
        meeting_create(
            board=board,
            date=day,
            start_time=start_time,
            end_time=end_time,
            venue=venue,
            online=online,
            by=by,
        )
        for day in sorted(set(dates) - existing)
    ]
    return created, sorted(existing)


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time | None,
    venue: str,
    online: bool,
    chair: Person | None,
    by=None,
) -> Meeting:
    """Move a meeting or change its details; members are told when its agenda is already out."""
    if meeting.is_cancelled:
        raise NotAllowed("This meeting was cancelled: create a new meeting instead.")
    _check_times(start_time, end_time)
    moved = (meeting.date, meeting.start_time, meeting.end_time, meeting.venue, meeting.online) != (
        date,
        start_time,
        end_time,
        venue,
        online,
    )
    meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
    meeting.venue, meeting.online, meeting.chair = venue, online, chair
    meeting.full_clean()
    attribute(meeting, by)
    meeting.save()
    if moved and meeting.agenda_is_published:
        to = notifications.recipients("meeting_changed", meeting)
        notifications.meeting_changed(meeting, to)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str = "", by=None) -> Meeting:
    """Cancelled meetings stay in the record; members are told."""
    if meeting.is_cancelled:
        return meeting
    if meeting.status in MINUTES_STATUSES:
        raise NotAllowed("This meeting has minutes, so it took place and cannot be cancelled.")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason.strip()
    attribute(meeting, by)
    meeting.save(update_fields=["status", "cancelled_reason"])
    to = notifications.recipients("meeting_cancelled", meeting)
    notifications.meeting_cancelled(meeting, to)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by=None) -> None:
    """Only an empty meeting, made by mistake, may be deleted; any other is cancelled instead."""
    if (
        meeting.items.exists()
        or meeting.attendance.exists()
        or meeting.status != MeetingStatus.SCHEDULED
    ):
        raise RecordInUse(
            "This meeting has an agenda, attendance or minutes, so deleting it would lose part "
            "of the record. Cancel the meeting instead: it stays in the record marked cancelled."
        )
    attribute(meeting, by)
    meeting.delete()


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


# At the meeting ---------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    person: Person | None = None,
    name: str = "",
    status: str = AttendanceStatus.PRESENT,
    capacity: str = AttendanceCapacity.MEMBER,
    substitute_for: Person | None = None,
    by=None,
) -> Attendance:
    """Record one person's attendance; recording them again updates their row. A guest named
    rather than chosen is linked to the person in the register their name is, if it is plainly
    one person (`people.selectors.person_for_name`)."""
    _check_started(meeting)
    if person is None and not name.strip():
        raise ValidationError("Name the person attending.")
    if person is None:
        from cspboard.people.selectors import person_for_name

        person = person_for_name(name)
    if capacity == AttendanceCapacity.SUBSTITUTE and substitute_for is None:
        raise ValidationError({"substitute_for": "Say which member they are substituting for."})
    if person is not None:
        row = Attendance.objects.filter(meeting=meeting, person=person).first() or Attendance(
            meeting=meeting, person=person
        )
    else:
        row = Attendance(meeting=meeting, name=name.strip())
    row.status, row.capacity, row.substitute_for = status, capacity, substitute_for
    attribute(row, by)
    row.save()
    _mark_held(meeting, by)
    return row


@transaction.atomic
def attendance_remove(*, row: Attendance, by=None) -> None:
    attribute(row, by)
    row.delete()


def _check_started(meeting: Meeting) -> None:
    """Attendance, minutes and decisions are a record of what happened: not before it did."""
    if not meeting.has_started:
        raise NotAllowed(meeting.not_started_reason)


def _mark_held(meeting: Meeting, by) -> None:
    if meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED) and (
        meeting.date <= datetime.date.today()
    ):
        meeting.status = MeetingStatus.HELD
        attribute(meeting, by)
        meeting.save(update_fields=["status"])


@transaction.atomic
def declaration_record(
    *,
    meeting: Meeting,
    person: Person,
    text: str,
    item: AgendaItem | None = None,
    made_in_advance: bool = False,
    by=None,
) -> Declaration:
    if not text.strip():
        raise ValidationError({"text": "Describe the interest."})
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError("That item belongs to another meeting.")
    declaration = Declaration(
        meeting=meeting,
        person=person,
        item=item,
        text=text.strip(),
        made_in_advance=made_in_advance,
    )
    attribute(declaration, by)
    declaration.save()
    if meeting.no_declarations:
        meeting.no_declarations = False
        meeting.save(update_fields=["no_declarations"])
    return declaration


@transaction.atomic
def declarations_none(*, meeting: Meeting, by=None) -> Meeting:
    """Record "no declarations of interest" as such, rather than as a blank."""
    if meeting.declarations.exists():
        raise NotAllowed("Declarations are recorded for this meeting.")
    meeting.no_declarations = True
    attribute(meeting, by)
    meeting.save(update_fields=["no_declarations"])
    return meeting


@transaction.atomic
def declaration_remove(*, declaration: Declaration, by=None) -> None:
    attribute(declaration, by)
    declaration.delete()


@transaction.atomic
def item_minutes_set(
    *, item: AgendaItem, minutes: str, expected_version: int | None = None, by=None
) -> AgendaItem:
    """Store an item's minutes (script and unknown markup removed). Refused, with the saved
    text returned, if someone else saved the item since `expected_version`."""
    current = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(
            "Someone else saved these minutes since you opened them. Both versions are shown "
            "below: copy what you need into the current version and save again.",
            current=current,
            current_version=current.version,
        )
    meeting = current.meeting
    _check_started(meeting)
    if meeting.status in (MeetingStatus.MINUTES_WITH_CHAIR, MeetingStatus.MINUTES_PUBLISHED):
        raise NotAllowed(
            "The minutes are with the chair or published: they cannot be changed now."
            if meeting.status == MeetingStatus.MINUTES_WITH_CHAIR
            else "The minutes are published: they cannot be changed."
        )
    current.minutes = sanitise_html(minutes)
    current.version += 1
    attribute(current, by)
    current.save(update_fields=["minutes", "version"])
    # Each ACTION line becomes a proposal for the officer to confirm (once per line, ever).
    signals.item_minutes_saved.send(sender=AgendaItem, item=current, by=by)
    if meeting.status in (
        MeetingStatus.SCHEDULED,
        MeetingStatus.AGENDA_PUBLISHED,
        MeetingStatus.HELD,
        MeetingStatus.MINUTES_APPROVED,
    ):
        # Editing approved minutes sends them back to draft: the chair approves what is kept.
        meeting.status = MeetingStatus.MINUTES_DRAFTED
        attribute(meeting, by)
        meeting.save(update_fields=["status"])
    return current


@transaction.atomic
def item_minutes_restore(*, item: AgendaItem, history_id: int, by=None) -> AgendaItem:
    """Bring back an earlier version of an item's minutes from the audit history."""
    old = item.history.get(history_id=history_id)
    return item_minutes_set(item=item, minutes=old.minutes, by=by)


@transaction.atomic
def decision_add(
    *, item: AgendaItem, text: str, kind: str = DecisionKind.DECISION, by=None
) -> Decision:
    _check_started(item.meeting)
    if not text.strip():
        raise ValidationError({"text": "Enter the decision."})
    position = (item.decisions.aggregate(last=Max("position"))["last"] or 0) + 1
    decision = Decision(item=item, text=text.strip(), kind=kind, position=position)
    attribute(decision, by)
    decision.save()
    return decision


@transaction.atomic
def decision_remove(*, decision: Decision, by=None) -> None:
    attribute(decision, by)
    decision.delete()


# After the meeting ------------------------------------------------------------------------------


def _review(meeting, action, by, comments="", confirmed_at=None) -> MinutesReview:
    return MinutesReview.objects.create(
        meeting=meeting,
        action=action,
        comments=comments.strip(),
        by=by if getattr(by, "is_authenticated", False) else None,
        confirmed_at=confirmed_at,
    )


def _set_status(meeting: Meeting, status: str, by) -> None:
    meeting.status = status
    attribute(meeting, by)
    meeting.save(update_fields=["status"])


@transaction.atomic
def minutes_send_to_chair(*, meeting: Meeting, by=None) -> Meeting:
    if meeting.status != MeetingStatus.MINUTES_DRAFTED:
        raise NotAllowed("Only draft minutes can be sent to the chair.")
    _set_status(meeting, MeetingStatus.MINUTES_WITH_CHAIR, by)
    _review(meeting, ReviewAction.SENT, by)
    to = notifications.recipients("minutes_sent", meeting)
    notifications.minutes_sent_to_chair(meeting, to)
    return meeting


@transaction.atomic
def minutes_approve(*, meeting: Meeting, comments: str = "", by=None) -> Meeting:
    if meeting.status != MeetingStatus.MINUTES_WITH_CHAIR:
        raise NotAllowed("These minutes are not waiting for the chair's approval.")
    _set_status(meeting, MeetingStatus.MINUTES_APPROVED, by)
    _review(meeting, ReviewAction.APPROVED, by, comments)
    to = notifications.recipients("minutes_reviewed", meeting)
    notifications.minutes_reviewed(meeting, approved=True, to=to)
    return meeting


@transaction.atomic
def minutes_return(*, meeting: Meeting, comments: str, by=None) -> Meeting:
    if meeting.status != MeetingStatus.MINUTES_WITH_CHAIR:
        raise NotAllowed("These minutes are not waiting for the chair's approval.")
    if not comments.strip():
        raise ValidationError({"comments": "Say what needs changing."})
    _set_status(meeting, MeetingStatus.MINUTES_DRAFTED, by)
    _review(meeting, ReviewAction.RETURNED, by, comments)
    to = notifications.recipients("minutes_reviewed", meeting)
    notifications.minutes_reviewed(meeting, approved=False, to=to)
    return meeting


@transaction.atomic
def minutes_confirm(*, meeting: Meeting, at_meeting: Meeting, by=None) -> Meeting:
    """The board confirms the minutes as correct at a later meeting; that meeting's "minutes"
    item records it as a decision."""
    if at_meeting.board_id != meeting.board_id or at_meeting.date <= meeting.date:
        raise ValidationError("Minutes are confirmed at a later meeting of the same board.")
    if meeting.status not in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.MINUTES_PUBLISHED):
        raise NotAllowed("The chair approves the minutes before the board confirms them.")
    meeting.minutes_approved_at = at_meeting
    attribute(meeting, by)
    meeting.save(update_fields=["minutes_approved_at"])
    _review(meeting, ReviewAction.CONFIRMED, by, confirmed_at=at_meeting)
    item = _minutes_item(at_meeting)
    if item is not None:
        decision_add(
            item=item,
            by=by,
            kind=DecisionKind.RESOLUTION,
            text=f"The minutes of the meeting held on {meeting.date:%-d %B %Y} were confirmed "
            "as a correct record.",
        )
    return meeting


def _minutes_item(meeting: Meeting) -> AgendaItem | None:
    """The item under which the board confirms the last meeting's minutes."""
    return meeting.items.with_role(*MINUTES_ROLES).first()


@transaction.atomic
def minutes_publish(*, meeting: Meeting, by=None) -> Meeting:
    if meeting.status != MeetingStatus.MINUTES_APPROVED:
        raise NotAllowed("Only minutes approved by the chair can be published.")
    _set_status(meeting, MeetingStatus.MINUTES_PUBLISHED, by)
    _review(meeting, ReviewAction.PUBLISHED, by)
    signals.minutes_published.send(sender=Meeting, meeting=meeting, by=by)
    to = notifications.recipients("minutes_published", meeting)
    notifications.minutes_published(meeting, to)
    return meeting


# Kept for callers written before the approval cycle existed (the demo loader).
def meeting_record_minutes_approval(*, meeting: Meeting, approved_at: Meeting, by=None) -> Meeting:
    if approved_at.board_id != meeting.board_id or approved_at.date <= meeting.date:
        raise ValidationError("Minutes are approved at a later meeting of the same board.")
    meeting.minutes_approved_at = approved_at
    if meeting.status not in (MeetingStatus.MINUTES_PUBLISHED,):
        meeting.status = MeetingStatus.MINUTES_APPROVED
    attribute(meeting, by)
    meeting.save(update_fields=["minutes_approved_at", "status"])
    return meeting
