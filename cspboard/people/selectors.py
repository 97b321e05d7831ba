"""Reads for people: what refers to them, and matching names to them. (The person's page, and
fetching them for their boards' officers, are in `cspboard.boards.selectors`.)"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Person, PersonAlias
from .names import BY_NAME, BY_NAME_FORM, CandidatePerson, match_person


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
