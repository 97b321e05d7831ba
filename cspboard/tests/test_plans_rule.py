"""The plans rule (cspboard.meetings.permissions.plan_version_visible_q and its row-level twin
can_see_plan_version): published and superseded versions are public, drafts for the board's
officers and members (and those of a board above it); a plan action inside a visible version is
withheld on its own account. The filter and the twin give the same answers for every viewer."""

import itertools

import pytest

from cspboard.boards.access import PUBLIC, Access
from cspboard.meetings.permissions import can_see_plan_version
from cspboard.plans.models import PlanAction, PlanVersion
from cspboard.plans.tests.factories import PlanActionFactory, PlanFactory, PlanVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(scenario):
    s = scenario
    rows = []
    for board, status in itertools.product(
        [s.board, s.subgroup, s.other], ["draft", "published", "superseded"]
    ):
        version = PlanVersionFactory(
            plan=PlanFactory(board=board), status=status, label=status, slug=status
        )
        rows.append(version)
        PlanActionFactory(version=version, reference="open")
        PlanActionFactory(
            version=version,
            reference="held",
            security_marking="RESTRICTED",
            schedule_12a_paragraph=3,
        )
    return rows


def viewers(s):
    return {
        "public": PUBLIC,
        "officer": Access(
            authenticated=True,
            officer_board_ids=frozenset({s.board.pk, s.subgroup.pk}),
            member_board_ids=frozenset({s.board.pk, s.subgroup.pk}),
        ),
        "subgroup member": Access(authenticated=True, member_board_ids=frozenset({s.subgroup.pk})),
        "outsider": Access(authenticated=True, member_board_ids=frozenset({s.other.pk})),
        "admin": Access(authenticated=True, is_admin=True),
    }


def test_the_filter_and_its_twin_agree(versions, scenario):
    for name, access in viewers(scenario).items():
        seen = set(PlanVersion.objects.visible_to(access).values_list("pk", flat=True))
        twin = {v.pk for v in versions if can_see_plan_version(access, v.plan.board_id, v.status)}
        assert seen == twin, name


def test_who_sees_which_drafts_and_withheld_actions(versions, scenario):
    s = scenario
    v = viewers(s)
    drafts = {
        name: set(
            PlanVersion.objects.visible_to(access)
            .filter(status="draft")
            .values_list("plan__board__slug", flat=True)
        )
        for name, access in v.items()
    }
    assert drafts["public"] == set()
    assert drafts["officer"] == {"csp", "vawg"}
    assert drafts["subgroup member"] == {"vawg"}
    assert drafts["outsider"] == {"other"}
    held = {
        name: set(
            PlanAction.objects.visible_to(access)
            .filter(reference="held")
            .values_list("version__plan__board__slug", "version__status")
        )
        for name, access in v.items()
    }
    assert held["public"] == set()
    assert {b for b, _ in held["subgroup member"]} == {"vawg"}
    assert ("csp", "draft") in held["officer"]
    opened = set(
        PlanAction.objects.visible_to(PUBLIC)
        .filter(reference="open")
        .values_list("version__status", flat=True)
    )
    assert opened == {"published", "superseded"}
