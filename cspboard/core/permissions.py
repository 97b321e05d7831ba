"""Who may see and do what: the one place where cspboard's access rules live.

The rules, in the board's own terms:
- Boards, meetings, published agendas, attendance and approved minutes are public.
- An agenda item with a Schedule 12A paragraph is withheld from the public: they see its number,
  its title and the legal basis, never its sub-items, minutes, decisions, declarations or papers.
  A paper marked PROTECTED or RESTRICTED is withheld the same way, whatever its item.
- Anyone holding a current membership of a board (any role, advisers and note takers included)
  sees that board's withheld material, and that of the board's subgroups, all the way down.
- Officers (contact officer, clerk or policy officer) of a board also see its unpublished
  agendas and draft minutes; members see draft minutes; the public sees published minutes only.
- Site administrators (Django superusers) see everything.

Views never test these rules themselves: they call the selectors, which call this module.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from cspboard.boards.choices import OFFICER_ROLES
from cspboard.meetings.choices import MINUTES_STATUSES, MeetingStatus

_CACHE_ATTR = "_cspboard_access"


@dataclass(frozen=True)
class Access:
    """What one user may see: computed once per request from their current memberships."""

    authenticated: bool = False
    is_admin: bool = False
    person_id: int | None = None
    member_board_ids: frozenset[int] = frozenset()
    officer_board_ids: frozenset[int] = frozenset()

    def can_see_withheld(self, board_id: int) -> bool:
        return self.is_admin or board_id in self.member_board_ids

    def is_officer(self, board_id: int) -> bool:
        return self.is_admin or board_id in self.officer_board_ids


PUBLIC = Access()


def _with_subgroups(board_ids: set[int], parents: dict[int, int | None]) -> frozenset[int]:
    """The given boards and every board below them."""
    children: dict[int, list[int]] = {}
    for board_id, parent_id in parents.items():
        if parent_id is not None:
            children.setdefault(parent_id, []).append(board_id)
    found = set(board_ids)
    stack = list(board_ids)
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return frozenset(found)


def access_for(user, today: datetime.date | None = None) -> Access:
    """The user's access, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated:
        return PUBLIC
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None and today is None:
        return cached

    from cspboard.boards.models import Board, Membership

    if user.is_superuser:
        access = Access(authenticated=True, is_admin=True)
    else:
        rows = list(
            Membership.objects.current(today)
            .filter(person__user=user)
            .values_list("board_id", "role", "person_id")
        )
        if rows:
            parents = dict(Board.objects.values_list("id", "parent_id"))
            member = {board_id for board_id, _, _ in rows}
            officer = {board_id for board_id, role, _ in rows if role in OFFICER_ROLES}
            access = Access(
                authenticated=True,
                person_id=rows[0][2],
                member_board_ids=_with_subgroups(member, parents),
                officer_board_ids=_with_subgroups(officer, parents),
            )
        else:
            access = Access(authenticated=True)
    if today is None:
        setattr(user, _CACHE_ATTR, access)
    return access


def can_see_agenda(access: Access, meeting) -> bool:
    """Agendas are public once published; officers see them while they are being drafted."""
    return meeting.agenda_is_published or access.is_officer(meeting.board_id)


def can_see_minutes(access: Access, meeting) -> bool:
    if meeting.status == MeetingStatus.MINUTES_PUBLISHED:
        return True
    if meeting.status in MINUTES_STATUSES:
        return access.can_see_withheld(meeting.board_id) or access.is_officer(meeting.board_id)
    return False


def can_see_item_in_full(access: Access, meeting, withheld: bool) -> bool:
    """Whether a viewer sees an item's detail; `withheld` counts the item's parents too."""
    return not withheld or access.can_see_withheld(meeting.board_id)


def can_see_document(access: Access, document, item_withheld: bool) -> bool:
    meeting = document.item.meeting
    if not can_see_agenda(access, meeting):
        return False
    if item_withheld or document.is_marked_withheld:
        return access.can_see_withheld(meeting.board_id)
    return True


def can_add_documents(access: Access, meeting) -> bool:
    return access.is_officer(meeting.board_id)
