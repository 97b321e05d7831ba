"""Matching the names a document gives to the register, for writing a draft.

Attendees, presenters, chairs and declarers are matched as `people.selectors.person_for_name`
matches them (full name, an alias, or a form of the first name with the surname; never a
guess), but against a register read once per file rather than once per name. Initials
("JT") are matched only through a name the document itself defines ("Jonathon Toy (JT)").
Action owners go through the action log's own `OwnerMatcher`, with the same initials.
"""

from __future__ import annotations

from cspboard.actions.owner_matching import OwnerMatcher
from cspboard.actions.owners import GROUP, ORGANISATION, RESOLVED
from cspboard.meetings.models import Meeting
from cspboard.people.models import Organisation, Person
from cspboard.people.names import BY_NAME, BY_NAME_FORM, CandidatePerson, match_person
from cspboard.people.selectors import candidates

from ..organisations import OrganisationMatcher
from .draft import MeetingDraft


class NameMatcher(OrganisationMatcher):
    """The register, read once (two queries), the people names in it plainly are, and the
    organisations (`OrganisationMatcher.organisation`)."""

    def __init__(self):
        super().__init__()
        self._people: list[CandidatePerson] | None = None
        self._found: dict[str, Person | None] = {}

    @property
    def people(self) -> list[CandidatePerson]:
        if self._people is None:
            self._people = candidates(Person.objects.all())
        return self._people

    def person(self, name: str, *, initials: dict[str, str] | None = None) -> Person | None:
        """The one person `name` plainly is, or None. Initials count only when `initials`
        (those the document defines) says whose they are."""
        name = " ".join(name.split())
        if not name:
            return None
        key = name.strip(" .")
        if initials and key in initials:
            name = initials[key]
        if name not in self._found:
            ids, via = match_person(name, self.people)
            person = None
            if len(ids) == 1 and via in (BY_NAME, BY_NAME_FORM):
                person = Person.objects.filter(pk=ids[0]).first()
            self._found[name] = person
        return self._found[name]


def initials_of_attendees(draft: MeetingDraft) -> dict[str, str]:
    """The initials the attendance list defines ("Jonathon Toy (JT)"); initials given for two
    different names are left out, so that nobody is guessed."""
    found: dict[str, set[str]] = {}
    for attendee in draft.attendance:
        if attendee.initials and attendee.name:
            found.setdefault(attendee.initials.strip(" ."), set()).add(attendee.name)
    return {initials: names.pop() for initials, names in found.items() if len(names) == 1}


class Owners:
    """An action's owners as the action log records them: people, a body, or all partners."""

    def __init__(self, people: list[Person], organisation: Organisation | None, group: bool):
        self.people, self.organisation, self.all_partners = people, organisation, group


def action_owners(
    written: list[str],
    *,
    matcher: OwnerMatcher,
    meeting: Meeting,
    initials: dict[str, str],
    notes: list[str],
) -> Owners:
    """Owners as written, matched by the action log's `OwnerMatcher` (the meeting's people
        first, then the board's, then everyone; one matcher per meeting, made once its attendance
    is written). What matches no one stays in the lead as written,
        and is noted."""
    if not written:
        return Owners([], None, False)
    matches = matcher.match(written, initials=initials)
    ids = [m.person_id for m in matches if m.status == RESOLVED and m.person_id]
    people = list(Person.objects.filter(pk__in=ids))
    organisation = None
    for match in matches:
        if match.status == ORGANISATION and organisation is None:
            name = match.written.strip()
            organisation = (
                Organisation.objects.filter(name__iexact=name).first()
                or Organisation.objects.filter(short_name__iexact=name).first()
            )
    for match in matches:
        if match.status not in (RESOLVED, ORGANISATION, GROUP):
            notes.append(
                f'{meeting.date:%d/%m/%Y}: action owner "{match.written}" is {match.status} in '
                "the register; kept as written in the lead."
            )
    return Owners(people, organisation, any(m.status == GROUP for m in matches))
