"""Every change to a plan: each function keyword-only, atomic, recording who made it (`by`),
called alike by the pages, the spreadsheet import and the demo loader."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cspboard.boards.models import Board
from cspboard.core.cache import bump_board_generation
from cspboard.core.exceptions import NotAllowed
from cspboard.core.history import attribute
from cspboard.meetings.choices import SecurityMarking

from .choices import PlanActionStatus, PlanKind, VersionStatus
from .models import Objective, Plan, PlanAction, PlanActionUpdate, PlanVersion, Priority


def _superseded(version_id: int) -> bool:
    """Read from the database: the caller's copy of the version may be older than a publish."""
    status = PlanVersion.objects.filter(pk=version_id).values_list("status", flat=True).first()
    return status == VersionStatus.SUPERSEDED


def _changed(board: Board) -> None:
    """Plans are shown on the board's cached page and in its (and its parent's) packs: move
    their cache generations inside the writing transaction."""
    bump_board_generation(board.pk)
    if board.parent_id:
        bump_board_generation(board.parent_id)


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def version_slug(label: str) -> str:
    """ "2023/24" -> "2023-24": the version's address under its plan."""
    return slugify(label.replace("/", "-")) or "version"


@transaction.atomic
def plan_create(
    *,
    board: Board,
    title: str,
    kind: str = PlanKind.OTHER,
    label: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    description: str = "",
    slug: str = "",
    by=None,
) -> Plan:
    """A new plan of the board, with its first version as a draft."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Enter the plan's title."})
    slug = slug or slugify(title)[:80] or "plan"
    if Plan.objects.filter(board=board, slug=slug).exists():
        raise ValidationError({"title": "The board already has a plan of that name."})
    plan = Plan(board=board, kind=kind, title=title, slug=slug, description=description)
    attribute(plan, by)
    plan.save()
    plan_version_create(plan=plan, label=label, starts_on=starts_on, ends_on=ends_on, by=by)
    _changed(board)
    return plan


@transaction.atomic
def plan_version_create(
    *,
    plan: Plan,
    label: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    refreshed_from: PlanVersion | None = None,
    by=None,
) -> PlanVersion:
    label = label.strip()
    if not label:
        raise ValidationError({"label": "Enter the period the version covers, like 2024/25."})
    slug = version_slug(label)
    if PlanVersion.objects.filter(plan=plan, slug=slug).exists():
        raise ValidationError({"label": f"The plan already has a version {label}."})
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "The end must be on or after the start."})
    version = PlanVersion(
        plan=plan,
        label=label,
        slug=slug,
        starts_on=starts_on,
        ends_on=ends_on,
        refreshed_from=refreshed_from,
    )
    attribute(version, by)
    version.save()
    _changed(plan.board)
    return version


def _draft(version: PlanVersion) -> None:
    version.refresh_from_db(fields=["status"])
    if version.status != VersionStatus.DRAFT:
        raise NotAllowed(
            f"{version} is {version.get_status_display().lower()}: refresh it to a new version "
            "to change its priorities."
        )


@transaction.atomic
def priority_add(
    *,
    version: PlanVersion,
    title: str,
    description: str = "",
    position: int | None = None,
    by=None,
) -> Priority:
    _draft(version)
    if not title.strip():
        raise ValidationError({"title": "Enter the priority."})
    if position is None:
        position = version.priorities.count() + 1
    _changed(version.plan.board)
    return Priority.objects.create(
        version=version, title=title.strip(), description=description, position=position
    )


@transaction.atomic
def priority_edit(
    *, priority: Priority, title: str, description: str = "", position: int | None = None, by=None
) -> Priority:
    _draft(priority.version)
    if not title.strip():
        raise ValidationError({"title": "Enter the priority."})
    priority.title, priority.description = title.strip(), description
    fields = ["title", "description"]
    if position is not None:
        priority.position = position
        fields.append("position")
    priority.save(update_fields=fields)
    _changed(priority.version.plan.board)
    return priority


@transaction.atomic
def objective_add(*, priority: Priority, title: str, by=None) -> Objective:
    _draft(priority.version)
    if not title.strip():
        raise ValidationError({"title": "Enter the objective."})
    _changed(priority.version.plan.board)
    return Objective.objects.create(
        priority=priority, title=title.strip(), position=priority.objectives.count() + 1
    )


def _check_action(version, priority, objective, marking, paragraph, reference, exclude_pk=None):
    if priority is not None and priority.version_id != version.pk:
        raise ValidationError({"priority": "Choose one of this version's priorities."})
    if objective is not None and (priority is None or objective.priority_id != priority.pk):
        raise ValidationError({"objective": "Choose an objective of the action's priority."})
    if marking in (SecurityMarking.PROTECTED, SecurityMarking.RESTRICTED) and not paragraph:
        raise ValidationError(
            {"schedule_12a_paragraph": "Give the Schedule 12A paragraph it is withheld under."}
        )
    if reference:
        taken = PlanAction.objects.filter(version=version, reference=reference)
        if exclude_pk:
            taken = taken.exclude(pk=exclude_pk)
        if taken.exists():
            raise ValidationError({"reference": f"This version already has an action {reference}."})


@transaction.atomic
def plan_action_add(
    *,
    version: PlanVersion,
    description: str,
    reference: str = "",
    priority: Priority | None = None,
    objective: Objective | None = None,
    mandated: bool = False,
    lead_organisation=None,
    supporting_organisations: Iterable = (),
    lead_person=None,
    due_on: datetime.date | None = None,
    status: str = PlanActionStatus.NOT_STARTED,
    rag_override: str = "",
    security_marking: str = SecurityMarking.UNRESTRICTED,
    schedule_12a_paragraph: int | None = None,
    position: int | None = None,
    indicators: Iterable | None = None,
    places: Iterable | None = None,
    action_items: Iterable | None = None,
    by=None,
) -> PlanAction:
    """An action of a version. Actions are added to drafts and, while a version is current, to
    the published one too (a plan gains actions in year). Its links, if given, are set as by
    `plan_action_link`, in the same transaction."""
    if _superseded(version.pk):
        raise NotAllowed(f"{version} is superseded: add the action to the current version.")
    reference = reference.strip()
    if not description.strip():
        raise ValidationError({"description": "Enter what the action is."})
    _check_action(version, priority, objective, security_marking, schedule_12a_paragraph, reference)
    if position is None:
        position = version.actions.count() + 1
    action = PlanAction(
        version=version,
        reference=reference,
        priority=priority,
        objective=objective,
        description=description.strip(),
        mandated=mandated,
        lead_organisation=lead_organisation,
        lead_person=lead_person,
        due_on=due_on,
        status=status,
        rag_override=rag_override,
        security_marking=security_marking,
        schedule_12a_paragraph=schedule_12a_paragraph,
        position=position,
    )
    attribute(action, by)
    action.save()
    action.supporting_organisations.set(list(supporting_organisations))
    if (indicators, places, action_items) != (None, None, None):
        plan_action_link(
            action=action, indicators=indicators, places=places, action_items=action_items, by=by
        )
    _changed(version.plan.board)
    return action


EDITABLE = (
    "reference",
    "priority",
    "objective",
    "description",
    "mandated",
    "lead_organisation",
    "lead_person",
    "due_on",
    "status",
    "rag_override",
    "security_marking",
    "schedule_12a_paragraph",
)


@transaction.atomic
def plan_action_edit(
    *,
    action: PlanAction,
    by=None,
    supporting_organisations: Iterable | None = None,
    indicators: Iterable | None = None,
    places: Iterable | None = None,
    action_items: Iterable | None = None,
    **changes,
) -> PlanAction:
    """Change an action's fields (any of `EDITABLE`) and, if given, its supporting
    organisations and links (as `plan_action_link` sets them), in one transaction."""
    if _superseded(action.version_id):
        raise NotAllowed(f"{action.version} is superseded: its actions are kept as they were.")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    if not action.description:
        raise ValidationError({"description": "Enter what the action is."})
    _check_action(
        action.version,
        action.priority,
        action.objective,
        action.security_marking,
        action.schedule_12a_paragraph,
        action.reference,
        exclude_pk=action.pk,
    )
    attribute(action, by)
    action.save(update_fields=[*changes, "updated_at"])
    if supporting_organisations is not None:
        action.supporting_organisations.set(list(supporting_organisations))
    if (indicators, places, action_items) != (None, None, None):
        plan_action_link(
            action=action, indicators=indicators, places=places, action_items=action_items, by=by
        )
    _changed(action.version.plan.board)
    return action


@transaction.atomic
def plan_action_link(
    *,
    action: PlanAction,
    indicators: Iterable | None = None,
    places: Iterable | None = None,
    action_items: Iterable | None = None,
    by=None,
) -> PlanAction:
    """Set what measures the action (indicators), where it is (places) and the log's actions
    that carry it: each of the board's own (or its parent's, for a subgroup's plan)."""
    board = action.version.plan.board
    boards = {board.pk, board.parent_id} - {None}
    for label, rows in (("indicators", indicators), ("places", places)):
        if rows is not None and any(row.board_id not in boards for row in rows):
            raise ValidationError({label: f"Choose {label} of {board}."})
    if action_items is not None and any(row.board_id not in boards for row in action_items):
        raise ValidationError({"action_items": f"Choose actions on the log of {board}."})
    if indicators is not None:
        action.indicators.set(list(indicators))
    if places is not None:
        action.places.set(list(places))
    if action_items is not None:
        action.action_items.set(list(action_items))
    _changed(board)
    return action


@transaction.atomic
def plan_action_update_post(
    *,
    action: PlanAction,
    text: str,
    status: str,
    on: datetime.date | None = None,
    by=None,
    by_person=None,
) -> PlanActionUpdate:
    """A dated progress update: the text and the action's status that day. The action takes the
    status of its latest update."""
    if _superseded(action.version_id):
        raise NotAllowed(f"{action.version} is superseded: post updates on the current version.")
    if not text.strip():
        raise ValidationError({"text": "Enter the progress update."})
    if status not in PlanActionStatus.values:
        raise ValidationError({"status": "Choose the action's status."})
    on = on or timezone.localdate()
    update = PlanActionUpdate.objects.create(
        action=action, on=on, status=status, text=text.strip(), by=_user(by), by_person=by_person
    )
    latest = action.updates.order_by("-on", "-pk").first()
    if latest is not None and latest.status != action.status:
        action.status = latest.status
        attribute(action, by)
        action.save(update_fields=["status", "updated_at"])
    _changed(action.version.plan.board)
    return update


@transaction.atomic
def plan_version_publish(
    *, version: PlanVersion, by=None, at: datetime.datetime | None = None
) -> PlanVersion:
    """Publish a draft; the version it replaces (the plan's published one) is superseded.
    `at`: when it was agreed, if not now (a plan loaded after the board agreed it)."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise NotAllowed(f"{version} is already {version.get_status_display().lower()}.")
    for current in PlanVersion.objects.filter(
        plan_id=version.plan_id, status=VersionStatus.PUBLISHED
    ):
        current.status = VersionStatus.SUPERSEDED
        attribute(current, by)
        current.save(update_fields=["status"])
    version.status = VersionStatus.PUBLISHED
    version.published_at = at or timezone.now()
    version.published_by = _user(by)
    attribute(version, by)
    version.save(update_fields=["status", "published_at", "published_by"])
    _changed(version.plan.board)
    return version


@transaction.atomic
def plan_version_refresh(
    *,
    version: PlanVersion,
    label: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    by=None,
) -> PlanVersion:
    """The annual refresh: a new draft of the plan with the version's priorities, objectives and
    actions copied (their status and links carried over, their updates left with the old
    version, which stays readable at its own address)."""
    new = plan_version_create(
        plan=version.plan,
        label=label,
        starts_on=starts_on,
        ends_on=ends_on,
        refreshed_from=version,
        by=by,
    )
    priorities: dict[int, Priority] = {}
    objectives: dict[int, Objective] = {}
    for priority in version.priorities.prefetch_related("objectives"):
        copy = Priority.objects.create(
            version=new,
            position=priority.position,
            title=priority.title,
            description=priority.description,
        )
        priorities[priority.pk] = copy
        for objective in priority.objectives.all():
            objectives[objective.pk] = Objective.objects.create(
                priority=copy, position=objective.position, title=objective.title
            )
    for action in version.actions.prefetch_related(
        "supporting_organisations", "indicators", "places", "action_items"
    ):
        copy = PlanAction(
            version=new,
            priority=priorities.get(action.priority_id),
            objective=objectives.get(action.objective_id),
            position=action.position,
            reference=action.reference,
            description=action.description,
            mandated=action.mandated,
            lead_organisation_id=action.lead_organisation_id,
            lead_person_id=action.lead_person_id,
            due_on=action.due_on,
            status=action.status,
            security_marking=action.security_marking,
            schedule_12a_paragraph=action.schedule_12a_paragraph,
        )
        attribute(copy, by)
        copy.save()
        copy.supporting_organisations.set(action.supporting_organisations.all())
        copy.indicators.set(action.indicators.all())
        copy.places.set(action.places.all())
        copy.action_items.set(action.action_items.all())
    return new
