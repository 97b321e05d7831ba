"""Who ModernGov's attendees are in the register: the person, and the organisation they
represent, matched without guessing.

A name is matched as `people.selectors.person_for_name` matches it (the full name, an alias,
or a form of the first name with the surname). Where that finds several people, the
organisation the answer names decides between them, if it is one of theirs. An organisation
is matched by its name or short name, written alone ("Thames Valley Police") or within the
role ("Representative of the Thames Valley Police"). What matches nothing is kept as written.
The register is read once per import.
"""

from __future__ import annotations

import dataclasses
import re

from cspboard.people.models import Organisation, Person
from cspboard.people.names import BY_NAME, BY_NAME_FORM, CandidatePerson, match_person
from cspboard.people.selectors import candidates

from .moderngov import Attendee


@dataclasses.dataclass(frozen=True)
class AttendeeMatch:
    person: Person | None
    organisation: Organisation | None
    # The organisation the register gives the person, when it is not the one the answer names.
    register_organisation: Organisation | None = None


def _words(text: str) -> str:
    text = " ".join(re.sub(r"[^\w&]+", " ", text.casefold()).split())
    return text.removeprefix("the ")


class AttendeeMatcher:
    def __init__(self):
        self._people: list[CandidatePerson] | None = None
        self._organisation_of: dict[int, int | None] = {}
        self._organisations: list[tuple[str, Organisation]] | None = None

    @property
    def people(self) -> list[CandidatePerson]:
        if self._people is None:
            self._people = candidates(Person.objects.all())
            self._organisation_of = dict(Person.objects.values_list("pk", "organisation_id"))
        return self._people

    @property
    def organisations(self) -> list[tuple[str, Organisation]]:
        """Each organisation under its name and short name, longest first."""
        if self._organisations is None:
            named = []
            for organisation in Organisation.objects.all():
                for name in (organisation.name, organisation.short_name):
                    if len(_words(name)) >= 2:
                        named.append((_words(name), organisation))
            self._organisations = sorted(named, key=lambda pair: -len(pair[0]))
        return self._organisations

    def organisation(self, written: str, role: str = "") -> Organisation | None:
        """The organisation `written` names (the whole of it), else one the role names as
        words of its own."""
        if written:
            bare = _words(written)
            for name, organisation in self.organisations:
                if name == bare:
                    return organisation
        if role:
            padded = f" {_words(role)} "
            for name, organisation in self.organisations:
                if f" {name} " in padded:
                    return organisation
        return None

    def person(self, name: str, organisation: Organisation | None = None) -> Person | None:
        ids, via = match_person(name, self.people)
        if via not in (BY_NAME, BY_NAME_FORM):
            return None
        if len(ids) > 1 and organisation is not None:
            ids = tuple(pk for pk in ids if self._organisation_of.get(pk) == organisation.pk)
        if len(ids) != 1:
            return None
        return Person.objects.select_related("organisation").filter(pk=ids[0]).first()

    def match(self, attendee: Attendee) -> AttendeeMatch:
        organisation = self.organisation(attendee.organisation, attendee.role)
        person = self.person(attendee.name, organisation)
        register = None
        if (
            person is not None
            and organisation is not None
            and person.organisation_id not in (None, organisation.pk)
        ):
            register = person.organisation
        return AttendeeMatch(person, organisation, register)
