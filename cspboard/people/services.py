"""Writes for organisations and people. Views, commands and the demo loader all come here."""

from django.db import transaction

from cspboard.core.slugs import unique_slug

from .choices import AliasKind, OrganisationKind
from .models import Organisation, Person, PersonAlias


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
) -> Person:
    person = Person.objects.create(
        name=name,
        honorific=honorific,
        post_title=post_title,
        organisation=organisation,
        email=email,
        slug=slug or unique_slug(Person, name, max_length=120),
    )
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
