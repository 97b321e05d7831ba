"""The demo board's plans (`data/plans.yaml`), loaded through the plans services: the LBBD VRU
Violence Reduction Action Plan and the CSP Plan agreed on 8 December 2021, and the Safer
Neighbourhood Sub Group's action plan of March 2018, each published on the day the board saw it,
with the actions the minutes name, their leads and supporting organisations where the minutes
give them, and the parts the minutes restrict withheld under Schedule 12A.
A data folder without `plans.yaml` loads no plans."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.utils import timezone

from cspboard.boards.models import Board
from cspboard.meetings.choices import SecurityMarking
from cspboard.people.models import Organisation
from cspboard.people.services import organisation_create
from cspboard.performance.models import Indicator
from cspboard.plans.choices import PlanActionStatus
from cspboard.plans.services import (
    plan_action_add,
    plan_action_link,
    plan_action_update_post,
    plan_create,
    plan_version_publish,
    priority_add,
)


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def load_plans(
    *, boards: dict[str, Board], orgs: dict[str, Organisation], data_dir: Path, counts: dict
) -> None:
    path = data_dir / "plans.yaml"
    if not path.exists():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    orgs = dict(orgs)
    for row in data.get("organisations", []):
        if row["key"] not in orgs:
            orgs[row["key"]] = Organisation.objects.filter(
                name=row["name"]
            ).first() or organisation_create(name=row["name"], kind=row.get("kind", "other"))
    counts.setdefault("plans", 0)
    counts.setdefault("plan actions", 0)
    for plan_row in data["plans"]:
        board = boards[plan_row["board"]]
        indicators = {
            i.slug: i for i in Indicator.objects.filter(board_id__in=[board.pk, board.parent_id])
        }
        first, *later = plan_row["versions"]
        plan = plan_create(
            board=board,
            kind=plan_row["kind"],
            title=plan_row["title"],
            slug=plan_row["slug"],
            description=" ".join(plan_row.get("description", "").split()),
            label=str(first["label"]),
            starts_on=_date(first.get("starts_on")),
            ends_on=_date(first.get("ends_on")),
        )
        counts["plans"] += 1
        version = plan.versions.get()
        for position, priority_row in enumerate(first.get("priorities", []), start=1):
            priority = priority_add(
                version=version,
                title=priority_row["title"],
                description=" ".join(priority_row.get("description", "").split()),
                position=position,
            )
            for action_row in priority_row.get("actions", []):
                _action(version, priority, action_row, orgs, indicators)
                counts["plan actions"] += 1
        for n in range(1, first.get("mandated_unassigned", 0) + 1):
            plan_action_add(
                version=version,
                reference=f"M{n}",
                description=(
                    "VRU mandated action, not yet assigned when the draft plan went out on "
                    "11 November 2021; the board identified its lead and support organisations "
                    "on 8 December 2021."
                ),
                mandated=True,
                status=PlanActionStatus.NOT_STARTED,
            )
            counts["plan actions"] += 1
        published_on = _date(first.get("published_on"))
        if published_on:
            plan_version_publish(version=version, at=_at(published_on))


def _action(version, priority, row: dict, orgs: dict, indicators: dict):
    paragraph = row.get("withheld")
    action = plan_action_add(
        version=version,
        priority=priority,
        reference=str(row.get("ref", "")),
        description=" ".join(row["text"].split()),
        mandated=bool(row.get("mandated", False)),
        lead_organisation=orgs[row["lead"]] if row.get("lead") else None,
        supporting_organisations=[orgs[key] for key in row.get("support", [])],
        due_on=_date(row.get("due")),
        status=row.get("status", PlanActionStatus.NOT_STARTED),
        security_marking=SecurityMarking.RESTRICTED if paragraph else SecurityMarking.UNRESTRICTED,
        schedule_12a_paragraph=paragraph,
    )
    if row.get("indicators"):
        plan_action_link(action=action, indicators=[indicators[s] for s in row["indicators"]])
    for update in row.get("updates", []):
        plan_action_update_post(
            action=action,
            text=" ".join(update["text"].split()),
            status=update["status"],
            on=_date(update["date"]),
        )
    return action
