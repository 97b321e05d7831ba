"""Writes for boards and memberships."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from cspboard.people.models import Person

from .choices import Role
from .models import Board, Membership


@transaction.atomic
def board_create(
    *,
    name: str,
    slug: str,
    parent: Board | None = None,
    description: str = "",
    terms_of_reference: str = "",
    default_meeting_minutes: int = 180,
    contact_officer: Person | None = None,
) -> Board:
    board = Board(
        name=name,
        slug=slug,
        parent=parent,
        description=description,
        terms_of_reference=terms_of_reference,
        default_meeting_minutes=default_meeting_minutes,
        contact_officer=contact_officer,
    )
    board.full_clean()
    board.save()
    return board


@transaction.atomic
def membership_add(
    *,
    person: Person,
    board: Board,
    role: str = Role.MEMBER,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    note: str = "",
) -> Membership:
    if start and end and end < start:
        raise ValidationError({"end": "A membership cannot end before it starts."})
    membership = Membership(person=person, board=board, role=role, start=start, end=end, note=note)
    membership.full_clean()
    membership.save()
    return membership
