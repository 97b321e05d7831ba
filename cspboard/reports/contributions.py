"""What the subgroup update template shows of the apps above reports: the plan actions the
subgroup leads (registered by plans in its AppConfig.ready), so that reports draws them on the
update's page, its form and its paper without importing plans. With nothing registered the
template shows none.

A provider is `provider(subgroup, *, as_at)` returning `LedAction`s: the actions of the
subgroup's published plans as the public may see them (the update goes into the public pack
unless it is withheld), with each action's status and latest update on or before `as_at` (None:
today)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cspboard.boards.models import Board


@dataclass(frozen=True)
class LedAction:
    """A plan action the subgroup leads, as its update report lists it."""

    plan: str  # the plan and version: "VAWG action plan 2023/24"
    reference: str
    description: str
    lead: str
    due_on: datetime.date | None
    status: str  # as said: "In progress"
    rag: str  # "R", "A", "G" or ""
    latest_update: str
    latest_on: datetime.date | None
    url: str


SubgroupActionsProvider = Callable[..., list[LedAction]]
_providers: list[SubgroupActionsProvider] = []


def register_subgroup_actions(provider: SubgroupActionsProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def subgroup_actions(subgroup: Board, *, as_at: datetime.date | None = None) -> list[LedAction]:
    return [action for provider in _providers for action in provider(subgroup, as_at=as_at)]
