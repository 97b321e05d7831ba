"""A subgroup's update report (reports) lists the plan actions the subgroup leads (plans),
through `cspboard.reports.contributions`: on its page, its form and its paper, as the public
may see them (never a withheld action, since the update goes into the public pack)."""

import datetime

import pytest
from django.urls import reverse

from cspboard.plans import services
from cspboard.reports.rendering import subgroup_update_pdf

# The reports' fixtures coming and updates: imported, they are this module's.
from cspboard.reports.tests.conftest import coming as coming
from cspboard.reports.tests.subgroup_updates import text
from cspboard.reports.tests.subgroup_updates import updates as updates

pytestmark = pytest.mark.django_db


@pytest.fixture
def led(updates):
    s = updates
    plan = services.plan_create(board=s.subgroup, title="VAWG action plan", label="2023/24")
    version = plan.versions.get()
    action = services.plan_action_add(
        version=version, reference="W1", description="LEDACTION bystander training"
    )
    services.plan_action_add(
        version=version,
        reference="W2",
        description="HIDDENACTION",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    services.plan_action_update_post(
        action=action,
        text="LEDUPDATE schools signed up",
        status="in_progress",
        on=datetime.date(2023, 1, 5),
    )
    services.plan_version_publish(version=version)
    return s


def test_the_update_page_form_and_paper_list_the_led_actions(client, led):
    s = led
    update = s.coming.subgroup_updates.get(subgroup=s.subgroup)
    args = [s.board.slug, s.coming.date, s.subgroup.slug]
    client.force_login(s.officer)  # the coming meeting's agenda is not published yet
    page = client.get(reverse("reports:subgroup_update", args=args)).content.decode()
    assert "LEDACTION" in page and "LEDUPDATE" in page and "HIDDENACTION" not in page
    form = client.get(reverse("reports:subgroup_update_write", args=args)).content.decode()
    assert "LEDACTION" in form and "HIDDENACTION" not in form
    paper = text(subgroup_update_pdf(update))
    assert "LEDACTION" in paper and "In progress" in paper and "HIDDENACTION" not in paper


def test_a_subgroup_without_plans_lists_nothing(client, led):
    s = led
    args = [s.board.slug, s.coming.date, s.second_subgroup.slug]
    client.force_login(s.officer)
    page = client.get(reverse("reports:subgroup_update", args=args)).content.decode()
    assert "Plan actions the subgroup leads" not in page
