import datetime

import pytest
from django.core.exceptions import ValidationError

from cspboard.boards.tests.factories import BoardFactory
from cspboard.core.exceptions import NotAllowed
from cspboard.people.tests.factories import OrganisationFactory, UserFactory
from cspboard.plans import services
from cspboard.plans.choices import PlanActionStatus, VersionStatus
from cspboard.plans.models import PlanAction, PlanVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return services.plan_create(
        board=BoardFactory(slug="csp"),
        title="Violence Reduction Action Plan",
        kind="vru_plan",
        label="2023/24",
        starts_on=datetime.date(2023, 4, 1),
        ends_on=datetime.date(2024, 3, 31),
    )


def test_plan_create_makes_a_draft_first_version(plan):
    version = plan.versions.get()
    assert (version.label, version.slug, version.status) == ("2023/24", "2023-24", "draft")
    with pytest.raises(ValidationError):
        services.plan_create(board=plan.board, title=plan.title, label="2024/25")


def test_publish_supersedes_the_current_version_and_refresh_copies(plan):
    user = UserFactory()
    v1 = plan.versions.get()
    police, council = OrganisationFactory(name="Met Police"), OrganisationFactory(name="LBBD")
    priority = services.priority_add(version=v1, title="Violence against women and girls")
    objective = services.objective_add(priority=priority, title="Safer streets")
    action = services.plan_action_add(
        version=v1,
        reference="M1",
        description="Deliver the bystander programme",
        priority=priority,
        objective=objective,
        mandated=True,
        lead_organisation=council,
        supporting_organisations=[police],
        status=PlanActionStatus.IN_PROGRESS,
    )
    services.plan_version_publish(version=v1, by=user)
    v1.refresh_from_db()
    assert v1.status == VersionStatus.PUBLISHED and v1.published_by == user
    with pytest.raises(NotAllowed):
        services.plan_version_publish(version=v1, by=user)
    with pytest.raises(NotAllowed):
        services.priority_add(version=v1, title="Late")

    v2 = services.plan_version_refresh(version=v1, label="2024/25", by=user)
    copy = v2.actions.get()
    assert copy.pk != action.pk
    assert (copy.reference, copy.mandated, copy.lead_organisation, copy.status) == (
        "M1",
        True,
        council,
        PlanActionStatus.IN_PROGRESS,
    )
    assert list(copy.supporting_organisations.all()) == [police]
    assert copy.priority.version == v2 and copy.objective.priority == copy.priority
    services.plan_version_publish(version=v2, by=user)
    assert PlanVersion.objects.get(pk=v1.pk).status == VersionStatus.SUPERSEDED
    with pytest.raises(NotAllowed):
        services.plan_action_update_post(action=action, text="x", status="complete")


def test_update_sets_status_from_the_latest_dated_update(plan):
    v1 = plan.versions.get()
    action = services.plan_action_add(version=v1, reference="M1", description="Do it")
    services.plan_action_update_post(
        action=action, text="Started", status="in_progress", on=datetime.date(2023, 6, 1)
    )
    assert PlanAction.objects.get(pk=action.pk).status == "in_progress"
    # A late-entered update dated earlier does not turn the clock back.
    services.plan_action_update_post(
        action=action, text="Planning", status="not_started", on=datetime.date(2023, 5, 1)
    )
    assert PlanAction.objects.get(pk=action.pk).status == "in_progress"
    with pytest.raises(ValidationError):
        services.plan_action_update_post(action=action, text=" ", status="complete")


def test_references_are_unique_per_version_and_withheld_needs_a_paragraph(plan):
    v1 = plan.versions.get()
    services.plan_action_add(version=v1, reference="M1", description="One")
    with pytest.raises(ValidationError):
        services.plan_action_add(version=v1, reference="M1", description="Two")
    with pytest.raises(ValidationError):
        services.plan_action_add(
            version=v1, reference="M2", description="Two", security_marking="RESTRICTED"
        )


def test_links_refuse_another_boards_things(plan):
    from cspboard.places.models import Place

    v1 = plan.versions.get()
    action = services.plan_action_add(version=v1, description="One")
    own = Place.objects.create(board=plan.board, name="Barking Station", slug="barking-station")
    other = Place.objects.create(board=BoardFactory(), name="Elsewhere", slug="elsewhere")
    services.plan_action_link(action=action, places=[own])
    assert list(action.places.all()) == [own]
    with pytest.raises(ValidationError):
        services.plan_action_link(action=action, places=[other])
