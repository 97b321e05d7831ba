"""Writes for boards, memberships and information sharing agreements.

Every function is atomic, takes keyword arguments, and is what views, commands and the demo
loader call. `by` is the user making the change: it is recorded in the audit history
(django-simple-history), which an officer reads on the board's membership history page.
Rules are checked here, whoever calls: errors are ValidationErrors keyed by the argument they
are about, so a form can show each beside its field.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from cspboard.core.history import attribute
from cspboard.people.models import Organisation, Person
from cspboard.people.services import person_create

from .choices import CHAIR_ROLES, VOTING_ROLES, Role
from .models import Board, Membership, SharingAgreement, SharingAgreementStatus

ONE_DAY = datetime.timedelta(days=1)


def _day(value: datetime.date) -> str:
    return f"{value:%-d %B %Y}"


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
    by=None,
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
    attribute(board, by)
    board.save()
    return board


# Memberships ------------------------------------------------------------------------------------


def _overlap(a: Membership, start: datetime.date | None, end: datetime.date | None) -> bool:
    """Whether `a` and the period start-end share a day (a blank start or end is open)."""
    return (a.start is None or end is None or a.start <= end) and (
        a.end is None or start is None or start <= a.end
    )


@transaction.atomic
def membership_add(
    *,
    person: Person,
    board: Board,
    role: str = Role.MEMBER,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    note: str = "",
    by=None,
) -> Membership:
    """A person takes a role on a board from `start` (blank: before our records begin)."""
    if start and end and end < start:
        raise ValidationError({"end": "A membership cannot end before it starts."})
    same_role = Membership.objects.filter(person=person, board=board, role=role)
    if any(_overlap(existing, start, end) for existing in same_role):
        raise ValidationError(
            {"person": f"{person.display_name} already holds that role on this board then."}
        )
    membership = Membership(
        person=person, board=board, role=role, start=start, end=end, note=note.strip()
    )
    membership.full_clean()
    attribute(membership, by)
    membership.save()
    return membership


@transaction.atomic
def membership_add_new_person(
    *,
    board: Board,
    name: str,
    post_title: str = "",
    organisation: Organisation | None = None,
    email: str = "",
    role: str = Role.MEMBER,
    start: datetime.date | None = None,
    note: str = "",
    by=None,
) -> Membership:
    """Someone not yet in the register joins the board: both are recorded, or neither."""
    person = person_create(
        name=name, post_title=post_title, organisation=organisation, email=email, by=by
    )
    return membership_add(person=person, board=board, role=role, start=start, note=note, by=by)


@transaction.atomic
def membership_end(*, membership: Membership, end: datetime.date, by=None) -> Membership:
    """The membership ends on `end` (its last day). The record keeps it as history."""
    if membership.start is not None and end < membership.start:
        raise ValidationError(
            {
                "end": "The end date must be on or after the day the membership started, "
                f"{_day(membership.start)}"
            }
        )
    membership.end = end
    attribute(membership, by)
    membership.save(update_fields=["end"])
    return membership


@transaction.atomic
def board_hand_over_chair(
    *,
    board: Board,
    new_chair: Person,
    from_date: datetime.date,
    by=None,
    outgoing_stays_as_member: bool = False,
    note: str = "",
) -> Membership:
    """`new_chair` chairs the board from `from_date`: whoever held the chair (or interim chair)
    then stops the day before, and so does the new chair's own place as member or deputy
    chair. With `outgoing_stays_as_member`, the outgoing chair carries on as a member."""
    memberships = list(
        Membership.objects.select_for_update().filter(board=board).select_related("person")
    )
    chair_roles = [m for m in memberships if m.role in CHAIR_ROLES]
    later = [m for m in chair_roles if m.start is not None and m.start > from_date]
    if later:
        raise ValidationError(
            {
                "from_date": f"{later[0].person.display_name} is already due to take the chair "
                f"on {_day(later[0].start)}. Hand over the chair after that date."
            }
        )
    outgoing = [m for m in chair_roles if m.held_on(from_date)]
    if any(m.person_id == new_chair.pk and m.role == Role.CHAIR for m in outgoing):
        raise ValidationError(
            {"new_chair": f"{new_chair.display_name} already chairs the board on that date."}
        )
    own_places = [
        m
        for m in memberships
        if m.person_id == new_chair.pk
        and m.role in VOTING_ROLES
        and m.role not in CHAIR_ROLES
        and (m.end is None or m.end >= from_date)
    ]
    day_before = from_date - ONE_DAY
    for membership in outgoing + own_places:
        if membership.start is not None and membership.start > day_before:
            raise ValidationError(
                {
                    "from_date": f"{membership.person.display_name} became "
                    f"{membership.get_role_display().lower()} on {_day(membership.start)}: "
                    "hand over the chair from a later date."
                }
            )
        membership_end(membership=membership, end=day_before, by=by)

    if outgoing_stays_as_member:
        for membership in outgoing:
            person = membership.person
            already = any(
                m.person_id == person.pk
                and m.role in VOTING_ROLES
                and m.role not in CHAIR_ROLES
                and m.held_on(from_date)
                for m in memberships
            )
            if person.pk != new_chair.pk and not already:
                membership_add(
                    person=person,
                    board=board,
                    role=Role.MEMBER,
                    start=from_date,
                    note="Handed over the chair",
                    by=by,
                )
    return membership_add(
        person=new_chair, board=board, role=Role.CHAIR, start=from_date, note=note, by=by
    )


# Information sharing agreements -----------------------------------------------------------------

# The dates each status may carry: an agreement is sent, then signed, then returned.
_STAGE_DATES = {
    SharingAgreementStatus.NOT_SENT: set(),
    SharingAgreementStatus.SENT: {"sent_on"},
    SharingAgreementStatus.SIGNED: {"sent_on", "signed_on"},
    SharingAgreementStatus.RETURNED: {"sent_on", "signed_on", "returned_on"},
}
_DATE_NAMES = {"sent_on": "sent", "signed_on": "signed", "returned_on": "returned"}


def _check_agreement(status, sent_on, signed_on, returned_on) -> None:
    errors: dict[str, str] = {}
    if status not in _STAGE_DATES:
        errors["status"] = "Choose the agreement's status"
    if sent_on and signed_on and signed_on < sent_on:
        errors["signed_on"] = "The date it was signed must be on or after the date it was sent"
    if returned_on and signed_on and returned_on < signed_on:
        errors["returned_on"] = (
            "The date it was returned must be on or after the date it was signed"
        )
    elif returned_on and sent_on and returned_on < sent_on:
        errors["returned_on"] = "The date it was returned must be on or after the date it was sent"
    if status in _STAGE_DATES:
        given = {
            name
            for name, value in (
                ("sent_on", sent_on),
                ("signed_on", signed_on),
                ("returned_on", returned_on),
            )
            if value
        }
        for name in sorted(given - _STAGE_DATES[status], key=list(_DATE_NAMES).index):
            errors.setdefault(
                name,
                f"Remove the date it was {_DATE_NAMES[name]}, or change the status: "
                f"an agreement “{SharingAgreementStatus(status).label.lower()}” has not been "
                f"{_DATE_NAMES[name]}",
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sharing_agreement_set(
    *,
    board: Board,
    organisation: Organisation,
    status: str,
    sent_on: datetime.date | None = None,
    signed_on: datetime.date | None = None,
    returned_on: datetime.date | None = None,
    note: str = "",
    by=None,
) -> SharingAgreement:
    """Record where a member organisation's information sharing agreement has got to."""
    _check_agreement(status, sent_on, signed_on, returned_on)
    agreement = SharingAgreement.objects.select_for_update().filter(
        board=board, organisation=organisation
    ).first() or SharingAgreement(board=board, organisation=organisation)
    agreement.status = status
    agreement.sent_on = sent_on
    agreement.signed_on = signed_on
    agreement.returned_on = returned_on
    agreement.note = note.strip()
    agreement.full_clean()
    attribute(agreement, by)
    agreement.save()
    return agreement
