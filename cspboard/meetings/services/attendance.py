"""Writes at the meeting: who attended, and the declarations of interest."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from cspboard.core.exceptions import NotAllowed
from cspboard.core.history import attribute
from cspboard.people.models import Person
from cspboard.people.selectors import person_for_name

from ..choices import (
    AttendanceCapacity,
    AttendanceStatus,
    MeetingStatus,
)
from ..models import AgendaItem, Attendance, Declaration, Meeting
from .meeting import _check_started

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
    role: str | None = None,
    organisation=None,
    organisation_name: str | None = None,
    by=None,
) -> Attendance:
    """Record one person's attendance; recording them again updates their row. A guest named
    rather than chosen is linked to the person in the register their name is, if it is plainly
    one person (`people.selectors.person_for_name`)."""
    _check_started(meeting)
    if person is None and not name.strip():
        raise ValidationError("Name the person attending.")
    if person is None:
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
    # The post and body are set only when given (None leaves them as recorded): the officer's
    # attendance page records who came without restating what they came as.
    if role is not None:
        row.role = role.strip()[:200]
    if organisation is not None or organisation_name is not None:
        row.organisation = organisation
        row.organisation_name = "" if organisation else (organisation_name or "").strip()[:200]
    attribute(row, by)
    row.save()
    _mark_held(meeting, by)
    return row


@transaction.atomic
def attendance_remove(*, row: Attendance, by=None) -> None:
    attribute(row, by)
    row.delete()


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
