"""Writes for organisations and people. Views, commands and the demo loader all come here."""

from django.db import transaction

from cspboard.core.exceptions import RecordInUse
from cspboard.core.history import attribute
from cspboard.core.slugs import unique_slug

from .choices import AliasKind, OrganisationKind
from .models import Organisation, Person, PersonAlias
from .selectors import Reference, person_references


@transaction.atomic
def organisation_create(
    *, name: str, short_name: str = "", kind: str = OrganisationKind.OTHER, slug: str = ""
) -> Organisation:
    return Organisation.objects.create(
        name=name,
        short_name=short_name,
        kind=kind,
        slug=slug or unique_slug(Organisation, short_name or name),
    )


@transaction.atomic
def person_create(
    *,
    name: str,
    honorific: str = "",
    post_title: str = "",
    organisation: Organisation | None = None,
    email: str = "",
    slug: str = "",
    aliases: list[tuple[str, str]] = (),  # type: ignore[assignment]
    by=None,
) -> Person:
    person = Person(
        name=name.strip(),
        honorific=honorific.strip(),
        post_title=post_title.strip(),
        organisation=organisation,
        email=email.strip(),
        slug=slug or unique_slug(Person, name, max_length=120),
    )
    person.full_clean()
    attribute(person, by)
    person.save()
    for alias, kind in aliases:
        person_alias_add(person=person, alias=alias, kind=kind)
    return person


@transaction.atomic
def person_alias_add(*, person: Person, alias: str, kind: str = AliasKind.SPELLING) -> PersonAlias:
    obj, _ = PersonAlias.objects.get_or_create(person=person, alias=alias, defaults={"kind": kind})
    return obj


@transaction.atomic
def person_link_user(*, person: Person, user) -> Person:
    person.user = user
    person.save(update_fields=["user"])
    return person


class PersonInUse(RecordInUse):
    """The person is named in the record, so deleting them would leave holes in it."""

    def __init__(self, message: str, references: list[Reference]):
        super().__init__(message)
        self.references = references


def in_use_message(person: Person, references: list[Reference]) -> str:
    return (
        f"{person.display_name} cannot be deleted: the record refers to them "
        f"({', '.join(str(r) for r in references)}). Deleting them would leave gaps in the "
        "boards' history. End the membership instead: they stay in the record as a past member "
        "from the day it ended."
    )


@transaction.atomic
def person_delete(*, person: Person, by=None) -> None:
    """Delete a person entered by mistake. Refused (PersonInUse, whose message says what to do
    instead) while memberships, attendance, presentations, papers or anything else refer to them.
    Their aliases go with them, and so does their log-in, unless it is a site administrator's.
    """
    references = person_references(person)
    if references:
        raise PersonInUse(in_use_message(person, references), references)
    user = person.user
    if user is not None and (user.is_staff or user.is_superuser):
        raise RecordInUse(
            f"{person.display_name}'s log-in is a site administrator's: a site administrator "
            "must remove it in the administration pages first."
        )
    attribute(person, by)
    person.delete()
    if user is not None:
        user.delete()
