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

from cspboard.people.models import Organisation, Person
from cspboard.people.names import BY_NAME, BY_NAME_FORM, CandidatePerson, match_person
from cspboard.people.selectors import candidates

from .moderngov import Attendee
from .organisations import OrganisationMatcher


@dataclasses.dataclass(frozen=True)
class AttendeeMatch:
    person: Person | None
    organisation: Organisation | None
    # The organisation the register gives the person, when it is not the one the answer names.
    register_organisation: Organisation | None = None


class AttendeeMatcher(OrganisationMatcher):
    def __init__(self):
        super().__init__()
        self._people: list[CandidatePerson] | None = None
        self._organisation_of: dict[int, int | None] = {}

    @property
    def people(self) -> list[CandidatePerson]:
        if self._people is None:
            self._people = candidates(Person.objects.all())
            self._organisation_of = dict(Person.objects.values_list("pk", "organisation_id"))
        return self._people

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
