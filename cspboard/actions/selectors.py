"""Reads for the action log: the log and an action's page for a viewer, the officer's open
actions, "my actions", the log as at a date (`outstanding_actions_as_at`). Every function
taking `user` or `access` filters through cspboard.meetings.permissions. (Matching owners to
people is `owner_matching.py`.)"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cspboard.boards.access import access_for
from cspboard.boards.models import Board
from cspboard.meetings.permissions import can_update_action
from cspboard.people.models import Person

from .choices import ActionStatus, ProposalStatus
from .models import ActionItem, ActionLogSettings, ActionProposal, ActionUpdate
from .rag import rag_of
from .services import action_settings_for

SORTS = {
    "number": ("number",),
    "target": ("target_date", "number"),
    "raised": ("raised_on", "number"),
    "status": ("status", "number"),
}


def _newest_updates_first() -> Prefetch:
    return Prefetch("updates", queryset=ActionUpdate.objects.order_by("-created_at", "-pk"))


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
            _newest_updates_first(),
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


def action_log_for_viewer(user, slug: str, query, today: datetime.date | None = None) -> ActionLog:
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


def action_for_viewer(user, slug: str, number: int) -> ActionItem:
    board = get_object_or_404(Board, slug=slug)
    access = access_for(user)
    action = actions_for_viewer(board, access).filter(number=number).first()
    if action is None:
        raise Http404
    decorate([action], datetime.date.today(), action_settings_for(board).amber_within_days)
    return action


@dataclass
class ActionPage:
    """An action's page for one viewer: the action (decorated) and what they may do to it."""

    action: ActionItem
    may_update: bool
    is_officer: bool


def action_page_for_viewer(user, slug: str, number: int) -> ActionPage:
    """The action numbered `number` on the board's log, if the user may see it (else 404), with
    whether they may post an update (its owners and the board's officers) and manage it."""
    action = action_for_viewer(user, slug, number)
    access = access_for(user)
    return ActionPage(
        action=action,
        may_update=can_update_action(access, action, {p.pk for p in action.owner_list}),
        is_officer=access.is_officer(action.board_id),
    )


def action_history(action: ActionItem, limit: int = 30) -> QuerySet:
    """The action's history records, newest first, for its officers."""
    return action.history.select_related("history_user").order_by("-history_date")[:limit]


def action_on_log(board: Board, number: int) -> ActionItem | None:
    """The board's action numbered `number`, whoever may see it (the officer marking a
    duplicate names it)."""
    return ActionItem.objects.filter(board=board, number=number).first()


def action_updates(action: ActionItem) -> list[ActionUpdate]:
    """The action's updates, newest first, with who wrote each."""
    return list(action.updates.select_related("by_person").order_by("-created_at", "-pk"))


SIMILAR_RATIO = 0.8


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", re.sub(r"\s+", " ", text.lower())).strip()


def similar_open_actions(
    *, board: Board, text: str, exclude_pk: int | None = None
) -> list[ActionItem]:
    """Open actions of the board that nearly repeat `text` (flagged as possible duplicates)."""
    wanted = _normal(text)
    found = []
    for action in ActionItem.objects.filter(board=board, status=ActionStatus.OPEN).exclude(
        pk=exclude_pk
    ):
        if difflib.SequenceMatcher(None, wanted, _normal(action.text)).ratio() >= SIMILAR_RATIO:
            found.append(action)
    return found


def open_actions(board: Board) -> QuerySet[ActionItem]:
    """The board's open actions (the choices of the officer's "several at once" form)."""
    return ActionItem.objects.filter(board=board, status=ActionStatus.OPEN)


def proposals_waiting(meeting) -> list[ActionProposal]:
    """What the meeting's minutes propose that the officer has not yet confirmed or discarded,
    in agenda order."""
    return list(
        ActionProposal.objects.filter(item__meeting=meeting, status=ProposalStatus.PROPOSED)
        .select_related("item")
        .order_by("item__position", "pk")
    )


def people_names(ids) -> dict[int, str]:
    """{person id: display name} of the people with these ids, in one query."""
    return {p.pk: p.display_name for p in Person.objects.filter(pk__in=ids)}


def outstanding_actions(board: Board, today: datetime.date | None = None) -> list[ActionItem]:
    """The board's open actions as they stand now, every one of them, for its officers' page
    of a meeting's actions. (What a meeting's agenda and pack show is the log as it stood on
    the meeting's date, `outstanding_actions_as_at`.)"""
    actions = list(
        ActionItem.objects.filter(board=board, status=ActionStatus.OPEN)
        .select_related("meeting", "owner_organisation", "board")
        .prefetch_related("owners", _newest_updates_first())
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
            _newest_updates_first(),
        )
        .order_by("target_date", "board__name", "number")
    )
    # Each board rates by its own rule.
    amber = dict(
        ActionLogSettings.objects.filter(board_id__in={a.board_id for a in actions}).values_list(
            "board_id", "amber_within_days"
        )
    )
    for action in actions:
        decorate([action], today or datetime.date.today(), amber.get(action.board_id, 14))
    return actions


def possible_owners(meeting) -> QuerySet[Person]:
    """Whoever might own an action of this meeting: the board's members past and present, and
    anyone recorded at its meetings (presenters, guests, officers)."""
    board = meeting.board
    return (
        Person.objects.filter(Q(memberships__board=board) | Q(attendance__meeting__board=board))
        .distinct()
        .order_by("name")
    )


# The log as it stood ------------------------------------------------------------------------------

# The fields of an action that its history records, read back "as at" a date (owners are not in
# the history: an action's owners are as they are now).
AS_AT_FIELDS = (
    "text",
    "lead_text",
    "status",
    "target_date",
    "closed_on",
    "rag_override",
    "rag_override_reason",
)


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day`, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _closed_before(record: dict, on: datetime.date, *, known_before: bool) -> bool:
    """Whether a record of an action says it was closed (or a duplicate) before `on`.

    A record made before `on` that says closed means it was closed then, whatever its closing
    date. A record made later (the action was entered afterwards, e.g. imported from an old
    log) says so only when its closing date is before `on`."""
    if record["status"] == ActionStatus.OPEN:
        return False
    if record["closed_on"] is None:
        return known_before
    return record["closed_on"] < on


def outstanding_actions_as_at(access, board: Board, on: datetime.date) -> list[ActionItem]:
    """The board's actions outstanding on `on` that this viewer may see, as they stood then.

    Raised before `on` (at a meeting before it, or, raised elsewhere, on a day before it) and
    not closed before it. Each comes back with its text, status, target date and rating
    override as its history recorded them at the start of `on` (its first record, if it was
    entered later), its RAG by the board's rule with `on` as today, and as its latest update the
    last one written before `on`. Five queries, however many actions and records."""
    amber_days = action_settings_for(board).amber_within_days
    start = start_of(on)
    actions = list(
        ActionItem.objects.filter(board=board)
        .visible_to(access)
        .filter(Q(meeting__date__lt=on) | Q(meeting__isnull=True, raised_on__lt=on))
        .select_related("meeting", "meeting__board", "owner_organisation", "item", "board")
        .prefetch_related(
            Prefetch("owners", queryset=Person.objects.select_related("organisation")),
            Prefetch(
                "updates",
                queryset=ActionUpdate.objects.filter(created_at__lt=start).order_by(
                    "-created_at", "-pk"
                ),
            ),
        )
        .order_by("number")
    )
    records: dict[int, tuple[dict | None, dict | None]] = {}  # id -> (last before, first)
    history = (
        ActionItem.history.filter(id__in=[a.pk for a in actions])
        .order_by("id", "history_date", "history_id")
        .values("id", "history_date", "history_type", *AS_AT_FIELDS)
    )
    for record in history:
        before, first = records.get(record["id"], (None, None))
        if first is None:
            first = record
        if record["history_date"] < start:
            before = record
        records[record["id"]] = (before, first)

    outstanding = []
    for action in actions:
        before, first = records.get(action.pk, (None, None))
        live = {field: getattr(action, field) for field in AS_AT_FIELDS}
        if before is not None:
            if before["history_type"] == "-" or _closed_before(before, on, known_before=True):
                continue
            stood = before
        else:
            stood = first or live
            if _closed_before(stood, on, known_before=False):
                continue
        # A closure dated before `on` but recorded later (closing an old action afterwards).
        if _closed_before(live, on, known_before=False):
            continue
        for field in AS_AT_FIELDS:
            setattr(action, field, stood[field])
        action.status, action.closed_on, action.closed_by = ActionStatus.OPEN, None, None
        latest = next(iter(action.updates.all()), None)
        action.last_update_on = timezone_date(latest.created_at) if latest else None
        action.as_at = on
        outstanding.append(action)
    decorate(outstanding, on, amber_days)
    return outstanding


def timezone_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def withheld_paragraphs(board: Board) -> dict[int, int]:
    """{action id: Schedule 12A paragraph} for the board's actions raised under a withheld item
    (at any depth: the item's stored `withheld_paragraph`). For marking the officer's download;
    who may see them is `ActionItem.objects.visible_to`'s to say. One query."""
    return dict(
        ActionItem.objects.filter(board=board, item__withheld_paragraph__isnull=False).values_list(
            "pk", "item__withheld_paragraph"
        )
    )
