"""Writes for meetings, agenda items, attendance, declarations, minutes and decisions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from cspboard.boards.models import Board
from cspboard.core.sanitise import sanitise_html
from cspboard.people.models import Person

from .choices import (
    WITHHELD_MARKINGS,
    AttendanceCapacity,
    AttendanceStatus,
    DecisionKind,
    ItemKind,
    MeetingStatus,
    SecurityMarking,
)
from .models import AgendaItem, Attendance, Decision, Declaration, Meeting


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
) -> Meeting:
    if end_time is not None and end_time <= start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
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
    meeting.save()
    return meeting


@transaction.atomic
def meeting_record_minutes_approval(*, meeting: Meeting, approved_at: Meeting) -> Meeting:
    if approved_at.board_id != meeting.board_id or approved_at.date <= meeting.date:
        raise ValidationError("Minutes are approved at a later meeting of the same board.")
    meeting.minutes_approved_at = approved_at
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.save(update_fields=["minutes_approved_at", "status"])
    return meeting


def _check_marking(marking: str, paragraph: int | None) -> None:
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


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    number: str,
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
    security_marking: str = SecurityMarking.UNRESTRICTED,
    schedule_12a_paragraph: int | None = None,
    minutes: str = "",
) -> AgendaItem:
    """Add an item at the end of the agenda (sub-items go in their parent's place)."""
    if minutes_allowed is not None and minutes_allowed < 0:
        raise ValidationError({"minutes_allowed": "Time allowed cannot be negative."})
    _check_marking(security_marking, schedule_12a_paragraph)
    last = meeting.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        parent=parent,
        position=last + 1,
        number=number,
        title=title,
        description=description,
        presenter_text=presenter_text,
        minutes_allowed=minutes_allowed,
        pages=pages,
        kind=kind,
        purpose=purpose,
        is_standing=is_standing,
        security_marking=security_marking,
        schedule_12a_paragraph=schedule_12a_paragraph,
        minutes=sanitise_html(minutes),
    )
    item.full_clean()
    item.save()
    if presenters:
        item.presenters.set(presenters)
    return item


@transaction.atomic
def item_minutes_set(*, item: AgendaItem, minutes: str) -> AgendaItem:
    """Store an item's minutes; script and unknown markup are removed first."""
    item.minutes = sanitise_html(minutes)
    item.save(update_fields=["minutes"])
    return item


@transaction.atomic
def decision_add(*, item: AgendaItem, text: str, kind: str = DecisionKind.DECISION) -> Decision:
    position = item.decisions.count() + 1
    return Decision.objects.create(item=item, text=text.strip(), kind=kind, position=position)


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    person: Person | None = None,
    name: str = "",
    status: str = AttendanceStatus.PRESENT,
    capacity: str = AttendanceCapacity.MEMBER,
    substitute_for: Person | None = None,
) -> Attendance:
    """Record one person's attendance; recording them again updates their row."""
    if person is None and not name.strip():
        raise ValidationError("Name the person attending.")
    if capacity == AttendanceCapacity.SUBSTITUTE and substitute_for is None:
        raise ValidationError({"substitute_for": "Say which member they are substituting for."})
    if person is not None:
        row, _ = Attendance.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults={"status": status, "capacity": capacity, "substitute_for": substitute_for},
        )
        return row
    return Attendance.objects.create(
        meeting=meeting,
        name=name.strip(),
        status=status,
        capacity=capacity,
        substitute_for=substitute_for,
    )


@transaction.atomic
def declaration_record(
    *, meeting: Meeting, person: Person, text: str, item: AgendaItem | None = None
) -> Declaration:
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError("That item belongs to another meeting.")
    declaration = Declaration.objects.create(meeting=meeting, person=person, item=item, text=text)
    if meeting.no_declarations:
        meeting.no_declarations = False
        meeting.save(update_fields=["no_declarations"])
    return declaration
