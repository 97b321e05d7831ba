"""Reads for the actions app: the people an owner may be, as plain `CandidatePerson`s.

Kept apart from `owners.py` so that resolving owners stays free of the ORM; each function here
costs two queries (the people, then their aliases) however many people there are.
"""

from django.db.models import Q, QuerySet

from cspboard.boards.models import Board, Membership
from cspboard.meetings.models import Meeting
from cspboard.people.models import Organisation, Person

from .owners import CandidatePerson


def _candidates(people: QuerySet[Person]) -> list[CandidatePerson]:
    return [
        CandidatePerson(
            pk=person.pk,
            name=person.name,
            honorific=person.honorific,
            aliases=tuple((a.alias, a.kind) for a in person.aliases.all()),
        )
        for person in people.prefetch_related("aliases").order_by("name", "pk")
    ]


def people_for_meeting(meeting: Meeting) -> list[CandidatePerson]:
    """Everyone the meeting's minutes are likely to name: its attendance (present, apologies or
    absent), its chair, and the members of its board on the meeting's date."""
    members = (
        Membership.objects.filter(board_id=meeting.board_id)
        .held_on(meeting.date)
        .values("person_id")
    )
    people = Person.objects.filter(
        Q(attendance__meeting=meeting) | Q(pk__in=members) | Q(pk=meeting.chair_id)
    ).distinct()
    return _candidates(people)


def people_for_board(board: Board) -> list[CandidatePerson]:
    """Everyone who has ever been a member of the board or is recorded at one of its meetings
    (minutes may be years old, and name presenters and guests)."""
    members = Membership.objects.filter(board=board).values("person_id")
    people = Person.objects.filter(
        Q(pk__in=members) | Q(attendance__meeting__board=board) | Q(meetings_chaired__board=board)
    ).distinct()
    return _candidates(people)


def people_all() -> list[CandidatePerson]:
    """The whole register."""
    return _candidates(Person.objects.all())


def organisation_names() -> list[str]:
    """Every organisation's name and short name ("Metropolitan Police Service", "MPS")."""
    names: list[str] = []
    for name, short_name in Organisation.objects.values_list("name", "short_name"):
        names.append(name)
        if short_name:
            names.append(short_name)
    return names
