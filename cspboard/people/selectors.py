"""Reads for people: the person's page, what refers to them, and fetching them for officers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.access import access_for, can_manage_person
from cspboard.boards.models import Membership
from cspboard.meetings.choices import AttendanceStatus
from cspboard.meetings.models import Attendance

from .models import Person, PersonAlias
from .names import BY_NAME, BY_NAME_FORM, CandidatePerson, match_person


@dataclass
class PersonPage:
    person: Person
    memberships: list[Membership]
    attendance: list[Attendance]
    present: int
    apologies: int
    absent: int
    can_manage: bool
    managed_boards: list  # current boards of theirs whose members the viewer manages
    today: datetime.date


def person_page(slug: str, user=None, today: datetime.date | None = None) -> PersonPage:
    """A person's roles over time and the meetings they attended: public, as the minutes are.
    An officer of one of the person's boards also gets the link to delete them."""
    today = today or datetime.date.today()
    person = get_object_or_404(
        Person.objects.select_related("organisation").prefetch_related("aliases"), slug=slug
    )
    memberships = list(
        Membership.objects.filter(person=person)
        .select_related("board")
        .order_by("-start", "board__name")
    )
    for membership in memberships:
        membership.is_current = membership.held_on(today)
    attendance = list(
        Attendance.objects.filter(person=person)
        .select_related("meeting", "meeting__board", "substitute_for")
        .order_by("-meeting__date")
    )
    statuses = [row.status for row in attendance]
    access = access_for(user)
    managed_boards = []
    for membership in memberships:
        board = membership.board
        if membership.is_current and access.is_officer(board.pk) and board not in managed_boards:
            managed_boards.append(board)
    return PersonPage(
        person=person,
        memberships=memberships,
        attendance=attendance,
        present=statuses.count(AttendanceStatus.PRESENT),
        apologies=statuses.count(AttendanceStatus.APOLOGIES),
        absent=statuses.count(AttendanceStatus.ABSENT),
        can_manage=access.authenticated
        and can_manage_person(access, {m.board_id for m in memberships}),
        managed_boards=managed_boards,
        today=today,
    )


def person_get_for_officer(
    user, slug: str, *, include_past: bool, today: datetime.date | None = None
) -> Person:
    """The person, for an officer of one of their boards (or a site administrator); 404 for
    anyone else. `include_past`: whether an ended membership counts as "on their board"."""
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), slug=slug)
    memberships = Membership.objects.filter(person=person)
    if not include_past:
        memberships = memberships.filter(
            Q(end__isnull=True) | Q(end__gte=today or datetime.date.today())
        )
    if not can_manage_person(access_for(user), memberships.values_list("board_id", flat=True)):
        raise Http404
    return person


@dataclass(frozen=True)
class Reference:
    """How many records of one kind refer to a person: "2 memberships"."""

    count: int
    singular: str
    plural: str

    def __str__(self) -> str:
        return f"{self.count} {self.singular if self.count == 1 else self.plural}"


# What refers to a person, in the record's words; anything else is named by its model.
REFERENCE_NAMES = {
    ("boards.membership", "person"): ("membership", "memberships"),
    ("boards.board", "contact_officer"): (
        "board naming them contact officer",
        "boards naming them contact officer",
    ),
    ("meetings.attendance", "person"): ("attendance record", "attendance records"),
    ("meetings.attendance", "substitute_for"): (
        "meeting where someone substituted for them",
        "meetings where someone substituted for them",
    ),
    ("meetings.declaration", "person"): ("declaration of interest", "declarations of interest"),
    ("meetings.meeting", "chair"): ("meeting they chaired", "meetings they chaired"),
    ("meetings.agendaitem", "presenters"): ("presentation", "presentations"),
    ("documents.document", "author_person"): ("paper they wrote", "papers they wrote"),
}


def person_references(person: Person) -> list[Reference]:
    """Everything in the record that names the person (their own aliases aside): one count per
    kind, so the list follows new models without being told about them."""
    references = []
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if model is PersonAlias:
            continue
        field = relation.field.name
        count = model._default_manager.filter(**{field: person}).count()
        if count:
            key = (model._meta.label_lower, field)
            singular, plural = REFERENCE_NAMES.get(
                key, (str(model._meta.verbose_name), str(model._meta.verbose_name_plural))
            )
            references.append(Reference(count, singular, plural))
    return references


# Matching names to people --------------------------------------------------------------------


def candidates(people) -> list[CandidatePerson]:
    """People (a queryset) as `CandidatePerson`s for the name matcher: two queries, the people
    and their aliases, however many there are."""
    return [
        CandidatePerson(
            pk=person.pk,
            name=person.name,
            honorific=person.honorific,
            aliases=tuple((a.alias, a.kind) for a in person.aliases.all()),
        )
        for person in people.prefetch_related("aliases").order_by("name", "pk")
    ]


def person_for_name(name: str) -> Person | None:
    """The one person in the register `name` is, by their full name or an alias (or a form of
    their first name with their surname), through the matcher the action log uses; None when
    it could be nobody or several people, or only by a guess (initials, one name alone, a
    spelling one letter out)."""
    if not name.strip():
        return None
    ids, via = match_person(name, candidates(Person.objects.all()))
    if len(ids) != 1 or via not in (BY_NAME, BY_NAME_FORM):
        return None
    return Person.objects.filter(pk=ids[0]).first()
