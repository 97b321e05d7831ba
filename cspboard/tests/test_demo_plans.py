"""The demo's plans: the seeds' VRU Violence Reduction Action Plan and CSP Plan as the board
agreed them on 8 December 2021, and the Safer Neighbourhood Sub Group's action plan, with the
restricted parts withheld."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cspboard.boards.access import PUBLIC, Access
from cspboard.demo.loader import load_demo
from cspboard.demo.tests.helpers import quick_pdf
from cspboard.plans.models import Plan, PlanAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    result = load_demo(today=datetime.date(2024, 6, 1), render_pdf=quick_pdf)
    assert result.counts["plans"] == 3
    return result


def test_the_vru_plan_is_published_with_its_categories_and_actions(demo):
    plan = Plan.objects.get(board__slug="csp", kind="vru_plan")
    assert plan.title == "LBBD VRU Violence Reduction Action Plan"
    version = plan.versions.get()
    assert version.label == "2021/22" and version.status == "published"
    assert version.published_at.date() == datetime.date(2021, 12, 8)
    assert [p.title for p in version.priorities.all()][:3] == [
        "Governance",
        "Analysis and enforcement",
        "Reducing access to weapons",
    ]
    mandated = version.actions.filter(mandated=True)
    assert mandated.count() == 2
    a1 = version.actions.get(reference="A1")
    assert [o.short_name or o.name for o in a1.supporting_organisations.all()] == ["MPS"]
    assert a1.indicators.filter(slug="serious-youth-violence").exists()
    s2 = version.actions.get(reference="S2")
    assert s2.supporting_organisations.get().name == "St Giles Trust"


def test_restricted_parts_are_withheld_from_the_public(demo, client):
    withheld = PlanAction.objects.filter(schedule_12a_paragraph__isnull=False)
    assert withheld.count() >= 2
    assert not PlanAction.objects.visible_to(PUBLIC).filter(pk__in=withheld).exists()
    csp = Plan.objects.get(kind="vru_plan").board
    member = Access(
        authenticated=True,
        member_board_ids=frozenset({csp.pk, *csp.subgroups.values_list("pk", flat=True)}),
    )
    assert PlanAction.objects.visible_to(member).filter(pk__in=withheld).count() == withheld.count()
    page = client.get(
        reverse("plans:plan_detail", args=["csp", "vru-violence-reduction-action-plan"])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Map the process and support package offered to victims" in text
    assert "Report the LCPF and VRU grant funding" not in text
    assert "Monitor tensions in Dagenham Heathway" not in text

    client.force_login(get_user_model().objects.get(username="member"))
    text = client.get(
        reverse("plans:plan_detail", args=["csp", "vru-violence-reduction-action-plan"])
    ).content.decode()
    assert "Report the LCPF and VRU grant funding" in text
    client.logout()
    text = client.get("/boards/csp/").content.decode()
    assert (
        "LBBD VRU Violence Reduction Action Plan" in text
        and "Community Safety Partnership Plan" in text
    )
    listing = client.get(reverse("plans:plan_list", args=["safer-borough"])).content.decode()
    assert "Safer Neighbourhood Sub Group action plan" in listing
