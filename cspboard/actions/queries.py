"""Reads for the action log pages (kept apart from selectors.py, which holds the extraction's
look-ups). Every function taking `user` filters through cspboard.core.permissions."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.models import Board
from cspboard.core.permissions import access_for
from cspboard.people.models import Person

from .choices import ActionStatus, Rag
from .models import ActionItem, ActionUpdate
from .rag import rag_of

SORTS = {
    "number": ("number",),
    "target": ("target_date", "number"),
    "raised": ("raised_on", "number"),
    "status": ("status", "number"),
}


@dataclass
class LogFilters:
    owner: str = ""
    organisation: str = ""
    status: str = "open"
    rag: str = ""
    overdue: bool = False
    sort: str = "number"

    @classmethod
    def from_query(cls, query) -> LogFilters:
        sort = query.get("sort", "number")
        return cls(
            owner=query.get("owner", ""),
            organisation=query.get("organisation", ""),
            status=query.get("status", "open"),
            rag=query.get("rag", ""),
            overdue=query.get("overdue") == "1",
            sort=sort if sort in SORTS else "number",
        )


@dataclass
class ActionLog:
    board: Board
    actions: list[ActionItem]
    counts: dict[str, int]
    filters: LogFilters
    owners: list[Person]
    organisations: list[str]
    is_officer: bool
    can_see_all: bool


def actions_for_viewer(board: Board, access) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(board=board)
        .visible_to(access)
        .select_related("meeting", "meeting__board", "owner_organisation", "item", "board")
        .prefetch_related(
            Prefetch("owners", queryset=Person.objects.select_related("organisation")),
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("-created_at", "-pk")),
        )
    )


def decorate(actions: list[ActionItem], today: datetime.date, amber_days: int) -> None:
    for action in actions:
        action.rag = rag_of(action, today, amber_days)
        action.overdue = (
            action.is_open and action.target_date is not None and action.target_date < today
        )
        action.owner_list = list(action.owners.all())
        action.latest_update = next(iter(action.updates.all()), None)
        action.lead = (
            ", ".join(p.display_name for p in action.owner_list)
            or action.lead_text
            or (
                action.owner_organisation.name
                if action.owner_organisation
                else "All partners"
                if action.all_partners
                else ""
            )
        )


def action_log_for_user(user, slug: str, query, today: datetime.date | None = None) -> ActionLog:
    from .services import action_settings_for

    today = today or datetime.date.today()
    board = get_object_or_404(Board, slug=slug)
    access = access_for(user)
    amber_days = action_settings_for(board).amber_within_days
    actions = list(actions_for_viewer(board, access))
    decorate(actions, today, amber_days)
    filters = LogFilters.from_query(query)
    counts = Counter()
    for action in actions:
        counts[action.status] += 1
        if action.is_open:
            counts[action.rag] += 1
            counts["overdue"] += action.overdue
    counts["all"] = len(actions)
    owners = sorted({p for a in actions for p in a.owner_list}, key=lambda p: p.name)
    organisations = sorted(
        {
            name
            for a in actions
            for name in [a.owner_organisation.name if a.owner_organisation else None]
            + [p.organisation.name for p in a.owner_list if p.organisation]
            if name
        }
    )

    def keep(action) -> bool:
        if filters.status and filters.status != "all" and action.status != filters.status:
            return False
        if filters.rag and action.rag != filters.rag:
            return False
        if filters.overdue and not action.overdue:
            return False
        if filters.owner and filters.owner not in {p.slug for p in action.owner_list}:
            return False
        if filters.organisation:
            names = {p.organisation.name for p in action.owner_list if p.organisation}
            if action.owner_organisation:
                names.add(action.owner_organisation.name)
            if filters.organisation not in names:
                return False
        return True

    shown = [a for a in actions if keep(a)]
    fields = SORTS[filters.sort]
    shown.sort(
        key=lambda a: tuple(
            (getattr(a, f) is None, getattr(a, f) or datetime.date.min)
            if f.endswith(("_date", "_on"))
            else getattr(a, f)
            for f in fields
        )
    )
    return ActionLog(
        board=board,
        actions=shown,
        counts=dict(counts),
        filters=filters,
        owners=owners,
        organisations=organisations,
        is_officer=access.is_officer(board.pk),
        can_see_all=access.can_see_withheld(board.pk),
    )


def action_for_user(user, slug: str, number: int) -> ActionItem:
    from .services import action_settings_for

    board = get_object_or_404(Board, slug=slug)
    access = access_for(user)
    action = actions_for_viewer(board, access).filter(number=number).first()
    if action is None:
        raise Http404
    decorate([action], datetime.date.today(), action_settings_for(board).amber_within_days)
    return action


def outstanding_actions(board: Board, today: datetime.date | None = None) -> list[ActionItem]:
    """The board's open actions, for the next meeting's "minutes and action log" item."""
    from .services import action_settings_for

    actions = list(
        ActionItem.objects.filter(board=board, status=ActionStatus.OPEN)
        .select_related("meeting", "owner_organisation", "board")
        .prefetch_related(
            "owners",
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("-created_at", "-pk")),
        )
        .order_by("number")
    )
    decorate(actions, today or datetime.date.today(), action_settings_for(board).amber_within_days)
    return actions


def my_actions(user, today: datetime.date | None = None) -> list[ActionItem]:
    person = getattr(user, "person", None)
    if person is None:
        return []
    access = access_for(user)
    actions = list(
        ActionItem.objects.filter(owners=person, status=ActionStatus.OPEN)
        .visible_to(access)
        .select_related("board", "meeting", "owner_organisation")
        .prefetch_related(
            "owners",
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("-created_at", "-pk")),
        )
        .order_by("target_date", "board__name", "number")
    )
    # Each board rates by its own rule.
    from .models import ActionLogSettings

    amber = dict(
        ActionLogSettings.objects.filter(board_id__in={a.board_id for a in actions}).values_list(
            "board_id", "amber_within_days"
        )
    )
    for action in actions:
        decorate([action], today or datetime.date.today(), amber.get(action.board_id, 14))
    return actions


RAG_LABELS = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green", "": "–"}


def possible_owners(meeting) -> QuerySet[Person]:
    """Whoever might own an action of this meeting: the board's members past and present, and
    anyone recorded at its meetings (presenters, guests, officers)."""
    from django.db.models import Q

    board = meeting.board
    return (
        Person.objects.filter(Q(memberships__board=board) | Q(attendance__meeting__board=board))
        .distinct()
        .order_by("name")
    )


def outstanding_actions_for(access, board: Board) -> list[ActionItem]:
    """The board's open actions this viewer may see, for a meeting's action log item."""
    from .services import action_settings_for

    actions = list(
        ActionItem.objects.filter(board=board, status=ActionStatus.OPEN)
        .visible_to(access)
        .select_related("meeting", "owner_organisation", "board")
        .prefetch_related(
            "owners",
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("-created_at", "-pk")),
        )
        .order_by("number")
    )
    decorate(actions, datetime.date.today(), action_settings_for(board).amber_within_days)
    return actions
