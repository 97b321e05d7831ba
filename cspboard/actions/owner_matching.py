"""Matching the owners that minutes and spreadsheets name to people: the people an owner may
be, as plain `CandidatePerson`s, and `OwnerMatcher`, the one way owners are matched (saved
minutes, the `actions extract` command, the spreadsheet import's Lead column).

Kept apart from `owners.py` so that resolving owners stays free of the ORM; each list of people
costs two queries (the people, then their aliases) however many people there are.
"""

from collections.abc import Mapping, Sequence

from django.db.models import Q

from cspboard.boards.models import Board, Membership
from cspboard.meetings.models import Meeting
from cspboard.people.models import Organisation, Person
from cspboard.people.selectors import candidates as _candidates

from .owners import AMBIGUOUS, GROUP, ORGANISATION, RESOLVED, CandidatePerson, OwnerMatch
from .owners import resolve_owners as _resolve


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


DECISIVE = (RESOLVED, AMBIGUOUS, ORGANISATION, GROUP)


class OwnerMatcher:
    """Matches owners as written against the nearest people first: the meeting's (its
    attendance, chair and members that day), then everyone who has been on the board or at its
    meetings, then the whole register. The first circle that says who (or that it is ambiguous,
    a body or a group) decides. Each circle is read once, when first needed."""

    def __init__(self, *, meeting: Meeting | None = None, board: Board | None = None):
        if meeting is not None and board is None:
            board = meeting.board
        self._circles = []
        if meeting is not None:
            self._circles.append(lambda: people_for_meeting(meeting))
        if board is not None:
            self._circles.append(lambda: people_for_board(board))
        self._circles.append(people_all)
        self._loaded: list[list[CandidatePerson]] = []
        self._organisations: list[str] | None = None

    @property
    def organisations(self) -> list[str]:
        if self._organisations is None:
            self._organisations = organisation_names()
        return self._organisations

    def _circle(self, index: int) -> list[CandidatePerson]:
        while len(self._loaded) <= index:
            self._loaded.append(self._circles[len(self._loaded)]())
        return self._loaded[index]

    def match(
        self, owners_written: Sequence[str], *, initials: Mapping[str, str] | None = None
    ) -> list[OwnerMatch]:
        matches = []
        for written in owners_written:
            match = None
            for index in range(len(self._circles)):
                (match,) = _resolve(
                    [written],
                    people=self._circle(index),
                    initials=initials,
                    organisations=self.organisations,
                )
                if match.status in DECISIVE:
                    break
            matches.append(match)
        return matches

    @property
    def names(self) -> dict[int, str]:
        """Names of everyone the matcher has read, by id (for listing candidates)."""
        return {p.pk: p.name for circle in self._loaded for p in circle}
