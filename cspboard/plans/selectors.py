"""Reads for plans: the board's plans, a plan version's page and a plan action's page for a
viewer, the plan's actions as at a date (the progress report), a subgroup's plan actions.
Every function taking `user` or `access` filters through cspboard.meetings.permissions (the
querysets' `visible_to`); anyone not entitled to a thing is answered 404, as if it did not
exist."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cspboard.actions.models import ActionItem
from cspboard.actions.selectors import decorate as decorate_log_actions
from cspboard.boards.access import PUBLIC, Access, access_for
from cspboard.boards.models import Board
from cspboard.meetings.permissions import can_manage_plans
from cspboard.performance.choices import Series
from cspboard.performance.models import Indicator, Measurement
from cspboard.places.models import Place

from .choices import PlanActionStatus, VersionStatus
from .models import Plan, PlanAction, PlanActionUpdate, PlanVersion, Priority
from .rag import amber_within_days, plan_action_rag

# The newest period first; a version with no dates (imported without them) after those with.
NEWEST_FIRST = (F("starts_on").desc(nulls_last=True), "-pk")


def _updates_newest_first() -> Prefetch:
    return Prefetch(
        "updates",
        queryset=PlanActionUpdate.objects.select_related("by_person").order_by("-on", "-pk"),
    )


def plan_actions_for_viewer(access, **filters) -> QuerySet[PlanAction]:
    return (
        PlanAction.objects.filter(**filters)
        .visible_to(access)
        .select_related("lead_organisation", "lead_person", "priority", "objective")
        .prefetch_related("supporting_organisations", _updates_newest_first())
    )


def decorate(
    actions: list[PlanAction],
    version: PlanVersion,
    today: datetime.date,
    amber_days: int,
    as_at: datetime.date | None = None,
    statuses_then: dict[int, str] | None = None,
) -> None:
    """Give each action its latest update (on or before `as_at`, if given), its status then,
    its lead as the plan names it, its supporting organisations and its RAG by the board's
    rule, from what was known at `as_at` (or today). Its status then is its latest update's by
    `as_at`, else as its history had it then (`statuses_then`), else as it is now."""
    started_on = version.starts_on or (
        timezone.localdate(version.published_at) if version.published_at else today
    )
    for action in actions:
        updates = [u for u in action.updates.all() if as_at is None or u.on <= as_at]
        action.update_list = updates
        action.latest_update = updates[0] if updates else None
        if as_at is None:
            action.status_then = action.status
        elif action.latest_update is not None:
            action.status_then = action.latest_update.status
        else:
            action.status_then = (statuses_then or {}).get(action.pk, action.status)
        action.status_label = PlanActionStatus(action.status_then).label
        action.supporting = list(action.supporting_organisations.all())
        action.lead = (
            action.lead_organisation.name
            if action.lead_organisation
            else action.lead_person.display_name
            if action.lead_person
            else ""
        )
        action.rag = plan_action_rag(
            status=action.status_then,
            due_on=action.due_on,
            started_on=started_on,
            last_update_on=action.latest_update.on if action.latest_update else None,
            rag_override=action.rag_override if as_at is None else "",
            today=as_at or today,
            amber_days=amber_days,
        )
        action.overdue = bool(action.rag) and action.due_on is not None and action.due_on < today


@dataclass
class PrioritySection:
    """A priority of the version (or None: actions under no priority) and its actions."""

    priority: Priority | None
    actions: list[PlanAction]


def by_priority(priorities: list[Priority], actions: list[PlanAction]) -> list[PrioritySection]:
    sections = [
        PrioritySection(p, [a for a in actions if a.priority_id == p.pk]) for p in priorities
    ]
    loose = [a for a in actions if a.priority_id is None]
    if loose:
        sections.append(PrioritySection(None, loose))
    return sections


@dataclass
class PlanSummary:
    plan: Plan
    version: PlanVersion | None  # the current published version, else (officers) the draft
    draft: PlanVersion | None  # a draft the viewer may see


@dataclass
class BoardPlans:
    board: Board
    plans: list[PlanSummary]
    is_officer: bool


def _current(versions: list[PlanVersion]) -> tuple[PlanVersion | None, PlanVersion | None]:
    published = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    return published, draft


def board_plans_for_viewer(user, slug: str) -> BoardPlans:
    """The board's plans the viewer may read (those with a visible version), each with its
    current version: two queries however many plans."""
    board = get_object_or_404(Board, slug=slug)
    access = access_for(user)
    plans = list(
        Plan.objects.filter(board=board)
        .visible_to(access)
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=PlanVersion.objects.visible_to(access).order_by(*NEWEST_FIRST),
            )
        )
    )
    rows = []
    for plan in plans:
        plan.board = board
        versions = list(plan.versions.all())
        for version in versions:
            version.plan = plan
        published, draft = _current(versions)
        rows.append(PlanSummary(plan, published or draft or versions[0], draft))
    return BoardPlans(board=board, plans=rows, is_officer=can_manage_plans(access, board))


def plans_of_board(board: Board, access) -> list[Plan]:
    """For the board page: its plans the viewer may read, titles only (one query)."""
    plans = list(Plan.objects.filter(board=board).visible_to(access))
    for plan in plans:
        plan.board = board
    return plans


@dataclass
class PlanPage:
    board: Board
    plan: Plan
    version: PlanVersion
    versions: list[PlanVersion]
    sections: list[PrioritySection]
    counts: Counter
    is_officer: bool
    is_current: bool


def plan_page_for_viewer(
    user, slug: str, plan_slug: str, version_slug: str | None = None, today=None
) -> PlanPage:
    """A plan as the viewer may read it: the named version, or without one the current
    published version (for officers and members, a draft when nothing is published yet); 404
    for a plan or version they may not see."""
    today = today or timezone.localdate()
    access = access_for(user)
    plan = get_object_or_404(Plan.objects.select_related("board"), board__slug=slug, slug=plan_slug)
    versions = list(
        PlanVersion.objects.filter(plan=plan).visible_to(access).order_by(*NEWEST_FIRST)
    )
    if not versions:
        raise Http404
    for v in versions:
        v.plan = plan
    if version_slug is None:
        published, draft = _current(versions)
        version = published or draft or versions[0]
    else:
        version = next((v for v in versions if v.slug == version_slug), None)
        if version is None:
            raise Http404
    actions = list(plan_actions_for_viewer(access, version=version))
    decorate(actions, version, today, amber_within_days(plan.board_id))
    for action in actions:
        action.version = version
    priorities = list(version.priorities.prefetch_related("objectives"))
    counts = Counter(a.rag for a in actions if a.rag)
    counts["complete"] = sum(1 for a in actions if not a.is_open)
    counts["all"] = len(actions)
    return PlanPage(
        board=plan.board,
        plan=plan,
        version=version,
        versions=versions,
        sections=by_priority(priorities, actions),
        counts=counts,
        is_officer=can_manage_plans(access, plan.board),
        is_current=version.status == VersionStatus.PUBLISHED
        or (version.is_draft and not any(v.status == VersionStatus.PUBLISHED for v in versions)),
    )


@dataclass
class IndicatorFigure:
    indicator: Indicator
    month: datetime.date | None
    value: object


@dataclass
class PlanActionPage:
    action: PlanAction
    indicators: list[IndicatorFigure] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    is_officer: bool = False


def plan_action_for_viewer(
    user, slug: str, plan_slug: str, version_slug: str, pk: int, today=None
) -> PlanAction:
    access = access_for(user)
    action = (
        plan_actions_for_viewer(
            access,
            pk=pk,
            version__slug=version_slug,
            version__plan__slug=plan_slug,
            version__plan__board__slug=slug,
        )
        .select_related("version", "version__plan", "version__plan__board")
        .first()
    )
    if action is None:
        raise Http404
    decorate(
        [action],
        action.version,
        today or timezone.localdate(),
        amber_within_days(action.version.plan.board_id),
    )
    return action


def plan_action_page_for_viewer(
    user, slug: str, plan_slug: str, version_slug: str, pk: int, today=None
) -> PlanActionPage:
    """A plan action's page: its updates, the indicators measuring it with their latest figure,
    and the places and log actions linked to it that the viewer may see."""
    access = access_for(user)
    action = plan_action_for_viewer(user, slug, plan_slug, version_slug, pk, today)
    board = action.version.plan.board
    indicators = list(action.indicators.all())
    latest: dict[int, Measurement] = {}
    for m in Measurement.objects.filter(indicator__in=indicators, series=Series.LOCAL).order_by(
        "indicator_id", "-month"
    ):
        latest.setdefault(m.indicator_id, m)
    figures = [
        IndicatorFigure(
            i,
            latest[i.pk].month if i.pk in latest else None,
            latest[i.pk].value if i.pk in latest else None,
        )
        for i in indicators
    ]
    places = list(action.places.visible_to(access).select_related("board"))
    items = list(
        action.action_items.visible_to(access)
        .select_related("board", "owner_organisation", "meeting", "item")
        .prefetch_related("owners", "updates")
    )
    decorate_log_actions(items, today or timezone.localdate(), amber_within_days(board.pk))
    return PlanActionPage(
        action=action,
        indicators=figures,
        places=places,
        action_items=items,
        is_officer=can_manage_plans(access, board),
    )


def plan_action_for_officer(user, slug, plan_slug, version_slug, pk) -> PlanAction:
    """A plan action for its board's officers to change: 404 for anyone else."""
    action = plan_action_for_viewer(user, slug, plan_slug, version_slug, pk)
    if not can_manage_plans(access_for(user), action.version.plan.board):
        raise Http404
    return action


def plan_version_for_officer(user, slug, plan_slug, version_slug) -> PlanVersion:
    version = get_object_or_404(
        PlanVersion.objects.select_related("plan", "plan__board"),
        plan__board__slug=slug,
        plan__slug=plan_slug,
        slug=version_slug,
    )
    if not can_manage_plans(access_for(user), version.plan.board):
        raise Http404
    return version


def plan_for_officer(user, slug, plan_slug) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("board"), board__slug=slug, slug=plan_slug)
    if not can_manage_plans(access_for(user), plan.board):
        raise Http404
    return plan


@dataclass
class ProgressPlan:
    """A published plan as the progress report shows it at a date."""

    plan: Plan
    version: PlanVersion
    sections: list[PrioritySection]
    counts: Counter


def progress_as_at(board: Board, *, as_at: datetime.date, members: bool) -> list[ProgressPlan]:
    """The board's published plans (its own and its subgroups') as they stood at `as_at`: the
    version published by then, each action's status and latest update from the updates dated on
    or before it. `members`: with the actions withheld from the public, as the board's members
    see them; else the public's view. (An action added to a version after `as_at` is shown: the
    record keeps no date for when it joined the plan other than its own creation, which a
    loaded or imported plan does not have.)"""
    subgroup_ids = list(board.subgroups.values_list("pk", flat=True))
    access = (
        Access(authenticated=True, member_board_ids=frozenset({board.pk, *subgroup_ids}))
        if members
        else PUBLIC
    )
    end_of_day = datetime.datetime.combine(
        as_at + datetime.timedelta(days=1),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    versions = list(
        PlanVersion.objects.filter(
            plan__board_id__in=[board.pk, *subgroup_ids],
            status__in=(VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED),
            published_at__lt=end_of_day,
        )
        .select_related("plan", "plan__board")
        .prefetch_related("priorities")
        .order_by("plan__board__parent_id", "plan__board__name", "plan__title", "-published_at")
    )
    current: dict[int, PlanVersion] = {}
    for version in versions:  # the latest published by then, of each plan
        current.setdefault(version.plan_id, version)
    if not current:
        return []
    actions = list(
        plan_actions_for_viewer(access, version__in=list(current.values())).select_related(
            "version"
        )
    )
    then = statuses_as_of([a.pk for a in actions], end_of_day)
    amber: dict[int, int] = {}  # each plan's board's rule, as its own page rates it
    out = []
    for version in current.values():
        board_id = version.plan.board_id
        if board_id not in amber:
            amber[board_id] = amber_within_days(board_id)
        own = [a for a in actions if a.version_id == version.pk]
        decorate(own, version, as_at, amber[board_id], as_at=as_at, statuses_then=then)
        counts = Counter(a.rag for a in own if a.rag)
        counts["all"] = len(own)
        counts["complete"] = sum(1 for a in own if not a.rag)
        out.append(
            ProgressPlan(
                version.plan, version, by_priority(list(version.priorities.all()), own), counts
            )
        )
    return out


def statuses_as_of(action_ids: list[int], moment: datetime.datetime) -> dict[int, str]:
    """Each action's status as its history had it just before `moment` (one query); an action
    with no history by then is left out."""
    rows = (
        PlanAction.history.filter(id__in=action_ids, history_date__lt=moment)
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "status")
    )
    found: dict[int, str] = {}
    for action_id, status in rows:
        found.setdefault(action_id, status)
    return found


def subgroup_plan_actions(
    subgroup: Board, *, as_at: datetime.date | None = None
) -> list[PlanAction]:
    """The actions of the subgroup's published plans (the public's view: the update
    template goes to the parent board's public pack), with status and latest update."""
    today = as_at or timezone.localdate()
    actions = list(
        plan_actions_for_viewer(
            PUBLIC, version__plan__board=subgroup, version__status=VersionStatus.PUBLISHED
        ).select_related("version", "version__plan", "version__plan__board")
    )
    amber_days = amber_within_days(subgroup.pk)
    for version_id in {a.version_id for a in actions}:
        group = [a for a in actions if a.version_id == version_id]
        decorate(group, group[0].version, today, amber_days, as_at=as_at)
    return actions
