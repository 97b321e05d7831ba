import datetime

import factory

from cspboard.boards.tests.factories import BoardFactory
from cspboard.plans.choices import PlanKind, VersionStatus
from cspboard.plans.models import Plan, PlanAction, PlanVersion, Priority


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    board = factory.SubFactory(BoardFactory)
    kind = PlanKind.VRU_PLAN
    title = factory.Sequence(lambda n: f"Violence Reduction Action Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")


class PlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(PlanFactory)
    label = "2023/24"
    slug = "2023-24"
    starts_on = datetime.date(2023, 4, 1)
    ends_on = datetime.date(2024, 3, 31)
    status = VersionStatus.DRAFT


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    version = factory.SubFactory(PlanVersionFactory)
    position = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Priority {n}")


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    version = factory.SubFactory(PlanVersionFactory)
    reference = factory.Sequence(lambda n: f"M{n}")
    description = factory.Sequence(lambda n: f"Plan action {n}")
