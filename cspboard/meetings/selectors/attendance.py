"""Reads for recording the meeting: who is expected, who attended, what a member may declare an
interest in."""

from __future__ import annotations

from cspboard.boards.access import access_for
from cspboard.boards.choices import ROLE_ORDER, VOTING_ROLES
from cspboard.boards.models import Membership
from cspboard.people.models import Person

from ..models import Attendance, Meeting


def current_members(meeting: Meeting) -> list[Person]:
    """Those expected at the meeting: its board's members on its date, in role order."""
    rows = (
        Membership.objects.held_on(meeting.date)
        .filter(board=meeting.board, role__in=VOTING_ROLES)
        .select_related("person", "person__organisation")
    )
    people: dict[int, tuple] = {}
    for membership in rows:
        key = (ROLE_ORDER.get(membership.role, 99), membership.person.name)
        if membership.person_id not in people or key < people[membership.person_id][0]:
            people[membership.person_id] = (key, membership.person)
    return [person for _, person in sorted(people.values(), key=lambda pair: pair[0])]


def attendance_rows(meeting: Meeting) -> list[Attendance]:
    return list(
        Attendance.objects.filter(meeting=meeting).select_related("person", "substitute_for")
    )


def declarable_items(user, meeting: Meeting):
    """The meeting's items a member may declare an interest in: those they may see (none while
    the agenda is unpublished, unless they are one of the board's officers)."""
    return meeting.items.visible_to(access_for(user)).order_by("position")
