"""Who holds which role on which board: the `Access` a user has (computed once per request from
their current memberships, subgroups included), the second factor that must come first, and the
rules that need nothing but roles (managing a board and its people, chairing, leading a
subgroup). What each role may see of the record is decided in `cspboard.meetings.permissions`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from cspboard.core.cache import kept_for_request

from .choices import CHAIR_ROLES, OFFICER_ROLES, SUBGROUP_LEAD_ROLES, Role
from .models import Board, Membership

_CACHE_ATTR = "_cspboard_access"


@dataclass(frozen=True)
class Access:
    """What one user may see: computed once per request from their current memberships."""

    authenticated: bool = False
    is_admin: bool = False
    person_id: int | None = None
    member_board_ids: frozenset[int] = frozenset()
    officer_board_ids: frozenset[int] = frozenset()
    # Analysts enter and rate the board's performance figures.
    analyst_board_ids: frozenset[int] = frozenset()
    # Would see withheld material, but has not yet verified a second factor this session.
    second_factor_pending: bool = False

    def can_see_withheld(self, board_id: int) -> bool:
        return self.is_admin or board_id in self.member_board_ids

    def is_officer(self, board_id: int) -> bool:
        return self.is_admin or board_id in self.officer_board_ids

    def is_analyst(self, board_id: int) -> bool:
        return self.is_admin or board_id in self.analyst_board_ids


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
    """The user's access, cached on the user object for the rest of the request.

    With settings.REQUIRE_2FA, someone whose roles reach withheld material but who has not
    verified a second factor this session gets no boards at all (`second_factor_pending`)."""
    if user is None or not user.is_authenticated:
        return PUBLIC
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None and today is None:
        return cached

    if user.is_superuser:
        access = Access(authenticated=True, is_admin=True)
    else:
        # The user's current memberships, kept (within a request that has read the cache
        # generations) under every board's generation and today's date: any change to a
        # membership, or to whom a person's log-in belongs, moves one of them.
        rows = kept_for_request(
            f"memberships-of:{user.pk}:{today or ''}",
            lambda: list(
                Membership.objects.current(today)
                .filter(person__user=user)
                .values_list("board_id", "role", "person_id")
            ),
            every_board=True,
        )
        if rows:
            # The boards' tree, kept under the global generation every change to a board moves.
            parents = kept_for_request(
                "board-parents", lambda: dict(Board.objects.values_list("id", "parent_id"))
            )
            member = {board_id for board_id, _, _ in rows}
            officer = {board_id for board_id, role, _ in rows if role in OFFICER_ROLES}
            analyst = {board_id for board_id, role, _ in rows if role == Role.ANALYST}
            access = Access(
                authenticated=True,
                person_id=rows[0][2],
                member_board_ids=_with_subgroups(member, parents),
                officer_board_ids=_with_subgroups(officer, parents),
                analyst_board_ids=_with_subgroups(analyst, parents),
            )
        else:
            access = Access(authenticated=True)
    # Staff reach every record through the site administration.
    needs_it = access.is_admin or access.member_board_ids or user.is_staff
    if needs_it and not _second_factor_ok(user):
        access = Access(authenticated=True, second_factor_pending=True)
    if today is None:
        setattr(user, _CACHE_ATTR, access)
    return access


def forget_access(user) -> None:
    """Drop the cached access (after the user verified a second factor mid-request)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _second_factor_ok(user) -> bool:
    """Verified with a second factor in this session (OTPMiddleware installs `is_verified`; a
    user object that never went through a request counts as not verified), or not required."""
    if not settings.REQUIRE_2FA:
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


def second_factor_pending(user) -> bool:
    """Whether the user must verify a second factor before seeing what their roles allow."""
    if not settings.REQUIRE_2FA or user is None or not user.is_authenticated:
        return False
    return access_for(user).second_factor_pending


def needs_second_factor(user) -> bool:
    """Whether the user's roles reach withheld material, so a second factor is asked for at
    sign-in (whatever they have verified so far)."""
    if not settings.REQUIRE_2FA or user is None or not user.is_authenticated:
        return False
    access = access_for(user)
    return access.second_factor_pending or access.is_admin or bool(access.member_board_ids)


def can_manage_board(access: Access, board) -> bool:
    """Officers of a board (or of a board above it) manage its members, agreements and log-ins."""
    return access.is_officer(board.pk)


def can_manage_person(access: Access, board_ids: Iterable[int]) -> bool:
    """Officers of any of the boards given (the person's boards) may manage the person's log-in
    or try to delete them; site administrators may for anyone."""
    return access.is_admin or any(access.is_officer(board_id) for board_id in board_ids)


def is_chair(user, board_id: int) -> bool:
    """Whoever holds the board's chair now (chair or interim chair) approves its minutes."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (
        Membership.objects.current()
        .filter(person__user=user, board_id=board_id, role__in=CHAIR_ROLES)
        .exists()
    )


def subgroups_led_by(user, access: Access) -> frozenset[int]:
    """The boards whose chair, interim or deputy chair the user is now (one query)."""
    if user is None or not user.is_authenticated or access.second_factor_pending:
        return frozenset()
    return frozenset(
        Membership.objects.current()
        .filter(person__user=user, role__in=SUBGROUP_LEAD_ROLES)
        .values_list("board_id", flat=True)
    )


def two_factor_url(next_url: str) -> str:
    return f"{reverse('accounts:two_factor')}?{urlencode({'next': next_url})}"


def second_factor_first(view):
    """Send a signed-in user who has not yet verified their second factor to do so first, and
    back here afterwards; without it the officer's pages would answer them 404."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if second_factor_pending(request.user):
            return redirect(two_factor_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapped
